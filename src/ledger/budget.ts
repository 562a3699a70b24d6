/** The ledger's budget commands (Finance): allocate a line for a fiscal year and payer, adjust it. */
import { budgetLineId, budgetStream, type Payer } from '../budget/budget.js';
import { budgetDecider } from '../budget/decide.js';
import type { CommandContext, CommandDeps } from '../commands/envelope.js';
import { withFinanceWords } from '../commands/budget-refusal.js';
import { handle } from '../commands/handle.js';
import { isYearClosed, readLine } from '../commands/lookups.js';
import type { Fen } from '../shared/money.js';

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
  /** An adjusting entry names the entry it corrects (e.g. a payment or allocation in a closed year). */
  corrects?: string;
}

export const budgetCommands = (deps: CommandDeps) => ({
  /** Allocates a budget line per benefit line, fiscal year and payer. Returns `{ budgetLineId }` ("<line>.<year>.<payer>"). */
  allocateBudget: (input: AllocateBudgetInput, ctx: CommandContext) => {
    const id = budgetLineId(input.lineCode, input.fiscalYear, input.payer);
    return handle(deps, ctx, 'AllocateBudget', input, (env) => ({
      stream: budgetStream(id),
      decider: budgetDecider,
      command: async () => ({
        type: 'AllocateBudget' as const,
        data: { ...input, line: await readLine(deps, input.lineCode), yearClosed: await isYearClosed(deps, input.fiscalYear), now: env.now },
      }),
      ids: { budgetLineId: id },
    }));
  },

  /** Adds to or cuts a budget line; never below what approvals hold. Returns `{ budgetLineId }`. */
  adjustBudget: (input: AdjustBudgetInput, ctx: CommandContext) =>
    withFinanceWords(deps, () =>
      handle(deps, ctx, 'AdjustBudget', input, (env) => ({
        stream: budgetStream(input.budgetLineId),
        decider: budgetDecider,
        command: () => ({ type: 'AdjustBudget' as const, data: { ...input, now: env.now } }),
        ids: { budgetLineId: input.budgetLineId },
      })),
    ),
});
