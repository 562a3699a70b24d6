/**
 * The event-store port: the one interface between the ledger and its storage.
 *
 * Its semantics follow EventStoreDB's so that both adapters (embedded SQLite, EventStoreDB)
 * implement it faithfully:
 * - every append names an exact expectation (no stream, stream exists, or a revision); there is
 *   no "any": the ledger never appends blind;
 * - re-appending exactly the same event ids at the same expectation succeeds and writes nothing
 *   (a retried write); ids that only partly match are a conflict;
 * - a missing stream reads as an empty list, never an exception;
 * - positions are opaque, totally ordered strings (compare with `comparePositions`).
 */

// ── Positions ───────────────────────────────────────────────────────────────────────────────

/**
 * A place in the global log, serialised so that string order is log order: each part is a
 * zero-padded 20-digit decimal (SQLite: one part; EventStoreDB: commit/prepare).
 */
export type Position = string;

const DIGITS = 20;

export function encodePosition(...parts: (bigint | number)[]): Position {
  return parts.map((p) => String(p).padStart(DIGITS, '0')).join('/');
}

export function decodePosition(position: Position): bigint[] {
  if (!/^\d{20}(\/\d{20})*$/.test(position)) throw new InvalidPositionError(position);
  return position.split('/').map((p) => BigInt(p));
}

export function comparePositions(a: Position, b: Position): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────

/** Who did what, when, and because of what: carried by every event, never edited. */
export interface EventMetadata {
  actorId: string;
  actorRole: string;
  correlationId: string;
  causationId: string;
  /** ISO-8601 instant the command was handled. */
  recordedAt: string;
  schemaVersion: number;
  /** 文号: the official document reference the command cites, where it gives one. */
  documentRef?: string;
  /** Hash of the command's payload, so a reused idempotency key with another payload is caught. */
  payloadHash?: string;
}

export interface NewEvent<Data = unknown> {
  /** An RFC 4122 uuid; deterministic ids make retried appends idempotent. */
  id: string;
  type: string;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Data = unknown> extends NewEvent<Data> {
  stream: string;
  /** 0-based place of the event in its stream. */
  revision: number;
  position: Position;
}

// ── Appends ─────────────────────────────────────────────────────────────────────────────────

/** What the writer believes about the stream: it does not exist, it exists, or its last revision. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | number;

/** Whether a stream whose last revision is `last` (null: no stream) meets the expectation. */
export function expectationHolds(expected: ExpectedRevision, last: number | null): boolean {
  if (expected === 'no_stream') return last === null;
  if (expected === 'stream_exists') return last !== null;
  return last === expected;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append (EventStoreDB's next expected). */
  nextExpectedRevision: number;
  /** Global position of the last event written (or found, on an idempotent retry). */
  position: Position;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first (forwards) or last (backwards) event. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the start of the log. */
  after?: Position;
  /** Page size; reads are always bounded. */
  maxCount: number;
}

export interface SubscribeOptions {
  /** Exclusive, like `ReadAllOptions.after`. */
  after?: Position;
}

/**
 * A live view of the global log: catches up from `after`, then follows new events, with no gap
 * and no duplicate at the seam. Pull-based: nothing is read ahead of the consumer by more than
 * one page.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /** Which adapter this is, for logs and benchmarks. */
  readonly kind: string;
  /**
   * The most bytes of event data one append may carry where the adapter's server sets a limit
   * (EventStoreDB's MaxAppendSize); undefined where only memory bounds an append.
   */
  readonly maxAppendBytes?: number;
  append(
    stream: string,
    events: NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** A missing stream is an empty list. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeAll(options?: SubscribeOptions): Subscription;
  /** Position of the last event in the log, or undefined when the log is empty. */
  headPosition(): Promise<Position | undefined>;
  /**
   * The stream's last revision ('no_stream' when it has none) when the adapter knows it without
   * reading, because no writer it cannot see has written since; undefined otherwise. An
   * optimisation only: command handling skips a read it would find empty, and still appends at
   * an exact expected revision.
   */
  knownRevision?(stream: string): number | 'no_stream' | undefined;
  close(): Promise<void>;
}

// ── Errors ──────────────────────────────────────────────────────────────────────────────────

export class EventStoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream was not where the writer expected: re-read and decide again. */
export class WrongExpectedRevisionError extends EventStoreError {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super('CONFLICT', `stream ${stream}: expected ${expected}, actual ${actual}`);
  }
}

/**
 * An event id that the log already holds in another stream. Only the embedded store refuses
 * this (its ids are unique across the log); EventStoreDB checks ids per stream only. Command
 * handling takes it, like a lost race, as a sign to read again; on every store, one idempotency
 * key with two payloads is caught by the key's claim (src/commands/idempotency.ts).
 */
export class DuplicateEventIdError extends EventStoreError {
  constructor(readonly stream: string) {
    super('DUPLICATE_EVENT_ID', `stream ${stream}: an event id of this append is already in the log elsewhere`);
  }
}

/**
 * The stream was deleted or tombstoned on the server. The ledger never deletes a stream: this
 * is someone's operation on the server, and the stream's history is gone from reads.
 */
export class StreamDeletedError extends EventStoreError {
  constructor(readonly stream: string) {
    super('STREAM_DELETED', `stream ${stream} was deleted on the event store; the ledger never deletes a stream, so restore it from a backup`);
  }
}

export class StoreClosedError extends EventStoreError {
  constructor() {
    super('STORE_CLOSED', 'the event store is closed');
  }
}

export class StoreUnavailableError extends EventStoreError {
  constructor(message: string) {
    super('STORE_UNAVAILABLE', message);
  }
}

export class InvalidPositionError extends EventStoreError {
  constructor(position: string) {
    super('INVALID_POSITION', `not a log position: ${JSON.stringify(position)}`);
  }
}
