import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../shared/payload.js';
import { BudgetLine } from './budget-line.type.js';
import { TEXT, TextField } from '../shared/text.js';

@InputType({ description: 'Which budget lines to list; every field narrows the list.' })
export class BudgetLineFilterInput {
  @TextField(TEXT.CODE, { nullable: true, description: 'Benefit line code.' })
  lineCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Fiscal year.' })
  fiscalYear?: number | null;

  @TextField(TEXT.CODE, { nullable: true, description: '"municipal" or "county-<code>".' })
  payer?: string | null;
}

@ObjectType({ description: 'The budget line a command changed.' })
export class BudgetLinePayload extends Payload(BudgetLine, 'budgetLine', 'budget line') {}
