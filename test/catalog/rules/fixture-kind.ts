/**
 * A rule kind the policy does not have, written as the built-in kinds are: one module. A yearly
 * allowance (年度限额补助) pays what is asked, up to an allowance per beneficiary per fiscal year
 * over all its awards, and rests on a note naming the supporting document.
 */
import { invalid } from '../../../src/catalog/rules/checks.js';
import type { RuleModule } from '../../../src/catalog/rules/rule.js';
import { assertPositiveFen, type Fen, formatYuan } from '../../../src/shared/money.js';

export interface YearlyAllowanceRule {
  kind: 'yearly-allowance';
  allowanceFen: Fen;
}

export const yearlyAllowanceRule: RuleModule<YearlyAllowanceRule> = {
  assertValid: (rule) => assertPositiveFen(rule.allowanceFen, 'a yearly allowance'),
  assertEvidence: (_rule, _requestedFen, evidence) => {
    if (!evidence.note?.trim()) invalid('a yearly allowance rests on a note naming its supporting document');
  },
  limit: (rule, basis) => ({
    atMostFen: rule.allowanceFen - basis.reservedInYearFen,
    why: `what remains of the yearly allowance of ¥${formatYuan(rule.allowanceFen)}`,
  }),
  yearlyCapFen: (rule) => rule.allowanceFen,
  parameters: (rule) => ({ yearlyCapFen: rule.allowanceFen }),
};
