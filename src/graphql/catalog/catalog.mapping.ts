/** Catalog inputs in the domain's terms (a rule from its kind and parameters, a line from its fields), and a rule as the API shows it. */
import type { BenefitLineDefinition, BenefitRule } from '../../catalog/catalog.js';
import type { LineChanges } from '../../catalog/decide.js';
import { benefitRule } from '../../catalog/rules/index.js';
import { badUserInput } from '../errors/api-error.js';
import { definedFields } from '../shared/filter.js';
import { RuleKindValue } from '../shared/enums.js';
import type { BenefitRule as BenefitRuleType } from './benefit-line.type.js';
import type { BenefitLineChangesInput, BenefitRuleInput } from './catalog.input.js';

function required<T>(value: T | null | undefined, what: string): T {
  if (value == null) throw badUserInput(`${what} is required`);
  return value;
}

export function ruleOf(input: BenefitRuleInput): BenefitRule {
  const rate = () => required(input.rateBasisPoints, `a ${input.kind} rule's rateBasisPoints`);
  switch (input.kind) {
    case RuleKindValue.FIXED:
      return { kind: 'fixed', amountFen: required(input.amount, "a FIXED rule's amount") };
    case RuleKindValue.COST_SHARE:
      return {
        kind: 'cost-share',
        rateBasisPoints: rate(),
        yearlyCapFen: required(input.yearlyCap, "a COST_SHARE rule's yearlyCap"),
        costKinds: required(input.costKinds, "a COST_SHARE rule's costKinds"),
      };
    case RuleKindValue.AVERAGE_BALANCE_RATE:
      return { kind: 'average-balance-rate', rateBasisPoints: rate() };
    case RuleKindValue.PER_CASE:
      return { kind: 'per-case' };
    default: {
      const unknown: never = input.kind;
      throw badUserInput(`unknown rule kind ${String(unknown)}`);
    }
  }
}

/** A rule's kind and parameters, as its kind's module describes them. */
export function ruleTypeOf(rule: BenefitRule): BenefitRuleType {
  const { kind, amountFen, rateBasisPoints, yearlyCapFen, costKinds } = benefitRule(rule).describe();
  return { kind, amount: amountFen, rateBasisPoints, yearlyCap: yearlyCapFen, costKinds };
}

/** The fields given, in the domain's terms (the rule built from its parameters). */
export function lineChangesOf(input: BenefitLineChangesInput): LineChanges {
  const { rule, ...fields } = definedFields(input);
  return { ...fields, ...(rule ? { rule: ruleOf(rule) } : {}) };
}

const REQUIRED = ['article', 'title', 'titleZh', 'rule', 'frequency', 'payer', 'leadUnit', 'cooperatingUnits', 'exclusivityGroup', 'eligibleKinds'] as const;

/** A whole line: every field a definition needs must be given. */
export function lineDefinitionOf(lineCode: string, policyCode: string, input: BenefitLineChangesInput): BenefitLineDefinition {
  const missing = REQUIRED.filter((field) => input[field] == null);
  if (missing.length > 0) throw badUserInput(`a benefit line needs ${missing.join(', ')}`);
  return { ...(lineChangesOf(input) as Omit<BenefitLineDefinition, 'lineCode' | 'policyCode'>), lineCode, policyCode };
}
