import type { Evidence } from '../../application/application.js';
import { DomainError } from '../../shared/errors.js';
import { applyRate, assertPositiveFen, type Fen, formatYuan } from '../../shared/money.js';
import { assertAmounts, assertRate, invalid } from './checks.js';
import type { RuleModule } from './rule.js';

/**
 * A rate of the costs actually incurred (实际发生额) of the kinds it names, capped per beneficiary
 * per fiscal year over all its approvals (年累计上限), e.g. the patent-pledge subsidy.
 */
export interface CostShareRule {
  kind: 'cost-share';
  rateBasisPoints: number;
  yearlyCapFen: Fen;
  costKinds: string[];
}

function totalCostsFen(evidence: Evidence): Fen {
  return Object.values(evidence.costsFen ?? {}).reduce((sum, fen) => sum + fen, 0);
}

export const costShareRule: RuleModule<CostShareRule> = {
  assertValid: (rule) => {
    assertRate(rule.rateBasisPoints);
    assertPositiveFen(rule.yearlyCapFen, 'the yearly cap');
    if (rule.costKinds.length === 0) invalid('a cost-share rule names the kinds of cost it shares');
  },
  assertEvidence: (rule, _requestedFen, evidence) => {
    const costs = evidence.costsFen ?? {};
    const unknown = Object.keys(costs).filter((kind) => !rule.costKinds.includes(kind));
    if (unknown.length > 0) invalid(`costs of kind ${unknown.join(', ')} are not shared; only ${rule.costKinds.join(', ')}`);
    assertAmounts(Object.values(costs), 'costs');
    if (totalCostsFen(evidence) <= 0) invalid(`the costs actually incurred (${rule.costKinds.join(', ')}) are the evidence of a cost share`);
  },
  limit: (rule, basis) => {
    const remaining = rule.yearlyCapFen - basis.reservedInYearFen;
    if (remaining <= 0) {
      throw new DomainError('CAP_EXCEEDED', `the yearly cap of ¥${formatYuan(rule.yearlyCapFen)} is used up for this year`);
    }
    const share = applyRate(totalCostsFen(basis.evidence), rule.rateBasisPoints);
    return share <= remaining
      ? { atMostFen: share, why: `${rule.rateBasisPoints / 100}% of the costs` }
      : { atMostFen: remaining, why: `what remains of the yearly cap of ¥${formatYuan(rule.yearlyCapFen)}` };
  },
  yearlyCapFen: (rule) => rule.yearlyCapFen,
  parameters: ({ rateBasisPoints, yearlyCapFen, costKinds }) => ({ rateBasisPoints, yearlyCapFen, costKinds }),
};
