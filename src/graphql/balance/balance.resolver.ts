import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AsOfArgs, asOfOf } from '../finance/as-of.args.js';
import { MAY } from '../access/roles.js';
import { caller, type LedgerContext } from '../context.js';
import { BenefitLine } from '../catalog/benefit-line.type.js';
import { visible } from '../access/scope.js';
import { CreditCodeScalar } from '../scalars/credit-code.scalar.js';
import { BenefitBalance, BenefitBalanceLine } from './balance.type.js';

@Resolver(() => BenefitBalance)
export class BalanceResolver {
  @Authorized(MAY.readCases)
  @Query(() => BenefitBalance, {
    nullable: true,
    description: "An enterprise's benefit balance, all zero before its first approval. An APPLICANT sees its own only; any other enterprise is NOT_FOUND.",
  })
  async enterpriseBalance(
    @Ctx() ctx: LedgerContext,
    @Arg('creditCode', () => CreditCodeScalar) creditCode: string,
    @Args(() => AsOfArgs) at: AsOfArgs,
  ): Promise<BenefitBalance | null> {
    visible(caller(ctx), await ctx.loaders.enterprise.load(creditCode), (e) => e.creditCode, `enterprise ${creditCode}`);
    const asOf = asOfOf(at);
    return asOf ? ctx.services.read.enterpriseBalanceAsOf(creditCode, asOf) : ctx.loaders.balance.load(creditCode);
  }

  @FieldResolver(() => [BenefitBalanceLine], { description: 'The figures per benefit line and fiscal year, as they stand now (whatever `asOf`).' })
  lines(@Root() balance: BenefitBalance, @Ctx() ctx: LedgerContext): BenefitBalanceLine[] {
    return ctx.services.read.lineBalances(balance.creditCode);
  }
}

@Resolver(() => BenefitBalanceLine)
export class BalanceLineResolver {
  @FieldResolver(() => BenefitLine, { description: 'The benefit line.' })
  async benefitLine(@Root() line: BenefitBalanceLine, @Ctx() ctx: LedgerContext): Promise<BenefitLine> {
    return (await ctx.loaders.benefitLine.load(line.lineCode))!;
  }
}
