import { DomainError } from '../../shared/errors.js';
import type { RuleModule } from './rule.js';

/** An amount decided per case (一事一议) within budget: the approver gives it, at most what was requested. */
export interface PerCaseRule {
  kind: 'per-case';
}

export const perCaseRule: RuleModule<PerCaseRule> = {
  assertValid: () => undefined,
  assertEvidence: () => undefined,
  limit: (_rule, basis) => {
    if (basis.approverFen === undefined) {
      throw new DomainError('AMOUNT_INVALID', 'this line pays an amount decided per case: the approver gives it');
    }
    return { atMostFen: basis.requestedFen, why: 'the amount requested' };
  },
  yearlyCapFen: () => undefined,
  parameters: () => ({}),
};
