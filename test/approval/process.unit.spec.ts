/**
 * The approval process, given what has happened to one approval, then its next step. The crash
 * points are those of test/commands/crash-recovery.int.spec.ts: a process that died after any
 * append resumes from exactly what the streams show.
 */
import { describe, expect, it } from 'vitest';
import {
  type ApprovalEvent,
  type ApprovalStep,
  isUnfinished,
  nextStep,
  observedProgress,
  progressOf,
  refusalAbandons,
} from '../../src/approval/process.js';
import { yuan } from '../support/domain-fixtures.js';

const APPROVAL = 'approval-1';
const APPLICATION = 'application-1';
const BUDGET_LINE = 'neeq-listing-reward.2016.municipal';
const AT = '2016-06-01T09:00:00.000Z';
const AMOUNT = yuan(500_000);

// ── What the streams show of a ¥500,000 NEEQ listing reward (新三板挂牌奖励) being approved ──

const ids = { applicationId: APPLICATION, approvalId: APPROVAL };
const started: ApprovalEvent = { type: 'ApprovalStarted', data: { ...ids, amountFen: AMOUNT, approvedBy: 'director-zhang', startedAt: AT } };
const fact = { kind: 'neeq-listing', reference: '股转系统函〔2016〕21号' };
const factClaimed: ApprovalEvent = {
  type: 'FactClaimed',
  data: { ...ids, exclusivityGroup: 'xuchang-sme', fact, lineCode: 'neeq-listing-reward', creditCode: 'firm', fiscalYear: 2016, claimedAt: AT },
};
const entitlementReserved: ApprovalEvent = {
  type: 'EntitlementReserved',
  data: { ...ids, lineCode: 'neeq-listing-reward', creditCode: 'firm', fiscalYear: 2016, amountFen: AMOUNT, reservedAt: AT },
};
const budgetCommitted: ApprovalEvent = { type: 'BudgetCommitted', data: { ...ids, budgetLineId: BUDGET_LINE, amountFen: AMOUNT, committedAt: AT } };
const approved: ApprovalEvent = {
  type: 'ApplicationApproved',
  data: { ...ids, amountFen: AMOUNT, approvedBy: 'director-zhang', budgetLineId: BUDGET_LINE, approvedAt: AT },
};
const cutBudget = '¥500,000.00 is more than the ¥499,999.00 available on budget line neeq-listing-reward.2016.municipal';
const abandoned: ApprovalEvent = { type: 'ApprovalAbandoned', data: { ...ids, code: 'BUDGET_EXCEEDED', reason: cutBudget, abandonedAt: AT } };
const budgetRefused: ApprovalEvent = { type: 'ReservationRefused', data: { approvalId: APPROVAL, code: 'BUDGET_EXCEEDED', reason: cutBudget } };
const entitlementReleased: ApprovalEvent = { type: 'EntitlementReleased', data: { ...ids, releasedAt: AT } };
const factReleased: ApprovalEvent = { type: 'FactClaimReleased', data: { ...ids, releasedAt: AT } };
const budgetReleased: ApprovalEvent = { type: 'BudgetReleased', data: { ...ids, budgetLineId: BUDGET_LINE, amountFen: AMOUNT, releasedAt: AT } };

const given = (events: ApprovalEvent[]) => ({
  then: (step: ApprovalStep) => expect(nextStep(progressOf(APPROVAL, events))).toEqual(step),
});

describe('an approval not started', () => {
  it('has nothing to do (a crash after the key was claimed, before ApprovalStarted)', () => {
    given([]).then({ type: 'Finished', outcome: 'none' });
  });

  it('ignores the holds of another approval of the same application', () => {
    const other = (e: ApprovalEvent) => ({ ...e, data: { ...e.data, approvalId: 'approval-0' } }) as ApprovalEvent;
    given([started, factClaimed, entitlementReserved].map(other)).then({ type: 'Finished', outcome: 'none' });
  });
});

describe('an approval being approved', () => {
  it('claims the qualifying fact first (不重复享受)', () => {
    given([started]).then({ type: 'Reserve', reservation: 'fact' });
  });

  it('reserves the entitlement once the fact is claimed (a crash after FactClaimed)', () => {
    given([started, factClaimed]).then({ type: 'Reserve', reservation: 'entitlement' });
  });

  it('commits the budget once the entitlement is reserved (a crash after EntitlementReserved)', () => {
    given([started, factClaimed, entitlementReserved]).then({ type: 'Reserve', reservation: 'budget' });
  });

  it('completes once it holds all three (a crash after BudgetCommitted)', () => {
    given([started, factClaimed, entitlementReserved, budgetCommitted]).then({ type: 'Complete' });
  });

  it('takes whatever hold it lacks, whichever order the streams were read in', () => {
    given([started, budgetCommitted, factClaimed]).then({ type: 'Reserve', reservation: 'entitlement' });
  });

  it('asks again for a hold its stream shows released: the stream refuses, and the refusal abandons', () => {
    given([started, factClaimed, factReleased]).then({ type: 'Reserve', reservation: 'fact' });
  });

  it.each([
    ['fact', 'DOUBLE_DIPPING', [started]],
    ['entitlement', 'CAP_EXCEEDED', [started, factClaimed]],
    ['budget', 'BUDGET_EXCEEDED', [started, factClaimed, entitlementReserved]],
  ] as const)('abandons when the %s is refused (%s), with the refusal', (_reservation, code, before) => {
    const refused: ApprovalEvent = { type: 'ReservationRefused', data: { approvalId: APPROVAL, code, reason: 'the guard says why' } };
    given([...before, refused]).then({ type: 'Abandon', code, reason: 'the guard says why' });
  });
});

describe('an approved approval', () => {
  it('is finished, holding all three (a crash after ApplicationApproved, before the key was recorded)', () => {
    given([started, factClaimed, entitlementReserved, budgetCommitted, approved]).then({ type: 'Finished', outcome: 'approved' });
  });

  it('ignores a refusal met by a late twin of the run that approved it', () => {
    given([started, factClaimed, entitlementReserved, budgetCommitted, approved, budgetRefused]).then({ type: 'Finished', outcome: 'approved' });
  });
});

describe('an abandoned approval', () => {
  it('releases the last hold taken first (a crash after ApprovalAbandoned)', () => {
    given([started, factClaimed, entitlementReserved, budgetRefused, abandoned]).then({ type: 'Release', reservation: 'entitlement' });
  });

  it('releases the budget before the entitlement and the fact when it holds all three', () => {
    given([started, factClaimed, entitlementReserved, budgetCommitted, abandoned]).then({ type: 'Release', reservation: 'budget' });
  });

  it('releases the fact once the entitlement is released (a crash after EntitlementReleased)', () => {
    given([started, factClaimed, entitlementReserved, abandoned, entitlementReleased]).then({ type: 'Release', reservation: 'fact' });
  });

  it('is finished once nothing is held (a crash after FactClaimReleased)', () => {
    given([started, factClaimed, entitlementReserved, abandoned, entitlementReleased, factReleased]).then({ type: 'Finished', outcome: 'abandoned' });
  });

  it('is finished at once when it was refused before taking anything', () => {
    given([started, abandoned]).then({ type: 'Finished', outcome: 'abandoned' });
  });

  it('releases the entitlement after the budget (a crash after BudgetReleased)', () => {
    given([started, factClaimed, entitlementReserved, budgetCommitted, abandoned, budgetReleased]).then({ type: 'Release', reservation: 'entitlement' });
  });
});

describe('what recovery and the sweep look for', () => {
  it.each([
    ['being approved', [started, factClaimed], true],
    ['abandoned and still holding the fact', [started, factClaimed, abandoned], true],
    ['approved', [started, factClaimed, entitlementReserved, budgetCommitted, approved], false],
    ['abandoned with everything released', [started, factClaimed, abandoned, factReleased], false],
    ['never started', [], false],
  ] as const)('an approval %s is unfinished: %s', (_state, events, unfinished) => {
    expect(isUnfinished(progressOf(APPROVAL, [...events]))).toBe(unfinished);
  });
});

describe('a reservation that fails', () => {
  it.each(['BUDGET_EXCEEDED', 'CAP_EXCEEDED', 'DOUBLE_DIPPING', 'ALREADY_AWARDED', 'PREREQUISITE_MISSING', 'INVALID_TRANSITION'] as const)(
    'abandons the approval when a guard refuses it (%s)',
    (code) => expect(refusalAbandons(code)).toBe(true),
  );

  it('leaves the approval pending when it lost the race on every retry (CONCURRENCY_EXHAUSTED), for a retry or the sweep', () => {
    expect(refusalAbandons('CONCURRENCY_EXHAUSTED')).toBe(false);
  });
});

describe('an approval as the streams show it', () => {
  const holds = { fact: 'held', entitlement: 'held', budget: 'none' } as const;

  it('is where the events would have it, the budget still to commit', () => {
    expect(observedProgress(APPROVAL, 'pending', { ...holds })).toEqual(progressOf(APPROVAL, [started, factClaimed, entitlementReserved]));
    expect(nextStep(observedProgress(APPROVAL, 'pending', { ...holds }))).toEqual({ type: 'Reserve', reservation: 'budget' });
  });

  it('has not started when the application has no record of it', () => {
    expect(nextStep(observedProgress(APPROVAL, 'none', { ...holds }))).toEqual({ type: 'Finished', outcome: 'none' });
  });
});
