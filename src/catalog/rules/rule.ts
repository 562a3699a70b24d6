/**
 * A rule kind (计算规则) is one module: what its parameters mean, what evidence it needs, what it
 * awards, the yearly limit it implies and how it is described. `withKind` adds what holds for
 * every kind, so the ledger uses any rule, built-in or new, through the same functions.
 */
import type { Evidence } from '../../application/application.js';
import { DomainError } from '../../shared/errors.js';
import { assertPositiveFen, type Fen, formatYuan } from '../../shared/money.js';
import type { AwardFrequency } from '../catalog.js';

// ── What a kind defines ─────────────────────────────────────────────────────────────────────

export interface AwardBasis {
  requestedFen: Fen;
  evidence: Evidence;
  /** The approver's amount: required per case, at most the maximum for computed rules, exactly the amount when fixed. */
  approverFen?: Fen;
  /** What this beneficiary already holds on the line in the fiscal year. */
  reservedInYearFen: Fen;
}

/** What a rule allows one application before the approver's own amount: exactly one amount, or at most one and why. */
export type AwardLimit = { exactlyFen: Fen } | { atMostFen: Fen; why: string };

/** A rule's parameters as the API and the read models show them: one shape for every kind, null (or empty) where a kind has none. */
export interface RuleParameters {
  amountFen: Fen | null;
  rateBasisPoints: number | null;
  yearlyCapFen: Fen | null;
  costKinds: string[];
}

export interface RuleModule<R extends { kind: string }> {
  /** When a line is defined or amended: INVALID_INPUT (or AMOUNT_INVALID) when the parameters make no sense. */
  assertValid(rule: R): void;
  /** At submission: the evidence the rule computes with is there and well-formed. */
  assertEvidence(rule: R, requestedFen: Fen, evidence: Evidence): void;
  /** At approval: what the rule allows, or the refusal (AMOUNT_INVALID, CAP_EXCEEDED) saying why nothing can be. */
  limit(rule: R, basis: AwardBasis): AwardLimit;
  /** The cumulative cap per beneficiary per fiscal year (年累计上限) the rule implies, if any. */
  yearlyCapFen(rule: R): Fen | undefined;
  /** The parameters it has; the others are described as absent. */
  parameters(rule: R): Partial<RuleParameters>;
}

// ── What holds for every kind ───────────────────────────────────────────────────────────────

/**
 * How often a line pays one beneficiary within a fiscal year: `yearlyCapFen` caps the year's
 * awards together; `paidYearly`, another year's award on the same qualifying fact is no repeat.
 */
export interface YearlyLimit {
  yearlyCapFen?: Fen;
  paidYearly: boolean;
}

export type RuleDescription<K extends string> = { kind: K } & RuleParameters;

/** A rule as the ledger uses it, whatever its kind. */
export interface Rule<K extends string> {
  assertValid(): void;
  assertEvidence(requestedFen: Fen, evidence: Evidence): void;
  /** The amount to approve: never more than requested, a fixed reward exactly or not at all. */
  awardFen(basis: AwardBasis): Fen;
  yearlyLimit(frequency: AwardFrequency): YearlyLimit;
  describe(): RuleDescription<K>;
}

const NO_PARAMETERS: RuleParameters = { amountFen: null, rateBasisPoints: null, yearlyCapFen: null, costKinds: [] };

export function withKind<R extends { kind: string }>(module: RuleModule<R>, rule: R): Rule<R['kind']> {
  return {
    assertValid: () => module.assertValid(rule),
    assertEvidence: (requestedFen, evidence) => module.assertEvidence(rule, requestedFen, evidence),
    awardFen: (basis) => awardWithin(module.limit(rule, basis), basis),
    yearlyLimit: (frequency) => {
      const yearlyCapFen = module.yearlyCapFen(rule);
      const paidYearly = yearlyCapFen !== undefined || frequency === 'once-per-beneficiary-per-year';
      return yearlyCapFen === undefined ? { paidYearly } : { yearlyCapFen, paidYearly };
    },
    describe: () => ({ kind: rule.kind, ...NO_PARAMETERS, ...module.parameters(rule) }),
  };
}

function exactAward(amountFen: Fen, basis: AwardBasis): Fen {
  if (basis.approverFen !== undefined && basis.approverFen !== amountFen) {
    throw new DomainError('AMOUNT_INVALID', `a fixed reward is approved at exactly ¥${formatYuan(amountFen)}, or refused`);
  }
  if (basis.requestedFen < amountFen) {
    throw new DomainError('AMOUNT_INVALID', `the fixed reward of ¥${formatYuan(amountFen)} is more than was requested`);
  }
  return amountFen;
}

function awardWithin(limit: AwardLimit, basis: AwardBasis): Fen {
  if ('exactlyFen' in limit) return exactAward(limit.exactlyFen, basis);
  const [allowed, why] = limit.atMostFen <= basis.requestedFen ? [limit.atMostFen, limit.why] : [basis.requestedFen, 'the amount requested'];
  const amount = basis.approverFen ?? allowed;
  if (amount > allowed) {
    throw new DomainError('AMOUNT_INVALID', `¥${formatYuan(amount)} is more than ${why} allows: at most ¥${formatYuan(allowed)}`);
  }
  assertPositiveFen(amount, 'the approved amount');
  return amount;
}
