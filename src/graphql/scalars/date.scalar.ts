/** Calendar dates and instants as ISO-8601 strings, kept as strings inside (as the events hold them). */
import { GraphQLError } from 'graphql';
import { stringScalar } from './string-scalar.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** True for a real calendar date ("2024-02-30" is not one). */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const DateScalar = stringScalar('Date', 'A calendar date, ISO-8601 "YYYY-MM-DD" (e.g. a payment\'s value date).', (text) => {
  if (!isCalendarDate(text)) throw new GraphQLError(`"${text}" is not a calendar date of the form YYYY-MM-DD`);
});

export const DateTimeScalar = stringScalar('DateTime', 'An instant, ISO-8601 with a time zone, e.g. "2024-03-01T08:30:00.000Z".', (text) => {
  if (!DATE_TIME.test(text) || !isCalendarDate(text.slice(0, 10))) {
    throw new GraphQLError(`"${text}" is not an ISO-8601 instant such as 2024-03-01T08:30:00Z`);
  }
});
