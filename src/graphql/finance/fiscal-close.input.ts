import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CommandInput } from '../shared/command.input.js';
import { PositionScalar } from '../scalars/position.scalar.js';
import { TEXT, TextField } from '../shared/text.js';

export enum CloseDisposition {
  CARRY_OVER = 'carry',
  LAPSE = 'lapse',
}
registerEnumType(CloseDisposition, { name: 'CloseDisposition', description: 'At a close, an unpaid approval is carried over (结转) to the next year\'s line, or lapses.' });

@InputType({ description: 'The rule of one benefit line at this close.' })
export class LineCloseRuleInput {
  @TextField(TEXT.CODE, { description: 'The benefit line.' })
  lineCode!: string;

  @Field(() => CloseDisposition, { description: 'What happens to its unpaid approvals.' })
  disposition!: CloseDisposition;
}

@InputType({ description: 'The preparer\'s choice for one approval, over its line\'s rule.' })
export class ApprovalCloseChoiceInput {
  @TextField(TEXT.ID, { description: 'The approval.' })
  approvalId!: string;

  @Field(() => CloseDisposition, { description: 'Carried over or lapsed.' })
  disposition!: CloseDisposition;
}

@InputType({ description: 'Prepare the close (结账) of a fiscal year that has ended: unnamed approvals are carried over. FINANCE.' })
export class PrepareFiscalYearCloseInput extends CommandInput {
  @Field(() => Int, { description: 'The fiscal year.' })
  fiscalYear!: number;

  @Field(() => [LineCloseRuleInput], { defaultValue: [], description: 'Rules per benefit line.' })
  lineRules!: LineCloseRuleInput[];

  @Field(() => [ApprovalCloseChoiceInput], { defaultValue: [], description: 'Choices per approval.' })
  approvals!: ApprovalCloseChoiceInput[];
}

@InputType({ description: 'Confirm a prepared close: another person of Finance than the preparer (四眼原则).' })
export class ConfirmFiscalYearCloseInput extends CommandInput {
  @Field(() => Int, { description: 'The fiscal year.' })
  fiscalYear!: number;
}

@ObjectType({ description: 'A step of a fiscal-year close.' })
export class FiscalYearClosePayload {
  @Field(() => PositionScalar, { description: 'Where the step\'s last event is in the log.' })
  position!: string;

  @Field(() => Int, { description: 'The fiscal year.' })
  fiscalYear!: number;
}
