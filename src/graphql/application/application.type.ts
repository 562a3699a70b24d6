import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Fen } from '../../shared/money.js';
import { CreditCodeScalar } from '../scalars/credit-code.scalar.js';
import { DateTimeScalar } from '../scalars/date.scalar.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { ApplicationStatusValue, ApprovalStatusValue } from '../shared/enums.js';

@ObjectType({ simpleResolvers: true, description: 'The fact an application rests on (资格事实); one fact backs at most one award in its exclusivity group.' })
export class QualifyingFact {
  @Field(() => String, { description: 'e.g. "neeq-listing".' })
  kind!: string;

  @Field(() => String, { description: 'The document or register entry that proves it.' })
  reference!: string;
}

@ObjectType({ simpleResolvers: true, description: 'An application (申请) for a benefit line, with its figures as the projections show them.' })
export class Application {
  @Field(() => ID, { name: 'id', simple: false, description: 'The application id.' })
  applicationId!: string;

  @Field(() => CreditCodeScalar, { description: 'The applying enterprise\'s credit code.' })
  creditCode!: string;

  @Field(() => String, { description: 'The benefit line applied for.' })
  lineCode!: string;

  @Field(() => Int, { description: 'The fiscal year the award counts in.' })
  fiscalYear!: number;

  @Field(() => String, { description: 'Who pays: "municipal" or "county-<code>".' })
  payer!: string;

  @Field(() => String, { description: 'The budget line the money comes from, "<line>.<year>.<payer>".' })
  budgetLineId!: string;

  /** County code; the schema's `county` field resolves it. */
  county!: string;

  factKind!: string;
  factReference!: string;

  @Field(() => ApplicationStatusValue, { description: 'Where the application is in its life.' })
  status!: `${ApplicationStatusValue}`;

  @Field(() => MoneyScalar, { name: 'requested', simple: false, description: 'The amount applied for.' })
  requestedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'approved', simple: false, nullable: true, description: 'The amount approved; null until approved.' })
  approvedFen!: Fen | null;

  @Field(() => MoneyScalar, { name: 'disbursed', simple: false, description: 'Paid so far, over all tranches.' })
  disbursedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'clawbackDemanded', simple: false, description: 'Demanded back so far (追回).' })
  clawbackDemandedFen!: Fen;

  @Field(() => MoneyScalar, { name: 'recovered', simple: false, description: 'Repaid against clawbacks.' })
  recoveredFen!: Fen;

  @Field(() => MoneyScalar, { name: 'waived', simple: false, description: 'Written off from clawbacks.' })
  waivedFen!: Fen;

  @Field(() => String, { description: 'Who submitted it.' })
  submittedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was submitted.' })
  submittedAt!: string;

  @Field(() => String, { nullable: true, description: 'The officer who reviewed it.' })
  reviewedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was reviewed.' })
  reviewedAt!: string | null;

  /** The approval in force; the schema's `approval` field resolves it. */
  approvalId!: string | null;

  @Field(() => String, { nullable: true, description: 'Who rejected it.' })
  rejectedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was rejected.' })
  rejectedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected.' })
  rejectionReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Who withdrew it.' })
  withdrawnBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was withdrawn.' })
  withdrawnAt!: string | null;

  @Field(() => DateTimeScalar, { description: 'When anything about it last changed.' })
  updatedAt!: string;
}

@ObjectType({ simpleResolvers: true, description: 'An approval (审批) of an application: who approved what amount, under which document.' })
export class Approval {
  @Field(() => ID, { name: 'id', simple: false, description: 'The approval id.' })
  approvalId!: string;

  /** The application; the schema's `application` field resolves it. */
  applicationId!: string;

  @Field(() => MoneyScalar, { name: 'amount', simple: false, description: 'The amount approved (committed on the budget line).' })
  amountFen!: Fen;

  @Field(() => String, { description: 'Who approved.' })
  approvedBy!: string;

  @Field(() => String, { nullable: true, description: 'The approval document (文号).' })
  documentRef!: string | null;

  @Field(() => ApprovalStatusValue, { description: 'Pending, approved or abandoned.' })
  status!: `${ApprovalStatusValue}`;

  @Field(() => DateTimeScalar, { description: 'When the approval started.' })
  startedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it completed.' })
  approvedAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was abandoned.' })
  abandonedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was abandoned: the refusal\'s code, e.g. BUDGET_EXCEEDED.' })
  abandonCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was abandoned, in words.' })
  abandonReason!: string | null;
}
