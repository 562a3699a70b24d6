/** Ledger files for the embedded store's tests: a fresh path, and a store whose COMMIT fails on cue. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedgerDatabase } from '../../../src/eventstore/sqlite/open-database.js';
import { SqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';

export const tempLedgerFile = () => join(mkdtempSync(join(tmpdir(), 'ledger-')), 'ledger.db');

/**
 * A store whose COMMIT fails when a group holds a `FailsAtCommit` event: a trigger inserts a
 * row that breaks a deferred foreign key, which SQLite checks only at COMMIT.
 */
export function storeFailingAtCommit(file: string): SqliteEventStore {
  const db = openLedgerDatabase(file);
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE parents (id INTEGER PRIMARY KEY);
    CREATE TABLE orphans (parent INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);
    CREATE TRIGGER fails_at_commit AFTER INSERT ON events WHEN NEW.type = 'FailsAtCommit'
    BEGIN INSERT INTO orphans (parent) VALUES (1); END;`);
  return new SqliteEventStore(db, 200);
}
