/**
 * The EventStoreDB event store (production): the port on `@eventstore/db-client` 6.x.
 *
 * - Appends name the exact expectation (no stream, stream exists, or a revision; never "any"),
 *   keep the event ids, and so inherit EventStoreDB's idempotent retry of the same ids. They
 *   require the leader (a follower answers "not leader" and the client reconnects to the
 *   leader). An append that kept timing out may or may not have been written: the stream is
 *   read again, and the append succeeded if its events are there with the same ids.
 * - Every server call is bounded (esdb-reads.ts pages) and retried on a dropped connection
 *   (esdb-call.ts), then fails with the port's `StoreUnavailableError`.
 * - `$all` holds EventStoreDB's system events too: reads skip them, subscriptions have the
 *   server filter them, and subscriptions resubscribe when they drop
 *   (resubscribing-subscription.ts).
 */
import { type AllStreamResolvedEvent, type AppendExpectedRevision, DeadlineExceededError, EventStoreDBClient, NO_STREAM, START, STREAM_EXISTS } from '@eventstore/db-client';
import {
  type AppendResult,
  encodePosition,
  EventStoreError,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  StoreClosedError,
  StoreUnavailableError,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
  expectationHolds,
} from '../port.js';
import { connectionStringProblem, serverAddress, tlsCAFile, tlsOff } from './connection-string.js';
import { callEsdb, type CallContext } from './esdb-call.js';
import { toAppendError } from './esdb-errors.js';
import { EsdbReads } from './esdb-reads.js';
import { toEsdbPosition, toEventData, toPosition, toRecordedEvent } from './esdb-serialization.js';
import { type EsdbLogger, type ResubscribeSettings, resubscribing, SUBSCRIPTION_BUFFER } from './resubscribing-subscription.js';
import { StreamNamespace } from './stream-namespace.js';

export interface EsdbEventStoreOptions {
  /** `esdb://host:2113?tls=false`, or several `host:port` for a cluster. */
  connectionString: string;
  /**
   * A ledger of its own on a shared server (test runs against a real EventStoreDB): every
   * stream is stored as `streamPrefix + name`, and the log is read from `startsAfter` on.
   */
  namespace?: { streamPrefix: string; startsAfter?: Position };
  /** Where subscription drops are reported (the application's pino logger). */
  logger?: EsdbLogger;
  /** Backoff between resubscriptions; defaults 100 ms doubling up to 5 s. */
  resubscribe?: Partial<Omit<ResubscribeSettings, 'logger'>>;
  /**
   * How long an append may go unanswered before it is treated as timed out (and retried, then
   * settled by re-reading); default 15 s, past the client's own 10 s deadline. The client can
   * leave an append unanswered for ever when its BatchAppend call is cut under it (a leader change).
   */
  appendTimeoutMs?: number;
  /** The server's MaxAppendSize in bytes, where it is not EventStoreDB's default of 1 MiB. */
  maxAppendBytes?: number;
}

const DEFAULT_APPEND_TIMEOUT_MS = 15_000;

const consoleLogger: EsdbLogger = { warn: (details, message) => console.warn(message, details) };

/** Connects and checks that the server answers: a `StoreUnavailableError` says which server and what to check. */
export async function connectEsdbEventStore(options: EsdbEventStoreOptions): Promise<EsdbEventStore> {
  const store = new EsdbEventStore(createClient(options.connectionString), options);
  try {
    await store.logEnd();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function createClient(connectionString: string): EventStoreDBClient {
  const problem = connectionStringProblem(connectionString);
  if (problem) throw new EventStoreError('INVALID_CONFIGURATION', `EVENTSTORE_CONNECTION_STRING cannot be used: ${problem}`);
  try {
    return EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    const caFile = tlsCAFile(connectionString);
    const which = caFile && /certificate file/i.test((error as Error).message) ? ` (tlsCAFile=${caFile})` : '';
    throw new EventStoreError('INVALID_CONFIGURATION', `EVENTSTORE_CONNECTION_STRING cannot be used: ${(error as Error).message}${which}`);
  }
}

/** EventStoreDB's MaxAppendSize unless the server is configured otherwise. */
const DEFAULT_MAX_APPEND_BYTES = 2 ** 20;

export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb';
  readonly maxAppendBytes: number;
  private closed = false;
  private readonly context: CallContext;
  private readonly streams: StreamNamespace;
  private readonly reads: EsdbReads;
  private readonly startsAfter: Position | undefined;
  private readonly resubscribe: ResubscribeSettings;
  private readonly subscriptions = new Set<Subscription>();
  private readonly appendTimeoutMs: number;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions,
  ) {
    const { connectionString } = options;
    this.maxAppendBytes = options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;
    this.context = { server: serverAddress(connectionString), tlsOff: tlsOff(connectionString), isClosed: () => this.closed };
    this.streams = new StreamNamespace(options.namespace?.streamPrefix);
    this.startsAfter = options.namespace?.startsAfter;
    this.reads = new EsdbReads(client, this.streams, this.startsAfter, this.context);
    this.resubscribe = { logger: options.logger ?? consoleLogger, firstDelayMs: 100, maxDelayMs: 5000, ...options.resubscribe };
    this.appendTimeoutMs = options.appendTimeoutMs ?? DEFAULT_APPEND_TIMEOUT_MS;
  }

  async append(stream: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision;
    if (events.length === 0) return this.appendNothing(stream, expected);
    const write = () =>
      unansweredAfter(
        this.appendTimeoutMs,
        this.client.appendToStream(this.streams.toServer(stream), events.map(toEventData), {
          expectedRevision: esdbExpectation(expected),
          requiresLeader: true,
        }),
      );
    try {
      const result = await callEsdb(this.context, write, (error) => toAppendError(error, stream, expected));
      const revision = Number(result.nextExpectedRevision);
      const position = result.position ? toPosition(result.position) : await this.positionOf(stream, revision);
      return { nextExpectedRevision: revision, position };
    } catch (error) {
      const written = error instanceof StoreUnavailableError && (await this.writtenAlready(stream, events, expected));
      if (!written) throw error;
      return written;
    }
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.reads.readStream(stream, options);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.reads.readAll(options);
  }

  subscribeAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const source = {
      open: (after: Position | undefined) =>
        this.client.subscribeToAll(
          { fromPosition: after ? toEsdbPosition(after) : START, filter: this.streams.subscriptionFilter() },
          { highWaterMark: SUBSCRIPTION_BUFFER },
        ),
      toRecorded: (resolved: AllStreamResolvedEvent) => toRecordedEvent(resolved, this.streams),
    };
    const subscription = resubscribing(source, options.after ?? this.startsAfter, this.resubscribe);
    this.subscriptions.add(subscription);
    return {
      [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    return this.reads.headPosition();
  }

  /** Position of the last event in the whole log, system events and other namespaces included. */
  async logEnd(): Promise<Position | undefined> {
    this.assertOpen();
    return this.reads.logEnd();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** An empty append writes nothing, but the expectation still has to hold. */
  private async appendNothing(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.reads.readStream(stream, { direction: 'backwards', maxCount: 1 });
    if (!expectationHolds(expected, last?.revision ?? null)) throw new WrongExpectedRevisionError(stream, expected, last?.revision ?? 'no_stream');
    return { nextExpectedRevision: last?.revision ?? -1, position: (await this.reads.headPosition()) ?? encodePosition(0n, 0n) };
  }

  /**
   * Whether a failed append was written after all: its events at the place it expected, with
   * the same ids. Undefined when they are not there, or when the stream cannot be read either.
   */
  private async writtenAlready(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult | undefined> {
    const place = appendedPlace(expected, events.length);
    const read = await this.reads.readStream(stream, place).catch(() => undefined);
    const found = place.direction === 'backwards' ? read?.reverse() : read;
    const last = found?.at(-1);
    if (!last || found!.map((event) => event.id).join() !== events.map((event) => event.id).join()) return undefined;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  /** Older servers answer an idempotent retry without a position: the event itself has it. */
  private async positionOf(stream: string, revision: number): Promise<Position> {
    const [event] = await this.reads.readStream(stream, { fromRevision: revision, maxCount: 1 });
    return event!.position;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}

/** The call's answer, or a `DeadlineExceededError` (retried like a server-side timeout) if none came in time. */
async function unansweredAfter<T>(ms: number, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(undefined, `no answer in ${ms} ms`)), ms);
  });
  call.catch(() => undefined); // answered too late: the re-read settles it
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where an append's events are if it was written: right after the expected revision (or the last ones, for "stream exists"). */
function appendedPlace(expected: ExpectedRevision, count: number): ReadStreamOptions {
  if (expected === 'stream_exists') return { direction: 'backwards', maxCount: count };
  return { fromRevision: expected === 'no_stream' ? 0 : expected + 1, maxCount: count };
}

function esdbExpectation(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}
