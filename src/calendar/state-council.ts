/**
 * The State Council's holiday arrangements (国务院办公厅关于 X 年部分节假日安排的通知) built
 * into the ledger, loaded at start like the built-in catalog; ADMIN loads other years and amends
 * days through the API.
 *
 * Only the years checked against the published notice are here: 2025 (国办发明电〔2024〕12号,
 * 2024-11-12: the demo's fiscal year) and 2026 (the notice of 2025-11-04, as Xinhua printed it).
 * No other year is guessed: a year not loaded has no working days, and a notice that would
 * need one is refused until an administrator loads it.
 */
import type { ArrangedDay, IsoDate } from './calendar.js';
import { nextDate } from './calendar.js';

interface HolidayPeriod {
  name: string;
  /** First and last day off, inclusive. */
  from: IsoDate;
  to: IsoDate;
  /** 调休上班: the weekend days worked for it. */
  makeUp: IsoDate[];
}

export interface HolidayArrangement {
  year: number;
  source: string;
  days: ArrangedDay[];
}

function arrangement(year: number, source: string, periods: HolidayPeriod[]): HolidayArrangement {
  const days: ArrangedDay[] = [];
  for (const { name, from, to, makeUp } of periods) {
    for (let date = from; date <= to; date = nextDate(date)) days.push({ date, kind: 'holiday', name });
    for (const date of makeUp) days.push({ date, kind: 'working-day', name });
  }
  return { year, source, days: days.sort((a, b) => a.date.localeCompare(b.date)) };
}

export const STATE_COUNCIL_ARRANGEMENTS: HolidayArrangement[] = [
  arrangement(2025, '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）', [
    { name: '元旦', from: '2025-01-01', to: '2025-01-01', makeUp: [] },
    { name: '春节', from: '2025-01-28', to: '2025-02-04', makeUp: ['2025-01-26', '2025-02-08'] },
    { name: '清明节', from: '2025-04-04', to: '2025-04-06', makeUp: [] },
    { name: '劳动节', from: '2025-05-01', to: '2025-05-05', makeUp: ['2025-04-27'] },
    { name: '端午节', from: '2025-05-31', to: '2025-06-02', makeUp: [] },
    { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', makeUp: ['2025-09-28', '2025-10-11'] },
  ]),
  arrangement(2026, '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）', [
    { name: '元旦', from: '2026-01-01', to: '2026-01-03', makeUp: ['2026-01-04'] },
    { name: '春节', from: '2026-02-15', to: '2026-02-23', makeUp: ['2026-02-14', '2026-02-28'] },
    { name: '清明节', from: '2026-04-04', to: '2026-04-06', makeUp: [] },
    { name: '劳动节', from: '2026-05-01', to: '2026-05-05', makeUp: ['2026-05-09'] },
    { name: '端午节', from: '2026-06-19', to: '2026-06-21', makeUp: [] },
    { name: '中秋节', from: '2026-09-25', to: '2026-09-27', makeUp: [] },
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07', makeUp: ['2026-09-20', '2026-10-10'] },
  ]),
];
