import { Field, InputType, Int } from 'type-graphql';
import { TEXT, TextField } from '../shared/text.js';
import type { Fen } from '../../shared/money.js';
import { DateScalar } from '../scalars/date.scalar.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { CommandInput } from '../shared/command.input.js';
import { AwardFrequencyValue, EnterpriseKindValue, PayerRuleValue, RuleKindValue } from '../shared/enums.js';

@InputType({ description: 'An article (条) of a policy.' })
export class PolicyArticleInput {
  @TextField(TEXT.CODE, { description: 'e.g. "(一)".' })
  article!: string;

  @TextField(TEXT.NAME, { description: 'What the article is about.' })
  title!: string;
}

@InputType({ description: 'A policy document to publish in the catalog.' })
export class PublishPolicyInput extends CommandInput {
  @TextField(TEXT.CODE, { description: 'Stable kebab-case code, e.g. "xuchang-2018-3".' })
  code!: string;

  @TextField(TEXT.REFERENCE, { description: 'Document number (文号).' })
  documentNumber!: string;

  @TextField(TEXT.NAME, { description: 'Title of the document.' })
  title!: string;

  @TextField(TEXT.NAME, { description: 'Who issued it.' })
  issuer!: string;

  @Field(() => DateScalar, { description: 'Date of issue.' })
  issuedOn!: string;

  @Field(() => [PolicyArticleInput], { description: 'Its articles.' })
  articles!: PolicyArticleInput[];
}

@InputType({ description: "A benefit line's rule: the kind, and the parameters that kind needs." })
export class BenefitRuleInput {
  @Field(() => RuleKindValue, { description: 'How the amount is computed.' })
  kind!: RuleKindValue;

  @Field(() => MoneyScalar, { nullable: true, description: 'FIXED: the exact amount.' })
  amount?: Fen | null;

  @Field(() => Int, { nullable: true, description: 'COST_SHARE and AVERAGE_BALANCE_RATE: the rate in basis points.' })
  rateBasisPoints?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'COST_SHARE: the yearly cap per beneficiary.' })
  yearlyCap?: Fen | null;

  @TextField(TEXT.CODE, { list: true, nullable: true, description: 'COST_SHARE: the kinds of cost that count.' })
  costKinds?: string[] | null;
}

/** The fields of a line that an amendment may change; a definition gives them all. */
@InputType({ description: 'What a benefit line says; in an amendment, only what changes.' })
export class BenefitLineChangesInput {
  @TextField(TEXT.CODE, { nullable: true, description: 'The article (条).' })
  article?: string | null;

  @TextField(TEXT.NAME, { nullable: true, description: 'What is paid, in English.' })
  title?: string | null;

  @TextField(TEXT.NAME, { nullable: true, description: "What is paid, in the policy's words." })
  titleZh?: string | null;

  @Field(() => BenefitRuleInput, { nullable: true, description: 'How the amount is computed.' })
  rule?: BenefitRuleInput | null;

  @Field(() => AwardFrequencyValue, { nullable: true, description: 'How often one beneficiary may be awarded.' })
  frequency?: AwardFrequencyValue | null;

  @Field(() => PayerRuleValue, { nullable: true, description: 'Who pays.' })
  payer?: PayerRuleValue | null;

  @TextField(TEXT.NAME, { nullable: true, description: 'Lead unit (牵头单位).' })
  leadUnit?: string | null;

  @TextField(TEXT.NAME, { list: true, nullable: true, description: 'Cooperating units (配合单位).' })
  cooperatingUnits?: string[] | null;

  @TextField(TEXT.CODE, { nullable: true, description: 'Exclusivity group (不重复享受).' })
  exclusivityGroup?: string | null;

  @TextField(TEXT.CODE, { nullable: true, description: 'The line this one is the companion of (配套奖励).' })
  companionOf?: string | null;

  @Field(() => [EnterpriseKindValue], { nullable: true, description: 'Which kinds of beneficiary may apply.' })
  eligibleKinds?: EnterpriseKindValue[] | null;

  @TextField(TEXT.CODE, { list: true, nullable: true, description: 'Kinds of qualifying fact an application may rest on.' })
  qualifyingFactKinds?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Public notice (公示): the working days (1 to 30) reviewed applications are posted before approval; 0 turns it off.' })
  noticeWorkingDays?: number | null;
  @TextField(TEXT.CODE, { nullable: true, description: 'The designation kind (认定) the qualifying fact must be, recorded in the ledger before approval.' })
  qualifyingDesignation?: string | null;

  @TextField(TEXT.CODE, { nullable: true, description: 'The cultivation pool whose exit as above-designated-size the fact must be, for a firm in that pool.' })
  qualifyingPoolExit?: string | null;
}

@InputType({ description: 'A new benefit line of a published policy; the domain checks it is complete and consistent.' })
export class DefineBenefitLineInput extends CommandInput {
  @TextField(TEXT.CODE, { description: 'Stable kebab-case code.' })
  code!: string;

  @TextField(TEXT.CODE, { description: 'The policy it belongs to.' })
  policyCode!: string;

  @Field(() => BenefitLineChangesInput, { description: 'What the line says.' })
  line!: BenefitLineChangesInput;
}

@InputType({ description: 'An amendment of a benefit line: only the fields that change.' })
export class AmendBenefitLineInput extends CommandInput {
  @TextField(TEXT.CODE, { description: 'The line.' })
  code!: string;

  @Field(() => BenefitLineChangesInput, { description: 'What changes; the amended whole must still be a valid line.' })
  changes!: BenefitLineChangesInput;
}
