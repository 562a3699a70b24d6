import { Arg, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { XUCHANG_COUNTIES } from '../../catalog/counties.js';
import { MAY } from '../access/roles.js';
import { commandContext, type LedgerContext, readAfterWrite } from '../context.js';
import { Payload } from '../shared/payload.js';
import { TEXT, TextArg } from '../shared/text.js';
import { AmendBenefitLineInput, DefineBenefitLineInput, PublishPolicyInput } from './catalog.input.js';
import { lineChangesOf, lineDefinitionOf, ruleTypeOf } from './catalog.mapping.js';
import { notFound } from '../errors/api-error.js';
import { BenefitLine, BenefitRule } from './benefit-line.type.js';
import { County } from './county.type.js';
import { Policy } from './policy.type.js';

@ObjectType({ description: 'The policy published.' })
export class PolicyPayload extends Payload(Policy, 'policy', 'policy') {}

@ObjectType({ description: 'The benefit line defined or amended.' })
export class BenefitLinePayload extends Payload(BenefitLine, 'benefitLine', 'benefit line') {}

@Resolver()
export class CatalogResolver {
  @Authorized(MAY.readCatalog)
  @Query(() => [Policy], { description: 'The published policies whose benefit lines the ledger pays.' })
  policies(@Ctx() ctx: LedgerContext): Policy[] {
    return ctx.services.read.policies();
  }

  @Authorized(MAY.readCatalog)
  @Query(() => [BenefitLine], { description: 'Benefit lines, of one policy or of all.' })
  benefitLines(
    @Ctx() ctx: LedgerContext,
    @TextArg('policyCode', TEXT.CODE, { nullable: true, description: 'Only this policy\'s lines.' }) policyCode?: string,
  ): BenefitLine[] {
    return ctx.services.read.benefitLines({ policyCode: policyCode ?? undefined });
  }

  @Authorized(MAY.readCatalog)
  @Query(() => BenefitLine, { description: 'One benefit line by its code.' })
  async benefitLine(@Ctx() ctx: LedgerContext, @TextArg('code', TEXT.CODE, { description: 'The line\'s code.' }) code: string): Promise<BenefitLine> {
    return (await ctx.loaders.benefitLine.load(code)) ?? Promise.reject(notFound(`benefit line ${code}`));
  }

  @Authorized(MAY.readCatalog)
  @Query(() => [County], { description: "Xuchang's counties, districts and zones." })
  counties(): County[] {
    return [...XUCHANG_COUNTIES];
  }

  @Authorized(MAY.keepCatalog)
  @Mutation(() => PolicyPayload, { description: 'Publishes a policy document in the catalog, so that its benefit lines can be defined. ADMIN.' })
  async publishPolicy(@Ctx() ctx: LedgerContext, @Arg('input', () => PublishPolicyInput) input: PublishPolicyInput): Promise<PolicyPayload> {
    const { code: policyCode, documentNumber, title, issuer, issuedOn, articles } = input;
    const policy = { policyCode, documentNumber, title, issuer, issuedOn, articles: articles.map((a) => ({ ...a })) };
    const { position } = await ctx.services.ledger.publishPolicy(policy, commandContext(ctx, input));
    return { position, policy: await readAfterWrite(ctx, position, ctx.loaders.policy, policyCode) };
  }

  @Authorized(MAY.keepCatalog)
  @Mutation(() => BenefitLinePayload, { description: 'Defines a benefit line of a published policy: a new policy of known rule kinds needs no code. ADMIN.' })
  async defineBenefitLine(@Ctx() ctx: LedgerContext, @Arg('input', () => DefineBenefitLineInput) input: DefineBenefitLineInput): Promise<BenefitLinePayload> {
    const definition = lineDefinitionOf(input.code, input.policyCode, input.line);
    const { position } = await ctx.services.ledger.defineBenefitLine(definition, commandContext(ctx, input));
    return { position, benefitLine: await readAfterWrite(ctx, position, ctx.loaders.benefitLine, input.code) };
  }

  @Authorized(MAY.keepCatalog)
  @Mutation(() => BenefitLinePayload, { description: 'Amends a benefit line; the amended whole must still be a valid line. ADMIN.' })
  async amendBenefitLine(@Ctx() ctx: LedgerContext, @Arg('input', () => AmendBenefitLineInput) input: AmendBenefitLineInput): Promise<BenefitLinePayload> {
    const { position } = await ctx.services.ledger.amendBenefitLine({ lineCode: input.code, changes: lineChangesOf(input.changes) }, commandContext(ctx, input));
    return { position, benefitLine: await readAfterWrite(ctx, position, ctx.loaders.benefitLine, input.code) };
  }
}

@Resolver(() => Policy)
export class PolicyResolver {
  @FieldResolver(() => [BenefitLine], { description: 'The benefit lines this policy defines.' })
  benefitLines(@Root() policy: Policy, @Ctx() ctx: LedgerContext): BenefitLine[] {
    return ctx.services.read.benefitLines({ policyCode: policy.policyCode });
  }
}

@Resolver(() => BenefitLine)
export class BenefitLineResolver {
  @FieldResolver(() => BenefitRule, { description: 'How the amount is computed.' })
  rule(@Root() line: BenefitLine): BenefitRule {
    return ruleTypeOf(line.rule);
  }
}
