import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { CommandInput } from '../shared/command.input.js';
import { TEXT, TextField } from '../shared/text.js';

export enum TreasuryFileFormat {
  CSV = 'csv',
  XLSX = 'xlsx',
}
registerEnumType(TreasuryFileFormat, { name: 'TreasuryFileFormat', description: 'How a treasury payment-record file is written.' });

@InputType({ description: 'A payment-record file of the treasury\'s agent bank (国库集中支付), to import and match against the ledger\'s payments.' })
export class ImportTreasuryFileInput extends CommandInput {
  @TextField(TEXT.NAME, { description: 'The file\'s name, e.g. "2016-12.csv".' })
  fileName!: string;

  @Field(() => TreasuryFileFormat, { nullable: true, description: 'CSV or XLSX; by default from the name.' })
  format?: TreasuryFileFormat | null;

  @TextField(TEXT.FILE, { description: 'The file\'s bytes, base64. Columns: docs/treasury-reconciliation.md.' })
  contentBase64!: string;

  @TextField(TEXT.CODE, { nullable: true, description: 'The month reconciled, "2016-12"; by default the one month of the file\'s value dates.' })
  period?: string | null;

  @Field(() => Int, { nullable: true, description: 'How many days a value date and a paid-on date may differ and still match (default 3, at most 31).' })
  dateWindowDays?: number | null;
}

@InputType({ description: 'A resolution of an exception of the treasury report, with its reason.' })
export class ResolveTreasuryExceptionInput extends CommandInput {
  @TextField(TEXT.ID, { description: 'The exception, as the report names it.' })
  exceptionId!: string;

  @TextField(TEXT.PROSE, { description: 'Why the difference is explained.' })
  reason!: string;
}

@InputType({ description: 'The confirmation of a resolution by a second person.' })
export class ConfirmTreasuryResolutionInput extends CommandInput {
  @TextField(TEXT.ID, { description: 'The exception whose resolution is confirmed.' })
  exceptionId!: string;
}
