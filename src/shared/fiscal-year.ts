/** Fiscal year (财政年度): the calendar year, as China's fiscal year is. */
import { DomainError } from './errors.js';

export function assertFiscalYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new DomainError('INVALID_INPUT', `${year} is not a fiscal year (a calendar year such as 2016)`);
  }
}

/** China Standard Time: UTC+8 all year, no daylight saving. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The fiscal year an ISO instant falls in: its calendar year in Beijing time (Xuchang's). */
export function fiscalYearAt(instant: string): number {
  return new Date(Date.parse(instant) + BEIJING_OFFSET_MS).getUTCFullYear();
}

/** The business date (YYYY-MM-DD) of an ISO instant: its date in Beijing time. */
export function businessDateAt(instant: string): string {
  return new Date(Date.parse(instant) + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}
