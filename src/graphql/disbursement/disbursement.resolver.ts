import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DisbursementRow } from '../../../projections/disbursement-history/disbursement-history.js';
import { findCounty } from '../../catalog/counties.js';
import { AsOfArgs, asOfOf } from '../finance/as-of.args.js';
import { MAY } from '../access/roles.js';
import { scopedCreditCode } from '../access/scope.js';
import { Application, Approval } from '../application/application.type.js';
import { DemandClawbackInput, RecordDisbursementInput, RecordRepaymentInput, WaiveClawbackInput } from '../application/application.input.js';
import { BenefitLine } from '../catalog/benefit-line.type.js';
import { County } from '../catalog/county.type.js';
import { caller, commandContext, type LedgerContext, readAfterWrite } from '../context.js';
import { Enterprise } from '../enterprise/enterprise.type.js';
import { connectionOf, PageArgs, pageOf } from '../shared/connection.js';
import { definedFields } from '../shared/filter.js';
import { selectedFieldNames } from '../shared/selection.js';
import { ClawbackPayload, DisbursementFilterInput, DisbursementPayload, RepaymentPayload } from './disbursement.args.js';
import { Disbursement, DisbursementConnection } from './disbursement.type.js';

type RowField = keyof DisbursementRow & string;

/**
 * The row's property each field of a Disbursement reads: its column, or the key of the object it
 * resolves. A field not named here (one whose resolver reads more) has the page read whole rows.
 */
const READS: Record<string, RowField> = {
  id: 'disbursementId',
  amount: 'amountFen',
  enterprise: 'creditCode',
  benefitLine: 'lineCode',
  approval: 'approvalId',
  application: 'applicationId',
  county: 'county',
  ...Object.fromEntries(
    (['creditCode', 'lineCode', 'fiscalYear', 'payer', 'budgetLineId', 'approvedBy', 'approvedAt', 'approvalDocumentRef', 'paidOn', 'paymentReference', 'recordedBy', 'recordedAt', 'eventId', 'position'] as const).map((f) => [f, f]),
  ),
};

/** The columns a page's nodes are asked for, or undefined for all of them. */
function fieldsRead(info: GraphQLResolveInfo): RowField[] | undefined {
  const fields = new Set<RowField>(['disbursementId']);
  for (const name of selectedFieldNames(info, ['edges', 'node'])) {
    if (name === '__typename') continue;
    const field = READS[name];
    if (!field) return undefined;
    fields.add(field);
  }
  return [...fields];
}

/** The objects a page's rows refer to, read in one statement per kind when the first row asks for them. */
function expectRelations({ loaders }: LedgerContext, rows: readonly Partial<DisbursementRow>[]): void {
  const first = rows[0];
  // A key the page did not read is a relation the query does not ask for.
  if (first?.creditCode !== undefined) loaders.enterprise.expect(rows.map((d) => d.creditCode!));
  if (first?.lineCode !== undefined) loaders.benefitLine.expect(rows.map((d) => d.lineCode!));
  if (first?.approvalId !== undefined) loaders.approval.expect(rows.map((d) => d.approvalId!));
}

const application = (ctx: LedgerContext, { position, applicationId }: { position: string; applicationId: string }) =>
  readAfterWrite(ctx, position, ctx.loaders.application, applicationId);

@Resolver(() => Disbursement)
export class DisbursementResolver {
  @Authorized(MAY.readCases)
  @Query(() => DisbursementConnection, {
    description: 'Payments by enterprise, line, payer, county, value-date range, amount range or approver, newest first, with totals over the filter. An APPLICANT sees its own only.',
  })
  disbursements(
    @Ctx() ctx: LedgerContext,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Args(() => AsOfArgs) at: AsOfArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => DisbursementFilterInput, { nullable: true }) filter?: DisbursementFilterInput,
  ): DisbursementConnection {
    const page = pageOf(pageArgs);
    const { minAmount, maxAmount, ...rest } = definedFields(filter);
    const creditCode = scopedCreditCode(caller(ctx), filter?.creditCode);
    const filters = { ...rest, ...asOfOf(at), creditCode, minAmountFen: minAmount, maxAmountFen: maxAmount };
    const { rows, totalCount, totalFen } = ctx.services.read.disbursements(filters, page, fieldsRead(info));
    expectRelations(ctx, rows);
    // Rows hold the columns the query's fields read (fieldsRead), which is all that is read of them.
    const nodes = rows as Disbursement[];
    return { ...connectionOf(nodes, totalCount, page), totals: { count: totalCount, amountFen: totalFen } };
  }

  @FieldResolver(() => Application, { description: 'The application paid.' })
  async application(@Root() d: Disbursement, @Ctx() ctx: LedgerContext): Promise<Application> {
    return (await ctx.loaders.application.load(d.applicationId))!;
  }

  @FieldResolver(() => Enterprise, { description: 'The beneficiary.' })
  enterprise(@Root() d: Disbursement, @Ctx() ctx: LedgerContext): Enterprise {
    return ctx.loaders.enterprise.get(d.creditCode)!;
  }

  @FieldResolver(() => BenefitLine, { description: 'The benefit line.' })
  benefitLine(@Root() d: Disbursement, @Ctx() ctx: LedgerContext): BenefitLine {
    return ctx.loaders.benefitLine.get(d.lineCode)!;
  }

  @FieldResolver(() => Approval, { description: 'The approval behind the payment.' })
  approval(@Root() d: Disbursement, @Ctx() ctx: LedgerContext): Approval {
    return ctx.loaders.approval.get(d.approvalId)!;
  }

  @FieldResolver(() => County, { description: "The beneficiary's county." })
  county(@Root() d: Disbursement): County {
    return findCounty(d.county)!;
  }

  @Authorized(MAY.pay)
  @Mutation(() => DisbursementPayload, { description: 'Records a payment (a tranche) of an approved grant, at most what remains approved. TREASURY, not the approver.' })
  async recordDisbursement(@Ctx() ctx: LedgerContext, @Arg('input', () => RecordDisbursementInput) input: RecordDisbursementInput): Promise<DisbursementPayload> {
    const { applicationId, amount, paidOn, paymentReference } = input;
    const result = await ctx.services.ledger.recordDisbursement({ applicationId, amountFen: amount, paidOn, paymentReference }, commandContext(ctx, input));
    return {
      position: result.position,
      application: await application(ctx, result),
      disbursement: await readAfterWrite(ctx, result.position, ctx.loaders.disbursement, result.disbursementId),
    };
  }

  @Authorized(MAY.decide)
  @Mutation(() => ClawbackPayload, { description: 'Demands money back (追回), at most what was paid and not yet demanded. APPROVER.' })
  async demandClawback(@Ctx() ctx: LedgerContext, @Arg('input', () => DemandClawbackInput) input: DemandClawbackInput): Promise<ClawbackPayload> {
    const { applicationId, amount, reason } = input;
    const result = await ctx.services.ledger.demandClawback({ applicationId, amountFen: amount, reason }, commandContext(ctx, input));
    return { position: result.position, clawbackId: result.clawbackId, application: await application(ctx, result) };
  }

  @Authorized(MAY.pay)
  @Mutation(() => RepaymentPayload, { description: 'Records a repayment against a clawback, at most what is outstanding on it. TREASURY.' })
  async recordRepayment(@Ctx() ctx: LedgerContext, @Arg('input', () => RecordRepaymentInput) input: RecordRepaymentInput): Promise<RepaymentPayload> {
    const { applicationId, clawbackId, amount, paidOn, paymentReference } = input;
    const result = await ctx.services.ledger.recordRepayment({ applicationId, clawbackId, amountFen: amount, paidOn, paymentReference }, commandContext(ctx, input));
    return { ...result, application: await application(ctx, result) };
  }

  @Authorized(MAY.decide)
  @Mutation(() => ClawbackPayload, { description: 'Waives what is outstanding on a clawback, with a reason. APPROVER.' })
  async waiveClawback(@Ctx() ctx: LedgerContext, @Arg('input', () => WaiveClawbackInput) input: WaiveClawbackInput): Promise<ClawbackPayload> {
    const { applicationId, clawbackId, reason } = input;
    const result = await ctx.services.ledger.waiveClawback({ applicationId, clawbackId, reason }, commandContext(ctx, input));
    return { ...result, application: await application(ctx, result) };
  }
}
