import { applyRateToMean } from '../../shared/money.js';
import { assertAmounts, assertRate, invalid } from './checks.js';
import type { RuleModule } from './rule.js';

/**
 * A rate of the mean of the year's four quarter-end balances (季均余额), e.g. the guarantee
 * subsidy of at most 1% of an institution's small/micro guarantee balance.
 */
export interface AverageBalanceRateRule {
  kind: 'average-balance-rate';
  rateBasisPoints: number;
}

export const averageBalanceRateRule: RuleModule<AverageBalanceRateRule> = {
  assertValid: (rule) => assertRate(rule.rateBasisPoints),
  assertEvidence: (_rule, _requestedFen, evidence) => {
    const balances = evidence.quarterEndBalancesFen;
    if (balances?.length !== 4) invalid('the four quarter-end balances of the year are the evidence of this subsidy (季均余额)');
    assertAmounts(balances, 'quarter-end balances');
  },
  limit: (rule, basis) => ({
    atMostFen: applyRateToMean(basis.evidence.quarterEndBalancesFen ?? [0], rule.rateBasisPoints),
    why: `${rule.rateBasisPoints / 100}% of the mean quarter-end balance`,
  }),
  yearlyCapFen: () => undefined,
  parameters: ({ rateBasisPoints }) => ({ rateBasisPoints }),
};
