/**
 * The embedded store's one table: every event, in commit order. `position` is SQLite's rowid
 * (AUTOINCREMENT, so never reused); (stream, revision) and id are unique. `canonical` is 1 where
 * data and metadata hold their RFC 8785 text (src/eventstore/canonical-json.ts): the audit tree makes
 * those events' leaves from the texts as they are. Rows written before the column have 0, as do
 * events whose values are not plain JSON (they hold JSON.stringify's text).
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
    canonical INTEGER NOT NULL DEFAULT 0,
    UNIQUE (stream, revision)
  )`;

/** A ledger made before the `canonical` column gets it, every row 0: nothing is rewritten. */
export const ADD_CANONICAL_SQL = 'ALTER TABLE events ADD COLUMN canonical INTEGER NOT NULL DEFAULT 0';

/** Durable settings: WAL, and fsync on every commit (a ledger does not lose acknowledged writes). */
export function applyDurablePragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
}
