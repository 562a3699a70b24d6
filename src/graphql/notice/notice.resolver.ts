import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Position } from '../../eventstore/port.js';
import { MAY } from '../access/roles.js';
import { commandContext, type LedgerContext } from '../context.js';
import { badUserInput, notFound } from '../errors/api-error.js';
import { TEXT, TextArg } from '../shared/text.js';
import {
  AmendCalendarDayInput,
  DecideObjectionInput,
  LoadHolidayArrangementInput,
  PublishNoticeInput,
  RecordObjectionInput,
} from './notice.input.js';
import {
  CalendarDayKindValue,
  CalendarYear,
  CalendarYearPayload,
  NoticeEntry,
  NoticeObjection,
  NoticeObjectionPayload,
  PublicNotice,
  PublicNoticePayload,
} from './notice.type.js';

/** Reads `read` once the projections have applied `position` (read-your-writes). */
async function afterWrite<Row>(ctx: LedgerContext, position: Position, read: () => Row | undefined, what: string): Promise<Row> {
  await ctx.services.runner.waitFor(position);
  const row = read();
  if (!row) throw new Error(`${what} is not in the read model after the write at ${position}`);
  return row;
}

const objectionOf = (ctx: LedgerContext, applicationId: string, objectionId: string) => () =>
  ctx.services.read.objections({ applicationId }).find((o) => o.objectionId === objectionId);

@Resolver(() => PublicNotice)
export class NoticeResolver {
  @Authorized(MAY.readNotices)
  @Query(() => [PublicNotice], { description: 'The public notices (公示) of a benefit line, newest first.' })
  publicNotices(
    @Ctx() ctx: LedgerContext,
    @TextArg('lineCode', TEXT.CODE, { description: 'The benefit line.' }) lineCode: string,
    @Arg('fiscalYear', () => Int, { nullable: true, description: 'The fiscal year of the applications.' }) fiscalYear?: number,
  ): PublicNotice[] {
    return ctx.services.read.notices({ lineCode, fiscalYear: fiscalYear ?? undefined });
  }

  @Authorized(MAY.readNotices)
  @Query(() => PublicNotice, { description: 'One public notice.' })
  publicNotice(@Ctx() ctx: LedgerContext, @TextArg('id', TEXT.ID, { id: true, description: 'The notice.' }) id: string): PublicNotice {
    const notice = ctx.services.read.noticeById(id);
    if (!notice) throw notFound(`notice ${id}`);
    return notice;
  }

  @FieldResolver(() => [NoticeEntry], { description: 'Its list (拟奖励名单), in published order.' })
  entries(@Root() notice: PublicNotice, @Ctx() ctx: LedgerContext): NoticeEntry[] {
    return ctx.services.read.noticeEntries(notice.noticeId);
  }

  @Authorized(MAY.readObjections)
  @FieldResolver(() => [NoticeObjection], { description: 'The objections made under it, and how they were decided.' })
  objections(@Root() notice: PublicNotice, @Ctx() ctx: LedgerContext): NoticeObjection[] {
    return ctx.services.read.objections({ noticeId: notice.noticeId });
  }

  @Authorized(MAY.readCalendar)
  @Query(() => CalendarYear, { nullable: true, description: 'A year of the working-day calendar; null when its arrangement is not loaded.' })
  workingDayCalendar(@Ctx() ctx: LedgerContext, @Arg('year', () => Int, { description: 'The year.' }) year: number): CalendarYear | null {
    return ctx.services.read.calendarYear(year) ?? null;
  }

  @Authorized(MAY.publishNotice)
  @Mutation(() => PublicNoticePayload, { description: 'Publishes reviewed applications of a line and year for public notice, for the working days the line sets. OFFICER.' })
  async publishNotice(@Ctx() ctx: LedgerContext, @Arg('input', () => PublishNoticeInput) input: PublishNoticeInput): Promise<PublicNoticePayload> {
    const { lineCode, fiscalYear, applicationIds } = input;
    const { position, noticeId } = await ctx.services.ledger.publishNotice({ lineCode, fiscalYear, applicationIds }, commandContext(ctx, input));
    return { position, notice: await afterWrite(ctx, position, () => ctx.services.read.noticeById(noticeId), `notice ${noticeId}`) };
  }

  @Authorized(MAY.object)
  @Mutation(() => NoticeObjectionPayload, { description: 'Records a written objection to an application under notice, naming who objects. Anyone with a role.' })
  async recordObjection(@Ctx() ctx: LedgerContext, @Arg('input', () => RecordObjectionInput) input: RecordObjectionInput): Promise<NoticeObjectionPayload> {
    const { applicationId, objectorName, contact, statement } = input;
    const { position, objectionId } = await ctx.services.ledger.recordObjection({ applicationId, objectorName, contact, statement }, commandContext(ctx, input));
    return { position, objection: await afterWrite(ctx, position, objectionOf(ctx, applicationId, objectionId), `objection ${objectionId}`) };
  }

  @Authorized(MAY.decideObjections)
  @Mutation(() => NoticeObjectionPayload, { description: 'Upholds an objection (异议成立): the application is rejected with the reason. Not by the notice\'s publisher. OFFICER or APPROVER.' })
  async upholdObjection(@Ctx() ctx: LedgerContext, @Arg('input', () => DecideObjectionInput) input: DecideObjectionInput): Promise<NoticeObjectionPayload> {
    return this.decided(ctx, input, await ctx.services.ledger.upholdObjection(decision(input), commandContext(ctx, input)));
  }

  @Authorized(MAY.decideObjections)
  @Mutation(() => NoticeObjectionPayload, { description: 'Dismisses an objection (异议不成立), with a reason. Not by the notice\'s publisher. OFFICER or APPROVER.' })
  async dismissObjection(@Ctx() ctx: LedgerContext, @Arg('input', () => DecideObjectionInput) input: DecideObjectionInput): Promise<NoticeObjectionPayload> {
    return this.decided(ctx, input, await ctx.services.ledger.dismissObjection(decision(input), commandContext(ctx, input)));
  }

  @Authorized(MAY.keepCalendar)
  @Mutation(() => CalendarYearPayload, { description: 'Loads the State Council\'s holiday arrangement of a year. ADMIN.' })
  async loadHolidayArrangement(@Ctx() ctx: LedgerContext, @Arg('input', () => LoadHolidayArrangementInput) input: LoadHolidayArrangementInput): Promise<CalendarYearPayload> {
    const { year, source } = input;
    const days = input.days.map(({ date, kind, name }) => {
      if (kind === CalendarDayKindValue.WEEKDAY_RULE) throw badUserInput(`${date}: an arrangement marks holidays and make-up working days only`);
      return { date, kind, name };
    });
    const { position } = await ctx.services.ledger.loadHolidayArrangement({ year, source, days }, commandContext(ctx, input));
    return { position, calendarYear: await afterWrite(ctx, position, () => ctx.services.read.calendarYear(year), `calendar ${year}`) };
  }

  @Authorized(MAY.keepCalendar)
  @Mutation(() => CalendarYearPayload, { description: 'Marks one day a holiday or a make-up working day, or returns it to the weekday rule, with a reason. ADMIN.' })
  async amendCalendarDay(@Ctx() ctx: LedgerContext, @Arg('input', () => AmendCalendarDayInput) input: AmendCalendarDayInput): Promise<CalendarYearPayload> {
    const { date, kind, name, reason } = input;
    const { position, year } = await ctx.services.ledger.amendCalendarDay({ date, kind, name, reason }, commandContext(ctx, input));
    return { position, calendarYear: await afterWrite(ctx, position, () => ctx.services.read.calendarYear(Number(year)), `calendar ${year}`) };
  }

  private async decided(ctx: LedgerContext, input: DecideObjectionInput, { position }: { position: Position }): Promise<NoticeObjectionPayload> {
    const { applicationId, objectionId } = input;
    return { position, objection: await afterWrite(ctx, position, objectionOf(ctx, applicationId, objectionId), `objection ${objectionId}`) };
  }
}

const decision = ({ applicationId, objectionId, reason }: DecideObjectionInput) => ({ applicationId, objectionId, reason });
