/**
 * The embedded event store: one SQLite file through better-sqlite3 (the default; `npm start`
 * needs nothing else running). Appends run in `BEGIN IMMEDIATE` transactions, so positions are
 * handed out and committed in the same order, and a reader after position p never misses an
 * event that later appears before p.
 */
import type Database from 'better-sqlite3';
import {
  type AppendResult,
  decodePosition,
  DuplicateEventIdError,
  encodePosition,
  type EventStore,
  type ExpectedRevision,
  expectationHolds,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  StoreClosedError,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
} from '../port.js';
import { openLedgerDatabase } from './open-database.js';
import { subscribeByPolling } from '../subscribe-by-polling.js';

export interface SqliteEventStoreOptions {
  /** Path of the ledger file, or ':memory:' for tests. */
  file: string;
  /** How often a live subscription looks for events written by another process (ms). */
  pollIntervalMs?: number;
}

interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  return new SqliteEventStore(openLedgerDatabase(options.file), options.pollIntervalMs ?? 200);
}

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private closed = false;
  private readonly wakeups = new Set<() => void>();
  private readonly sql;

  constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
  ) {
    this.sql = {
      lastRevision: db.prepare<[string], { revision: number | null }>(
        'SELECT max(revision) AS revision FROM events WHERE stream = ?',
      ),
      insert: db.prepare(
        'INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      byId: db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?'),
      forwards: db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      backwards: db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
      ),
      all: db.prepare<[number, number], EventRow>(
        'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
      head: db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
    };
  }

  async append(stream: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    this.assertOpen();
    const result = this.inTransaction(stream, () => this.appendInTransaction(stream, events, options.expectedRevision));
    this.wakeups.forEach((wake) => wake());
    return result;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.sql.backwards.all(stream, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.sql.forwards.all(stream, options.fromRevision ?? 0, limit);
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const after = options.after === undefined ? 0 : Number(decodePosition(options.after)[0]);
    return this.sql.all.all(after, options.maxCount).map(toRecorded);
  }

  subscribeAll(options: SubscribeOptions = {}): Subscription {
    return subscribeByPolling({
      after: options.after,
      readPage: (after) => this.readAll({ after, maxCount: 500 }),
      isClosed: () => this.closed,
      waitForAppend: (signal) => this.waitForAppend(signal),
    });
  }

  async headPosition() {
    this.assertOpen();
    const { position } = this.sql.head.get()!;
    return position === null ? undefined : encodePosition(position);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakeups.forEach((wake) => wake());
    this.db.close();
  }

  // ── Appends ─────────────────────────────────────────────────────────────────────────────

  private inTransaction(stream: string, append: () => AppendResult): AppendResult {
    try {
      return this.db.transaction(append).immediate();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateEventIdError(stream);
      throw error;
    }
  }

  private appendInTransaction(stream: string, events: NewEvent[], expected: ExpectedRevision): AppendResult {
    const last = this.sql.lastRevision.get(stream)!.revision;
    if (!expectationHolds(expected, last)) return this.retriedAppend(stream, events, expected, last);
    let revision = last ?? -1;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const info = this.sql.insert.run(
        event.id, stream, revision, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata),
      );
      position = Number(info.lastInsertRowid);
    }
    if (events.length === 0) position = this.sql.head.get()!.position ?? 0;
    return { nextExpectedRevision: revision, position: encodePosition(position) };
  }

  /**
   * The expectation failed: this is either a retry of a write that already succeeded (the same
   * ids, in order, right after the expected revision: success, nothing written) or a conflict.
   */
  private retriedAppend(stream: string, events: NewEvent[], expected: ExpectedRevision, last: number | null): AppendResult {
    const found = events.map((e) => this.sql.byId.get(e.id));
    const first = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : found[0]?.revision;
    const isRetry =
      events.length > 0 &&
      found.every((row, i) => row !== undefined && row.stream === stream && row.revision === first! + i);
    if (!isRetry) throw new WrongExpectedRevisionError(stream, expected, last ?? 'no_stream');
    const tail = found[found.length - 1]!;
    return { nextExpectedRevision: tail.revision, position: encodePosition(tail.position) };
  }

  // ── Subscriptions ───────────────────────────────────────────────────────────────────────

  private waitForAppend(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeups.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      // The timer catches events that another process wrote to the same file.
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wakeups.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    stream: row.stream,
    revision: row.revision,
    position: encodePosition(row.position),
  };
}

