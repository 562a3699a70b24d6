import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../shared/connection.js';
import { TEXT, TextField } from '../shared/text.js';
import { TreasuryLineKind } from './treasury.type.js';

@ArgsType()
export class TreasuryReportArgs extends PageArgs {
  @TextField(TEXT.CODE, { description: 'The month, "2016-12".' })
  period!: string;

  @Field(() => [TreasuryLineKind], { nullable: true, description: 'Only lines of these kinds.' })
  kinds?: TreasuryLineKind[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only exceptions without a confirmed resolution.' })
  openOnly?: boolean | null;
}
