import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Fen } from '../../shared/money.js';
import { CreditCodeScalar } from '../scalars/credit-code.scalar.js';
import { DateScalar, DateTimeScalar } from '../scalars/date.scalar.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { PositionScalar } from '../scalars/position.scalar.js';
import { Connection } from '../shared/connection.js';

@ObjectType({ simpleResolvers: true, description: 'A payment (拨付) of an approved grant: who received what, under which approval, paid when and by whom.' })
export class Disbursement {
  @Field(() => ID, { name: 'id', simple: false, description: 'The disbursement id.' })
  disbursementId!: string;

  /** The application; the schema's `application` field resolves it. */
  applicationId!: string;

  @Field(() => CreditCodeScalar, { description: 'The beneficiary\'s credit code.' })
  creditCode!: string;

  @Field(() => String, { description: 'The benefit line.' })
  lineCode!: string;

  @Field(() => Int, { description: 'The fiscal year of the award.' })
  fiscalYear!: number;

  @Field(() => String, { description: 'Who paid: "municipal" or "county-<code>".' })
  payer!: string;

  @Field(() => String, { description: 'The budget line the money came from.' })
  budgetLineId!: string;

  /** County code; the schema's `county` field resolves it. */
  county!: string;

  /** The approval; the schema's `approval` field resolves it. */
  approvalId!: string;

  @Field(() => String, { description: 'Who approved the grant.' })
  approvedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When the grant was approved.' })
  approvedAt!: string;

  @Field(() => String, { nullable: true, description: 'The approval document (文号).' })
  approvalDocumentRef!: string | null;

  @Field(() => MoneyScalar, { name: 'amount', simple: false, description: 'The tranche paid.' })
  amountFen!: Fen;

  @Field(() => DateScalar, { description: 'Value date of the payment.' })
  paidOn!: string;

  @Field(() => String, { description: "The treasury's payment reference." })
  paymentReference!: string;

  @Field(() => String, { description: 'Who recorded the payment.' })
  recordedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt!: string;

  @Field(() => ID, { description: 'The DisbursementRecorded event behind this row.' })
  eventId!: string;

  @Field(() => PositionScalar, { description: 'That event\'s place in the log.' })
  position!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Totals over every disbursement the filter matches (not just this page).' })
export class DisbursementTotals {
  @Field(() => Int, { description: 'How many payments.' })
  count!: number;

  @Field(() => MoneyScalar, { name: 'amount', simple: false, description: 'Their sum.' })
  amountFen!: Fen;
}

@ObjectType({ simpleResolvers: true, description: 'A page of disbursements, with totals over the whole filter.' })
export class DisbursementConnection extends Connection(Disbursement, 'Disbursement', 'disbursement') {
  @Field(() => DisbursementTotals, { description: 'Count and sum over every match of the filter.' })
  totals!: DisbursementTotals;
}
