/**
 * Budget line: Finance allocates and adjusts; approvals commit and (when abandoned) release.
 * The one guard against overspending: a commitment is written only while available ≥ amount,
 * at the stream's exact revision, so concurrent approvals cannot both take the last money.
 */
import { type BenefitLineState, payersOf } from '../catalog/catalog.js';
import { assertLineOpen, type BudgetCloseCommand, decideBudgetClose } from '../fiscal-close/budget-line.js';
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import { assertFiscalYear } from '../shared/fiscal-year.js';
import { assertPositiveFen, type Fen, formatYuan, MAX_FEN } from '../shared/money.js';
import { type Hold, mustReserve } from '../shared/reservation.js';
import {
  availableFen,
  type BudgetEvent,
  budgetLineId,
  type BudgetState,
  budgetStreamLabel,
  commitmentOf,
  committedFen,
  evolve,
  initialState,
  type Payer,
} from './budget.js';

// ── Commands ────────────────────────────────────────────────────────────────────────────────

export type BudgetCommand =
  | {
      type: 'AllocateBudget';
      /** `line` is looked up by the command handling. */
      data: {
        lineCode: string; fiscalYear: number; payer: Payer; amountFen: Fen; line: BenefitLineState; now: string;
        /** Looked up: the fiscal year is closed (结账). */
        yearClosed?: boolean;
      };
    }
  | { type: 'AdjustBudget'; data: { budgetLineId: string; deltaFen: Fen; reason: string; corrects?: string; now: string } }
  | {
      type: 'CommitBudget';
      data: { budgetLineId: string; applicationId: string; approvalId: string; amountFen: Fen; now: string };
    }
  | { type: 'ReleaseBudget'; data: { approvalId: string; now: string } }
  | BudgetCloseCommand;

type Command<T extends BudgetCommand['type']> = Extract<BudgetCommand, { type: T }>;

export function holdOf(state: BudgetState, approvalId: string): Hold {
  const commitment = commitmentOf(state, approvalId);
  return commitment === undefined ? 'none' : commitment.released ? 'released' : 'held';
}

/**
 * The figures a BUDGET_EXCEEDED carries as its details: those the line's stream knows. Its
 * commitments hold paid and unpaid approvals alike (payments are on the applications' streams),
 * so no figure here is called "committed"; a caller may split it from the read model.
 */
export type BudgetRefusalDetails = {
  budgetLineId: string;
  allocatedFen: Fen;
  availableFen: Fen;
  /** The commitment asked for, or the cut of an adjustment. */
  requestedFen: Fen;
};

/** What finance sees of a line besides what its stream knows: committed (approved, unpaid) and disbursed apart. */
export interface BudgetSplit {
  committedFen: Fen;
  disbursedFen: Fen;
}

/** A budget line in a refusal: the stream's figures, with committed and disbursed when the caller knows them apart. */
export function budgetLineFigures(details: BudgetRefusalDetails, split?: BudgetSplit): string {
  const { budgetLineId, allocatedFen, availableFen: available } = details;
  const apart = split ? `, committed ¥${formatYuan(split.committedFen)}, disbursed ¥${formatYuan(split.disbursedFen)}` : '';
  return `budget line ${budgetLineId} (allocated ¥${formatYuan(allocatedFen)}${apart}, available ¥${formatYuan(available)})`;
}

function budgetExceeded(state: BudgetState, budgetLineId: string, requestedFen: Fen, message: (figures: string) => string): DomainError {
  const allocatedFen = state.status === 'allocated' ? state.allocatedFen : 0;
  const details: BudgetRefusalDetails = { budgetLineId, allocatedFen, availableFen: availableFen(state), requestedFen };
  return new DomainError('BUDGET_EXCEEDED', message(budgetLineFigures(details)), details);
}

// ── Decisions ───────────────────────────────────────────────────────────────────────────────

export function allocateBudget(command: Command<'AllocateBudget'>, state: BudgetState): BudgetEvent[] {
  const { lineCode, fiscalYear, payer, amountFen, line, now } = command.data;
  const id = budgetLineId(lineCode, fiscalYear, payer);
  if (state.status === 'allocated') {
    throw new DomainError('ALREADY_EXISTS', `${id} is already allocated; adjust it instead`);
  }
  if (line.status !== 'defined') throw new DomainError('NOT_FOUND', `benefit line ${lineCode} is not defined`);
  assertFiscalYear(fiscalYear);
  if (command.data.yearClosed) throw new DomainError('PERIOD_CLOSED', `fiscal year ${fiscalYear} is closed: allocate in an open year`);
  const payers = payersOf(line.line.payer);
  if (!payers.includes(payer)) {
    throw new DomainError('INVALID_INPUT', `line ${lineCode} is paid by ${payers.join(' or ')}, not ${payer}`);
  }
  assertPositiveFen(amountFen, 'an allocation');
  return [{ type: 'BudgetAllocated', data: { budgetLineId: id, lineCode, fiscalYear, payer, amountFen, allocatedAt: now } }];
}

export function adjustBudget(command: Command<'AdjustBudget'>, state: BudgetState): BudgetEvent[] {
  const { budgetLineId: id, deltaFen, reason, corrects, now } = command.data;
  if (state.status !== 'allocated') throw new DomainError('NOT_FOUND', `budget line ${id} is not allocated`);
  assertLineOpen(state, 'an adjustment');
  if (!Number.isSafeInteger(deltaFen) || deltaFen === 0) {
    throw new DomainError('AMOUNT_INVALID', 'an adjustment is a whole, non-zero number of fen');
  }
  if (reason.trim() === '') throw new DomainError('INVALID_INPUT', 'an adjustment gives its reason');
  const allocated = state.allocatedFen + deltaFen;
  if (allocated < committedFen(state)) {
    throw budgetExceeded(state, id, -deltaFen, (figures) => `cutting ¥${formatYuan(-deltaFen)} would leave ${figures} below what approvals hold`);
  }
  if (allocated > MAX_FEN) throw new DomainError('AMOUNT_INVALID', `the allocation would exceed ¥${formatYuan(MAX_FEN)}`);
  const correcting = corrects === undefined ? {} : { corrects };
  return [{ type: 'BudgetAdjusted', data: { budgetLineId: state.budgetLineId, deltaFen, reason, ...correcting, adjustedAt: now } }];
}

export function commitBudget(command: Command<'CommitBudget'>, state: BudgetState): BudgetEvent[] {
  const { budgetLineId: id, applicationId, approvalId, amountFen, now } = command.data;
  if (state.status !== 'allocated') {
    throw budgetExceeded(state, id, amountFen, () => `no budget is allocated on ${id}: ask Finance to allocate it`);
  }
  if (!mustReserve(holdOf(state, approvalId), approvalId)) return [];
  assertLineOpen(state, 'an approval');
  assertPositiveFen(amountFen, 'a commitment');
  if (availableFen(state) < amountFen) {
    throw budgetExceeded(state, id, amountFen, (figures) => `¥${formatYuan(amountFen)} exceeds what is left on ${figures}`);
  }
  return [{ type: 'BudgetCommitted', data: { budgetLineId: state.budgetLineId, applicationId, approvalId, amountFen, committedAt: now } }];
}

export function releaseBudget(command: Command<'ReleaseBudget'>, state: BudgetState): BudgetEvent[] {
  const { approvalId, now } = command.data;
  if (state.status !== 'allocated' || holdOf(state, approvalId) !== 'held') return [];
  const { applicationId, amountFen } = commitmentOf(state, approvalId)!;
  return [{ type: 'BudgetReleased', data: { budgetLineId: state.budgetLineId, applicationId, approvalId, amountFen, releasedAt: now } }];
}

export function decide(command: BudgetCommand, state: BudgetState): BudgetEvent[] {
  switch (command.type) {
    case 'AllocateBudget':
      return allocateBudget(command, state);
    case 'AdjustBudget':
      return adjustBudget(command, state);
    case 'CommitBudget':
      return commitBudget(command, state);
    case 'ReleaseBudget':
      return releaseBudget(command, state);
    case 'CarryOutBudget':
    case 'CarryInBudget':
    case 'LapseBudget':
    case 'CloseBudgetLine':
      return decideBudgetClose(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const budgetDecider: Decider<BudgetState, BudgetCommand, BudgetEvent> = { streamLabel: budgetStreamLabel, version: 3, initialState, evolve, decide };
