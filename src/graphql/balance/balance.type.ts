import { Field, Int, InterfaceType, ObjectType } from 'type-graphql';
import type { Fen } from '../../shared/money.js';
import { MoneyScalar } from '../scalars/money.scalar.js';

@InterfaceType({ description: 'Benefit figures (受益台账): approved, paid, demanded back, repaid, waived.' })
export abstract class BenefitFigures {
  @Field(() => MoneyScalar, { name: 'approved', description: 'Approved.' })
  approvedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'disbursed', description: 'Paid out.' })
  disbursedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'clawbackDemanded', description: 'Demanded back (追回).' })
  clawbackDemandedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'recovered', description: 'Repaid against clawbacks.' })
  recoveredFen!: Fen;

  @Field(() => MoneyScalar, { name: 'waived', description: 'Written off from clawbacks.' })
  waivedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'outstandingClawback', description: 'demanded − recovered − waived.' })
  outstandingClawbackFen!: Fen;

  @Field(() => MoneyScalar, { name: 'netBenefit', description: 'disbursed − recovered: what the beneficiary has kept.' })
  netBenefitFen!: Fen;
}

@ObjectType({ implements: BenefitFigures, description: "An enterprise's figures on one benefit line in one fiscal year." })
export class BenefitBalanceLine extends BenefitFigures {
  @Field(() => String, { description: 'The benefit line.' })
  lineCode!: string;

  @Field(() => Int, { description: 'The fiscal year.' })
  fiscalYear!: number;

  @Field(() => String, { description: 'Who pays.' })
  payer!: string;

  @Field(() => String, { description: 'The budget line.' })
  budgetLineId!: string;
}

@ObjectType({ implements: BenefitFigures, description: "An enterprise's benefit balance: its totals, and per benefit line and fiscal year." })
export class BenefitBalance extends BenefitFigures {
  /** The enterprise; `lines` resolves from it. */
  creditCode!: string;
}
