/**
 * The working-day calendar: loading a year's holiday arrangement and amending one day of it,
 * both by ADMIN. One stream per year (`working-day-calendar-<year>`).
 */
import type { Decider } from '../shared/decider.js';
import { DomainError } from '../shared/errors.js';
import {
  type ArrangedDay,
  type ArrangedKind,
  type CalendarEvent,
  type CalendarState,
  calendarStreamLabel,
  evolveCalendar,
  initialCalendarState,
  type IsoDate,
  isIsoDate,
  isWeekend,
  yearOf,
} from './calendar.js';

// ── Commands ────────────────────────────────────────────────────────────────────────────────

export type CalendarCommand =
  | { type: 'LoadHolidayArrangement'; data: { year: number; source: string; days: ArrangedDay[]; now: string } }
  | {
      type: 'AmendCalendarDay';
      data: { date: IsoDate; kind: ArrangedKind | 'weekday-rule'; name: string; reason: string; now: string };
    };

// ── Validation ──────────────────────────────────────────────────────────────────────────────

const invalid = (message: string): never => {
  throw new DomainError('INVALID_INPUT', message);
};

function assertDay(year: number, day: { date: IsoDate; kind: ArrangedKind | 'weekday-rule'; name: string }): void {
  if (!isIsoDate(day.date)) invalid(`"${day.date}" is not a date (YYYY-MM-DD)`);
  if (yearOf(day.date) !== year) invalid(`${day.date} is not in ${year}`);
  if (day.kind !== 'weekday-rule' && day.name.trim() === '') invalid(`${day.date} needs the name of its holiday`);
  // 调休: a make-up working day is a weekend day worked; a weekday is a working day already.
  if (day.kind === 'working-day' && !isWeekend(day.date)) invalid(`${day.date} is a weekday: only a weekend day can be a make-up working day (调休上班)`);
}

// ── Decisions ───────────────────────────────────────────────────────────────────────────────

export function loadHolidayArrangement(command: Extract<CalendarCommand, { type: 'LoadHolidayArrangement' }>, state: CalendarState): CalendarEvent[] {
  const { year, source, days, now } = command.data;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) invalid(`${year} is not a year`);
  if (state.status === 'loaded') throw new DomainError('ALREADY_EXISTS', `the holiday arrangement of ${year} is already loaded: amend its days instead`);
  if (source.trim() === '') invalid('a holiday arrangement names the notice it follows');
  for (const day of days) assertDay(year, day);
  const repeated = days.find((day, i) => days.findIndex((d) => d.date === day.date) !== i);
  if (repeated) invalid(`${repeated.date} is listed twice`);
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  return [{ type: 'HolidayArrangementLoaded', data: { year, source, days: sorted, loadedAt: now } }];
}

export function amendCalendarDay(command: Extract<CalendarCommand, { type: 'AmendCalendarDay' }>, state: CalendarState): CalendarEvent[] {
  const { date, kind, name, reason, now } = command.data;
  if (!isIsoDate(date)) invalid(`"${date}" is not a date (YYYY-MM-DD)`);
  if (state.status !== 'loaded') throw new DomainError('NOT_FOUND', `the holiday arrangement of ${yearOf(date)} is not loaded`);
  assertDay(state.year, { date, kind, name });
  if (reason.trim() === '') invalid('an amendment of the calendar gives its reason');
  return [{ type: 'CalendarDayAmended', data: { year: state.year, date, kind, name, reason, amendedAt: now } }];
}

export function decideCalendar(command: CalendarCommand, state: CalendarState): CalendarEvent[] {
  switch (command.type) {
    case 'LoadHolidayArrangement':
      return loadHolidayArrangement(command, state);
    case 'AmendCalendarDay':
      return amendCalendarDay(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export const calendarDecider: Decider<CalendarState, CalendarCommand, CalendarEvent> = {
  streamLabel: calendarStreamLabel,
  version: 1,
  initialState: initialCalendarState,
  evolve: evolveCalendar,
  decide: decideCalendar,
};
