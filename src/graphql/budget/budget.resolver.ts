import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { LineExecution } from '../../../projections/finance-journal/queries.js';
import { MAY } from '../access/roles.js';
import { BenefitLine } from '../catalog/benefit-line.type.js';
import { commandContext, type LedgerContext, readAfterWrite } from '../context.js';
import { apiError, notFound } from '../errors/api-error.js';
import { AsOfArgs, asOfOf } from '../finance/as-of.args.js';
import { definedFields } from '../shared/filter.js';
import { TEXT, TextArg } from '../shared/text.js';
import { BudgetLineFilterInput, BudgetLinePayload } from './budget.args.js';
import { AdjustBudgetInput, AllocateBudgetInput, BudgetChange } from './budget.input.js';
import { BudgetLine } from './budget-line.type.js';

const afterWrite = async (ctx: LedgerContext, { position, budgetLineId }: { position: string; budgetLineId: string }) => ({
  position,
  budgetLine: await readAfterWrite(ctx, position, ctx.loaders.budgetLine, budgetLineId),
});

/** A line as it stood at a date, in the terms of `budgetLine`; `allocatedAt` is the line's own. */
const lineAsOf = (line: LineExecution, allocatedAt: string): BudgetLine => ({
  ...line,
  allocatedFen: line.allocatedFen + line.adjustmentsFen,
  surplusFen: line.closed ? line.availableFen : null,
  allocatedAt,
});

@Resolver(() => BudgetLine)
export class BudgetResolver {
  @Authorized(MAY.readBudgets)
  @Query(() => [BudgetLine], { description: 'Budget lines and their use: allocated, committed, disbursed, recovered, available.' })
  budgetLines(
    @Ctx() ctx: LedgerContext,
    @Args(() => AsOfArgs) at: AsOfArgs,
    @Arg('filter', () => BudgetLineFilterInput, { nullable: true }) filter?: BudgetLineFilterInput,
  ): BudgetLine[] {
    const asOf = asOfOf(at);
    if (!asOf) return ctx.services.read.budgetLines(definedFields(filter));
    if (!filter?.fiscalYear) throw apiError('BAD_USER_INPUT', 'figures as of a date are given per fiscal year: name filter.fiscalYear');
    const lines = ctx.services.read.budgetLinesAsOf(definedFields(filter), asOf);
    const now = ctx.services.read.budgetLinesById(lines.map((l) => l.budgetLineId));
    return lines.map((line, i) => lineAsOf(line, now[i]?.allocatedAt ?? ''));
  }

  @Authorized(MAY.readBudgets)
  @Query(() => BudgetLine, { description: 'One budget line, "<line>.<year>.<payer>".' })
  async budgetLine(
    @Ctx() ctx: LedgerContext,
    @TextArg('id', TEXT.ID, { id: true, description: 'The budget line, "<line>.<year>.<payer>".' }) id: string,
    @Args(() => AsOfArgs) at: AsOfArgs,
  ): Promise<BudgetLine> {
    const now = await ctx.loaders.budgetLine.load(id);
    if (!now) throw notFound(`budget line ${id}`);
    const asOf = asOfOf(at);
    if (!asOf) return now;
    const { lineCode, fiscalYear, payer, allocatedAt } = now;
    const [line] = ctx.services.read.budgetLinesAsOf({ lineCode, fiscalYear, payer }, asOf);
    if (!line) throw notFound(`budget line ${id} as of that date`);
    return lineAsOf(line, allocatedAt);
  }

  @FieldResolver(() => BenefitLine, { description: 'The benefit line it funds.' })
  async benefitLine(@Root() budgetLine: BudgetLine, @Ctx() ctx: LedgerContext): Promise<BenefitLine> {
    return (await ctx.loaders.benefitLine.load(budgetLine.lineCode))!;
  }

  @Authorized(MAY.manageBudgets)
  @Mutation(() => BudgetLinePayload, { description: 'Allocates the budget of a benefit line for a fiscal year and payer. FINANCE.' })
  async allocateBudget(@Ctx() ctx: LedgerContext, @Arg('input', () => AllocateBudgetInput) input: AllocateBudgetInput): Promise<BudgetLinePayload> {
    const { lineCode, fiscalYear, payer, amount } = input;
    return afterWrite(ctx, await ctx.services.ledger.allocateBudget({ lineCode, fiscalYear, payer, amountFen: amount }, commandContext(ctx, input)));
  }

  @Authorized(MAY.manageBudgets)
  @Mutation(() => BudgetLinePayload, { description: 'Increases or cuts a budget line (never below what approvals hold). FINANCE.' })
  async adjustBudget(@Ctx() ctx: LedgerContext, @Arg('input', () => AdjustBudgetInput) input: AdjustBudgetInput): Promise<BudgetLinePayload> {
    const { budgetLineId, change, amount, reason, corrects } = input;
    const deltaFen = change === BudgetChange.DECREASE ? -amount : amount;
    const correcting = corrects ? { corrects } : {};
    return afterWrite(ctx, await ctx.services.ledger.adjustBudget({ budgetLineId, deltaFen, reason, ...correcting }, commandContext(ctx, input)));
  }
}
