/**
 * The embedded store's one table: every event, in commit order. `position` is SQLite's rowid
 * (AUTOINCREMENT, so never reused); (stream, revision) and id are unique.
 */
import type Database from 'better-sqlite3';

export const EVENTS_TABLE_SQL = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    id       TEXT    NOT NULL UNIQUE,
    stream   TEXT    NOT NULL,
    revision INTEGER NOT NULL,
    type     TEXT    NOT NULL,
    data     TEXT    NOT NULL,
    metadata TEXT    NOT NULL,
    UNIQUE (stream, revision)
  )`;

/** Durable settings: WAL, and fsync on every commit (a ledger does not lose acknowledged writes). */
export function applyDurablePragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
}
