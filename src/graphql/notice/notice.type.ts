import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Fen } from '../../shared/money.js';
import { DateScalar, DateTimeScalar } from '../scalars/date.scalar.js';
import { MoneyScalar } from '../scalars/money.scalar.js';
import { Payload } from '../shared/payload.js';

export enum ObjectionStatusValue {
  OPEN = 'open',
  UPHELD = 'upheld',
  DISMISSED = 'dismissed',
}
registerEnumType(ObjectionStatusValue, { name: 'ObjectionStatus', description: 'Open, upheld (异议成立: the application is rejected) or dismissed (异议不成立).' });

export enum CalendarDayKindValue {
  HOLIDAY = 'holiday',
  WORKING_DAY = 'working-day',
  WEEKDAY_RULE = 'weekday-rule',
}
registerEnumType(CalendarDayKindValue, {
  name: 'CalendarDayKind',
  description: 'A holiday (放假), a make-up working day (调休上班: a weekend day worked), or back to the weekday rule (Monday to Friday worked).',
});

@ObjectType({ description: 'One line of a notice\'s list (拟奖励名单).' })
export class NoticeEntry {
  @Field(() => Int, { description: '序号: its place in the list as published, from 1.' })
  position!: number;

  @Field(() => String, { description: 'The application proposed for an award.' })
  applicationId!: string;

  @Field(() => String, { description: 'Unified Social Credit Code (统一社会信用代码) of the firm.' })
  creditCode!: string;

  @Field(() => String, { description: '企业名称, as registered when the notice was published.' })
  enterpriseName!: string;

  @Field(() => String, { description: '县（市、区）: the county code.' })
  county!: string;

  @Field(() => MoneyScalar, { description: 'The amount proposed (拟奖励金额): what the reviewed application asks for.' })
  proposedFen!: Fen;
}

@ObjectType({ description: 'A public notice (公示) of proposed awards of one benefit line and fiscal year.' })
export class PublicNotice {
  @Field(() => String, { name: 'id', description: 'The notice\'s id.' })
  noticeId!: string;

  @Field(() => String, { description: 'The benefit line.' })
  lineCode!: string;

  @Field(() => Int, { description: 'The fiscal year of the applications.' })
  fiscalYear!: number;

  @Field(() => Int, { description: 'How many working days it runs.' })
  workingDays!: number;

  @Field(() => DateScalar, { description: 'Its first working day (Beijing date).' })
  startsOn!: string;

  @Field(() => DateScalar, { description: 'Its last working day: objections are received until then; approvals from the day after.' })
  endsOn!: string;

  @Field(() => String, { description: 'The officer who published it.' })
  publishedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was published.' })
  publishedAt!: string;
}

@ObjectType({ description: 'A written objection (异议) to an application under notice, in its author\'s name (实名).' })
export class NoticeObjection {
  @Field(() => String, { name: 'id', description: 'The objection\'s id.' })
  objectionId!: string;

  @Field(() => String, { description: 'The notice it was made under.' })
  noticeId!: string;

  @Field(() => String, { description: 'The application objected to.' })
  applicationId!: string;

  @Field(() => String, { description: 'Who objects, in their own name.' })
  objectorName!: string;

  @Field(() => String, { description: 'How to reach them, as they gave it.' })
  contact!: string;

  @Field(() => String, { description: 'The written objection.' })
  statement!: string;

  @Field(() => String, { description: 'Who recorded it (the caller).' })
  recordedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt!: string;

  @Field(() => ObjectionStatusValue, { description: 'Open, upheld or dismissed.' })
  status!: `${ObjectionStatusValue}`;

  @Field(() => String, { nullable: true, description: 'Who upheld or dismissed it.' })
  decidedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'The reason given.' })
  decisionReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was decided.' })
  decidedAt!: string | null;
}

@ObjectType({ description: 'A day the year\'s holiday arrangement, or an administrator\'s amendment, marks.' })
export class CalendarDay {
  @Field(() => DateScalar, { description: 'The day.' })
  date!: string;

  @Field(() => CalendarDayKindValue, { description: 'Holiday, make-up working day, or back to the weekday rule.' })
  kind!: `${CalendarDayKindValue}`;

  @Field(() => String, { description: 'The holiday it belongs to, e.g. 春节.' })
  name!: string;
}

@ObjectType({ description: 'One year of the working-day calendar: weekdays are worked, weekends are not, except the days marked.' })
export class CalendarYear {
  @Field(() => Int, { description: 'The year.' })
  year!: number;

  @Field(() => String, { description: 'The State Council notice it follows.' })
  source!: string;

  @Field(() => DateTimeScalar, { description: 'When it was loaded.' })
  loadedAt!: string;

  @Field(() => [CalendarDay], { description: 'The days marked, in date order.' })
  days!: CalendarDay[];
}

@ObjectType()
export class PublicNoticePayload extends Payload(PublicNotice, 'notice', 'notice') {}

@ObjectType()
export class NoticeObjectionPayload extends Payload(NoticeObjection, 'objection', 'objection') {}

@ObjectType()
export class CalendarYearPayload extends Payload(CalendarYear, 'calendarYear', 'calendar year') {}
