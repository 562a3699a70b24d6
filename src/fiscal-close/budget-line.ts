/**
 * The fiscal-year close (结账) on a budget line: an approval's unpaid rest is carried out to the
 * next year's line (结转) or lapses, the next year's line takes it in, and the line is closed with
 * its surplus (结余). Each decision is a no-op when the line already shows it, so the close can be
 * resumed after a crash; the budget decider (src/budget/decide.ts) routes its commands here.
 */
import { availableFen, type BudgetEvent, type BudgetState, commitmentOf } from '../budget/budget.js';
import { DomainError } from '../shared/errors.js';
import { assertPositiveFen, type Fen } from '../shared/money.js';

/** An approval's unpaid rest as the application settled it; the line moves the same amount. */
interface Settled {
  budgetLineId: string;
  applicationId: string;
  approvalId: string;
  amountFen: Fen;
  now: string;
}

export type BudgetCloseCommand =
  | { type: 'CarryOutBudget'; data: Settled & { toBudgetLineId: string } }
  | { type: 'CarryInBudget'; data: Settled & { fromBudgetLineId: string } }
  | { type: 'LapseBudget'; data: Settled }
  | { type: 'CloseBudgetLine'; data: { budgetLineId: string; now: string } };

type Command<T extends BudgetCloseCommand['type']> = Extract<BudgetCloseCommand, { type: T }>;
type Allocated = Extract<BudgetState, { status: 'allocated' }>;

function allocatedLine(state: BudgetState, budgetLineId: string): Allocated {
  if (state.status !== 'allocated') {
    throw new DomainError('NOT_FOUND', `budget line ${budgetLineId} is not allocated: allocate it before the year before is closed into it`);
  }
  return state;
}

/** 结账: nothing is booked on a closed line. */
export function assertLineOpen(state: BudgetState, what: string): void {
  if (state.status === 'allocated' && state.closed) {
    throw new DomainError('PERIOD_CLOSED', `fiscal year ${state.fiscalYear} is closed: ${what} on ${state.budgetLineId} is refused; book a correction in an open year`);
  }
}

/** The commitment the close settles: held, not released, not settled yet; undefined when it already was. */
function unsettledCommitment(state: Allocated, approvalId: string) {
  const commitment = commitmentOf(state, approvalId);
  if (!commitment || commitment.released) throw new DomainError('NOT_FOUND', `approval ${approvalId} holds nothing on ${state.budgetLineId}`);
  return commitment.closedOut ? undefined : commitment;
}

export function carryOutBudget({ data }: Command<'CarryOutBudget'>, state: BudgetState): BudgetEvent[] {
  const line = allocatedLine(state, data.budgetLineId);
  if (!unsettledCommitment(line, data.approvalId)) return [];
  assertLineOpen(line, 'a carry-over');
  assertPositiveFen(data.amountFen, 'a carry-over');
  const { budgetLineId, toBudgetLineId, applicationId, approvalId, amountFen, now } = data;
  return [{ type: 'BudgetCarriedOut', data: { budgetLineId, toBudgetLineId, applicationId, approvalId, amountFen, carriedAt: now } }];
}

export function carryInBudget({ data }: Command<'CarryInBudget'>, state: BudgetState): BudgetEvent[] {
  const line = allocatedLine(state, data.budgetLineId);
  if (commitmentOf(line, data.approvalId)) return [];
  assertLineOpen(line, 'a carry-over');
  assertPositiveFen(data.amountFen, 'a carry-over');
  const { budgetLineId, fromBudgetLineId, applicationId, approvalId, amountFen, now } = data;
  return [{ type: 'BudgetCarriedIn', data: { budgetLineId, fromBudgetLineId, applicationId, approvalId, amountFen, carriedAt: now } }];
}

export function lapseBudget({ data }: Command<'LapseBudget'>, state: BudgetState): BudgetEvent[] {
  const line = allocatedLine(state, data.budgetLineId);
  if (!unsettledCommitment(line, data.approvalId)) return [];
  assertLineOpen(line, 'a lapse');
  assertPositiveFen(data.amountFen, 'a lapse');
  const { budgetLineId, applicationId, approvalId, amountFen, now } = data;
  return [{ type: 'BudgetLapsed', data: { budgetLineId, applicationId, approvalId, amountFen, lapsedAt: now } }];
}

/** 结余: what is left on the line when its year is closed, every unpaid rest carried out or lapsed. */
export function closeBudgetLine({ data }: Command<'CloseBudgetLine'>, state: BudgetState): BudgetEvent[] {
  const line = allocatedLine(state, data.budgetLineId);
  if (line.closed) return [];
  const { budgetLineId, fiscalYear } = line;
  return [{ type: 'BudgetLineClosed', data: { budgetLineId, fiscalYear, surplusFen: availableFen(line), closedAt: data.now } }];
}

export function decideBudgetClose(command: BudgetCloseCommand, state: BudgetState): BudgetEvent[] {
  switch (command.type) {
    case 'CarryOutBudget':
      return carryOutBudget(command, state);
    case 'CarryInBudget':
      return carryInBudget(command, state);
    case 'LapseBudget':
      return lapseBudget(command, state);
    case 'CloseBudgetLine':
      return closeBudgetLine(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}
