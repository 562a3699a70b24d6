/**
 * The rule kinds, and the one place that picks a rule's module by its kind. A new kind is one
 * module in this folder, a member of `BenefitRule` and a case below (plus its GraphQL input);
 * the compiler lists any place missed.
 */
import type { BenefitLineDefinition } from '../catalog.js';
import { invalid } from './checks.js';
import { type AverageBalanceRateRule, averageBalanceRateRule } from './average-balance-rate.js';
import { type CostShareRule, costShareRule } from './cost-share.js';
import { type FixedRule, fixedRule } from './fixed.js';
import { type PerCaseRule, perCaseRule } from './per-case.js';
import { type Rule, withKind, type YearlyLimit } from './rule.js';

/** How a benefit line computes what it pays (计算规则): one of the kinds, with its parameters. */
export type BenefitRule = FixedRule | CostShareRule | AverageBalanceRateRule | PerCaseRule;

export type RuleKind = BenefitRule['kind'];

export function benefitRule(rule: BenefitRule): Rule<RuleKind> {
  switch (rule.kind) {
    case 'fixed':
      return withKind(fixedRule, rule);
    case 'cost-share':
      return withKind(costShareRule, rule);
    case 'average-balance-rate':
      return withKind(averageBalanceRateRule, rule);
    case 'per-case':
      return withKind(perCaseRule, rule);
    default: {
      const unknown: never = rule;
      return invalid(`unknown rule ${JSON.stringify(unknown)}`);
    }
  }
}

/** The yearly cap a line's rule implies, and whether the line pays per fiscal year (its rule's cap, or its frequency). */
export function yearlyLimitOf(line: Pick<BenefitLineDefinition, 'rule' | 'frequency'>): YearlyLimit {
  return benefitRule(line.rule).yearlyLimit(line.frequency);
}
