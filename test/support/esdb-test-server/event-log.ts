/**
 * The test double's storage: one in-memory log in commit order, plus an index per stream.
 * Append follows EventStoreDB's documented optimistic-concurrency and idempotence rules
 * (docs: "Optimistic concurrency and idempotence"); positions are byte-like offsets that grow
 * by each record's size, as in EventStoreDB's transaction file, so nothing may assume they are
 * contiguous. Every event is self-committed: its commit and prepare positions are equal.
 */
import { randomUUID } from 'node:crypto';

export interface StoredEvent {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  /** 100 ns ticks since the Unix epoch, as EventStoreDB's `created` metadata. */
  created: bigint;
  /** The `$streamDeleted` record a tombstone writes: EventStoreDB numbers it Int64.MaxValue. */
  tombstone?: true;
}

export type ProposedEvent = Pick<StoredEvent, 'id' | 'type' | 'contentType' | 'data' | 'metadata'>;

/** What the writer expects; `revision: -1` is EventStoreDB's "no stream". */
export type Expectation = { kind: 'any' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: number };

export type AppendOutcome =
  | { ok: true; currentRevision: number; position: number | undefined }
  | { ok: false; currentRevision: number; deleted?: true };

/** EventStoreDB's metadata stream of a stream: `$$name`. */
export const metadataStream = (name: string) => `$$${name}`;

/** Where a new log begins: EventStoreDB's first chunk starts with its own records. */
const FIRST_POSITION = 1024;
const RECORD_HEADER_BYTES = 88;

export class EventLog {
  readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  /** Per stream, the revision of each event id's first occurrence (the idempotence check looks ids up there). */
  private readonly revisionsById = new Map<string, Map<string, number>>();
  private nextPosition = FIRST_POSITION;
  private readonly waiters = new Set<() => void>();
  private readonly appendListeners = new Set<(events: StoredEvent[]) => void>();

  /** Called with the events of every append that wrote some (projections follow the log so). */
  onAppend(listener: (events: StoredEvent[]) => void): void {
    this.appendListeners.add(listener);
  }

  private readonly tombstones = new Set<string>();

  /**
   * The stream's readable events: undefined when it does not exist, or when a delete (or a
   * `$tb` in its metadata) truncated all of them, as EventStoreDB then answers "not found";
   * a `$maxCount` in its metadata keeps only that many of the latest.
   */
  stream(name: string): StoredEvent[] | undefined {
    const events = this.streams.get(name);
    if (!events) return undefined;
    const { truncateBefore, maxCount } = this.metadataOf(name);
    const kept = events.filter((event) => event.revision >= truncateBefore).slice(-maxCount);
    return kept.length ? kept : undefined;
  }

  /** The event a link event (`$>`, data `revision@stream`) points at, if it is still there. */
  linkTarget(link: StoredEvent): StoredEvent | undefined {
    if (link.type !== '$>') return undefined;
    const [revision, ...stream] = Buffer.from(link.data).toString('utf8').split('@');
    return this.stream(stream.join('@'))?.find((event) => event.revision === Number(revision));
  }

  isTombstoned(name: string): boolean {
    return this.tombstones.has(name);
  }

  lastRevision(name: string): number {
    return (this.streams.get(name)?.length ?? 0) - 1;
  }

  append(stream: string, expected: Expectation, events: ProposedEvent[]): AppendOutcome {
    const current = this.lastRevision(stream);
    if (this.tombstones.has(stream)) return { ok: false, currentRevision: current, deleted: true };
    const firstRevisionOf = (id: string | undefined) => (id === undefined ? undefined : this.revisionsById.get(stream)?.get(id)) ?? -1;
    const decision = decide(this.streams.get(stream) ?? [], current, expected, events, firstRevisionOf);
    if (decision.kind === 'conflict') return { ok: false, currentRevision: current };
    if (decision.kind === 'retry') return { ok: true, currentRevision: decision.last.revision, position: decision.last.position };
    const written = events.map((event) => this.write(stream, event));
    const last = this.streams.get(stream)?.at(-1);
    this.waiters.forEach((wake) => wake());
    if (written.length) this.appendListeners.forEach((listener) => listener(written));
    return { ok: true, currentRevision: this.lastRevision(stream), position: events.length ? last?.position : undefined };
  }

  /**
   * A soft delete writes `$tb` (truncate before) past the last event into the stream's
   * metadata; a tombstone writes a `$streamDeleted` record and the stream can never be written
   * again. Answers the position of the record written, or why nothing was.
   */
  delete(stream: string, expected: Expectation, tombstone: boolean): { ok: true; position: number } | Extract<AppendOutcome, { ok: false }> {
    const current = this.lastRevision(stream);
    if (this.tombstones.has(stream)) return { ok: false, currentRevision: current, deleted: true };
    // Deleting no stream is a wrong expected version, unless its metadata exists; a tombstone may bury a stream never written.
    const existsEnough = current >= 0 || tombstone || this.streams.has(metadataStream(stream));
    const holds =
      (expected.kind === 'any' && existsEnough) ||
      (expected.kind === 'stream_exists' && current >= 0) ||
      (expected.kind === 'revision' && expected.revision === current && existsEnough);
    if (!holds) return { ok: false, currentRevision: current };
    const record = tombstone ? this.tombstoneRecord(stream) : this.truncation(stream, current + 1);
    this.waiters.forEach((wake) => wake());
    return { ok: true, position: record.position };
  }

  /** Index in `all` of the first event at or after `position`. */
  indexFrom(position: number): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.all[mid]!.position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Resolves on the next append, or when `signal` aborts. */
  waitForAppend(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }

  /** What the stream's metadata (`$tb`, `$maxCount`) leaves readable of it. */
  private metadataOf(name: string): { truncateBefore: number; maxCount: number } {
    const metadata = this.streams.get(metadataStream(name))?.at(-1);
    const none = { truncateBefore: 0, maxCount: Infinity };
    if (!metadata) return none;
    try {
      const { $tb, $maxCount } = JSON.parse(Buffer.from(metadata.data).toString('utf8')) as { $tb?: unknown; $maxCount?: unknown };
      return { truncateBefore: typeof $tb === 'number' ? $tb : 0, maxCount: typeof $maxCount === 'number' ? $maxCount : Infinity };
    } catch {
      return none;
    }
  }

  private truncation(stream: string, truncateBefore: number): StoredEvent {
    const data = Buffer.from(JSON.stringify({ $tb: truncateBefore }));
    return this.write(metadataStream(stream), { id: randomUUID(), type: '$metadata', contentType: 'application/json', data, metadata: new Uint8Array() });
  }

  private tombstoneRecord(stream: string): StoredEvent {
    this.tombstones.add(stream);
    const record = { id: randomUUID(), type: '$streamDeleted', contentType: 'application/octet-stream', data: new Uint8Array(), metadata: new Uint8Array() };
    const stored = this.place(stream, record, this.lastRevision(stream) + 1);
    stored.tombstone = true;
    this.all.push(stored);
    return stored;
  }

  private write(stream: string, event: ProposedEvent): StoredEvent {
    const events = this.streams.get(stream) ?? [];
    const stored = this.place(stream, event, events.length);
    events.push(stored);
    this.streams.set(stream, events);
    const revisions = this.revisionsById.get(stream) ?? new Map<string, number>();
    if (!revisions.has(event.id)) revisions.set(event.id, stored.revision);
    this.revisionsById.set(stream, revisions);
    this.all.push(stored);
    return stored;
  }

  private place(stream: string, event: ProposedEvent, revision: number): StoredEvent {
    const stored: StoredEvent = { ...event, stream, revision, position: this.nextPosition, created: BigInt(Date.now()) * 10_000n };
    this.nextPosition += RECORD_HEADER_BYTES + stream.length + event.data.length + event.metadata.length;
    return stored;
  }
}

type Decision = { kind: 'write' } | { kind: 'conflict' } | { kind: 'retry'; last: StoredEvent };

/** `firstRevisionOf(id)`: where the id first sits in the stream, -1 when it does not. */
function decide(
  stream: StoredEvent[],
  current: number,
  expected: Expectation,
  events: ProposedEvent[],
  firstRevisionOf: (id: string | undefined) => number,
): Decision {
  if (expected.kind === 'stream_exists' && current === -1) return { kind: 'conflict' };
  if (expected.kind !== 'revision') return idempotentOr(stream, firstRevisionOf(events[0]?.id), events, 'write');
  if (expected.revision === current) return { kind: 'write' };
  if (expected.revision > current) return { kind: 'conflict' };
  return idempotentOr(stream, expected.revision + 1, events, 'conflict');
}

/**
 * The events were already written if every id sits in the stream, in order, from `first`:
 * then the append succeeds and writes nothing. Ids that only partly match are a bad request
 * that EventStoreDB reports as a wrong expected version; no match at all falls back to `otherwise`.
 */
function idempotentOr(stream: StoredEvent[], first: number, events: ProposedEvent[], otherwise: 'write' | 'conflict'): Decision {
  if (first < 0 || events.length === 0) return { kind: otherwise };
  const matched = events.filter((event, i) => stream[first + i]?.id === event.id).length;
  if (matched === 0) return { kind: otherwise };
  if (matched < events.length) return { kind: 'conflict' };
  return { kind: 'retry', last: stream[first + events.length - 1]! };
}
