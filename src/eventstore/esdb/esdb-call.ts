/**
 * One call to EventStoreDB, retried three times, over about 1.3 s, when it met a transient
 * fault (esdb-errors.ts `isRetryable`: a dropped connection, after which the client reconnects
 * on the next call; a node not ready, too busy or not the leader; a timeout), then failing in
 * the port's words. Retrying is safe for appends too: they name an exact expectation and keep
 * their event ids, so EventStoreDB writes the same events at most once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreClosedError } from '../port.js';
import { isRetryable, toStoreError } from './esdb-errors.js';

const RETRY_DELAYS_MS = [50, 250, 1000];

export interface CallContext {
  /** `host:port` of the server, for the messages. */
  server: string;
  /** The connection string has `tls=false`: a secure node then looks unreachable. */
  tlsOff: boolean;
  isClosed(): boolean;
}

export async function callEsdb<T>(
  context: CallContext,
  operation: () => Promise<T>,
  mapError: (error: unknown) => unknown = (error) => error,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (context.isClosed()) throw new StoreClosedError();
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !isRetryable(error)) throw toStoreError(mapError(error), context);
      await sleep(delay);
    }
  }
}
