import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type { Fen } from '../../shared/money.js';
import { CreditCodeScalar } from '../scalars/credit-code.scalar.js';
import { DateScalar } from '../scalars/date.scalar.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { CommandInput } from '../shared/command.input.js';
import { EnterpriseKindValue } from '../shared/enums.js';
import { Payload } from '../shared/payload.js';
import { TEXT, TextField } from '../shared/text.js';
import { DesignationLevelValue, DesignationSubjectValue, PoolExitReasonValue, TargetMeasureKindValue } from './measures.enums.js';
import { Activity, CultivationPool, Designation, DesignationKind, PoolMember, TargetProgress } from './measures.type.js';

// ── Catalog data: kinds, pools, targets ─────────────────────────────────────────────────────

@InputType({ description: 'A kind of designation a published policy names.' })
export class DefineDesignationKindInput extends CommandInput {
  @TextField(TEXT.CODE, { description: 'Its code, lower-case words joined by hyphens, e.g. "provincial-makerspace".' })
  kindCode!: string;

  @TextField(TEXT.CODE, { description: 'The policy.' })
  policyCode!: string;

  @TextField(TEXT.CODE, { description: 'The article (条) that names it, e.g. "(一)".' })
  article!: string;

  @TextField(TEXT.NAME, { description: 'In English.' })
  title!: string;

  @TextField(TEXT.NAME, { description: 'In the policy\'s words.' })
  titleZh!: string;

  @Field(() => DesignationLevelValue, { description: 'Who designates.' })
  level!: DesignationLevelValue;

  @Field(() => DesignationSubjectValue, { description: 'The beneficiary itself, or one of its products.' })
  subject!: DesignationSubjectValue;

  @Field(() => [EnterpriseKindValue], { description: 'The kinds of beneficiary it is given to.' })
  eligibleKinds!: EnterpriseKindValue[];

  @Field(() => Int, { nullable: true, description: 'How many years a designation stands; omitted: until revoked.' })
  validityYears?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'The annual revenue a designated firm must exceed.' })
  minimumAnnualRevenue?: Fen | null;

  @TextField(TEXT.PROSE, { nullable: true, description: 'What it brings beside money.' })
  treatment?: string | null;
}

@InputType({ description: 'A cultivation pool and its band of annual output value.' })
export class DefineCultivationPoolInput extends CommandInput {
  @TextField(TEXT.CODE, { description: 'Its code.' })
  poolCode!: string;

  @TextField(TEXT.CODE, { description: 'The policy.' })
  policyCode!: string;

  @TextField(TEXT.CODE, { description: 'The article (条).' })
  article!: string;

  @TextField(TEXT.NAME, { description: 'In the policy\'s words.' })
  titleZh!: string;

  @Field(() => MoneyScalar, { description: 'The least annual output value a firm enters with.' })
  minOutput!: Fen;

  @Field(() => MoneyScalar, { description: 'The greatest.' })
  maxOutput!: Fen;

  @TextField(TEXT.NAME, { description: 'Lead unit (牵头单位).' })
  leadUnit!: string;
}

@InputType({ description: 'A yearly target of an article, with its lead and cooperating units.' })
export class SetTargetInput extends CommandInput {
  @TextField(TEXT.CODE, { description: 'Its code, e.g. "recruitment-fairs".' })
  targetCode!: string;

  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @TextField(TEXT.CODE, { description: 'The policy.' })
  policyCode!: string;

  @TextField(TEXT.CODE, { description: 'The article (条).' })
  article!: string;

  @TextField(TEXT.NAME, { description: 'In English.' })
  title!: string;

  @TextField(TEXT.PROSE, { description: 'In the policy\'s words.' })
  titleZh!: string;

  @Field(() => TargetMeasureKindValue, { description: 'How the figure is counted.' })
  measureKind!: TargetMeasureKindValue;

  @TextField(TEXT.CODE, { nullable: true, description: 'DESIGNATIONS only: the kind counted.' })
  designationKind?: string | null;

  @Field(() => Int, { description: 'At least this many (basis points for LOWEST_DISCOUNT: 500 = 5%).' })
  quantity!: number;

  @TextField(TEXT.NAME, { description: 'Lead unit (牵头单位).' })
  leadUnit!: string;

  @TextField(TEXT.NAME, { list: true, description: 'Cooperating units (配合单位).' })
  cooperatingUnits!: string[];
}

// ── Records: designations, the pool, activities ─────────────────────────────────────────────

@InputType({ description: 'A designation of a beneficiary under its document (文号).' })
export class RecordDesignationInput extends CommandInput {
  @Field(() => CreditCodeScalar, { description: 'The beneficiary.' })
  creditCode!: string;

  @TextField(TEXT.CODE, { description: 'The kind, e.g. "provincial-startup-base".' })
  kindCode!: string;

  @TextField(TEXT.REFERENCE, { description: 'The designating document (文号): an application resting on it cites it.' })
  documentNumber!: string;

  @TextField(TEXT.NAME, { description: 'Who designated, e.g. 河南省工业和信息化委员会.' })
  designatedBy!: string;

  @Field(() => DateScalar, { description: 'The date of the designation.' })
  designatedOn!: string;

  @TextField(TEXT.NAME, { nullable: true, description: 'A product designation: the product.' })
  product?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'The annual revenue, where the kind asks for one (a "little giant": over ¥100M).' })
  annualRevenue?: Fen | null;
}

@InputType({ description: 'A firm entering a cultivation pool with its annual output value.' })
export class EnterPoolInput extends CommandInput {
  @TextField(TEXT.CODE, { description: 'The pool, e.g. "key-cultivation".' })
  poolCode!: string;

  @Field(() => CreditCodeScalar, { description: 'The firm.' })
  creditCode!: string;

  @Field(() => Int, { description: 'The year of entry.' })
  year!: number;

  @Field(() => MoneyScalar, { description: 'Its annual output value (年产值), inside the pool\'s band.' })
  output!: Fen;

  @Field(() => DateScalar, { description: 'The date of entry, in that year.' })
  enteredOn!: string;
}

@InputType({ description: 'The year\'s monitoring (培育监测) of a firm in the pool.' })
export class MonitorPoolMemberInput extends CommandInput {
  @TextField(TEXT.CODE, { description: 'The pool.' })
  poolCode!: string;

  @Field(() => CreditCodeScalar, { description: 'The firm.' })
  creditCode!: string;

  @Field(() => Int, { description: 'The year monitored.' })
  year!: number;

  @Field(() => MoneyScalar, { description: 'Its output value that year.' })
  output!: Fen;

  @TextField(TEXT.PROSE, { nullable: true, description: 'A note.' })
  note?: string | null;
}

@InputType({ description: 'A firm leaving a cultivation pool.' })
export class ExitPoolInput extends CommandInput {
  @TextField(TEXT.CODE, { description: 'The pool.' })
  poolCode!: string;

  @Field(() => CreditCodeScalar, { description: 'The firm.' })
  creditCode!: string;

  @Field(() => PoolExitReasonValue, { description: 'Above-designated-size, or dropped out.' })
  reason!: PoolExitReasonValue;

  @TextField(TEXT.REFERENCE, { description: 'Above-designated-size: the statistics entry (规上企业入库), the scale-up reward\'s qualifying fact; dropped out: why.' })
  reference!: string;

  @Field(() => DateScalar, { description: 'When it left.' })
  exitedOn!: string;
}

@InputType({ description: 'A rent discount a startup base gives a firm it houses.' })
export class RentDiscountInput {
  @Field(() => CreditCodeScalar, { description: 'The base.' })
  baseCreditCode!: string;

  @Field(() => CreditCodeScalar, { description: 'The firm.' })
  firmCreditCode!: string;

  @Field(() => Int, { description: 'The discount in basis points (500 = 5%).' })
  basisPoints!: number;
}

@InputType({ description: 'An activity of the caller\'s unit (its token\'s "unit" claim: the target\'s lead or a cooperating unit), against a target of the year.' })
export class RecordActivityInput extends CommandInput {
  @TextField(TEXT.CODE, { description: 'The target.' })
  targetCode!: string;

  @Field(() => Int, { description: 'The target\'s year.' })
  year!: number;

  @TextField(TEXT.NAME, { description: 'What was done.' })
  title!: string;

  @Field(() => DateScalar, { description: 'When, in the target\'s year.' })
  heldOn!: string;

  @TextField(TEXT.NAME, { description: 'Where.' })
  place!: string;

  @Field(() => Int, { description: 'How many firms took part.' })
  firmsTakingPart!: number;

  @TextField(TEXT.REFERENCE, { nullable: true, description: 'The document (文号) reporting it.' })
  documentNumber?: string | null;

  @Field(() => RentDiscountInput, { nullable: true, description: 'A rent-discount target: the base, the firm and the discount.' })
  rentDiscount?: RentDiscountInput | null;
}

// ── Payloads ────────────────────────────────────────────────────────────────────────────────

@ObjectType({ description: 'The designation kind defined.' })
export class DesignationKindPayload extends Payload(DesignationKind, 'designationKind', 'designation kind') {}

@ObjectType({ description: 'The cultivation pool defined.' })
export class CultivationPoolPayload extends Payload(CultivationPool, 'pool', 'cultivation pool') {}

@ObjectType({ description: 'The target set, with its progress.' })
export class TargetPayload extends Payload(TargetProgress, 'target', 'target') {}

@ObjectType({ description: 'The designation recorded.' })
export class DesignationPayload extends Payload(Designation, 'designation', 'designation') {}

@ObjectType({ description: 'The firm\'s place in the pool after the command.' })
export class PoolMemberPayload extends Payload(PoolMember, 'member', 'pool member') {}

@ObjectType({ description: 'The activity recorded.' })
export class ActivityPayload extends Payload(Activity, 'activity', 'activity') {}
