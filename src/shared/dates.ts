/** Calendar dates (ISO `YYYY-MM-DD`) as the policy's documents give them. */
import { DomainError } from './errors.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date, or INVALID_INPUT naming what it is for. */
export function assertIsoDate(text: string, what: string): void {
  const date = ISO_DATE.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new DomainError('INVALID_INPUT', `${what} "${text}" is not a date (YYYY-MM-DD)`);
  }
}

/** The calendar year of an ISO date. */
export const yearOf = (isoDate: string): number => Number(isoDate.slice(0, 4));

/** The date `years` years after an ISO date (29 February falls to 28 February in a common year). */
export function yearsAfter(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year + years, month - 1, day));
  if (date.getUTCMonth() !== month - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** The calendar date of an ISO instant in Beijing time (UTC+8, Xuchang's). */
export const beijingDate = (instant: string): string => new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
