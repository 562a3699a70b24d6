/**
 * What a benefit rule needs as evidence, and what it allows an approver to award. Never more
 * than requested; a fixed reward exactly or not at all.
 */
import type { BenefitRule } from '../catalog/catalog.js';
import { DomainError } from '../shared/errors.js';
import { applyRate, applyRateToMean, assertPositiveFen, type Fen, formatYuan, MAX_FEN } from '../shared/money.js';
import type { Evidence } from './application.js';

// ── Evidence at submission ──────────────────────────────────────────────────────────────────

function assertAmounts(amounts: readonly Fen[], what: string): void {
  if (amounts.some((fen) => !Number.isSafeInteger(fen) || fen < 0 || fen > MAX_FEN)) {
    throw new DomainError('AMOUNT_INVALID', `${what} are whole, non-negative amounts of fen, each at most ¥${formatYuan(MAX_FEN)}`);
  }
}

/** The evidence the rule computes with is there and well-formed; a fixed reward is asked for in full. */
export function assertEvidence(rule: BenefitRule, requestedFen: Fen, evidence: Evidence): void {
  switch (rule.kind) {
    case 'fixed':
      if (requestedFen !== rule.amountFen) {
        throw new DomainError('AMOUNT_INVALID', `this reward is a fixed ¥${formatYuan(rule.amountFen)}: request exactly that`);
      }
      return;
    case 'cost-share': {
      const costs = evidence.costsFen ?? {};
      const unknown = Object.keys(costs).filter((kind) => !rule.costKinds.includes(kind));
      if (unknown.length > 0) {
        throw new DomainError('INVALID_INPUT', `costs of kind ${unknown.join(', ')} are not shared; only ${rule.costKinds.join(', ')}`);
      }
      assertAmounts(Object.values(costs), 'costs');
      if (totalCostsFen(evidence) <= 0) {
        throw new DomainError('INVALID_INPUT', `the costs actually incurred (${rule.costKinds.join(', ')}) are the evidence of a cost share`);
      }
      return;
    }
    case 'average-balance-rate': {
      const balances = evidence.quarterEndBalancesFen;
      if (balances?.length !== 4) {
        throw new DomainError('INVALID_INPUT', "the four quarter-end balances of the year are the evidence of this subsidy (季均余额)");
      }
      return assertAmounts(balances, 'quarter-end balances');
    }
    case 'per-case':
      return;
    default: {
      const unknown: never = rule;
      throw new Error(`unknown rule ${JSON.stringify(unknown)}`);
    }
  }
}

function totalCostsFen(evidence: Evidence): Fen {
  return Object.values(evidence.costsFen ?? {}).reduce((sum, fen) => sum + fen, 0);
}

// ── Amount at approval ──────────────────────────────────────────────────────────────────────

export interface AwardBasis {
  requestedFen: Fen;
  evidence: Evidence;
  /** The approver's amount: required per case, at most the maximum for computed rules, exactly the amount when fixed. */
  approverFen?: Fen;
  /** What this beneficiary already holds on the line in the fiscal year. */
  reservedInYearFen: Fen;
}

/** The most a computed rule allows for this application, and why, before the approver's own amount. */
function ruleMaximum(rule: Exclude<BenefitRule, { kind: 'fixed' }>, basis: AwardBasis): { maxFen: Fen; why: string } {
  switch (rule.kind) {
    case 'cost-share': {
      const remaining = rule.yearlyCapFen - basis.reservedInYearFen;
      if (remaining <= 0) {
        throw new DomainError('CAP_EXCEEDED', `the yearly cap of ¥${formatYuan(rule.yearlyCapFen)} is used up for this year`);
      }
      const share = applyRate(totalCostsFen(basis.evidence), rule.rateBasisPoints);
      return share <= remaining
        ? { maxFen: share, why: `${rule.rateBasisPoints / 100}% of the costs` }
        : { maxFen: remaining, why: `what remains of the yearly cap of ¥${formatYuan(rule.yearlyCapFen)}` };
    }
    case 'average-balance-rate':
      return {
        maxFen: applyRateToMean(basis.evidence.quarterEndBalancesFen ?? [0], rule.rateBasisPoints),
        why: `${rule.rateBasisPoints / 100}% of the mean quarter-end balance`,
      };
    case 'per-case':
      if (basis.approverFen === undefined) {
        throw new DomainError('AMOUNT_INVALID', 'this line pays an amount decided per case: the approver gives it');
      }
      return { maxFen: basis.requestedFen, why: 'the amount requested' };
    default: {
      const unknown: never = rule;
      throw new Error(`unknown rule ${JSON.stringify(unknown)}`);
    }
  }
}

function fixedAward(amountFen: Fen, basis: AwardBasis): Fen {
  if (basis.approverFen !== undefined && basis.approverFen !== amountFen) {
    throw new DomainError('AMOUNT_INVALID', `a fixed reward is approved at exactly ¥${formatYuan(amountFen)}, or refused`);
  }
  if (basis.requestedFen < amountFen) {
    throw new DomainError('AMOUNT_INVALID', `the fixed reward of ¥${formatYuan(amountFen)} is more than was requested`);
  }
  return amountFen;
}

/** The amount to approve, or AMOUNT_INVALID / CAP_EXCEEDED saying why none can be. */
export function awardFen(rule: BenefitRule, basis: AwardBasis): Fen {
  if (rule.kind === 'fixed') return fixedAward(rule.amountFen, basis);
  const { maxFen, why } = ruleMaximum(rule, basis);
  const [allowed, limit] = maxFen <= basis.requestedFen ? [maxFen, why] : [basis.requestedFen, 'the amount requested'];
  const amount = basis.approverFen ?? allowed;
  if (amount > allowed) {
    throw new DomainError('AMOUNT_INVALID', `¥${formatYuan(amount)} is more than ${limit} allows: at most ¥${formatYuan(allowed)}`);
  }
  assertPositiveFen(amount, 'the approved amount');
  return amount;
}
