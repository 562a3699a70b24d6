/**
 * EventStoreDB client errors in the port's words. Connection trouble (the client's
 * `UnavailableError`, a raw gRPC status 14 from its server-features call, a cancelled or timed
 * out call, a failed cluster discovery) becomes `StoreUnavailableError` naming the server and
 * what to check; a failed expectation becomes `WrongExpectedRevisionError` with the actual
 * revision; an append over the server's `--max-append-size` becomes `APPEND_TOO_LARGE`.
 */
import { MaxAppendSizeExceededError, NotLeaderError, TimeoutError, WrongExpectedVersionError } from '@eventstore/db-client';
import { EventStoreError, type ExpectedRevision, StoreUnavailableError, WrongExpectedRevisionError } from '../port.js';

/** gRPC status codes that say "the call did not get through", whatever the client made of them. */
const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** Worth trying again: the server was unreachable, restarting, or changing leader. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === GRPC_UNAVAILABLE || code === GRPC_CANCELLED || error instanceof NotLeaderError;
}

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    isRetryable(error) ||
    code === GRPC_DEADLINE_EXCEEDED ||
    error instanceof TimeoutError ||
    (error instanceof Error && error.message.startsWith('Failed to discover'))
  );
}

export function toStoreError(error: unknown, server: string): unknown {
  if (error instanceof EventStoreError || !isUnavailable(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(
    `EventStoreDB at ${server} did not answer (${reason}). Check that it is running and reachable from here, ` +
      'and that EVENTSTORE_CONNECTION_STRING names it (esdb://host:2113?tls=false for an insecure node). ' +
      'An append that failed this way may or may not have been written: retrying it with the same event ids is safe.',
  );
}

export function toAppendError(error: unknown, stream: string, expected: ExpectedRevision): unknown {
  if (error instanceof MaxAppendSizeExceededError) {
    const limit = `${error.maxAppendSize} bytes`;
    return new EventStoreError('APPEND_TOO_LARGE', `stream ${stream}: the append is larger than the server accepts (${limit})`);
  }
  if (!(error instanceof WrongExpectedVersionError)) return error;
  const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream';
  return new WrongExpectedRevisionError(stream, expected, actual);
}

/** `host:port[,host:port…]` out of a connection string, without scheme, credentials or options. */
export function serverAddress(connectionString: string): string {
  return connectionString.replace(/^esdb(\+discover)?:\/\/([^@/]*@)?/, '').split(/[?/]/)[0] ?? connectionString;
}
