/** A place in the ledger's global log, as the event store writes it: order of strings is log order. */
import { GraphQLError } from 'graphql';
import { decodePosition } from '../../eventstore/port.js';
import { stringScalar } from './string-scalar.js';

export const PositionScalar = stringScalar(
  'LogPosition',
  'A place in the global event log, opaque; comparing two as strings compares them in log order.',
  (text) => {
    try {
      decodePosition(text);
    } catch {
      throw new GraphQLError(`"${text}" is not a log position`);
    }
  },
);
