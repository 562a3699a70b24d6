/** The ledger's calendar commands: load a year's holiday arrangement, amend one day, load the built-in years. */
import { type ArrangedDay, type ArrangedKind, calendarStream, type IsoDate, isIsoDate, yearOf } from '../calendar/calendar.js';
import { calendarDecider } from '../calendar/decide.js';
import { STATE_COUNCIL_ARRANGEMENTS } from '../calendar/state-council.js';
import type { CommandContext, CommandDeps } from '../commands/envelope.js';
import { handle } from '../commands/handle.js';
import { comparePositions } from '../eventstore/port.js';
import { DomainError } from '../shared/errors.js';
import type { ActorContext } from './catalog.js';

export interface HolidayArrangementInput {
  year: number;
  source: string;
  days: ArrangedDay[];
}

export interface AmendCalendarDayInput {
  date: IsoDate;
  kind: ArrangedKind | 'weekday-rule';
  name: string;
  reason: string;
}

export function calendarCommands(deps: CommandDeps) {
  const commands = {
    /** Loads the State Council's holiday arrangement of a year (ADMIN). Returns `{ year }`. */
    loadHolidayArrangement: (input: HolidayArrangementInput, ctx: CommandContext) =>
      handle(deps, ctx, 'LoadHolidayArrangement', input, (env) => ({
        stream: calendarStream(input.year),
        decider: calendarDecider,
        command: () => ({ type: 'LoadHolidayArrangement' as const, data: { ...input, now: env.now } }),
        ids: { year: String(input.year) },
      })),

    /** Marks one day a holiday or a make-up working day, or returns it to the weekday rule, with a reason (ADMIN). Returns `{ year }`. */
    amendCalendarDay: (input: AmendCalendarDayInput, ctx: CommandContext) => {
      if (!isIsoDate(input.date)) throw new DomainError('INVALID_INPUT', `"${input.date}" is not a date (YYYY-MM-DD)`);
      const year = yearOf(input.date);
      return handle(deps, ctx, 'AmendCalendarDay', input, (env) => ({
        stream: calendarStream(year),
        decider: calendarDecider,
        command: () => ({ type: 'AmendCalendarDay' as const, data: { ...input, now: env.now } }),
        ids: { year: String(year) },
      }));
    },
  };
  return {
    ...commands,
    /** Loads the built-in years (calendar/state-council.ts) unless an earlier start did: their keys come with the data. */
    async loadBuiltInCalendar(ctx: ActorContext) {
      const results = [];
      for (const arrangement of STATE_COUNCIL_ARRANGEMENTS) {
        const key = `built-in-calendar:${arrangement.year}`;
        // A year already loaded (by an earlier start, or by an administrator first) is left as it is.
        if ((await deps.streams.read(calendarStream(arrangement.year), calendarDecider)).state.status === 'loaded') continue;
        results.push(await commands.loadHolidayArrangement(arrangement, { ...ctx, idempotencyKey: key }));
      }
      const position = results.map((r) => r.position).sort(comparePositions).at(-1);
      return { position, years: STATE_COUNCIL_ARRANGEMENTS.map((a) => a.year) };
    },
  };
}
