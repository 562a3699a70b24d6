/** Budget commands (Finance): allocate a line for a fiscal year and payer, adjust it. */
import { budgetLineId, budgetStream, type Payer } from '../budget/budget.js';
import { budgetDecider } from '../budget/decide.js';
import type { Fen } from '../shared/money.js';
import { type CommandContext, envelope, type LedgerDeps } from './context.js';
import { executeCommand } from './execute.js';
import { readLine } from './lookups.js';

export interface AllocateBudgetInput {
  lineCode: string;
  fiscalYear: number;
  /** "municipal" or "county-<code>" */
  payer: Payer;
  amountFen: Fen;
}

export interface AdjustBudgetInput {
  budgetLineId: string;
  /** Positive to add, negative to cut. */
  deltaFen: Fen;
  reason: string;
}

export function allocateBudget(deps: LedgerDeps, input: AllocateBudgetInput, ctx: CommandContext) {
  const env = envelope(deps, 'AllocateBudget', input, ctx);
  const id = budgetLineId(input.lineCode, input.fiscalYear, input.payer);
  return executeCommand(deps, env, {
    stream: budgetStream(id),
    decider: budgetDecider,
    command: async () => ({
      type: 'AllocateBudget' as const,
      data: { ...input, line: await readLine(deps.store, input.lineCode), now: env.now },
    }),
    ids: { budgetLineId: id },
  });
}

export function adjustBudget(deps: LedgerDeps, input: AdjustBudgetInput, ctx: CommandContext) {
  const env = envelope(deps, 'AdjustBudget', input, ctx);
  return executeCommand(deps, env, {
    stream: budgetStream(input.budgetLineId),
    decider: budgetDecider,
    command: async () => ({ type: 'AdjustBudget' as const, data: { ...input, now: env.now } }),
    ids: { budgetLineId: input.budgetLineId },
  });
}
