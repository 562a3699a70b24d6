/** The control of every embedded-store benchmark: the same rows and pragmas through raw better-sqlite3. */
import Database from 'better-sqlite3';
import { applyDurablePragmas, EVENTS_TABLE_SQL } from '../src/eventstore/sqlite/schema.js';
import type { AppendCall } from './store-workload.js';

export interface RawLedger {
  db: Database.Database;
  /** Writes the calls' events in one transaction, with no check: the floor a store is measured against. */
  write(calls: AppendCall[]): void;
}

export function openRawLedger(file: string): RawLedger {
  const db = new Database(file);
  applyDurablePragmas(db);
  db.exec(EVENTS_TABLE_SQL);
  const insert = db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const write = db.transaction((calls: AppendCall[]) => calls.forEach((call) => call.events.forEach((e, i) =>
    insert.run(e.id, call.stream, call.expected + 1 + i, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)),
  )));
  return { db, write: (calls) => write.immediate(calls) };
}
