/**
 * Opening the embedded ledger file: fail at start with a clear message, never a silent empty
 * ledger, when the file is corrupt, not a database, or someone else's database.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreUnavailableError } from '../port.js';
import { ADD_CANONICAL_SQL, applyDurablePragmas, EVENTS_TABLE_SQL } from './schema.js';

const BEFORE_CANONICAL = 'position,id,stream,revision,type,data,metadata';
const EXPECTED_COLUMNS = `${BEFORE_CANONICAL},canonical`;

export function openLedgerDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    applyDurablePragmas(db);
    db.exec(EVENTS_TABLE_SQL);
    ensureLedgerShape(db, file);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof StoreUnavailableError) throw error;
    throw new StoreUnavailableError(
      `cannot open the ledger file ${file}: ${(error as Error).message}. ` +
        'Check that it is a ledger database (not corrupt, not another program\'s file) and readable; ' +
        'restore it from backup rather than deleting it.',
    );
  }
}

/**
 * Refuses another program's table; a ledger of the shape before `canonical` gets the column, under
 * the write lock and looked at again there, since another process may be opening it too.
 */
function ensureLedgerShape(db: Database.Database, file: string): void {
  if (columnsOf(db) === BEFORE_CANONICAL) {
    db.transaction(() => columnsOf(db) === BEFORE_CANONICAL && db.exec(ADD_CANONICAL_SQL)).immediate();
  }
  const columns = columnsOf(db);
  if (columns !== EXPECTED_COLUMNS) {
    throw new StoreUnavailableError(
      `${file} has an "events" table of another shape (${columns}); it is not a ledger database`,
    );
  }
}

const columnsOf = (db: Database.Database) =>
  (db.prepare('PRAGMA table_info(events)').all() as { name: string }[]).map((c) => c.name).join(',');
