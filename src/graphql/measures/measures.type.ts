import { Field, Int, ObjectType } from 'type-graphql';
import type { Fen } from '../../shared/money.js';
import { CreditCodeScalar } from '../scalars/credit-code.scalar.js';
import { DateScalar, DateTimeScalar } from '../scalars/date.scalar.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { EnterpriseKindValue } from '../shared/enums.js';
import { DesignationLevelValue, DesignationSubjectValue, PoolExitReasonValue, PoolMemberStatusValue, TargetMeasureKindValue } from './measures.enums.js';

@ObjectType({ simpleResolvers: true, description: 'A kind of designation (认定) a policy names, e.g. 省级小微企业创业基地: catalog data.' })
export class DesignationKind {
  @Field(() => String, { description: 'Its code, e.g. "provincial-startup-base".' })
  kindCode!: string;

  @Field(() => String, { description: 'The policy that names it.' })
  policyCode!: string;

  @Field(() => String, { description: 'The article (条), e.g. "(一)".' })
  article!: string;

  @Field(() => String, { description: 'In English.' })
  title!: string;

  @Field(() => String, { description: 'In the policy\'s words.' })
  titleZh!: string;

  @Field(() => DesignationLevelValue, { description: 'Who designates.' })
  level!: string;

  @Field(() => DesignationSubjectValue, { description: 'The beneficiary itself, or one of its products.' })
  subject!: string;

  @Field(() => [EnterpriseKindValue], { description: 'The kinds of beneficiary it is given to.' })
  eligibleKinds!: string[];

  @Field(() => Int, { nullable: true, description: 'How many years a designation stands; null: until revoked.' })
  validityYears!: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'The annual revenue a designated firm exceeds, e.g. ¥100M for a "little giant".' })
  minimumAnnualRevenue!: Fen | null;

  @Field(() => String, { nullable: true, description: 'What it brings beside money, e.g. 给予其百户重点企业同样待遇.' })
  treatment!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A designation (认定) of a beneficiary, under its designating document (文号).' })
export class Designation {
  @Field(() => String, { description: 'Its id.' })
  designationId!: string;

  @Field(() => CreditCodeScalar, { description: 'The beneficiary designated.' })
  creditCode!: string;

  @Field(() => String, { description: 'Its kind, e.g. "provincial-startup-base".' })
  kindCode!: string;

  @Field(() => DesignationLevelValue, { description: 'Who designated: the state, the province or the city.' })
  level!: string;

  @Field(() => String, { description: 'The designating document (文号): what an application resting on it cites as its qualifying fact.' })
  documentNumber!: string;

  @Field(() => String, { description: 'Who designated, e.g. 河南省工业和信息化委员会.' })
  designatedBy!: string;

  @Field(() => DateScalar, { description: 'The date of the designation.' })
  designatedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The last day it stands; null: open-ended.' })
  validUntil!: string | null;

  @Field(() => String, { nullable: true, description: 'The product designated, for a product designation.' })
  product!: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'The annual revenue recorded with it, where the kind asks for one.' })
  annualRevenue!: Fen | null;

  @Field(() => String, { description: 'Who recorded it in the ledger.' })
  recordedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A cultivation pool (重点培育小微企业库): its band of output value and how many firms it holds.' })
export class CultivationPool {
  @Field(() => String, { description: 'Its code, e.g. "key-cultivation".' })
  poolCode!: string;

  @Field(() => String, { description: 'The article (条) that sets it up.' })
  article!: string;

  @Field(() => String, { description: 'In the policy\'s words.' })
  titleZh!: string;

  @Field(() => MoneyScalar, { description: 'The least annual output value (年产值) a firm enters with.' })
  minOutput!: Fen;

  @Field(() => MoneyScalar, { description: 'The greatest.' })
  maxOutput!: Fen;

  @Field(() => String, { description: 'Lead unit (牵头单位).' })
  leadUnit!: string;

  @Field(() => Int, { description: 'Firms in the pool now.' })
  monitored!: number;

  @Field(() => Int, { description: 'Firms that left it as above-designated-size (上规模).' })
  scaledUp!: number;

  @Field(() => Int, { description: 'Firms that dropped out and have not entered again.' })
  droppedOut!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A firm of a cultivation pool: its entry, its last monitoring and its exit.' })
export class PoolMember {
  @Field(() => String, { description: 'The pool.' })
  poolCode!: string;

  @Field(() => CreditCodeScalar, { description: 'The firm.' })
  creditCode!: string;

  @Field(() => PoolMemberStatusValue, { description: 'In the pool, or left.' })
  status!: string;

  @Field(() => Int, { description: 'The year it entered.' })
  enteredYear!: number;

  @Field(() => MoneyScalar, { description: 'Its annual output value when it entered.' })
  entryOutput!: Fen;

  @Field(() => Int, { description: 'The last year monitored (培育监测).' })
  lastYear!: number;

  @Field(() => MoneyScalar, { description: 'Its output value that year.' })
  lastOutput!: Fen;

  @Field(() => PoolExitReasonValue, { nullable: true, description: 'Why it left; null while in the pool.' })
  exitReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Above-designated-size: the statistics entry, the scale-up reward\'s qualifying fact; dropped out: why.' })
  exitReference!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it left.' })
  exitedOn!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'An activity (工作开展情况) a lead or cooperating unit recorded against a target.' })
export class Activity {
  @Field(() => String, { description: 'Its id.' })
  activityId!: string;

  @Field(() => String, { description: 'The target it counts towards.' })
  targetCode!: string;

  @Field(() => Int, { description: 'The target\'s year.' })
  year!: number;

  @Field(() => String, { description: 'What was done.' })
  title!: string;

  @Field(() => DateScalar, { description: 'When.' })
  heldOn!: string;

  @Field(() => String, { description: 'Where.' })
  place!: string;

  @Field(() => Int, { description: 'How many firms took part.' })
  firmsTakingPart!: number;

  @Field(() => String, { nullable: true, description: 'The document (文号) reporting it.' })
  documentNumber!: string | null;

  @Field(() => String, { description: 'The unit that did it.' })
  unit!: string;

  @Field(() => CreditCodeScalar, { nullable: true, description: 'A rent discount: the startup base that gives it.' })
  baseCreditCode!: string | null;

  @Field(() => CreditCodeScalar, { nullable: true, description: 'A rent discount: the firm the base houses.' })
  firmCreditCode!: string | null;

  @Field(() => Int, { nullable: true, description: 'A rent discount, in basis points (500 = 5%).' })
  discountBasisPoints!: number | null;

  @Field(() => String, { description: 'Who recorded it.' })
  recordedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt!: string;
}

@ObjectType({ description: 'A yearly target (年度目标) of an article: the target, what was done, the share, the lead unit, and what is behind the figure.' })
export class TargetProgress {
  @Field(() => String, { description: 'Its code, e.g. "recruitment-fairs".' })
  targetCode!: string;

  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field(() => String, { description: 'The policy.' })
  policyCode!: string;

  @Field(() => String, { description: 'The article (条), e.g. "(六)".' })
  article!: string;

  @Field(() => String, { description: 'In English.' })
  title!: string;

  @Field(() => String, { description: 'In the policy\'s words, e.g. 全年举办用工对接及专场招聘会80场次以上.' })
  titleZh!: string;

  @Field(() => TargetMeasureKindValue, { description: 'How the figure is counted.' })
  measureKind!: string;

  @Field(() => String, { nullable: true, description: 'For a designations target: the kind counted.' })
  designationKind!: string | null;

  @Field(() => Int, { description: 'The target: at least this many (basis points for a rent discount).' })
  quantity!: number;

  @Field(() => Int, { nullable: true, description: 'What was done, counted as the target is; null while a rent-discount target has no discount recorded.' })
  done!: number | null;

  @Field(() => Int, { description: 'done ÷ target in basis points, rounded down: 10000 is the target exactly.' })
  shareBasisPoints!: number;

  @Field(() => Boolean, { description: 'Whether the target is met.' })
  met!: boolean;

  @Field(() => String, { description: 'Lead unit (牵头单位).' })
  leadUnit!: string;

  @Field(() => [String], { description: 'Cooperating units (配合单位).' })
  cooperatingUnits!: string[];
}
