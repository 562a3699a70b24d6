/** Fiscal year (财政年度): the calendar year, as China's fiscal year is. */
import { DomainError } from './errors.js';

export function assertFiscalYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new DomainError('INVALID_INPUT', `${year} is not a fiscal year (a calendar year such as 2016)`);
  }
}
