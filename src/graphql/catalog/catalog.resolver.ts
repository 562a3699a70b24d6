import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { XUCHANG_COUNTIES } from '../../catalog/counties.js';
import { MAY } from '../access/roles.js';
import type { LedgerContext } from '../context.js';
import { notFound } from '../errors/api-error.js';
import { BenefitLine, BenefitRule } from './benefit-line.type.js';
import { County } from './county.type.js';
import { Policy } from './policy.type.js';

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
    @Arg('policyCode', () => String, { nullable: true, description: 'Only this policy\'s lines.' }) policyCode?: string,
  ): BenefitLine[] {
    return ctx.services.read.benefitLines({ policyCode: policyCode ?? undefined });
  }

  @Authorized(MAY.readCatalog)
  @Query(() => BenefitLine, { description: 'One benefit line by its code.' })
  async benefitLine(@Ctx() ctx: LedgerContext, @Arg('code', () => String) code: string): Promise<BenefitLine> {
    return (await ctx.loaders.benefitLine.load(code)) ?? Promise.reject(notFound(`benefit line ${code}`));
  }

  @Authorized(MAY.readCatalog)
  @Query(() => [County], { description: "Xuchang's counties, districts and zones." })
  counties(): County[] {
    return [...XUCHANG_COUNTIES];
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
    const { rule } = line;
    return {
      kind: rule.kind,
      amount: rule.kind === 'fixed' ? rule.amountFen : null,
      rateBasisPoints: rule.kind === 'cost-share' || rule.kind === 'average-balance-rate' ? rule.rateBasisPoints : null,
      yearlyCap: rule.kind === 'cost-share' ? rule.yearlyCapFen : null,
      costKinds: rule.kind === 'cost-share' ? rule.costKinds : [],
    };
  }
}
