import { Field, InputType, Int } from 'type-graphql';
import type { Fen } from '../../shared/money.js';
import { CreditCodeScalar } from '../scalars/credit-code.scalar.js';
import { DateScalar } from '../scalars/date.scalar.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { CommandInput } from '../shared/command.input.js';
import { TEXT, TextField } from '../shared/text.js';

@InputType({ description: 'The fact an application rests on (资格事实): the listing, the loan contract, the recognition document…' })
export class QualifyingFactInput {
  @TextField(TEXT.CODE, { description: 'e.g. "neeq-listing", "patent-pledge-loan", "base-recognition", "scale-up-statistics".' })
  kind!: string;

  @TextField(TEXT.REFERENCE, { description: 'The document or register entry that proves it.' })
  reference!: string;
}

@InputType({ description: 'One kind of cost actually incurred (实际发生额).' })
export class CostInput {
  @TextField(TEXT.CODE, { description: 'interest, appraisal, guarantee or insurance.' })
  kind!: string;

  @Field(() => MoneyScalar, { description: 'What was paid.' })
  amount!: Fen;
}

@InputType({ description: 'What the benefit line\'s rule needs to compute the amount.' })
export class EvidenceInput {
  @Field(() => [CostInput], { nullable: true, description: 'Cost share lines: the costs actually incurred, one entry per kind.' })
  costs?: CostInput[] | null;

  @Field(() => [MoneyScalar], { nullable: true, description: 'Average-balance lines: the four quarter-end balances of the year (季均余额).' })
  quarterEndBalances?: Fen[] | null;

  @TextField(TEXT.PROSE, { nullable: true, description: 'Anything else the officer should know.' })
  note?: string | null;
}

@InputType({ description: 'An application for a benefit line.' })
export class SubmitApplicationInput extends CommandInput {
  @Field(() => CreditCodeScalar, { nullable: true, description: "The applying enterprise; an APPLICANT's own enterprise when left out." })
  creditCode?: string | null;

  @TextField(TEXT.CODE, { description: 'The benefit line applied for, e.g. "neeq-listing-reward".' })
  lineCode!: string;

  @Field(() => Int, { description: 'The fiscal year (财政年度, the calendar year) the award counts in.' })
  fiscalYear!: number;

  @Field(() => QualifyingFactInput, { description: 'The fact the application rests on.' })
  qualifyingFact!: QualifyingFactInput;

  @Field(() => MoneyScalar, { description: 'The amount applied for: exactly the reward on fixed lines.' })
  requested!: Fen;

  @Field(() => EvidenceInput, { nullable: true, description: 'What the rule needs: costs, quarter-end balances.' })
  evidence?: EvidenceInput | null;
}

@InputType({ description: 'Names an application.' })
export class ApplicationCommandInput extends CommandInput {
  @TextField(TEXT.ID, { description: 'The application.' })
  applicationId!: string;
}

@InputType({ description: 'A case officer\'s review (审核).' })
export class ReviewApplicationInput extends ApplicationCommandInput {
  @TextField(TEXT.PROSE, { description: 'The officer\'s opinion.' })
  opinion!: string;
}

@InputType({ description: 'An approval (审批).' })
export class ApproveApplicationInput extends ApplicationCommandInput {
  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Per-case lines: the amount (required). Computed lines: at most what the rule allows (default: that). Fixed lines: the reward or nothing.',
  })
  amount?: Fen | null;
}

@InputType({ description: 'A refusal, with its reason.' })
export class RejectApplicationInput extends ApplicationCommandInput {
  @TextField(TEXT.PROSE, { description: 'Why it is refused.' })
  reason!: string;
}

@InputType({ description: 'A payment as the bank records it.' })
export class RecordDisbursementInput extends ApplicationCommandInput {
  @Field(() => MoneyScalar, { description: 'The tranche paid.' })
  amount!: Fen;

  @Field(() => DateScalar, { description: 'Value date of the payment.' })
  paidOn!: string;

  @TextField(TEXT.REFERENCE, { description: "The treasury's payment reference." })
  paymentReference!: string;
}

@InputType({ description: 'A demand to pay money back (追回).' })
export class DemandClawbackInput extends ApplicationCommandInput {
  @Field(() => MoneyScalar, { description: 'At most what was paid and not yet demanded.' })
  amount!: Fen;

  @TextField(TEXT.PROSE, { description: 'Why: false documents, double dipping, relocation…' })
  reason!: string;
}

@InputType({ description: 'Names a clawback of an application.' })
export class ClawbackCommandInput extends ApplicationCommandInput {
  @TextField(TEXT.ID, { description: 'The clawback, as demandClawback returned it.' })
  clawbackId!: string;
}

@InputType({ description: 'A repayment received against a clawback.' })
export class RecordRepaymentInput extends ClawbackCommandInput {
  @Field(() => MoneyScalar, { description: 'At most what is outstanding on the clawback.' })
  amount!: Fen;

  @Field(() => DateScalar, { description: 'Value date of the repayment.' })
  paidOn!: string;

  @TextField(TEXT.REFERENCE, { description: "The treasury's receipt reference." })
  paymentReference!: string;
}

@InputType({ description: 'Waives what is outstanding on a clawback.' })
export class WaiveClawbackInput extends ClawbackCommandInput {
  @TextField(TEXT.PROSE, { description: 'Why it is written off.' })
  reason!: string;
}
