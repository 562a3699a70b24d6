/** What the ledger had recorded at a moment: a log position, or an instant. */
import { GraphQLError } from 'graphql';
import { decodePosition } from '../../eventstore/port.js';
import { isCalendarDate } from './date.scalar.js';
import { stringScalar } from './string-scalar.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function isPosition(text: string): boolean {
  try {
    decodePosition(text);
    return true;
  } catch {
    return false;
  }
}

export const ReportedAtScalar = stringScalar(
  'ReportedAt',
  'What the ledger had recorded by then: a log position (as a payload\'s `position`), or an ISO-8601 instant such as "2017-01-31T16:00:00Z".',
  (text) => {
    if (!isPosition(text) && !(DATE_TIME.test(text) && isCalendarDate(text.slice(0, 10)))) {
      throw new GraphQLError(`"${text}" is neither a log position nor an ISO-8601 instant`);
    }
  },
);
