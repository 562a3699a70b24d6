import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MAY } from '../access/roles.js';
import { BenefitLine } from '../catalog/benefit-line.type.js';
import { commandContext, type LedgerContext, readAfterWrite } from '../context.js';
import { notFound } from '../errors/api-error.js';
import { definedFields } from '../shared/filter.js';
import { TEXT, TextArg } from '../shared/text.js';
import { BudgetLineFilterInput, BudgetLinePayload } from './budget.args.js';
import { AdjustBudgetInput, AllocateBudgetInput, BudgetChange } from './budget.input.js';
import { BudgetLine } from './budget-line.type.js';

const afterWrite = async (ctx: LedgerContext, { position, budgetLineId }: { position: string; budgetLineId: string }) => ({
  position,
  budgetLine: await readAfterWrite(ctx, position, ctx.loaders.budgetLine, budgetLineId),
});

@Resolver(() => BudgetLine)
export class BudgetResolver {
  @Authorized(MAY.readBudgets)
  @Query(() => [BudgetLine], { description: 'Budget lines and their use: allocated, committed, disbursed, recovered, available.' })
  budgetLines(
    @Ctx() ctx: LedgerContext,
    @Arg('filter', () => BudgetLineFilterInput, { nullable: true }) filter?: BudgetLineFilterInput,
  ): BudgetLine[] {
    return ctx.services.read.budgetLines(definedFields(filter));
  }

  @Authorized(MAY.readBudgets)
  @Query(() => BudgetLine, { description: 'One budget line, "<line>.<year>.<payer>".' })
  async budgetLine(
    @Ctx() ctx: LedgerContext,
    @TextArg('id', TEXT.ID, { id: true, description: 'The budget line, "<line>.<year>.<payer>".' }) id: string,
  ): Promise<BudgetLine> {
    return (await ctx.loaders.budgetLine.load(id)) ?? Promise.reject(notFound(`budget line ${id}`));
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
    const { budgetLineId, change, amount, reason } = input;
    const deltaFen = change === BudgetChange.DECREASE ? -amount : amount;
    return afterWrite(ctx, await ctx.services.ledger.adjustBudget({ budgetLineId, deltaFen, reason }, commandContext(ctx, input)));
  }
}
