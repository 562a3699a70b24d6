/**
 * Snapshots (快照) of command-side state, so a cold start reads a long stream from its latest
 * snapshot rather than from its first event. A snapshot is a cache, never a record: it lives in
 * its own SQLite file beside the ledger (or in memory), outside the log, and losing it costs one
 * full read. It is keyed by the decider's version and the source of its `evolve`, so a changed
 * fold ignores the snapshots of the old one.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';
import type { Position } from '../eventstore/port.js';
import type { Decider, DomainEvent } from '../shared/decider.js';
import type { KnownStream, WrittenBy } from './stream-cache.js';

type Folding<S> = Pick<Decider<S, never, DomainEvent>, 'evolve' | 'version'>;

export interface SnapshotStore {
  load<S>(stream: string, decider: Folding<S>): Promise<KnownStream<S> | undefined>;
  save<S>(stream: string, decider: Folding<S>, known: KnownStream<S>): void;
  /** A named place in the log that a scan of it may resume after (recovery's low-water mark). */
  mark(name: string): Position | undefined;
  setMark(name: string, position: Position): void;
  close(): void;
}

interface SnapshotRow {
  revision: number;
  position: Position;
  event_id: string;
  state: string;
  written_by: string;
}

/** The decider's declared version and a hash of its fold's source: either changing retires old snapshots. */
const foldKey = (decider: Folding<unknown>) =>
  `${decider.version}:${createHash('sha256').update(String(decider.evolve)).digest('hex').slice(0, 16)}`;

/** `file` is a path, or ':memory:'. */
export function openSnapshotStore(file: string): SnapshotStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // A cache: a crash may lose the last snapshots, never corrupt one (WAL keeps each write atomic).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS stream_snapshots (
    stream TEXT NOT NULL, fold TEXT NOT NULL, revision INTEGER NOT NULL, position TEXT NOT NULL, event_id TEXT NOT NULL,
    state TEXT NOT NULL, written_by TEXT NOT NULL, PRIMARY KEY (stream, fold));
    CREATE TABLE IF NOT EXISTS marks (name TEXT PRIMARY KEY, position TEXT NOT NULL)`);
  const select = db.prepare<[string, string], SnapshotRow>(
    'SELECT revision, position, event_id, state, written_by FROM stream_snapshots WHERE stream = ? AND fold = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO stream_snapshots (stream, fold, revision, position, event_id, state, written_by) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (stream, fold) DO UPDATE SET revision = excluded.revision, position = excluded.position, event_id = excluded.event_id,
       state = excluded.state, written_by = excluded.written_by WHERE excluded.revision > stream_snapshots.revision`,
  );
  const selectMark = db.prepare<[string], { position: Position }>('SELECT position FROM marks WHERE name = ?');
  const upsertMark = db.prepare('INSERT INTO marks (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position');
  return {
    async load<S>(stream: string, decider: Folding<S>) {
      const row = select.get(stream, foldKey(decider));
      if (!row) return undefined;
      const writtenBy = new Map(JSON.parse(row.written_by) as [string, WrittenBy][]);
      return { state: JSON.parse(row.state) as S, revision: row.revision, position: row.position, lastEventId: row.event_id, writtenBy };
    },
    save(stream, decider, known) {
      if (typeof known.revision !== 'number' || known.position === undefined || known.lastEventId === undefined) return;
      const { revision, position, lastEventId, state, writtenBy } = known;
      upsert.run(stream, foldKey(decider), revision, position, lastEventId, JSON.stringify(state), JSON.stringify([...writtenBy]));
    },
    mark: (name) => selectMark.get(name)?.position,
    setMark: (name, position) => void upsertMark.run(name, position),
    close: () => db.close(),
  };
}
