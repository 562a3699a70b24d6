/**
 * The write floor of a rebuild: what SQLite alone takes to store the rows a rebuild wrote. The
 * rows of every read-model table are copied from the rebuilt read store into a fresh one (same
 * pragmas, same tables, same indexes) with one prepared INSERT per table, a page of rows per
 * transaction, no handler and no event in sight; reading each page is untimed. A single-threaded
 * rebuild reads the log and writes these rows, so scan / (scan + floor) bounds its ratio to the
 * raw scan however cheap its handlers.
 */
import Database from 'better-sqlite3';
import { ledgerProjections } from '../src/readmodel/ledger-projections.js';
import { openReadStore } from '../src/readmodel/read-store.js';
import { tablesOf } from '../src/readmodel/schema.js';

/** Rows per transaction: about as many as a rebuild batch writes. */
const PAGE_ROWS = 16_000;

export interface WriteFloor {
  rows: number;
  /** INSERTs and their commits. */
  insertSeconds: number;
  /** CREATE INDEX of every secondary index, as activation builds them. */
  indexSeconds: number;
  /** Closing the copy: its last write-ahead-log checkpoint. */
  closeSeconds: number;
  seconds: number;
}

const physicalTables = () => ledgerProjections.flatMap((p) => Object.values(tablesOf(p)));

/** Copies the read models of `rebuiltFile` into `copyFile`, timing only the writes. */
export function measureWriteFloor(rebuiltFile: string, copyFile: string): WriteFloor {
  const source = new Database(rebuiltFile, { readonly: true });
  const copy = openReadStore({ file: copyFile }).db;
  const ddl = (type: string, table: string) =>
    source.prepare(`SELECT sql FROM sqlite_master WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL`).pluck().all(type, table) as string[];
  let rows = 0;
  let insertSeconds = 0;
  const timed = (work: () => void) => {
    const start = performance.now();
    work();
    return (performance.now() - start) / 1000;
  };
  const tables = physicalTables();
  for (const table of tables) {
    for (const sql of ddl('table', table)) copy.exec(sql);
    // Generated columns are computed, not stored: copy the stored ones.
    const columns = (source.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    const insert = copy.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    const page = source.prepare(`SELECT rowid, ${columns.join(', ')} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE_ROWS}`).raw();
    const writePage = copy.transaction((values: unknown[][]) => {
      for (const row of values) insert.run(row);
    });
    for (let after = 0; ; ) {
      const values = page.all(after) as unknown[][];
      if (values.length === 0) break;
      after = values.at(-1)![0] as number;
      for (const row of values) row.shift();
      insertSeconds += timed(() => writePage(values));
      rows += values.length;
    }
  }
  const indexes = tables.flatMap((table) => ddl('index', table));
  const indexSeconds = timed(() => copy.transaction(() => indexes.forEach((sql) => copy.exec(sql)))());
  source.close();
  const closeSeconds = timed(() => copy.close());
  return { rows, insertSeconds, indexSeconds, closeSeconds, seconds: insertSeconds + indexSeconds + closeSeconds };
}
