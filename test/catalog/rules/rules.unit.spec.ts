/** The built-in kinds through the dispatcher: the yearly limit each line of 许政〔2016〕8号 implies, and how each rule is described. */
import { describe, expect, it } from 'vitest';
import { type BenefitRule, benefitRule, yearlyLimitOf } from '../../../src/catalog/rules/index.js';
import { builtInLine, yuan } from '../../support/domain-fixtures.js';
import { expectDomainError } from '../../support/domain-spec.js';

describe('the yearly limit of a line', () => {
  it('of the patent-pledge subsidy is its ¥100,000 cap per enterprise per year, so it is paid per year', () => {
    expect(yearlyLimitOf(builtInLine('patent-pledge-subsidy'))).toEqual({ yearlyCapFen: yuan(100_000), paidYearly: true });
  });

  it('of the guarantee subsidy, paid once per institution per year, has no cap but is paid per year', () => {
    expect(yearlyLimitOf(builtInLine('guarantee-subsidy'))).toEqual({ paidYearly: true });
  });

  it('of the NEEQ listing reward, once per beneficiary, is neither', () => {
    expect(yearlyLimitOf(builtInLine('neeq-listing-reward'))).toEqual({ paidYearly: false });
  });
});

describe('a rule described', () => {
  it('names the parameters of its kind and no other', () => {
    const none = { amountFen: null, rateBasisPoints: null, yearlyCapFen: null, costKinds: [] };
    const describeLine = (lineCode: string) => benefitRule(builtInLine(lineCode).rule).describe();
    expect(describeLine('neeq-listing-reward')).toEqual({ ...none, kind: 'fixed', amountFen: yuan(500_000) });
    expect(describeLine('patent-pledge-subsidy')).toEqual({
      ...none,
      kind: 'cost-share',
      rateBasisPoints: 5_000,
      yearlyCapFen: yuan(100_000),
      costKinds: ['interest', 'appraisal', 'guarantee', 'insurance'],
    });
    expect(describeLine('guarantee-subsidy')).toEqual({ ...none, kind: 'average-balance-rate', rateBasisPoints: 100 });
    expect(describeLine('innovation-voucher')).toEqual({ ...none, kind: 'per-case' });
  });
});

describe('a rule of a kind the ledger does not know (an event written by a newer version)', () => {
  it('is refused, not guessed at', () => {
    const unknown: BenefitRule = JSON.parse('{"kind":"lottery"}');
    expectDomainError(() => benefitRule(unknown), 'INVALID_INPUT', /unknown rule/);
  });
});
