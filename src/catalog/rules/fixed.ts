import { DomainError } from '../../shared/errors.js';
import { assertPositiveFen, type Fen, formatYuan } from '../../shared/money.js';
import type { RuleModule } from './rule.js';

/** 一次性奖励: an exact one-time amount, asked for in full and approved at exactly that, or refused. */
export interface FixedRule {
  kind: 'fixed';
  amountFen: Fen;
}

export const fixedRule: RuleModule<FixedRule> = {
  assertValid: (rule) => assertPositiveFen(rule.amountFen, 'a fixed reward'),
  assertEvidence: (rule, requestedFen) => {
    if (requestedFen !== rule.amountFen) {
      throw new DomainError('AMOUNT_INVALID', `this reward is a fixed ¥${formatYuan(rule.amountFen)}: request exactly that`);
    }
  },
  limit: (rule) => ({ exactlyFen: rule.amountFen }),
  yearlyCapFen: () => undefined,
  parameters: (rule) => ({ amountFen: rule.amountFen }),
};
