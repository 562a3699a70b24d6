/**
 * The read models in two files (src/readmodel/read-stores.ts): the audit tree in audit-tree.db
 * beside the read store, built on a thread of its own without taking the read store's write lock;
 * the two runners served, caught up and stopped as one; a read store made before the split gives
 * its tree up, and the tree built anew in its own file is the same tree, to the root.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { merkleTree } from '../../projections/merkle-tree/merkle-tree.js';
import { merkleTreeQueries } from '../../projections/merkle-tree/queries.js';
import type { Position } from '../../src/eventstore/port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { ledgerProjections, readModelProjections } from '../../src/readmodel/ledger-projections.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { auditTreeFileBeside, createReadModelsRunner, openReadStores, type ReadStores } from '../../src/readmodel/read-stores.js';
import { adopt, load as checkpointOf, ensureStateTable } from '../../src/readmodel/schema.js';
import { tempLedgerFile } from '../eventstore/sqlite/temp-ledger.js';
import { type History, lifecycles } from './support/lifecycle.js';
import { buildReadModels, dump, load } from './support/read-side.js';

const EVENTS = 2_000;

let store: SqliteEventStore;
let readStoreFile: string;
let head: Position;
let history: History;

beforeEach(async () => {
  store = openSqliteEventStore({ file: tempLedgerFile() });
  readStoreFile = join(dirname(store.file), 'readmodel.db');
  history = lifecycles();
  head = await load(store, EVENTS, history);
});

afterEach(async () => {
  await store.close();
});

/** Both files brought to the head of the log by the runners as the application runs them. */
async function caughtUp(readStores: ReadStores): Promise<void> {
  const runner = createReadModelsRunner(store, readStores, (error) => {
    throw error;
  });
  await runner.start();
  await runner.catchUp();
  await runner.stop();
}

const views = (readStore: ReadStore) => readStore.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name`).map((v) => v.name);
const treeRoot = (readStore: ReadStore) => {
  const tree = merkleTreeQueries(readStore);
  return { size: tree.merkleTreeSize(), root: tree.merkleRoot(tree.merkleTreeSize()).toString('hex') };
};

describe('the read models in two files', () => {
  it('keeps the audit tree in audit-tree.db beside the read store, and none of it in the read store', async () => {
    const readStores = openReadStores(readStoreFile);
    try {
      await caughtUp(readStores);
      expect(auditTreeFileBeside(readStoreFile)).toBe(join(dirname(readStoreFile), 'audit-tree.db'));
      expect(existsSync(auditTreeFileBeside(readStoreFile))).toBe(true);
      expect(views(readStores.tree)).toEqual(['merkle_leaves', 'merkle_nodes', 'merkle_size']);
      expect(views(readStores.models).filter((v) => v.startsWith('merkle'))).toEqual([]);
      expect(checkpointOf(readStores.tree.db, merkleTree)?.position).toBe(head);
      for (const projection of readModelProjections) expect(checkpointOf(readStores.models.db, projection)?.position).toBe(head);
      expect(treeRoot(readStores.tree).size).toBe(eventCount(store));
    } finally {
      readStores.close();
    }
  });

  it('builds the same read models and the same tree as one read store holding them all', async () => {
    const one = openReadStore({ file: join(dirname(readStoreFile), 'one.db') });
    const two = openReadStores(readStoreFile);
    try {
      await buildReadModels(store, one, ledgerProjections);
      await caughtUp(two);
      expect(dump(two.models, readModelProjections)).toEqual(dump(one, readModelProjections));
      expect(dump(two.tree, [merkleTree])).toEqual(dump(one, [merkleTree]));
    } finally {
      one.close();
      two.close();
    }
  });

  it('runs both files as one runner: served and caught up once both are, their projections listed together', async () => {
    const readStores = openReadStores(readStoreFile);
    const runner = createReadModelsRunner(store, readStores, () => {});
    try {
      await runner.start();
      await runner.waitFor(head);
      const status = runner.status();
      expect(status.map((s) => s.name).sort()).toEqual(ledgerProjections.map((p) => p.name).sort());
      expect(status.every((s) => s.active && s.position === head)).toBe(true);
      const more = await load(store, 50, history);
      await runner.catchUp();
      const lag = await runner.lag();
      expect(lag.head).toBe(more);
      expect(lag.projections.every((p) => p.caughtUp && p.position === more)).toBe(true);
    } finally {
      await runner.stop();
      readStores.close();
    }
  });

  it('goes on from each file\'s own checkpoints: a lost tree file is built anew, the read store untouched', async () => {
    const first = openReadStores(readStoreFile, join(dirname(readStoreFile), 'tree-a.db'));
    await caughtUp(first);
    const before = { models: dump(first.models, readModelProjections), tree: treeRoot(first.tree) };
    first.close();
    const again = openReadStores(readStoreFile, join(dirname(readStoreFile), 'tree-b.db'));
    try {
      await caughtUp(again);
      expect(dump(again.models, readModelProjections)).toEqual(before.models);
      expect(treeRoot(again.tree)).toEqual(before.tree);
    } finally {
      again.close();
    }
  });
});

describe('a read store made before the split', () => {
  /** A read store holding every projection, the tree among them, built to the head. */
  async function oldReadStore() {
    const old = openReadStore({ file: readStoreFile });
    await buildReadModels(store, old, ledgerProjections);
    const before = { models: dump(old, readModelProjections), tree: dump(old, [merkleTree]), root: treeRoot(old) };
    const checkpoints = ledgerProjections.map((p) => checkpointOf(old.db, p));
    old.close();
    return { before, checkpoints };
  }

  const treeLeftIn = (readStore: ReadStore) => ({
    views: views(readStore).filter((v) => v.startsWith('merkle')),
    tables: readStore.all(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'merkle%'`),
    checkpoint: checkpointOf(readStore.db, merkleTree),
  });

  it('moves its tree into the tree file on first open: served at once, the same rows and root, the other read models as they were', async () => {
    const { before, checkpoints } = await oldReadStore();
    const readStores = openReadStores(readStoreFile);
    try {
      expect(treeLeftIn(readStores.models)).toEqual({ views: [], tables: [], checkpoint: undefined });
      expect(treeRoot(readStores.tree)).toEqual(before.root);
      expect(dump(readStores.tree, [merkleTree])).toEqual(before.tree);
      expect(ledgerProjections.map((p) => checkpointOf(p === merkleTree ? readStores.tree.db : readStores.models.db, p))).toEqual(checkpoints);
      const more = await load(store, 50, history);
      await caughtUp(readStores);
      expect(checkpointOf(readStores.tree.db, merkleTree)?.position).toBe(more);
      expect(treeRoot(readStores.tree).size).toBe(eventCount(store));
    } finally {
      readStores.close();
    }
  });

  it('only drops the tree from the read store when a move was cut short after the copy', async () => {
    const { before } = await oldReadStore();
    const tree = openReadStore({ file: auditTreeFileBeside(readStoreFile) });
    ensureStateTable(tree.db);
    adopt(tree.db, readStoreFile, merkleTree.name); // the copy committed, the drop never made
    tree.close();
    const readStores = openReadStores(readStoreFile);
    try {
      expect(treeLeftIn(readStores.models)).toEqual({ views: [], tables: [], checkpoint: undefined });
      expect(dump(readStores.tree, [merkleTree])).toEqual(before.tree);
    } finally {
      readStores.close();
    }
  });

  it('refuses a tree file that is the read store itself', () => {
    expect(() => openReadStores(readStoreFile, join(dirname(readStoreFile), '.', 'readmodel.db'))).toThrow(/file of its own/);
  });
});

/** Events in the ledger file. */
function eventCount(s: SqliteEventStore): number {
  const db = new Database(s.file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
