import { describe, it } from 'vitest';
import type { ClaimEvent } from '../../src/claim/claim.js';
import { type ClaimCommand, claimDecider } from '../../src/claim/decide.js';
import { creditCode, NOW } from '../support/domain-fixtures.js';
import { deciderSpec } from '../support/domain-spec.js';

const spec = deciderSpec(claimDecider);
const group = 'xuchang-municipal-fiscal-support';
const scaleUp = { kind: 'scale-up-statistics', reference: '禹统〔2016〕规上第23号' };
const firm = creditCode(3);
const otherFirm = creditCode(4);

const claim = (approvalId: string, lineCode: string, by = firm, fiscalYear = 2016): Extract<ClaimCommand, { type: 'ClaimFact' }> => ({
  type: 'ClaimFact',
  data: {
    exclusivityGroup: group,
    fact: scaleUp,
    applicationId: `app-${approvalId}`,
    approvalId,
    lineCode,
    creditCode: by,
    fiscalYear,
    paidYearly: lineCode === 'patent-pledge-subsidy',
    now: NOW,
  },
});
const claimed = (approvalId: string, lineCode: string, by = firm, fiscalYear = 2016): ClaimEvent => ({
  type: 'FactClaimed',
  data: {
    exclusivityGroup: group, fact: scaleUp, applicationId: `app-${approvalId}`, approvalId, lineCode, creditCode: by, fiscalYear, claimedAt: NOW,
  },
});
const released = (approvalId: string): ClaimEvent => ({
  type: 'FactClaimReleased',
  data: { applicationId: `app-${approvalId}`, approvalId, releasedAt: NOW },
});
const countyMatch = (approvalId: string, approvedApplicationIds: string[], by = firm) => ({
  ...claim(approvalId, 'scale-up-county-match', by),
  data: { ...claim(approvalId, 'scale-up-county-match', by).data, prerequisite: { lineCode: 'scale-up-reward', approvedApplicationIds } },
});

describe('an unclaimed fact', () => {
  it('is claimed by an approval', () => {
    spec.given([]).when(claim('a1', 'scale-up-reward')).then([claimed('a1', 'scale-up-reward')]);
  });

  it('does not back the county match before the municipal scale-up reward', () => {
    spec.given([]).when(countyMatch('a2', [])).thenFails('PREREQUISITE_MISSING', /only after scale-up-reward was approved/);
  });
});

describe('a fact backing the municipal scale-up reward', () => {
  const given = [claimed('a1', 'scale-up-reward')];

  it('backs the county match for the same firm once the reward is approved (配套奖励)', () => {
    spec.given(given).when(countyMatch('a2', ['app-a1'])).then([claimed('a2', 'scale-up-county-match')]);
  });

  it('does not back the county match while the reward is still being approved', () => {
    spec.given(given).when(countyMatch('a2', [])).thenFails('PREREQUISITE_MISSING');
  });

  it('does not back the county match of another firm', () => {
    spec.given(given).when(countyMatch('a2', ['app-a1'], otherFirm)).thenFails('DOUBLE_DIPPING');
  });

  it("does not back another firm's reward on the same line (不重复享受), naming neither the other application nor the other firm", () => {
    spec
      .given(given)
      .when(claim('a2', 'scale-up-reward', otherFirm))
      .thenFails('DOUBLE_DIPPING', new RegExp(`^(?!.*(app-a1|${firm})).*another beneficiary's award on scale-up-reward.*不重复享受`));
  });

  it('does not back a second reward to the same firm, which already holds this once-only award', () => {
    spec.given(given).when(claim('a2', 'scale-up-reward')).thenFails('ALREADY_AWARDED', /already backs an award on scale-up-reward$/);
  });

  it('does not back an award on another line of the group (不重复享受)', () => {
    spec.given(given).when(claim('a2', 'sme-special-fund')).thenFails('DOUBLE_DIPPING', /不重复享受/);
  });

  it('is claimed once per approval: the same approval claims again without writing', () => {
    spec.given(given).when(claim('a1', 'scale-up-reward')).then([]);
  });

  it('is released when that approval is abandoned, and is free again', () => {
    spec.given(given).when({ type: 'ReleaseFactClaim', data: { approvalId: 'a1', now: NOW } }).then([released('a1')]);
    spec.given([...given, released('a1')]).when(claim('a2', 'sme-special-fund')).then([claimed('a2', 'sme-special-fund')]);
  });
});

describe('a fact whose claim was released', () => {
  const given = [claimed('a1', 'scale-up-reward'), released('a1')];

  it('is never claimed again by the abandoned approval', () => {
    spec.given(given).when(claim('a1', 'scale-up-reward')).thenFails('INVALID_TRANSITION', /abandoned/);
  });

  it('is not released twice', () => {
    spec.given(given).when({ type: 'ReleaseFactClaim', data: { approvalId: 'a1', now: NOW } }).then([]);
  });
});

describe('a fact backing a line paid yearly (the patent-pledge subsidy, capped per year)', () => {
  const given = [claimed('a1', 'patent-pledge-subsidy', firm, 2016)];

  it("backs the next year's subsidy on the same pledge loan", () => {
    spec.given(given).when(claim('a2', 'patent-pledge-subsidy', firm, 2017)).then([claimed('a2', 'patent-pledge-subsidy', firm, 2017)]);
  });

  it('does not back a second subsidy on it in the same year', () => {
    spec.given(given).when(claim('a2', 'patent-pledge-subsidy', firm, 2016)).thenFails('ALREADY_AWARDED', /for 2016/);
  });

  it("does not back another firm's subsidy, even in another year: the loan is the first firm's (不重复享受)", () => {
    spec.given(given).when(claim('a2', 'patent-pledge-subsidy', otherFirm, 2017)).thenFails('DOUBLE_DIPPING', /another beneficiary's award/);
  });

  it('still does not back another line of the group in another year', () => {
    spec.given(given).when(claim('a2', 'sme-special-fund', firm, 2017)).thenFails('DOUBLE_DIPPING');
  });
});

describe('a NEEQ listing backing one firm\'s ¥500,000 listing reward (新三板挂牌)', () => {
  const listing = { kind: 'neeq-listing', reference: '股转系统函〔2016〕120号' };
  const onListing = <T extends { data: object }>(message: T): T => ({ ...message, data: { ...message.data, fact: listing } });
  const given = [onListing(claimed('a1', 'neeq-listing-reward'))];

  it("is double dipping when another firm's reward rests on it", () => {
    spec
      .given(given)
      .when(onListing(claim('a2', 'neeq-listing-reward', otherFirm)))
      .thenFails('DOUBLE_DIPPING', /^neeq-listing "股转系统函〔2016〕120号" already backs another beneficiary's award on neeq-listing-reward; one fact/);
  });

  it("is double dipping when another firm's special-fund grant rests on it", () => {
    spec.given(given).when(onListing(claim('a2', 'sme-special-fund', otherFirm))).thenFails('DOUBLE_DIPPING', /another beneficiary's award on neeq-listing-reward/);
  });

  it('is already awarded when the same firm asks for the reward again', () => {
    spec.given(given).when(onListing(claim('a2', 'neeq-listing-reward'))).thenFails('ALREADY_AWARDED');
  });
});
