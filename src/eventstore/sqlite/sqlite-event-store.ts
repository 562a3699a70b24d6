/**
 * The embedded event store: one SQLite file through better-sqlite3 (the default; `npm start`
 * needs nothing else running).
 *
 * Group commit: better-sqlite3 is synchronous, so no append can arrive while a commit runs;
 * instead `append` queues its call, and the appends queued during one turn of the event loop
 * are written on the next macrotask in one `BEGIN IMMEDIATE` transaction (one fsync, WAL and
 * synchronous=FULL), in arrival order (see group-commit.ts). Each append runs in its own
 * SAVEPOINT and is checked against its own expected revision, seeing the appends before it in
 * the group; a conflict or a duplicate id rolls back that savepoint only and fails that caller
 * alone, and an idempotent retry is answered without writing. Any other error, or a failed
 * COMMIT, rolls the whole transaction back and rejects every caller of the group. Callers are
 * answered, and subscriptions woken, only after COMMIT has returned. Positions are handed out
 * and committed in the same order, so a reader after position p never misses an event that
 * later appears before p. Closing writes the appends still queued.
 *
 * The store knows the last revision of the streams it wrote or read whole while no other process
 * has written to the file (known-revisions.ts), so command handling reads nothing for a stream it
 * already holds at that revision. A reader of the log gets the events this store appended lately
 * as a read of their rows would give them, without reading the rows back (recent-appends.ts).
 *
 * An event's data and metadata are stored as their RFC 8785 text where they are plain JSON, as
 * nearly all are (a row's `canonical` mark, schema.ts): the same text a canonical encoder would
 * write, so the audit tree hashes it as it is, with no parse (readAllWithTexts).
 */
import Database from 'better-sqlite3';
import {
  type AppendResult,
  decodePosition,
  DuplicateEventIdError,
  encodePosition,
  type EventStoreError,
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
import { canonicalSnapshot, type EventWithTexts } from '../canonical-json.js';
import { GroupCommit, type GroupCommitStats, type Outcome } from './group-commit.js';
import { KnownRevisions } from './known-revisions.js';
import { openLedgerDatabase } from './open-database.js';
import { RecentAppends } from './recent-appends.js';
import { subscribeByPolling } from '../subscribe-by-polling.js';

export interface SqliteEventStoreOptions {
  /** Path of the ledger file, or ':memory:' for tests. */
  file: string;
  /** How often a live subscription looks for events written by another process (ms). */
  pollIntervalMs?: number;
}

/**
 * An event as its row stores it, serialised when the append is called, outside the transaction:
 * data and metadata as their RFC 8785 text where they are plain JSON, with the snapshots those
 * texts were written from (what a read of the row gives back); otherwise as JSON.stringify writes
 * them, with no snapshot.
 */
interface EventToWrite {
  id: string;
  type: string;
  data: string;
  metadata: string;
  snapshot: { data: unknown; metadata: NewEvent['metadata'] } | undefined;
}

interface AppendJob {
  stream: string;
  expected: ExpectedRevision;
  events: EventToWrite[];
}

/** A row as an array of its columns (ROW_COLUMNS): a page of thousands costs a third less than as objects. */
type EventRow = [position: number, id: string, stream: string, revision: number, type: string, data: string, metadata: string, canonical: number];
const ROW_COLUMNS = 'position, id, stream, revision, type, data, metadata, canonical';
const revisionOf = (row: EventRow) => row[3];
/** The position a read of the log starts after: 0 for its start. */
const afterOf = (options: ReadAllOptions) => (options.after === undefined ? 0 : Number(decodePosition(options.after)[0]));

export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  return new SqliteEventStore(openLedgerDatabase(options.file), options.pollIntervalMs ?? 200);
}

/**
 * A second reader of a ledger file another connection writes: the same reads and the same decoding
 * of rows into events, on a read-only connection (the audit tree catches up with it,
 * src/audit/tree-catch-up.ts). Appending through it fails.
 */
export function openSqliteEventStoreReadOnly(file: string): SqliteEventStore {
  return new SqliteEventStore(new Database(file, { readonly: true, fileMustExist: true }), 200);
}

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private closed = false;
  private readonly wakeups = new Set<() => void>();
  private readonly sql;
  private readonly group: GroupCommit<AppendJob, AppendResult>;
  private readonly known: KnownRevisions;
  private readonly recent = new RecentAppends();

  constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
  ) {
    this.sql = {
      lastRevision: db.prepare<[string], { revision: number | null }>(
        'SELECT max(revision) AS revision FROM events WHERE stream = ?',
      ),
      insert: db.prepare(
        'INSERT INTO events (id, stream, revision, type, data, metadata, canonical) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      byId: db.prepare<[string], { stream: string; revision: number; position: number }>('SELECT stream, revision, position FROM events WHERE id = ?'),
      forwards: db
        .prepare<[string, number, number], EventRow>(`SELECT ${ROW_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`)
        .raw(),
      backwards: db
        .prepare<[string, number, number], EventRow>(`SELECT ${ROW_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`)
        .raw(),
      all: db.prepare<[number, number], EventRow>(`SELECT ${ROW_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(),
      head: db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
    };
    const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.known = new KnownRevisions(() => dataVersion.get()!);
    // Called inside the group's transaction, better-sqlite3 runs it as a SAVEPOINT, rolled back if it throws.
    const inSavepoint = db.transaction((job: AppendJob) => this.appendInTransaction(job));
    const writeGroup = db.transaction((jobs: AppendJob[]) => jobs.map((job) => refusedAlone(job.stream, () => inSavepoint(job))));
    this.group = new GroupCommit(
      (jobs) => {
        try {
          return writeGroup.immediate(jobs);
        } catch (error) {
          this.known.rolledBack();
          this.recent.rolledBack();
          throw error;
        }
      },
      () => {
        this.known.committed();
        this.recent.committed();
        this.wake();
      },
    );
  }

  async append(stream: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    this.assertOpen();
    return this.group.submit({ stream, expected: options.expectedRevision, events: events.map(toWrite) });
  }

  /** The ledger file's path, or ':memory:'. */
  get file(): string {
    return this.db.name;
  }

  /** Transactions committed and appends they answered, to see how appends were grouped. */
  get stats(): GroupCommitStats {
    return this.group.stats;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    // Only a read of the whole stream tells its last revision; the file's version is taken before it.
    const whole = options.direction !== 'backwards' && !options.fromRevision && options.maxCount === undefined;
    const asOf = whole ? this.known.now() : undefined;
    const rows =
      options.direction === 'backwards'
        ? this.sql.backwards.all(stream, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.sql.forwards.all(stream, options.fromRevision ?? 0, limit);
    if (asOf !== undefined) this.known.readToEnd(stream, rows.length > 0 ? revisionOf(rows.at(-1)!) : null, asOf);
    return rows.map(toRecorded);
  }

  knownRevision(stream: string): number | 'no_stream' | undefined {
    const last = this.known.get(stream);
    return last === null ? 'no_stream' : last;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const after = afterOf(options);
    // What this store appended lately is read as it was written (recent-appends.ts); the rows after it from the file.
    const recent = this.recent.run(after + 1, options.maxCount);
    if (recent.length === options.maxCount) return recent;
    const rows = this.sql.all.all(after + recent.length, options.maxCount - recent.length).map(toRecorded);
    return recent.length === 0 ? rows : recent.concat(rows);
  }

  /**
   * The log as readAll reads it from the rows, for a reader that needs the stored texts rather than
   * the values (the audit tree's thread): each event's data and metadata are parsed only if read.
   */
  readAllWithTexts(options: ReadAllOptions): EventWithTexts[] {
    this.assertOpen();
    return this.sql.all.all(afterOf(options), options.maxCount).map(withTexts);
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
    this.group.flush();
    this.wake();
    this.db.close();
  }

  // ── Appends ─────────────────────────────────────────────────────────────────────────────

  private appendInTransaction({ stream, events, expected }: AppendJob): AppendResult {
    const last = this.sql.lastRevision.get(stream)!.revision;
    if (!expectationHolds(expected, last)) return this.retriedAppend(stream, events, expected, last);
    let revision = last ?? -1;
    let position = 0;
    const written = [];
    for (const event of events) {
      revision += 1;
      const { id, type, snapshot } = event;
      const info = this.sql.insert.run(id, stream, revision, type, event.data, event.metadata, snapshot ? 1 : 0);
      position = Number(info.lastInsertRowid);
      if (!snapshot) continue; // read back from its row
      const recorded = { id, type, ...snapshot, stream, revision, position: encodePosition(position) };
      written.push({ position, event: recorded, textLength: event.data.length + event.metadata.length });
    }
    this.recent.written(written);
    if (events.length > 0) this.known.written(stream, revision);
    if (events.length === 0) position = this.sql.head.get()!.position ?? 0;
    return { nextExpectedRevision: revision, position: encodePosition(position) };
  }

  /**
   * The expectation failed: this is either a retry of a write that already succeeded (the same
   * ids, in order, right after the expected revision: success, nothing written) or a conflict.
   */
  private retriedAppend(stream: string, events: EventToWrite[], expected: ExpectedRevision, last: number | null): AppendResult {
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

  private wake(): void {
    this.wakeups.forEach((wake) => wake());
  }

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

/**
 * A conflict or a duplicate id fails its append alone (its savepoint already rolled back); any
 * other error may have ended the transaction, so it fails the whole group.
 */
function refusedAlone(stream: string, append: () => AppendResult): Outcome<AppendResult> {
  try {
    return { ok: true, value: append() };
  } catch (error) {
    const refusal = asRefusal(stream, error);
    if (refusal === undefined) throw error;
    return { ok: false, error: refusal };
  }
}

function asRefusal(stream: string, error: unknown): EventStoreError | undefined {
  if (error instanceof WrongExpectedRevisionError) return error;
  if (error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE') return new DuplicateEventIdError(stream);
  return undefined;
}

function toWrite(event: NewEvent): EventToWrite {
  const { id, type } = event;
  const data = canonicalSnapshot(event.data);
  const metadata = canonicalSnapshot(event.metadata);
  if (data && metadata) {
    const snapshot = { data: data.value, metadata: metadata.value as NewEvent['metadata'] };
    return { id, type, data: data.text, metadata: metadata.text, snapshot };
  }
  return { id, type, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata), snapshot: undefined };
}

function toRecorded([position, id, stream, revision, type, data, metadata]: EventRow): RecordedEvent {
  return { id, type, data: JSON.parse(data), metadata: JSON.parse(metadata), stream, revision, position: encodePosition(position) };
}

/** The event as toRecorded gives it, but with data and metadata parsed the first time they are read; and its canonical texts. */
function withTexts([position, id, stream, revision, type, dataText, metadataText, canonical]: EventRow): EventWithTexts {
  let data: { value: unknown } | undefined;
  let metadata: { value: RecordedEvent['metadata'] } | undefined;
  const event = {
    id,
    type,
    get data() {
      return (data ??= { value: JSON.parse(dataText) }).value;
    },
    get metadata() {
      return (metadata ??= { value: JSON.parse(metadataText) }).value;
    },
    stream,
    revision,
    position: encodePosition(position),
  };
  return { event, texts: canonical === 1 ? { data: dataText, metadata: metadataText } : undefined };
}

