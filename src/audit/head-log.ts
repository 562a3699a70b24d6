/**
 * The signed heads, in the order they were signed: a SQLite file of their own (not the read
 * store, which is rebuilt from the log: heads cannot be), and, when the operator names one, a
 * folder each head is also written to as `head-<seq>.json` and `latest.json`, for publishing
 * where the operator cannot change them.
 */
import Database from 'better-sqlite3';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SignedHead } from './head.js';

export interface HeadLog {
  append(head: SignedHead): void;
  /** Every head, oldest first. */
  all(): SignedHead[];
  newest(): SignedHead | undefined;
  /** The newest head of exactly this size. */
  ofSize(treeSize: number): SignedHead | undefined;
  close(): void;
}

export function openHeadLog({ file, publishDir }: { file: string; publishDir?: string }): HeadLog {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS signed_heads (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, tree_size INTEGER NOT NULL, head TEXT NOT NULL)`);
  db.exec(`CREATE INDEX IF NOT EXISTS signed_heads_size ON signed_heads (tree_size, seq)`);
  const insert = db.prepare(`INSERT INTO signed_heads (tree_size, head) VALUES (?, ?)`);
  const parse = (row: { head: string } | undefined) => (row ? (JSON.parse(row.head) as SignedHead) : undefined);
  return {
    append(head) {
      const text = JSON.stringify(head, null, 2);
      const { lastInsertRowid } = insert.run(head.treeSize, text);
      if (publishDir) publish(publishDir, Number(lastInsertRowid), text);
    },
    all: () => (db.prepare(`SELECT head FROM signed_heads ORDER BY seq`).all() as { head: string }[]).map((r) => parse(r)!),
    newest: () => parse(db.prepare(`SELECT head FROM signed_heads ORDER BY seq DESC LIMIT 1`).get() as { head: string } | undefined),
    ofSize: (treeSize) =>
      parse(db.prepare(`SELECT head FROM signed_heads WHERE tree_size = ? ORDER BY seq DESC LIMIT 1`).get(treeSize) as { head: string } | undefined),
    close: () => db.close(),
  };
}

/** Written whole then renamed: a reader of the folder never sees half a head. */
function publish(dir: string, seq: number, text: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of [`head-${String(seq).padStart(8, '0')}.json`, 'latest.json']) {
    const partial = join(dir, `.${name}.partial`);
    writeFileSync(partial, `${text}\n`);
    renameSync(partial, join(dir, name));
  }
}
