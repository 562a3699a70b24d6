import { describe, expect, it } from 'vitest';
import type { BenefitLineState, CatalogEvent, PolicyState } from '../../src/catalog/catalog.js';
import { benefitLineDecider, policyDecider } from '../../src/catalog/decide.js';
import { XUCHANG_2016_8_LINES, XUCHANG_2016_8_POLICY } from '../../src/catalog/xuchang-2016-8.js';
import { builtInLine, NOW, yuan } from '../support/domain-fixtures.js';
import { deciderSpec } from '../support/domain-spec.js';

const policySpec = deciderSpec(policyDecider);
const lineSpec = deciderSpec(benefitLineDecider);
const published: PolicyState = { status: 'published', policy: XUCHANG_2016_8_POLICY };
const scaleUp = builtInLine('scale-up-reward');
const defined = (line = scaleUp): CatalogEvent => ({ type: 'BenefitLineDefined', data: { ...line, definedAt: NOW } });
const define = (definition = scaleUp, companion?: BenefitLineState) => ({
  type: 'DefineBenefitLine' as const,
  data: { definition, policy: published, companion, now: NOW },
});

describe('the built-in policy 许政〔2016〕8号', () => {
  it('pays the amounts the policy names', () => {
    const amounts = Object.fromEntries(XUCHANG_2016_8_LINES.map((l) => [l.lineCode, l.rule]));
    expect(amounts['startup-base-reward']).toEqual({ kind: 'fixed', amountFen: yuan(100_000) });
    expect(amounts['scale-up-reward']).toEqual({ kind: 'fixed', amountFen: yuan(20_000) });
    expect(amounts['neeq-listing-reward']).toEqual({ kind: 'fixed', amountFen: yuan(500_000) });
    expect(amounts['patent-pledge-subsidy']).toMatchObject({ rateBasisPoints: 5_000, yearlyCapFen: yuan(100_000) });
    expect(amounts['guarantee-subsidy']).toEqual({ kind: 'average-balance-rate', rateBasisPoints: 100 });
  });

  it('has eight lines, each a valid definition of a published article', () => {
    expect(XUCHANG_2016_8_LINES).toHaveLength(8);
    for (const line of XUCHANG_2016_8_LINES) {
      const companion: BenefitLineState | undefined = line.companionOf
        ? { status: 'defined', line: builtInLine(line.companionOf) }
        : undefined;
      lineSpec.given([]).when(define(line, companion)).then([defined(line)]);
    }
  });

  it('pays the county match on the municipal scale-up reward, from the county of the firm', () => {
    expect(builtInLine('scale-up-county-match')).toMatchObject({ companionOf: 'scale-up-reward', payer: 'county-of-beneficiary' });
  });
});

describe('an unpublished policy', () => {
  it('is published with its 文号 and articles', () => {
    policySpec
      .given([])
      .when({ type: 'PublishPolicy', data: { ...XUCHANG_2016_8_POLICY, now: NOW } })
      .then([{ type: 'PolicyPublished', data: { ...XUCHANG_2016_8_POLICY, publishedAt: NOW } }]);
  });

  it('cannot carry lines', () => {
    lineSpec
      .given([])
      .when({ type: 'DefineBenefitLine', data: { definition: scaleUp, policy: { status: 'unpublished' }, now: NOW } })
      .thenFails('NOT_FOUND', /not published/);
  });
});

describe('a published policy', () => {
  it('is not published twice', () => {
    policySpec
      .given([{ type: 'PolicyPublished', data: { ...XUCHANG_2016_8_POLICY, publishedAt: NOW } }])
      .when({ type: 'PublishPolicy', data: { ...XUCHANG_2016_8_POLICY, now: NOW } })
      .thenFails('ALREADY_EXISTS');
  });

  it('refuses a line on an article it does not have', () => {
    lineSpec.given([]).when(define({ ...scaleUp, article: '(十)' })).thenFails('INVALID_INPUT', /no article \(十\)/);
  });

  it('refuses a line code that cannot name a stream', () => {
    lineSpec.given([]).when(define({ ...scaleUp, lineCode: 'Scale Up' })).thenFails('INVALID_INPUT', /lower-case/);
  });

  it('refuses a cost share above 100%', () => {
    const rule = { kind: 'cost-share' as const, rateBasisPoints: 10_001, yearlyCapFen: 1, costKinds: ['interest'] };
    lineSpec.given([]).when(define({ ...scaleUp, rule })).thenFails('INVALID_INPUT', /basis points/);
  });

  it('refuses a companion line before its principal line, or in another exclusivity group', () => {
    const match = builtInLine('scale-up-county-match');
    lineSpec.given([]).when(define(match, { status: 'not-defined' })).thenFails('NOT_FOUND');
    lineSpec
      .given([])
      .when(define(match, { status: 'defined', line: { ...scaleUp, exclusivityGroup: 'other' } }))
      .thenFails('INVALID_INPUT', /exclusivity group/);
  });
});

describe('a defined benefit line', () => {
  const amend = (changes: object) => ({
    type: 'AmendBenefitLine' as const,
    data: { changes, policy: published, now: NOW },
  });

  it('is amended by an event naming what changed', () => {
    lineSpec
      .given([defined()])
      .when(amend({ leadUnit: '市发改委' }))
      .then([{ type: 'BenefitLineAmended', data: { lineCode: 'scale-up-reward', changes: { leadUnit: '市发改委' }, amendedAt: NOW } }]);
  });

  it('refuses an amendment that leaves an invalid line', () => {
    lineSpec.given([defined()]).when(amend({ rule: { kind: 'fixed', amountFen: 0 } })).thenFails('AMOUNT_INVALID');
    lineSpec.given([defined()]).when(amend({})).thenFails('INVALID_INPUT');
  });

  it('keeps the exclusivity group and companion its awards rest on (不重复享受)', () => {
    lineSpec.given([defined()]).when(amend({ exclusivityGroup: 'another-group' })).thenFails('INVALID_INPUT', /exclusivityGroup cannot be amended/);
    lineSpec.given([defined()]).when(amend({ companionOf: 'neeq-listing-reward' })).thenFails('INVALID_INPUT', /companionOf cannot be amended/);
  });

  it("keeps the payer its awards were booked with: a firm's grants of a year stay on one budget line", () => {
    lineSpec.given([defined()]).when(amend({ payer: 'county-of-beneficiary' })).thenFails('INVALID_INPUT', /payer cannot be amended/);
  });

  it('is not defined twice; an undefined line is not amended', () => {
    lineSpec.given([defined()]).when(define()).thenFails('ALREADY_EXISTS');
    lineSpec.given([]).when(amend({ leadUnit: '市发改委' })).thenFails('NOT_FOUND');
  });
});
