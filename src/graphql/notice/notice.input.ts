import { Field, InputType, Int } from 'type-graphql';
import { DateScalar } from '../scalars/date.scalar.js';
import { CommandInput } from '../shared/command.input.js';
import { TEXT, TextField } from '../shared/text.js';
import { CalendarDayKindValue } from './notice.type.js';

@InputType({ description: 'Reviewed applications of one benefit line and year, published for public notice (公示).' })
export class PublishNoticeInput extends CommandInput {
  @TextField(TEXT.CODE, { description: 'The benefit line; its catalog entry says how many working days the notice runs.' })
  lineCode!: string;

  @Field(() => Int, { description: 'The fiscal year of the applications.' })
  fiscalYear!: number;

  @TextField(TEXT.ID, { list: true, description: 'The reviewed applications, in the order the list shows them (序号).' })
  applicationIds!: string[];
}

@InputType({ description: 'A written objection (异议) to an application under notice, in its author\'s own name (实名).' })
export class RecordObjectionInput extends CommandInput {
  @TextField(TEXT.ID, { description: 'The application objected to.' })
  applicationId!: string;

  @TextField(TEXT.NAME, { description: 'Who objects, in their own name: required.' })
  objectorName!: string;

  @TextField(TEXT.NAME, { description: 'How to reach them (phone, address); may be empty.' })
  contact!: string;

  @TextField(TEXT.PROSE, { description: 'The written objection.' })
  statement!: string;
}

@InputType({ description: 'A decision on an open objection, with its reason.' })
export class DecideObjectionInput extends CommandInput {
  @TextField(TEXT.ID, { description: 'The application objected to.' })
  applicationId!: string;

  @TextField(TEXT.ID, { description: 'The objection.' })
  objectionId!: string;

  @TextField(TEXT.PROSE, { description: 'Why it is upheld or dismissed.' })
  reason!: string;
}

@InputType({ description: 'A day of a holiday arrangement.' })
export class ArrangedDayInput {
  @Field(() => DateScalar, { description: 'The day.' })
  date!: string;

  @Field(() => CalendarDayKindValue, { description: 'HOLIDAY or WORKING_DAY (a make-up working day, 调休上班).' })
  kind!: CalendarDayKindValue;

  @TextField(TEXT.NAME, { description: 'The holiday it belongs to, e.g. 春节.' })
  name!: string;
}

@InputType({ description: 'The State Council\'s holiday arrangement of a year (国务院办公厅关于 X 年部分节假日安排的通知).' })
export class LoadHolidayArrangementInput extends CommandInput {
  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @TextField(TEXT.NAME, { description: 'The notice it follows: its title or 文号, and its date.' })
  source!: string;

  @Field(() => [ArrangedDayInput], { description: 'Every holiday and make-up working day of the year.' })
  days!: ArrangedDayInput[];
}

@InputType({ description: 'A correction of one day of a loaded year.' })
export class AmendCalendarDayInput extends CommandInput {
  @Field(() => DateScalar, { description: 'The day.' })
  date!: string;

  @Field(() => CalendarDayKindValue, { description: 'What it becomes.' })
  kind!: CalendarDayKindValue;

  @TextField(TEXT.NAME, { description: 'The holiday it belongs to (empty for WEEKDAY_RULE).' })
  name!: string;

  @TextField(TEXT.PROSE, { description: 'Why.' })
  reason!: string;
}
