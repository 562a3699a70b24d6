/**
 * The working-day calendar (工作日历): which days public offices work, year by year, as the State
 * Council's yearly holiday notice (国务院办公厅关于 X 年部分节假日安排的通知) arranges them. A
 * public notice (公示) runs for a number of working days on it.
 *
 * A day is a working day when it is a weekday, unless the year's arrangement makes it a holiday;
 * a weekend day is a rest day, unless the arrangement makes it a make-up working day (调休上班).
 * A year whose arrangement is not loaded has no working days: nothing is counted on a guess.
 */
import { DomainError } from '../shared/errors.js';

// ── Glossary ────────────────────────────────────────────────────────────────────────────────

/** An ISO date, YYYY-MM-DD, in Beijing time. */
export type IsoDate = string;

/**
 * How the year's arrangement marks a day: a holiday (放假, including the weekend days a holiday
 * period spans) or a make-up working day (调休上班, a weekend day worked).
 */
export type ArrangedKind = 'holiday' | 'working-day';

export interface ArrangedDay {
  date: IsoDate;
  kind: ArrangedKind;
  /** The holiday it belongs to, e.g. 春节. */
  name: string;
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────

export type CalendarEvent =
  | {
      type: 'HolidayArrangementLoaded';
      data: {
        year: number;
        /** The notice it follows: its title or 文号, and its date. */
        source: string;
        days: ArrangedDay[];
        loadedAt: string;
      };
    }
  /** ADMIN corrects one day: `kind` "weekday-rule" removes the arrangement's mark from it. */
  | {
      type: 'CalendarDayAmended';
      data: { year: number; date: IsoDate; kind: ArrangedKind | 'weekday-rule'; name: string; reason: string; amendedAt: string };
    };

export const calendarStream = (year: number) => `working-day-calendar-${year}`;
/** The stream in a case officer's words, for messages (stream names are internal). */
export const calendarStreamLabel = 'working-day calendar';

// ── State ───────────────────────────────────────────────────────────────────────────────────

export type CalendarState =
  | { status: 'not-loaded' }
  | { status: 'loaded'; year: number; source: string; days: Record<IsoDate, Omit<ArrangedDay, 'date'>> };

export const initialCalendarState: CalendarState = { status: 'not-loaded' };

export function evolveCalendar(state: CalendarState, event: CalendarEvent): CalendarState {
  switch (event.type) {
    case 'HolidayArrangementLoaded': {
      const { year, source, days } = event.data;
      return { status: 'loaded', year, source, days: Object.fromEntries(days.map(({ date, ...day }) => [date, day])) };
    }
    case 'CalendarDayAmended': {
      if (state.status !== 'loaded') return state;
      const { date, kind, name } = event.data;
      const { [date]: _old, ...others } = state.days;
      return { ...state, days: kind === 'weekday-rule' ? others : { ...others, [date]: { kind, name } } };
    }
    default:
      return state;
  }
}

// ── Dates ───────────────────────────────────────────────────────────────────────────────────

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const date = ISO_DATE.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  return date !== undefined && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export const yearOf = (date: IsoDate): number => Number(date.slice(0, 4));

export function nextDate(date: IsoDate): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export const isWeekend = (date: IsoDate): boolean => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** China Standard Time: UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The date in Beijing (Xuchang's date) of an ISO instant. */
export const beijingDate = (instant: string): IsoDate => new Date(Date.parse(instant) + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

// ── Working days ────────────────────────────────────────────────────────────────────────────

/** The loaded calendars by year, as command handling looked them up. */
export type Calendars = ReadonlyMap<number, CalendarState>;

export function isWorkingDay(calendars: Calendars, date: IsoDate): boolean {
  const calendar = calendars.get(yearOf(date));
  if (calendar?.status !== 'loaded') {
    throw new DomainError(
      'NOT_FOUND',
      `the working-day calendar of ${yearOf(date)} is not loaded: an administrator loads the State Council's holiday arrangement for that year`,
    );
  }
  const arranged = calendar.days[date];
  return arranged ? arranged.kind === 'working-day' : !isWeekend(date);
}

/** The first working day on or after `date`. */
export function firstWorkingDayFrom(calendars: Calendars, date: IsoDate): IsoDate {
  let day = date;
  while (!isWorkingDay(calendars, day)) day = nextDate(day);
  return day;
}

/** The last of `count` working days counted from `start` (a working day) inclusive. */
export function lastOfWorkingDays(calendars: Calendars, start: IsoDate, count: number): IsoDate {
  let day = start;
  for (let counted = 1; counted < count; counted++) day = firstWorkingDayFrom(calendars, nextDate(day));
  return day;
}
