/**
 * EventStoreDB client errors in the port's words.
 *
 * - Transient, retried (esdb-call.ts), then `StoreUnavailableError` naming the server and what
 *   to check: connection trouble (the client's `UnavailableError`, a raw gRPC status 14 from its
 *   server-features call, a cancelled call, a failed cluster discovery); a node that is not ready
 *   (starting, electing) or too busy (on `BatchAppend` these arrive as `UnknownError`s saying
 *   "Server Is Not Ready" / "Server Is Busy"); not the leader (the client reconnects to the
 *   leader its trailers name); and a timed-out call, client-side (status 4) or server-side
 *   (`BatchAppend` gives a `DeadlineExceededError` with no code, and the write may or may not
 *   have been made: esdb-event-store.ts settles that by re-reading).
 * - A failed expectation becomes `WrongExpectedRevisionError` with the actual revision; an
 *   append over the server's `--max-append-size`, `APPEND_TOO_LARGE`; a deleted or tombstoned
 *   stream, `StreamDeletedError`; a user without the rights it needs, `STORE_ACCESS_DENIED`.
 */
import {
  AccessDeniedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError as EsdbStreamDeletedError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreError, type ExpectedRevision, StoreUnavailableError, StreamDeletedError, WrongExpectedRevisionError } from '../port.js';

/** gRPC status codes that say "the call did not get through", whatever the client made of them. */
const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** What a node says while it cannot take requests for a moment. */
const NODE_NOT_READY = /Server Is (Not Ready|Busy|Too Busy)/;

/**
 * Worth trying again: the server was unreachable, restarting, electing, overloaded, not the
 * leader, or timed out. Safe for appends too: they keep their event ids and an exact
 * expectation, so EventStoreDB writes the same events at most once.
 */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === GRPC_UNAVAILABLE ||
    code === GRPC_CANCELLED ||
    code === GRPC_DEADLINE_EXCEEDED ||
    error instanceof NotLeaderError ||
    error instanceof DeadlineExceededError ||
    isNodeNotReady(error)
  );
}

function isNodeNotReady(error: unknown): boolean {
  return (error instanceof UnknownError || error instanceof UnavailableError) && NODE_NOT_READY.test(error.message);
}

function isUnavailable(error: unknown): boolean {
  return isRetryable(error) || error instanceof TimeoutError || (error instanceof Error && error.message.startsWith('Failed to discover'));
}

/** The server as the messages name it, and whether the connection string turned TLS off. */
interface Target {
  server: string;
  tlsOff: boolean;
}

export function toStoreError(error: unknown, { server, tlsOff }: Target): unknown {
  if (error instanceof EventStoreError) return error;
  if (error instanceof AccessDeniedError) return accessDenied(server);
  if (error instanceof EsdbStreamDeletedError) return new StreamDeletedError(error.streamName);
  if (!isUnavailable(error)) return error;
  const reason = error instanceof Error && error.message ? error.message : (error as Error).constructor.name;
  return new StoreUnavailableError(
    `EventStoreDB at ${server} did not answer (${reason}). ${whatToCheck(reason, tlsOff)} ` +
      'An append that failed this way may or may not have been written: retrying it with the same event ids is safe.',
  );
}

/** A TLS handshake that failed on the node's certificate, or on a node that does not speak TLS. */
const CERTIFICATE_REJECTED = /certificate|altnames|self[- ]signed/i;
const NOT_TLS = /wrong version number/i;

function whatToCheck(reason: string, tlsOff: boolean): string {
  if (CERTIFICATE_REJECTED.test(reason)) {
    return (
      "Its TLS certificate was not accepted: check that tlsCAFile in EVENTSTORE_CONNECTION_STRING names the CA that signed the node's " +
      'certificate (ca/ca.crt from es-gencert-cli), and that the host connected to is among the names the certificate was made for.'
    );
  }
  if (NOT_TLS.test(reason)) return 'It does not speak TLS: an insecure node needs tls=false in EVENTSTORE_CONNECTION_STRING.';
  const reachable = 'Check that it is running and reachable from here, and that EVENTSTORE_CONNECTION_STRING names it';
  if (tlsOff) {
    return (
      `${reachable}. EVENTSTORE_CONNECTION_STRING has tls=false, which only an insecure node answers: if the node is secure ` +
      "(TLS on, EventStoreDB's default), drop tls=false and name the CA that signed its certificate with tlsCAFile."
    );
  }
  return `${reachable} (esdb://host:2113?tls=false for an insecure node).`;
}

function accessDenied(server: string): EventStoreError {
  return new EventStoreError(
    'STORE_ACCESS_DENIED',
    `EventStoreDB at ${server} refused the user of EVENTSTORE_CONNECTION_STRING (access denied). ` +
      'The ledger reads $all and writes its own streams: give that user read access to $all (its name or group in ' +
      "$all's ACL, docs/eventstoredb.md) and write access to the ledger streams, and check its name and password.",
  );
}

export function toAppendError(error: unknown, stream: string, expected: ExpectedRevision): unknown {
  if (error instanceof MaxAppendSizeExceededError) {
    const limit = `${error.maxAppendSize} bytes`;
    return new EventStoreError('APPEND_TOO_LARGE', `stream ${stream}: the append is larger than the server accepts (${limit})`);
  }
  if (error instanceof EsdbStreamDeletedError) return new StreamDeletedError(stream);
  if (!(error instanceof WrongExpectedVersionError)) return error;
  const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream';
  return new WrongExpectedRevisionError(stream, expected, actual);
}
