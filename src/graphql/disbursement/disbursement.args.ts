import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type { Fen } from '../../shared/money.js';
import { Application } from '../application/application.type.js';
import { CreditCodeScalar } from '../scalars/credit-code.scalar.js';
import { DateScalar } from '../scalars/date.scalar.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { Payload } from '../shared/payload.js';
import { Disbursement } from './disbursement.type.js';
import { TEXT, TextField } from '../shared/text.js';

@InputType({ description: "An auditor's filter over payments; every field narrows it, ranges are inclusive." })
export class DisbursementFilterInput {
  @Field(() => CreditCodeScalar, { nullable: true, description: 'The beneficiary.' })
  creditCode?: string | null;

  @TextField(TEXT.CODE, { nullable: true, description: 'Benefit line code.' })
  lineCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Fiscal year of the award.' })
  fiscalYear?: number | null;

  @TextField(TEXT.CODE, { nullable: true, description: '"municipal" or "county-<code>".' })
  payer?: string | null;

  @TextField(TEXT.CODE, { nullable: true, description: 'County code of the beneficiary.' })
  county?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Paid on or after.' })
  paidFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Paid on or before.' })
  paidTo?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'At least this amount.' })
  minAmount?: Fen | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'At most this amount.' })
  maxAmount?: Fen | null;

  @TextField(TEXT.NAME, { nullable: true, description: 'Approved by this person.' })
  approvedBy?: string | null;
}

@ObjectType({ description: 'The payment recorded, and its application.' })
export class DisbursementPayload extends Payload(Disbursement, 'disbursement', 'payment') {
  @Field(() => Application, { description: 'The application, with its new disbursed total.' })
  application!: Application;
}

@ObjectType({ description: 'The clawback demanded (追回), and its application.' })
export class ClawbackPayload extends Payload(Application, 'application', 'application') {
  @Field(() => String, { description: 'The clawback id: name it when recording repayments or waiving.' })
  clawbackId!: string;
}

@ObjectType({ description: 'The repayment recorded, and its application.' })
export class RepaymentPayload extends ClawbackPayload {
  @Field(() => String, { description: 'The repayment id.' })
  repaymentId!: string;
}
