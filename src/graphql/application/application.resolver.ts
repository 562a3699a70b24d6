import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { findCounty } from '../../catalog/counties.js';
import type { Evidence } from '../../application/application.js';
import { MAY } from '../access/roles.js';
import { scopedCreditCode, visible } from '../access/scope.js';
import { BudgetLine } from '../budget/budget-line.type.js';
import { BenefitLine } from '../catalog/benefit-line.type.js';
import { County } from '../catalog/county.type.js';
import { caller, commandContext, type LedgerContext, readAfterWrite } from '../context.js';
import { Enterprise } from '../enterprise/enterprise.type.js';
import { badUserInput } from '../errors/api-error.js';
import { connectionOf, PageArgs, pageOf } from '../shared/connection.js';
import { definedFields } from '../shared/filter.js';
import { TEXT, TextArg } from '../shared/text.js';
import { ApplicationConnection, ApplicationFilterInput, ApplicationPayload, ApprovalPayload } from './application.args.js';
import {
  ApplicationCommandInput,
  ApproveApplicationInput,
  type EvidenceInput,
  RejectApplicationInput,
  ReviewApplicationInput,
  SubmitApplicationInput,
} from './application.input.js';
import { Application, Approval, QualifyingFact } from './application.type.js';

/** The application, when it exists and the caller may see it; NOT_FOUND otherwise. */
export async function visibleApplication(ctx: LedgerContext, id: string): Promise<Application> {
  return visible(caller(ctx), await ctx.loaders.application.load(id), (a) => a.creditCode, `application ${id}`);
}

const afterWrite = async (ctx: LedgerContext, { position, applicationId }: { position: string; applicationId: string }) => ({
  position,
  application: await readAfterWrite(ctx, position, ctx.loaders.application, applicationId),
});

function evidenceOf(input: EvidenceInput | null | undefined): Evidence {
  if (!input) return {};
  const costs = input.costs ?? [];
  const kinds = costs.map((c) => c.kind);
  const repeated = kinds.find((kind, i) => kinds.indexOf(kind) !== i);
  if (repeated) throw badUserInput(`cost kind "${repeated}" is given twice: give each kind once, with its total`);
  return {
    ...(input.costs ? { costsFen: Object.fromEntries(costs.map((c) => [c.kind, c.amount])) } : {}),
    // The domain checks there are exactly four.
    ...(input.quarterEndBalances ? { quarterEndBalancesFen: input.quarterEndBalances as Evidence['quarterEndBalancesFen'] } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
}

@Resolver(() => Application)
export class ApplicationResolver {
  @Authorized(MAY.readCases)
  @Query(() => Application, { description: 'One application by id. An APPLICANT sees its own only (another\'s reads as NOT_FOUND).' })
  application(@Ctx() ctx: LedgerContext, @TextArg('id', TEXT.ID, { id: true, description: 'The application.' }) id: string): Promise<Application> {
    return visibleApplication(ctx, id);
  }

  @Authorized(MAY.readCases)
  @Query(() => ApplicationConnection, { description: 'Applications by status, line, year, county or enterprise, newest first. An APPLICANT sees its own only.' })
  applications(
    @Ctx() ctx: LedgerContext,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Arg('filter', () => ApplicationFilterInput, { nullable: true }) filter?: ApplicationFilterInput,
  ): ApplicationConnection {
    const page = pageOf(pageArgs);
    const creditCode = scopedCreditCode(caller(ctx), filter?.creditCode);
    const { rows, totalCount } = ctx.services.read.applications({ ...definedFields(filter), creditCode }, page);
    return connectionOf(rows, totalCount, page);
  }

  @FieldResolver(() => Enterprise, { description: 'The applying enterprise.' })
  async enterprise(@Root() application: Application, @Ctx() ctx: LedgerContext): Promise<Enterprise> {
    return (await ctx.loaders.enterprise.load(application.creditCode))!;
  }

  @FieldResolver(() => BenefitLine, { description: 'The benefit line applied for.' })
  async benefitLine(@Root() application: Application, @Ctx() ctx: LedgerContext): Promise<BenefitLine> {
    return (await ctx.loaders.benefitLine.load(application.lineCode))!;
  }

  @Authorized(MAY.readBudgets)
  @FieldResolver(() => BudgetLine, { nullable: true, description: 'The budget line the money comes from (budget readers only); null until Finance allocates it.' })
  budgetLine(@Root() application: Application, @Ctx() ctx: LedgerContext): Promise<BudgetLine | null> {
    return ctx.loaders.budgetLine.load(application.budgetLineId);
  }

  @FieldResolver(() => County, { description: 'The county of the applicant, as registered when it applied.' })
  county(@Root() application: Application): County {
    return findCounty(application.county)!;
  }

  @FieldResolver(() => QualifyingFact, { description: 'The fact the application rests on.' })
  qualifyingFact(@Root() application: Application): QualifyingFact {
    return { kind: application.factKind, reference: application.factReference };
  }

  @FieldResolver(() => Approval, { nullable: true, description: 'The approval in force; null until approved.' })
  async approval(@Root() application: Application, @Ctx() ctx: LedgerContext): Promise<Approval | null> {
    return application.approvalId ? ctx.loaders.approval.load(application.approvalId) : null;
  }

  @Authorized(MAY.apply)
  @Mutation(() => ApplicationPayload, { description: 'Submits an application for the caller\'s enterprise. APPLICANT.' })
  async submitApplication(@Ctx() ctx: LedgerContext, @Arg('input', () => SubmitApplicationInput) input: SubmitApplicationInput): Promise<ApplicationPayload> {
    const creditCode = scopedCreditCode(caller(ctx), input.creditCode);
    if (!creditCode) throw badUserInput('name the applying enterprise\'s creditCode');
    const { lineCode, fiscalYear, qualifyingFact, requested } = input;
    const submission = { creditCode, lineCode, fiscalYear, qualifyingFact: { ...qualifyingFact }, requestedFen: requested, evidence: evidenceOf(input.evidence) };
    return afterWrite(ctx, await ctx.services.ledger.submitApplication(submission, commandContext(ctx, input)));
  }

  @Authorized(MAY.apply)
  @Mutation(() => ApplicationPayload, { description: 'Withdraws one of the caller\'s own submitted or reviewed applications. APPLICANT.' })
  async withdrawApplication(@Ctx() ctx: LedgerContext, @Arg('input', () => ApplicationCommandInput) input: ApplicationCommandInput): Promise<ApplicationPayload> {
    const { applicationId } = await visibleApplication(ctx, input.applicationId);
    return afterWrite(ctx, await ctx.services.ledger.withdrawApplication({ applicationId }, commandContext(ctx, input)));
  }

  @Authorized(MAY.review)
  @Mutation(() => ApplicationPayload, { description: 'Reviews a submitted application (审核). OFFICER.' })
  async reviewApplication(@Ctx() ctx: LedgerContext, @Arg('input', () => ReviewApplicationInput) input: ReviewApplicationInput): Promise<ApplicationPayload> {
    const { applicationId, opinion } = input;
    return afterWrite(ctx, await ctx.services.ledger.reviewApplication({ applicationId, opinion }, commandContext(ctx, input)));
  }

  @Authorized(MAY.decide)
  @Mutation(() => ApprovalPayload, { description: 'Approves a reviewed application at the amount its rule allows, committing the budget (审批). APPROVER, not the submitter or reviewer.' })
  async approveApplication(@Ctx() ctx: LedgerContext, @Arg('input', () => ApproveApplicationInput) input: ApproveApplicationInput): Promise<ApprovalPayload> {
    const approval = { applicationId: input.applicationId, ...(input.amount == null ? {} : { amountFen: input.amount }) };
    const result = await ctx.services.ledger.approveApplication(approval, commandContext(ctx, input));
    return { ...(await afterWrite(ctx, result)), approvalId: result.approvalId };
  }

  @Authorized(MAY.decide)
  @Mutation(() => ApplicationPayload, { description: 'Rejects a submitted or reviewed application, with a reason. APPROVER.' })
  async rejectApplication(@Ctx() ctx: LedgerContext, @Arg('input', () => RejectApplicationInput) input: RejectApplicationInput): Promise<ApplicationPayload> {
    const { applicationId, reason } = input;
    return afterWrite(ctx, await ctx.services.ledger.rejectApplication({ applicationId, reason }, commandContext(ctx, input)));
  }
}

@Resolver(() => Approval)
export class ApprovalResolver {
  @FieldResolver(() => Application, { description: 'The application approved.' })
  async application(@Root() approval: Approval, @Ctx() ctx: LedgerContext): Promise<Application> {
    return (await ctx.loaders.application.load(approval.applicationId))!;
  }
}
