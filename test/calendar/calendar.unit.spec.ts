import { describe, expect, it } from 'vitest';
import {
  type CalendarEvent,
  type Calendars,
  type CalendarState,
  evolveCalendar,
  firstWorkingDayFrom,
  initialCalendarState,
  isWorkingDay,
  lastOfWorkingDays,
} from '../../src/calendar/calendar.js';
import { calendarDecider } from '../../src/calendar/decide.js';
import { STATE_COUNCIL_ARRANGEMENTS } from '../../src/calendar/state-council.js';
import { NOW } from '../support/domain-fixtures.js';
import { deciderSpec, expectDomainError } from '../support/domain-spec.js';

const spec = deciderSpec(calendarDecider);
const arrangementOf = (year: number) => STATE_COUNCIL_ARRANGEMENTS.find((a) => a.year === year)!;
const loaded = (year: number): CalendarEvent => ({ type: 'HolidayArrangementLoaded', data: { ...arrangementOf(year), loadedAt: NOW } });
const calendarsOf = (...events: CalendarEvent[]): Calendars => {
  const byYear = new Map<number, CalendarState>();
  for (const event of events) byYear.set(event.data.year, evolveCalendar(byYear.get(event.data.year) ?? initialCalendarState, event));
  return byYear;
};
const state2025 = calendarsOf(loaded(2025));
const both = calendarsOf(loaded(2025), loaded(2026));

describe('working days of 2025, as the State Council arranged them (国办发明电〔2024〕12号)', () => {
  it('a weekday is a working day and a weekend day is not', () => {
    expect(isWorkingDay(state2025, '2025-03-12')).toBe(true);
    expect(isWorkingDay(state2025, '2025-03-15')).toBe(false);
  });

  it('the Spring Festival (1月28日至2月4日) is off, and its make-up Sundays and Saturdays (1月26日, 2月8日) are worked', () => {
    for (const date of ['2025-01-28', '2025-01-31', '2025-02-03', '2025-02-04']) expect(isWorkingDay(state2025, date)).toBe(false);
    expect(isWorkingDay(state2025, '2025-01-26')).toBe(true);
    expect(isWorkingDay(state2025, '2025-02-08')).toBe(true);
  });

  it('five working days from Monday 29 September end on Saturday 11 October, across the eight days of 国庆节、中秋节', () => {
    // 9-29 and 9-30 (two), 10-1 to 10-8 off, 10-9, 10-10 and the make-up Saturday 10-11 (five).
    expect(lastOfWorkingDays(state2025, '2025-09-29', 5)).toBe('2025-10-11');
  });

  it('a notice published on the eve of Labour Day starts on the first working day after it', () => {
    expect(firstWorkingDayFrom(state2025, '2025-05-01')).toBe('2025-05-06');
    expect(firstWorkingDayFrom(state2025, '2025-04-26')).toBe('2025-04-27');
  });
});

describe('working days across the turn of the year', () => {
  it('count into 2026, whose New Year holiday (1月1日至3日) and make-up Sunday (1月4日) apply', () => {
    // 12-29, 12-30, 12-31 (three); 1-1 to 1-3 off; Sunday 1-4 worked (four), Monday 1-5 (five).
    expect(lastOfWorkingDays(both, '2025-12-29', 5)).toBe('2026-01-05');
  });

  it('are refused when the next year is not loaded, rather than guessed', () => {
    expectDomainError(() => lastOfWorkingDays(state2025, '2025-12-29', 5), 'NOT_FOUND', /calendar of 2026 is not loaded/);
  });
});

describe('a year not loaded', () => {
  it('loads its arrangement', () => {
    const { year, source, days } = arrangementOf(2026);
    spec.given([]).when({ type: 'LoadHolidayArrangement', data: { year, source, days, now: NOW } }).then([loaded(2026)]);
  });

  it('refuses a make-up working day that is a weekday', () => {
    const days = [{ date: '2026-03-04', kind: 'working-day' as const, name: '春节' }];
    spec.given([]).when({ type: 'LoadHolidayArrangement', data: { year: 2026, source: '通知', days, now: NOW } }).thenFails('INVALID_INPUT', /weekday/);
  });

  it('refuses a day of another year, and a day listed twice', () => {
    const day = { date: '2027-01-01', kind: 'holiday' as const, name: '元旦' };
    spec.given([]).when({ type: 'LoadHolidayArrangement', data: { year: 2026, source: '通知', days: [day], now: NOW } }).thenFails('INVALID_INPUT', /not in 2026/);
    const twice = [{ ...day, date: '2026-01-01' }, { ...day, date: '2026-01-01' }];
    spec.given([]).when({ type: 'LoadHolidayArrangement', data: { year: 2026, source: '通知', days: twice, now: NOW } }).thenFails('INVALID_INPUT', /twice/);
  });

  it('cannot have a day amended', () => {
    const amend = { type: 'AmendCalendarDay' as const, data: { date: '2027-01-01', kind: 'holiday' as const, name: '元旦', reason: '补录', now: NOW } };
    spec.given([]).when(amend).thenFails('NOT_FOUND');
  });
});

describe('a loaded year', () => {
  const amend = (date: string, kind: 'holiday' | 'working-day' | 'weekday-rule', reason = '市政府通知') => ({
    type: 'AmendCalendarDay' as const,
    data: { date, kind, name: kind === 'weekday-rule' ? '' : '防汛', reason, now: NOW },
  });

  it('is not loaded twice', () => {
    const { year, source, days } = arrangementOf(2025);
    spec.given([loaded(2025)]).when({ type: 'LoadHolidayArrangement', data: { year, source, days, now: NOW } }).thenFails('ALREADY_EXISTS');
  });

  it('has a day amended, with a reason; the amended day counts as amended', () => {
    const event: CalendarEvent = { type: 'CalendarDayAmended', data: { year: 2025, date: '2025-03-12', kind: 'holiday', name: '防汛', reason: '市政府通知', amendedAt: NOW } };
    spec.given([loaded(2025)]).when(amend('2025-03-12', 'holiday')).then([event]);
    expect(isWorkingDay(calendarsOf(loaded(2025), event), '2025-03-12')).toBe(false);
  });

  it('returns a make-up day to the weekday rule', () => {
    const event: CalendarEvent = { type: 'CalendarDayAmended', data: { year: 2025, date: '2025-02-08', kind: 'weekday-rule', name: '', reason: '更正', amendedAt: NOW } };
    expect(isWorkingDay(calendarsOf(loaded(2025), event), '2025-02-08')).toBe(false);
  });

  it('refuses an amendment without a reason', () => {
    spec.given([loaded(2025)]).when(amend('2025-03-12', 'holiday', ' ')).thenFails('INVALID_INPUT', /reason/);
  });
});
