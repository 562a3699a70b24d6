import { Field, Int, ObjectType } from 'type-graphql';
import type { BenefitRule as DomainRule } from '../../catalog/catalog.js';
import type { Fen } from '../../shared/money.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { AwardFrequencyValue, EnterpriseKindValue, PayerRuleValue, RuleKindValue } from '../shared/enums.js';

@ObjectType({ simpleResolvers: true, description: 'How a benefit line computes what it pays, with its parameters.' })
export class BenefitRule {
  @Field(() => RuleKindValue, { description: 'Fixed amount, cost share, average-balance rate or per case.' })
  kind!: `${RuleKindValue}`;

  @Field(() => MoneyScalar, { nullable: true, description: 'FIXED: the exact amount paid.' })
  amount!: Fen | null;

  @Field(() => Int, { nullable: true, description: 'COST_SHARE and AVERAGE_BALANCE_RATE: the rate in basis points (5000 = 50%, 100 = 1%).' })
  rateBasisPoints!: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'COST_SHARE: the cap per beneficiary per fiscal year, over all its approvals.' })
  yearlyCap!: Fen | null;

  @Field(() => [String], { description: 'COST_SHARE: the kinds of cost that count (interest, appraisal, guarantee, insurance).' })
  costKinds!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A benefit line (扶持项目): one kind of money a policy article pays.' })
export class BenefitLine {
  @Field(() => String, { name: 'code', simple: false, description: 'Stable code, e.g. "neeq-listing-reward".' })
  lineCode!: string;

  @Field(() => String, { description: 'Code of the policy that defines it.' })
  policyCode!: string;

  @Field(() => String, { description: 'The article (条) of the policy, e.g. "(五)".' })
  article!: string;

  @Field(() => String, { description: 'What is paid, in English.' })
  title!: string;

  @Field(() => String, { description: "What is paid, in the policy's own words." })
  titleZh!: string;

  /** The domain's rule; the schema's `rule` field presents it. */
  rule!: DomainRule;

  @Field(() => AwardFrequencyValue, { description: 'How often one beneficiary may be awarded.' })
  frequency!: `${AwardFrequencyValue}`;

  @Field(() => PayerRuleValue, { description: 'Who pays: municipal finance or the beneficiary\'s county.' })
  payer!: `${PayerRuleValue}`;

  @Field(() => String, { description: 'Lead unit (牵头单位).' })
  leadUnit!: string;

  @Field(() => [String], { description: 'Cooperating units (配合单位).' })
  cooperatingUnits!: string[];

  @Field(() => String, { description: 'Exclusivity group (不重复享受): one qualifying fact backs at most one award in it.' })
  exclusivityGroup!: string;

  @Field(() => String, { nullable: true, description: 'The line this one is the companion (配套奖励) of, paid after it on the same fact.' })
  companionOf?: string;

  @Field(() => [EnterpriseKindValue], { description: 'Which kinds of beneficiary may apply.' })
  eligibleKinds!: `${EnterpriseKindValue}`[];

  @Field(() => [String], { nullable: true, description: 'Kinds of qualifying fact (资格事实) an application may rest on; null: any.' })
  qualifyingFactKinds?: string[];

  @Field(() => Int, { nullable: true, description: 'Public notice (公示): the working days reviewed applications are posted before approval; null: none.' })
  noticeWorkingDays?: number;
  @Field(() => String, { nullable: true, description: 'The designation kind (认定) the qualifying fact must be, recorded in the ledger: the fact\'s reference is its 文号. Approval is refused without it.' })
  qualifyingDesignation?: string;

  @Field(() => String, { nullable: true, description: 'The cultivation pool whose record decides the fact: a firm it monitors qualifies once it left as above-designated-size on the statistics entry the application cites.' })
  qualifyingPoolExit?: string;
}
