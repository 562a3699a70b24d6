import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { findCounty } from '../../catalog/counties.js';
import { MAY } from '../access/roles.js';
import { scopedCreditCode, visible } from '../access/scope.js';
import { ApplicationConnection, ApplicationFilterInput } from '../application/application.args.js';
import { BenefitBalance } from '../balance/balance.type.js';
import { County } from '../catalog/county.type.js';
import { caller, commandContext, type LedgerContext, readAfterWrite } from '../context.js';
import { CreditCodeScalar } from '../scalars/credit-code.scalar.js';
import { connectionOf, PageArgs, pageOf } from '../shared/connection.js';
import { definedFields } from '../shared/filter.js';
import { RegisterEnterpriseInput } from './enterprise.input.js';
import { EnterpriseConnection, EnterpriseFilterInput, EnterprisePayload } from './enterprise.args.js';
import { Enterprise } from './enterprise.type.js';

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Authorized(MAY.readEnterprises)
  @Query(() => Enterprise, { description: 'One enterprise by its credit code. An APPLICANT sees its own only.' })
  async enterprise(@Ctx() ctx: LedgerContext, @Arg('creditCode', () => CreditCodeScalar) creditCode: string): Promise<Enterprise> {
    return visible(caller(ctx), await ctx.loaders.enterprise.load(creditCode), (e) => e.creditCode, `enterprise ${creditCode}`);
  }

  @Authorized(MAY.readEnterprises)
  @Query(() => EnterpriseConnection, { description: 'Enterprises by name, county or kind. An APPLICANT sees its own only.' })
  enterprises(
    @Ctx() ctx: LedgerContext,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Arg('filter', () => EnterpriseFilterInput, { nullable: true }) filter?: EnterpriseFilterInput,
  ): EnterpriseConnection {
    const page = pageOf(pageArgs);
    const creditCode = scopedCreditCode(caller(ctx), undefined);
    const { rows, totalCount } = ctx.services.read.enterprises({ ...definedFields(filter), creditCode }, page);
    return connectionOf(rows, totalCount, page);
  }

  @FieldResolver(() => County, { description: 'Where it is registered.' })
  county(@Root() enterprise: Enterprise): County {
    const county = findCounty(enterprise.county);
    if (!county) throw new Error(`enterprise ${enterprise.creditCode} has an unknown county ${enterprise.county}`);
    return county;
  }

  @Authorized(MAY.readCases)
  @FieldResolver(() => BenefitBalance, {
    nullable: true,
    description: 'What it has been awarded, paid and asked to repay (case readers only); null before its first approval.',
  })
  balance(@Root() enterprise: Enterprise, @Ctx() ctx: LedgerContext): Promise<BenefitBalance | null> {
    return ctx.loaders.balance.load(enterprise.creditCode);
  }

  @Authorized(MAY.readCases)
  @FieldResolver(() => ApplicationConnection, { nullable: true, description: 'Its applications (case readers only).' })
  applications(
    @Root() enterprise: Enterprise,
    @Ctx() ctx: LedgerContext,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Arg('filter', () => ApplicationFilterInput, { nullable: true }) filter?: ApplicationFilterInput,
  ): ApplicationConnection {
    const page = pageOf(pageArgs);
    const { rows, totalCount } = ctx.services.read.applications({ ...definedFields(filter), creditCode: enterprise.creditCode }, page);
    return connectionOf(rows, totalCount, page);
  }

  @Authorized(MAY.keepRegister)
  @Mutation(() => EnterprisePayload, { description: 'Registers a beneficiary by its credit code (check character verified). ADMIN.' })
  async registerEnterprise(@Ctx() ctx: LedgerContext, @Arg('input', () => RegisterEnterpriseInput) input: RegisterEnterpriseInput): Promise<EnterprisePayload> {
    const { creditCode, name, county, kind } = input;
    const { position } = await ctx.services.ledger.registerEnterprise({ creditCode, name, county, kind }, commandContext(ctx, input));
    return { position, enterprise: await readAfterWrite(ctx, position, ctx.loaders.enterprise, creditCode) };
  }
}
