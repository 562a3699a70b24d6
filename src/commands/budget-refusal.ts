/**
 * A budget refusal in finance's words: the budget line's stream knows what is allocated and what
 * approvals hold, paid or not; `budgetLine` shows committed (approved, unpaid) and disbursed
 * apart. The refusal quotes those figures, read once the read models have reached the line as
 * the refusal saw it, so the caller sees the same numbers in the refusal and in `budgetLine`.
 */
import { budgetStream } from '../budget/budget.js';
import { budgetDecider, budgetLineFigures, type BudgetRefusalDetails } from '../budget/decide.js';
import { DomainError } from '../shared/errors.js';
import type { CommandDeps } from './envelope.js';

const isBudgetRefusal = (error: unknown): error is DomainError & { details: BudgetRefusalDetails } =>
  error instanceof DomainError && error.code === 'BUDGET_EXCEEDED' && typeof error.details?.budgetLineId === 'string';

/** The refusal with committed and disbursed quoted apart, when the read models can say them; anything else as it is. */
export async function inFinanceWords(deps: CommandDeps, error: unknown): Promise<unknown> {
  if (!isBudgetRefusal(error) || !deps.budgetFigures) return error;
  const { budgetLineId } = error.details;
  const { position } = await deps.streams.read(budgetStream(budgetLineId), budgetDecider);
  const figures = position === undefined ? undefined : await deps.budgetFigures(budgetLineId, position);
  if (!figures) return error;
  const details = { ...error.details, allocatedFen: figures.allocatedFen, availableFen: figures.availableFen };
  const message = error.message.replace(budgetLineFigures(error.details), budgetLineFigures(details, figures));
  return new DomainError(error.code, message, details);
}

/** Runs `work`; a budget refusal it throws is reworded in finance's words. */
export async function withFinanceWords<T>(deps: CommandDeps, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw await inFinanceWords(deps, error);
  }
}
