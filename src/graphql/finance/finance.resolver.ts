import { Arg, Args, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { MAY } from '../access/roles.js';
import { commandContext, type LedgerContext } from '../context.js';
import { AsOfArgs, asOfOf } from './as-of.args.js';
import { BudgetExecutionReport } from './budget-execution.type.js';
import { ConfirmFiscalYearCloseInput, FiscalYearClosePayload, PrepareFiscalYearCloseInput } from './fiscal-close.input.js';


@Resolver()
export class FinanceResolver {
  @Authorized(MAY.readBudgets)
  @Query(() => BudgetExecutionReport, { description: '预算执行情况: a fiscal year\'s budget execution per line and per article and payer, as of a date. APPROVER, TREASURY, FINANCE, AUDITOR.' })
  budgetExecution(
    @Ctx() ctx: LedgerContext,
    @Arg('fiscalYear', () => Int) fiscalYear: number,
    @Args(() => AsOfArgs) at: AsOfArgs,
  ): BudgetExecutionReport {
    return { fiscalYear, asOf: at.asOf ?? null, ...ctx.services.read.budgetExecution(fiscalYear, asOfOf(at) ?? {}) };
  }

  @Authorized(MAY.closeFiscalYear)
  @Mutation(() => FiscalYearClosePayload, { description: 'Prepares the close (结账) of a fiscal year: what each line carries over (结转), lapses and leaves as surplus (结余). FINANCE.' })
  prepareFiscalYearClose(@Ctx() ctx: LedgerContext, @Arg('input', () => PrepareFiscalYearCloseInput) input: PrepareFiscalYearCloseInput): Promise<FiscalYearClosePayload> {
    const choices = {
      lineRules: Object.fromEntries(input.lineRules.map((r) => [r.lineCode, r.disposition])),
      approvals: Object.fromEntries(input.approvals.map((a) => [a.approvalId, a.disposition])),
    };
    return ctx.services.ledger.prepareFiscalYearClose({ fiscalYear: input.fiscalYear, choices }, commandContext(ctx, input));
  }

  @Authorized(MAY.closeFiscalYear)
  @Mutation(() => FiscalYearClosePayload, { description: 'Confirms a prepared close (another person than the preparer): the year is closed and nothing more is booked into it. FINANCE.' })
  confirmFiscalYearClose(@Ctx() ctx: LedgerContext, @Arg('input', () => ConfirmFiscalYearCloseInput) input: ConfirmFiscalYearCloseInput): Promise<FiscalYearClosePayload> {
    return ctx.services.ledger.confirmFiscalYearClose({ fiscalYear: input.fiscalYear }, commandContext(ctx, input));
  }
}
