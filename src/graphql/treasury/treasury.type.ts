import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Fen } from '../../shared/money.js';
import { DateTimeScalar } from '../scalars/date.scalar.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { PositionScalar } from '../scalars/position.scalar.js';

export enum TreasuryLineKind {
  MATCHED = 'matched',
  DIFFERENCE = 'difference',
  NOT_IN_LEDGER = 'notInLedger',
  NOT_IN_FILE = 'notInFile',
  DUPLICATE = 'duplicate',
}
registerEnumType(TreasuryLineKind, {
  name: 'TreasuryLineKind',
  description: 'A line of the treasury report: matched, or an exception (an amount, date or payee difference; a record not in the ledger; a payment in no file; a duplicate).',
});

@ObjectType({ description: 'A treasury file imported: its records and how they matched.' })
export class TreasuryFile {
  @Field(() => ID, { name: 'id', description: 'The SHA-256 of the file\'s bytes.' })
  fileId!: string;

  @Field(() => String, { description: 'The file\'s name as imported.' })
  fileName!: string;

  @Field(() => String, { description: 'The month reconciled, "2016-12".' })
  period!: string;

  @Field(() => Int, { description: 'How many days a value date and a paid-on date may differ and still match.' })
  dateWindowDays!: number;

  @Field(() => Int, { description: 'Records in the file.' })
  recordCount!: number;

  @Field(() => MoneyScalar, { name: 'total', description: 'The sum of its records.' })
  totalFen!: Fen;

  @Field(() => String, { description: 'Who imported it.' })
  importedBy!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When every record had its outcome.' })
  matchedAt!: string | null;
}

@ObjectType({ description: 'A line of the treasury report: a record of a file with the payment it matched, or a payment of the ledger in no file.' })
export class TreasuryReportLine {
  @Field(() => ID, { description: 'The record\'s id, or "payment-<disbursement id>": what a resolution names.' })
  exceptionId!: string;

  @Field(() => TreasuryLineKind, { description: 'Matched, or the kind of exception.' })
  kind!: TreasuryLineKind;

  @Field(() => [String], { description: 'What a matched record and its payment disagree on: amount, date, payee.' })
  differenceList!: string[];

  @Field(() => String, { nullable: true, description: 'How the record matched: reference, creditCode or payeeName.' })
  method!: string | null;

  @Field(() => String, { nullable: true, description: 'The record an earlier listing of the same payment is.' })
  duplicateOf!: string | null;

  @Field(() => Int, { nullable: true, description: 'The record\'s row in its file.' })
  row!: number | null;

  @Field(() => String, { nullable: true, description: '支付令号: the payment order\'s number.' })
  paymentOrderNo!: string | null;

  @Field(() => String, { nullable: true, description: 'The payee as the file names it.' })
  payeeName!: string | null;

  @Field(() => String, { nullable: true, description: 'The payee\'s credit code as the file gives it ("" for none).' })
  payeeCreditCode!: string | null;

  @Field(() => String, { nullable: true, description: 'The payee\'s account as the file gives it.' })
  payeeAccount!: string | null;

  @Field(() => MoneyScalar, { name: 'recordAmount', nullable: true, description: 'The amount the bank paid.' })
  recordAmountFen!: Fen | null;

  @Field(() => String, { nullable: true, description: 'The bank\'s value date.' })
  valueDate!: string | null;

  @Field(() => String, { nullable: true, description: 'The payment of the ledger.' })
  disbursementId!: string | null;

  @Field(() => String, { nullable: true, description: 'The payee\'s credit code in the ledger.' })
  ledgerCreditCode!: string | null;

  @Field(() => MoneyScalar, { name: 'ledgerAmount', nullable: true, description: 'The amount the ledger recorded.' })
  ledgerAmountFen!: Fen | null;

  @Field(() => String, { nullable: true, description: 'The paid-on date the ledger recorded.' })
  paidOn!: string | null;

  @Field(() => String, { nullable: true, description: 'The payment reference the ledger recorded.' })
  paymentReference!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the exception is explained, once resolved.' })
  resolutionReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Who resolved it.' })
  resolvedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Who confirmed the resolution (not who resolved it).' })
  confirmedBy!: string | null;
}

@ObjectType({ description: 'How many lines of a kind the report has, and how many of them wait for a confirmed resolution.' })
export class TreasuryKindCount {
  @Field(() => TreasuryLineKind, { description: 'The kind.' })
  kind!: TreasuryLineKind;

  @Field(() => Int, { description: 'Lines of this kind.' })
  count!: number;

  @Field(() => Int, { description: 'Exceptions of this kind without a confirmed resolution.' })
  open!: number;
}

@ObjectType({ description: 'The treasury reconciliation of a month (国库支付对账): its files, each record, each payment in no file.' })
export class TreasuryReport {
  @Field(() => String, { description: 'The month, "2016-12".' })
  period!: string;

  @Field(() => [TreasuryFile], { description: 'The files imported for it.' })
  files!: TreasuryFile[];

  @Field(() => [TreasuryKindCount], { description: 'Lines per kind, over the whole report.' })
  counts!: TreasuryKindCount[];

  @Field(() => [TreasuryReportLine], { description: 'A page of lines: the files\' records in file order, then the payments in no file.' })
  lines!: TreasuryReportLine[];
}

@ObjectType({ description: 'How the records of an imported file matched.' })
export class TreasuryImport {
  @Field(() => PositionScalar, { description: 'Where the import\'s last event is in the log.' })
  position!: string;

  @Field(() => ID, { description: 'The SHA-256 of the file: the same file imported again is this import.' })
  fileId!: string;

  @Field(() => String, { description: 'The month reconciled.' })
  period!: string;

  @Field(() => Int, { description: 'Records in the file.' })
  recordCount!: number;

  @Field(() => Int, { description: 'Records matched exactly.' })
  matched!: number;

  @Field(() => Int, { description: 'Records matched with an amount, date or payee difference.' })
  differences!: number;

  @Field(() => Int, { description: 'Records the ledger has no payment for.' })
  notInLedger!: number;

  @Field(() => Int, { description: 'Records of a payment already listed.' })
  duplicates!: number;
}

@ObjectType({ description: 'The exception a resolution or confirmation changed.' })
export class TreasuryExceptionPayload {
  @Field(() => PositionScalar, { description: 'Where the command\'s last event is in the log.' })
  position!: string;

  @Field(() => ID, { description: 'The exception, as the report names it.' })
  exceptionId!: string;
}
