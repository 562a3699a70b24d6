/**
 * The write floor of a rebuild: what SQLite alone takes to store the rows a rebuild wrote. The
 * rows of every read-model table are copied from the rebuilt files (the read store and the audit
 * tree's) into one fresh read store (same pragmas, same tables, same indexes) with one prepared
 * INSERT per table, a page of rows per transaction, no handler and no event in sight; reading each
 * page is untimed. A single-threaded rebuild reads the log and writes these rows, so
 * scan / (scan + floor) bounds its ratio to the raw scan however cheap its handlers.
 */
import Database from 'better-sqlite3';
import type { AnyProjection } from '../src/readmodel/projection.js';
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

const timed = (work: () => void) => {
  const start = performance.now();
  work();
  return (performance.now() - start) / 1000;
};

/** A rebuilt file and the projections whose tables it holds. */
export interface RebuiltFile {
  file: string;
  projections: AnyProjection[];
}

/** Copies the read models of the rebuilt files into `copyFile`, timing only the writes. */
export function measureWriteFloor(rebuilt: RebuiltFile[], copyFile: string): WriteFloor {
  const copy = openReadStore({ file: copyFile }).db;
  const copied = rebuilt.map(({ file, projections }) => copyTables(new Database(file, { readonly: true }), copy, projections));
  const indexSeconds = timed(() => copy.transaction(() => copied.flatMap((c) => c.indexes).forEach((sql) => copy.exec(sql)))());
  const closeSeconds = timed(() => copy.close());
  const rows = copied.reduce((sum, c) => sum + c.rows, 0);
  const insertSeconds = copied.reduce((sum, c) => sum + c.insertSeconds, 0);
  return { rows, insertSeconds, indexSeconds, closeSeconds, seconds: insertSeconds + indexSeconds + closeSeconds };
}

/** The rows of `projections`' tables copied from `source` (closed after), and the indexes to make over them. */
function copyTables(source: Database.Database, copy: Database.Database, projections: AnyProjection[]) {
  const ddl = (type: string, table: string) =>
    source.prepare(`SELECT sql FROM sqlite_master WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL`).pluck().all(type, table) as string[];
  let rows = 0;
  let insertSeconds = 0;
  const tables = projections.flatMap((p) => Object.values(tablesOf(p)));
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
  source.close();
  return { rows, insertSeconds, indexes };
}
