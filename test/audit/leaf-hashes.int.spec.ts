/**
 * The audit tree's leaves hashed ahead on another thread (src/audit/leaf-hashes.ts) are the leaves
 * hashed in the runner's thread, byte for byte: built both ways over the same few thousand
 * lifecycle events, the two trees hold the same leaves, subtrees and root, including when the
 * worker stops half-way, fails to start, or is handed an event that is not the one it read.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalText } from '../../src/audit/canonical.js';
import { LeafHashes, SLOTS, STOP, startLeafHashes } from '../../src/audit/leaf-hashes.js';
import { leafHash } from '../../src/audit/merkle.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { merkleTree } from '../../projections/merkle-tree/merkle-tree.js';
import { merkleTreeQueries } from '../../projections/merkle-tree/queries.js';
import type { AnyProjection } from '../../src/readmodel/projection.js';
import { openReadStore } from '../../src/readmodel/read-store.js';
import { createProjectionRunner } from '../../src/readmodel/runner.js';
import { tempLedgerFile } from '../eventstore/sqlite/temp-ledger.js';
import { dump, load } from '../readmodel/support/read-side.js';

const EVENTS = 3_000;
const inThread: AnyProjection = { ...merkleTree, readAhead: undefined };

/** Blocks this thread (the runner's) until `ready` holds, as a long batch would; fails after 20 s. */
function blockUntil(ready: () => boolean): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (const deadline = Date.now() + 20_000; !ready(); ) {
    if (Date.now() > deadline) throw new Error('the worker made no hash in 20 s');
    Atomics.wait(pause, 0, 0, 10);
  }
}

/** Leaf k (counted from the worker's first) is in the ring. */
const published = (hashes: LeafHashes, k: number) => Atomics.load(hashes.ring.published, k % SLOTS) === k + 1;

/** The tree built by the runner, its read store's rows and root, and the leaf hashers it started. */
async function buildTree(store: SqliteEventStore, projection: AnyProjection) {
  const readStore = openReadStore({ file: ':memory:' });
  const runner = createProjectionRunner({ store, readStore, projections: [projection], batchSize: 1_000 });
  await runner.start();
  await runner.catchUp();
  await runner.stop();
  const rows = dump(readStore, [merkleTree]);
  const read = merkleTreeQueries(readStore);
  const root = read.merkleRoot(read.merkleTreeSize()).toString('hex');
  readStore.close();
  return { rows, root };
}

/**
 * The tree with leaf hashes from the worker, the runner held before its first leaf (as other
 * projections of a batch would) until `whenStarted` says so, then let go; the hashers it started.
 */
function withWorker(whenStarted: (hashes: LeafHashes) => void) {
  const started: LeafHashes[] = [];
  const projection: AnyProjection = {
    ...merkleTree,
    readAhead: (store, from) => {
      const hashes = merkleTree.readAhead!(store, from);
      if (hashes) started.push(hashes);
      return hashes;
    },
    everyEvent: (tables, event, ahead) => {
      if (!tables.merkleSize.find('log')) whenStarted(ahead as LeafHashes);
      merkleTree.everyEvent!(tables, event, ahead);
    },
  };
  return { projection, started };
}

describe('leaf hashes made ahead on another thread', () => {
  let file: string;
  let store: SqliteEventStore;
  let expected: Awaited<ReturnType<typeof buildTree>>;

  beforeAll(async () => {
    file = tempLedgerFile();
    store = openSqliteEventStore({ file });
    await load(store, EVENTS);
    expected = await buildTree(store, inThread);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dirname(file), { recursive: true, force: true });
  });

  it('give the same tree as hashing in the runner, every leaf from the worker', async () => {
    const leaves = expected.rows.merkle_leaves!.length;
    expect(leaves).toBeGreaterThanOrEqual(EVENTS);
    const { projection, started } = withWorker((hashes) => blockUntil(() => published(hashes, leaves - 1)));
    const built = await buildTree(store, projection);
    expect(built.rows).toEqual(expected.rows);
    expect(built.root).toBe(expected.root);
    expect(started).toHaveLength(1);
    expect(started[0]!.error).toBeUndefined();
    expect(started[0]!.given).toBe(leaves);
  });

  it('give the same tree when the worker stops half-way: the runner hashes the rest', async () => {
    const { projection, started } = withWorker((hashes) => {
      blockUntil(() => published(hashes, 500));
      Atomics.store(hashes.ring.control, STOP, 1); // the worker ends at its next leaf, the runner unaware
    });
    const built = await buildTree(store, projection);
    expect(built.rows).toEqual(expected.rows);
    expect(built.root).toBe(expected.root);
    expect(started[0]!.given).toBeGreaterThan(500);
    expect(started[0]!.given).toBeLessThan(expected.rows.merkle_leaves!.length);
  });

  it('give the same tree when the worker cannot start', async () => {
    const started: LeafHashes[] = [];
    const projection: AnyProjection = {
      ...merkleTree,
      readAhead: () => {
        const hashes = new LeafHashes({ file: `${file}.missing`, after: undefined, firstLeaf: 0 });
        started.push(hashes);
        return hashes;
      },
    };
    const built = await buildTree(store, projection);
    expect(built.rows).toEqual(expected.rows);
    expect(started[0]!.given).toBe(0);
  });

  it('give a hash only for the event the worker read at that leaf, and only once', async () => {
    const events: RecordedEvent[] = await store.readAll({ maxCount: 10 });
    const hashes = new LeafHashes({ file, after: events[0]!.position, firstLeaf: 1 });
    try {
      blockUntil(() => published(hashes, 8));
      expect(hashes.take(events[0]!, 0)).toBeUndefined(); // before the worker's first leaf
      expect(hashes.take(events[2]!, 1)).toBeUndefined(); // not the event of leaf 1
      expect(hashes.take(events[2]!, 2)).toEqual(leafHash(canonicalText(events[2]!, 2)));
      expect(hashes.take(events[1]!, 1)).toBeUndefined(); // already passed: its slot may be reused
      expect(hashes.given).toBe(1);
    } finally {
      await hashes.stop();
    }
  });

  it('are stopped once the runner has caught up, not started when it is, and given nowhere but a store in a file', async () => {
    const { projection, started } = withWorker(() => {});
    const readStore = openReadStore({ file: ':memory:' });
    const runner = createProjectionRunner({ store, readStore, projections: [projection] });
    await runner.start();
    await runner.catchUp();
    expect(Atomics.load(started[0]!.ring.control, STOP)).toBe(1);
    await runner.stop();
    const restarted = createProjectionRunner({ store, readStore, projections: [projection] });
    await restarted.start();
    await restarted.stop();
    expect(started).toHaveLength(1);
    readStore.close();
    const inMemory = openSqliteEventStore({ file: ':memory:' });
    expect(startLeafHashes(inMemory, undefined, 0)).toBeUndefined();
    await inMemory.close();
  });
});
