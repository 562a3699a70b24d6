import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import type { Fen } from '../../shared/money.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { CommandInput } from '../shared/command.input.js';
import { TEXT, TextField } from '../shared/text.js';

@InputType({ description: 'A yearly budget for a benefit line and payer.' })
export class AllocateBudgetInput extends CommandInput {
  @TextField(TEXT.CODE, { description: 'The benefit line.' })
  lineCode!: string;

  @Field(() => Int, { description: 'The fiscal year.' })
  fiscalYear!: number;

  @TextField(TEXT.CODE, { description: '"municipal" or "county-<code>".' })
  payer!: string;

  @Field(() => MoneyScalar, { description: 'The amount allocated.' })
  amount!: Fen;
}

export enum BudgetChange {
  INCREASE = 'increase',
  DECREASE = 'decrease',
}
registerEnumType(BudgetChange, { name: 'BudgetChange', description: 'Whether an adjustment adds money to a budget line or cuts it.' });

@InputType({ description: 'An adjustment of a budget line: more money, or a cut (never below what approvals hold).' })
export class AdjustBudgetInput extends CommandInput {
  @TextField(TEXT.ID, { description: 'The budget line, "<line>.<year>.<payer>".' })
  budgetLineId!: string;

  @Field(() => BudgetChange, { description: 'Increase or decrease.' })
  change!: BudgetChange;

  @Field(() => MoneyScalar, { description: 'By how much.' })
  amount!: Fen;

  @TextField(TEXT.PROSE, { description: 'Why.' })
  reason!: string;

  @TextField(TEXT.ID, { nullable: true, description: 'The entry this adjusting entry corrects (e.g. a payment or an allocation booked in a closed year).' })
  corrects?: string | null;
}
