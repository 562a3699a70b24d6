/**
 * The EventStoreDB event store (production): the port on `@eventstore/db-client` 6.x.
 *
 * - Appends name the exact expectation (no stream, stream exists, or a revision; never "any"),
 *   keep the event ids, and so inherit EventStoreDB's idempotent retry of the same ids.
 * - Every server call is bounded (reads are paged) and retried twice on a dropped connection
 *   (safe for appends too: the same ids at the same expectation are written at most once);
 *   then it fails with the port's `StoreUnavailableError`.
 * - `$all` holds EventStoreDB's system events too: reads skip them (and other namespaces'
 *   streams) here, subscriptions have the server filter them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
} from '@eventstore/db-client';
import {
  type AppendResult,
  comparePositions,
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
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
} from '../port.js';
import { isRetryable, serverAddress, toAppendError, toStoreError } from './esdb-errors.js';
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
}

const READ_PAGE = 500;
const HEAD_SCAN_PAGE = 32;
const RETRY_DELAYS_MS = [50, 250];

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
  try {
    return EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    throw new EventStoreError('INVALID_CONFIGURATION', `not an EventStoreDB connection string: ${(error as Error).message}`);
  }
}

export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb';
  private closed = false;
  private readonly server: string;
  private readonly streams: StreamNamespace;
  private readonly startsAfter: Position | undefined;
  private readonly resubscribe: ResubscribeSettings;
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions,
  ) {
    this.server = serverAddress(options.connectionString);
    this.streams = new StreamNamespace(options.namespace?.streamPrefix);
    this.startsAfter = options.namespace?.startsAfter;
    this.resubscribe = { logger: options.logger ?? consoleLogger, firstDelayMs: 100, maxDelayMs: 5000, ...options.resubscribe };
  }

  async append(stream: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision;
    if (events.length === 0) return this.appendNothing(stream, expected);
    const result = await this.call(
      () => this.client.appendToStream(this.streams.toServer(stream), events.map(toEventData), { expectedRevision: esdbExpectation(expected) }),
      (error) => toAppendError(error, stream, expected),
    );
    const revision = Number(result.nextExpectedRevision);
    // Older servers answer an idempotent retry without a position: the event itself has it.
    const position = result.position ? toPosition(result.position) : (await this.readStream(stream, { fromRevision: revision, maxCount: 1 }))[0]!.position;
    return { nextExpectedRevision: revision, position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    let from: bigint | typeof START | typeof END = options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision);
    for (let remaining = options.maxCount ?? Infinity; remaining > 0; ) {
      const size = Math.min(remaining, READ_PAGE);
      const page = await this.readStreamPage(stream, from, backwards, size);
      events.push(...page);
      remaining -= page.length;
      const last = page.at(-1)?.revision ?? 0;
      if (page.length < size || (backwards && last === 0)) break;
      from = BigInt(backwards ? last - 1 : last + 1);
    }
    return events;
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const events: RecordedEvent[] = [];
    let from = after ?? this.startsAfter;
    while (events.length < maxCount) {
      // Reading from a position includes the event there: one more, dropped below.
      const size = Math.min(READ_PAGE, maxCount - events.length) + (from ? 1 : 0);
      const page = await this.readLog(from, 'forwards', size);
      const fresh = page.filter((resolved) => from === undefined || comparePositions(positionOf(resolved), from) > 0);
      events.push(...this.ledgerEvents(fresh).slice(0, maxCount - events.length));
      if (page.length < size) break;
      from = positionOf(page.at(-1)!);
    }
    return events;
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

  /** Scans `$all` backwards for the ledger's last event. */
  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    for (let before: Position | undefined; ; ) {
      const page = await this.readLog(before, 'backwards', HEAD_SCAN_PAGE);
      for (const resolved of page) {
        const position = positionOf(resolved);
        if (this.startsAfter && comparePositions(position, this.startsAfter) <= 0) return undefined;
        if (this.streams.owns(resolved.event!.streamId)) return position;
      }
      if (page.length < HEAD_SCAN_PAGE) return undefined;
      before = positionOf(page.at(-1)!);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** Position of the last event in the whole log, system events and other namespaces included. */
  async logEnd(): Promise<Position | undefined> {
    this.assertOpen();
    const [last] = await this.readLog(undefined, 'backwards', 1);
    return last && positionOf(last);
  }

  /** One bounded, unfiltered read of `$all` (system events included). */
  private async readLog(from: Position | undefined, direction: 'forwards' | 'backwards', maxCount: number): Promise<AllStreamResolvedEvent[]> {
    const fromPosition = from ? toEsdbPosition(from) : direction === 'forwards' ? START : END;
    const page = await this.call(() => collect(this.client.readAll({ fromPosition, direction: direction === 'forwards' ? FORWARDS : BACKWARDS, maxCount })));
    return page.filter((resolved) => resolved.event?.position);
  }

  private ledgerEvents(page: AllStreamResolvedEvent[]): RecordedEvent[] {
    return page.filter((resolved) => this.streams.owns(resolved.event!.streamId)).map((resolved) => toRecordedEvent(resolved, this.streams));
  }

  private readStreamPage(stream: string, fromRevision: bigint | typeof START | typeof END, backwards: boolean, maxCount: number) {
    const direction = backwards ? BACKWARDS : FORWARDS;
    return this.call(async () => {
      try {
        const page = await collect(this.client.readStream(this.streams.toServer(stream), { fromRevision, direction, maxCount }));
        return page.map((resolved) => toRecordedEvent(resolved, this.streams));
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
    });
  }

  /** An empty append writes nothing, but the expectation still has to hold. */
  private async appendNothing(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
    const holds =
      expected === 'stream_exists' ? last !== undefined : expected === 'no_stream' ? last === undefined : expected === last?.revision;
    if (!holds) throw new WrongExpectedRevisionError(stream, expected, last?.revision ?? 'no_stream');
    return { nextExpectedRevision: last?.revision ?? -1, position: (await this.headPosition()) ?? encodePosition(0n, 0n) };
  }

  /** Runs one server call, retrying a dropped connection; errors come out in the port's words. */
  private async call<T>(operation: () => Promise<T>, mapError: (error: unknown) => unknown = (error) => error): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await operation();
      } catch (error) {
        if (this.closed) throw new StoreClosedError();
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined || !isRetryable(error)) throw toStoreError(mapError(error), this.server);
        await sleep(delay);
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}

function esdbExpectation(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

function positionOf(resolved: AllStreamResolvedEvent): Position {
  return toPosition(resolved.event!.position);
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}
