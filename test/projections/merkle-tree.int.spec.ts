/**
 * The audit tree as a read model, on every store: after the runner has followed the log (in
 * small batches, so the tree's right edge is read back from the table between them), its root
 * is the RFC 6962 root of the log's canonical events in log order, and each proof it serves
 * verifies against the root of the size asked for.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../src/audit/canonical.js';
import { leafHash, MerkleBuilder, verifyConsistency, verifyInclusion, type Hash } from '../../src/audit/merkle.js';
import { decodePosition, encodePosition, type EventStore, type RecordedEvent } from '../../src/eventstore/port.js';
import { generateKeyPairSync } from 'node:crypto';
import { signHead } from '../../src/audit/head.js';
import { verifyStore } from '../../src/audit/verify-store.js';
import { merkleTree } from '../../projections/merkle-tree/merkle-tree.js';
import { merkleTreeQueries } from '../../projections/merkle-tree/queries.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { createProjectionRunner } from '../../src/readmodel/runner.js';
import { lifecycles } from '../readmodel/support/lifecycle.js';
import { load } from '../readmodel/support/read-side.js';
import { testStores } from '../support/stores.js';

async function wholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll({ maxCount: 500 }); page.length > 0; page = await store.readAll({ maxCount: 500, after: page.at(-1)!.position })) {
    events.push(...page);
  }
  return events;
}

/** The roots of every prefix of the log, from its events alone. */
function rootsOf(events: RecordedEvent[]): Hash[] {
  const builder = new MerkleBuilder();
  return events.map((event, i) => {
    builder.append(leafHash(canonicalBytes(event, i)));
    return builder.root();
  });
}

describe.each(testStores())('the audit tree on $name', (testStore) => {
  let store: EventStore;
  let readStore: ReadStore;

  beforeEach(async () => {
    store = await testStore.create();
    readStore = openReadStore({ file: ':memory:' });
  });
  afterEach(async () => {
    readStore.close();
    await store.close();
  });

  async function follow(batchSize: number) {
    const runner = createProjectionRunner({ store, readStore, projections: [merkleTree], batchSize });
    await runner.start();
    await runner.catchUp();
    await runner.stop();
  }

  it('has, at every size, the root of the log in log order, and proofs that verify', async () => {
    const history = lifecycles();
    await load(store, 150, history);
    await follow(7);
    await load(store, 60, history);
    await follow(7);
    const events = await wholeLog(store);
    const roots = rootsOf(events);
    const tree = merkleTreeQueries(readStore);
    expect(tree.merkleTreeSize()).toBe(events.length);
    for (const size of [1, 2, 3, 64, 100, events.length - 1, events.length]) {
      expect(tree.merkleRoot(size).toString('hex')).toBe(roots[size - 1]!.toString('hex'));
    }
    for (const [index, size] of [[0, 1], [5, 100], [99, 100], [events.length - 1, events.length], [17, events.length]] as const) {
      const leaf = tree.leafByIndex(index)!;
      expect(leaf.eventId).toBe(events[index]!.id);
      expect(tree.leafByEventId(leaf.eventId)!.leafIndex).toBe(index);
      expect(tree.leafByPosition(events[index]!.position)!.leafIndex).toBe(index);
      verifyInclusion(index, size, leaf.hash, tree.inclusionProof(index, size), roots[size - 1]!);
    }
    for (const [size1, size2] of [[1, 2], [3, 100], [64, 128], [100, events.length], [events.length, events.length]] as const) {
      if (size2 > events.length) continue;
      verifyConsistency(size1, size2, tree.consistencyProof(size1, size2), roots[size1 - 1]!, roots[size2 - 1]!);
    }
  });

  it('finds the leaf of every position of the log, and none for a position before, after or without a log', async () => {
    await follow(7);
    const tree = merkleTreeQueries(readStore);
    expect(tree.leafByPosition(encodePosition(1))).toBeUndefined(); // an empty tree
    await load(store, 45);
    await follow(7);
    const events = await wholeLog(store);
    events.forEach((event, index) => expect(tree.leafByPosition(event.position)?.leafIndex).toBe(index));
    const parts = (position: string) => decodePosition(position);
    const before = encodePosition(...parts(events[0]!.position).map(() => 0));
    const [first, ...rest] = parts(events.at(-1)!.position);
    const after = encodePosition(first! + 1n, ...rest);
    expect(tree.leafByPosition(before)).toBeUndefined();
    expect(tree.leafByPosition(after)).toBeUndefined();
  });

  it('proves every leaf and every earlier size, across the subtrees it stores and the leaves it rehashes', async () => {
    await load(store, 60);
    await follow(7);
    const events = await wholeLog(store);
    const roots = rootsOf(events);
    const tree = merkleTreeQueries(readStore);
    for (const size of [17, 32, 33, events.length]) {
      expect(tree.merkleRoot(size).equals(roots[size - 1]!)).toBe(true);
      for (let index = 0; index < size; index++) {
        verifyInclusion(index, size, tree.leafByIndex(index)!.hash, tree.inclusionProof(index, size), roots[size - 1]!);
      }
      for (let earlier = 1; earlier < size; earlier++) {
        verifyConsistency(earlier, size, tree.consistencyProof(earlier, size), roots[earlier - 1]!, roots[size - 1]!);
      }
    }
  });

  it('passes verify --store against a head of it, and names the first leaf the store no longer matches', async () => {
    await load(store, 80);
    await follow(1_000);
    const tree = merkleTreeQueries(readStore);
    const size = tree.merkleTreeSize();
    const head = signHead({ treeSize: size, rootHash: tree.merkleRoot(size).toString('hex'), signedAt: '2026-01-01T00:00:00.000Z', reason: 'test' }, generateKeyPairSync('ed25519').privateKey);
    expect(await verifyStore({ store, read: tree, heads: [head] })).toMatchObject({ ok: true, leaves: size, covered: size, notCovered: 0 });
    const physical = (JSON.parse(readStore.get<{ tables: string }>(`SELECT tables FROM projection_state WHERE name = 'merkle-tree'`)!.tables) as Record<string, string>).merkle_leaves!;
    readStore.db.prepare(`UPDATE ${physical} SET hash = zeroblob(32) WHERE leaf_index = 17`).run();
    expect((await verifyStore({ store, read: tree, heads: [head] })).firstBadLeaf?.leafIndex).toBe(17);
  });

  it('gives a leaf for the ledger\'s events only, each once, in log order', async () => {
    await load(store, 40);
    await follow(1_000);
    const events = await wholeLog(store);
    const tree = merkleTreeQueries(readStore);
    expect(tree.leavesFrom(0, 1_000).map((l) => l.eventId)).toEqual(events.map((e) => e.id));
  });
});
