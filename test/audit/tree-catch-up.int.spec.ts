/**
 * The audit tree caught up on a thread of its own (src/audit/tree-catch-up.ts) is the tree the
 * runner builds on its own thread, byte for byte: over the same few thousand lifecycle events,
 * alone or beside the other read models writing the same file, and when the worker is stopped
 * half-way, cannot start, or meets an event its handler fails on. The runner goes on from the
 * checkpoint the worker left, and starts none where it cannot help.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalText } from '../../src/audit/canonical.js';
import { leafHash } from '../../src/audit/merkle.js';
import { startTreeCatchUp, TreeCatchUp } from '../../src/audit/tree-catch-up.js';
import type { RecordedEvent } from '../../src/eventstore/port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { merkleTree, PreparedLeaves } from '../../projections/merkle-tree/merkle-tree.js';
import { merkleTreeQueries } from '../../projections/merkle-tree/queries.js';
import { ledgerProjections } from '../../src/readmodel/ledger-projections.js';
import type { AnyProjection, CatchingUpApart } from '../../src/readmodel/projection.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { createProjectionRunner, ProjectionFailedError, type ProjectionRunner, type ProjectionStatus } from '../../src/readmodel/runner.js';
import { load as checkpointOf, tablesOf } from '../../src/readmodel/schema.js';
import { tempLedgerFile } from '../eventstore/sqlite/temp-ledger.js';
import { lifecycles } from '../readmodel/support/lifecycle.js';
import { dump, load } from '../readmodel/support/read-side.js';

const EVENTS = 3_000;
const inThread: AnyProjection = { ...merkleTree, catchUpApart: undefined };
const others = ledgerProjections.filter((p) => p !== merkleTree);

let readStores = 0;
const freshReadStore = (dir: string) => openReadStore({ file: join(dir, `read-${++readStores}.db`) });

/**
 * The tree as `projections` build it into `readStore` (with a file, unless given), its rows and
 * root, and what the runner reported; `made` is handed the runner as it is made.
 */
async function buildTree(store: SqliteEventStore, projections: AnyProjection[], readStore = freshReadStore(dirname(store.file)), made: (runner: ProjectionRunner) => void = () => {}) {
  const errors: Error[] = [];
  const runner = createProjectionRunner({ store, readStore, projections, batchSize: 500, onError: (e) => errors.push(e) });
  made(runner);
  // A projection that fails before it is served fails `start` (and `catchUp`): reported with the rest.
  await runner.start().catch((e: Error) => errors.push(e));
  await runner.catchUp().catch((e: Error) => errors.push(e));
  const status = runner.status().find((s) => s.name === merkleTree.name)!;
  await runner.stop();
  const rows = status.active ? dump(readStore, projections) : treeTables(readStore);
  const read = merkleTreeQueries(readStore);
  const root = status.active ? read.merkleRoot(read.merkleTreeSize()).toString('hex') : undefined;
  readStore.close();
  return { rows, root, errors, status };
}

/** The rows of the tree's tables as built so far, served or not. */
const treeTables = (readStore: ReadStore) =>
  Object.fromEntries(Object.values(tablesOf(merkleTree)).map((table) => [table, readStore.all(`SELECT * FROM ${table} ORDER BY 1, 2`)]));

/** Pages of one event, each its own transaction: a worker stopped once it has written leaves has most of the log still to read. */
const SMALL_PAGES = 1;

/**
 * The tree, its catch-up apart caught (reading pages of `page` events, and handed to `meanwhile` as
 * it starts), with the tree's checkpoint each time the worker ended.
 */
function watched(meanwhile: (apart: CatchingUpApart, readStore: ReadStore) => void = () => {}, page?: number) {
  const started: CatchingUpApart[] = [];
  const endedAt: (string | undefined)[] = [];
  const projection: AnyProjection = {
    ...merkleTree,
    catchUpApart: (store, readStore) => {
      const apart = page ? new TreeCatchUp({ ...startOf(store as SqliteEventStore, readStore), page }) : merkleTree.catchUpApart!(store, readStore, merkleTree);
      if (!apart) return undefined;
      started.push(apart);
      void apart.done.finally(() => endedAt.push(checkpointOf(readStore.db, merkleTree)?.position)).catch(() => {});
      meanwhile(apart, readStore);
      return apart;
    },
  };
  return { projection, started, endedAt };
}

const startOf = (store: SqliteEventStore, readStore: ReadStore) => ({ ledgerFile: store.file, readStoreFile: readStore.db.name, version: merkleTree.version, stop: new Int32Array(new SharedArrayBuffer(4)) });

/** Calls `then` once the tree in `readStore` has a checkpoint (the worker has committed leaves). */
function whenTreeHasLeaves(readStore: ReadStore, then: () => void): void {
  const poll = setInterval(() => {
    if (checkpointOf(readStore.db, merkleTree)?.position === undefined) return;
    clearInterval(poll);
    then();
  }, 1);
  setTimeout(() => clearInterval(poll), 20_000).unref();
}

describe('the audit tree caught up on a thread of its own', () => {
  let file: string;
  let store: SqliteEventStore;
  let head: string;
  let expected: Awaited<ReturnType<typeof buildTree>>;

  beforeAll(async () => {
    file = tempLedgerFile();
    store = openSqliteEventStore({ file });
    head = await load(store, EVENTS);
    expected = await buildTree(store, [inThread], openReadStore({ file: ':memory:' }));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dirname(file), { recursive: true, force: true });
  });

  it('is the tree the runner builds, every leaf written by the worker', async () => {
    const { projection, started, endedAt } = watched();
    const built = await buildTree(store, [projection]);
    expect(started).toHaveLength(1);
    expect(endedAt).toEqual([head]); // the worker took the tree to the head of the log
    expect(built.errors).toEqual([]);
    expect(built.rows).toEqual(expected.rows);
    expect(built.root).toBe(expected.root);
  });

  it('is the same beside the other read models, which the runner writes to the same file meanwhile', async () => {
    const { projection, endedAt } = watched();
    const alone = await buildTree(store, [inThread, ...others], openReadStore({ file: ':memory:' }));
    const beside = await buildTree(store, [projection, ...others]);
    expect(endedAt).toEqual([head]);
    expect(beside.errors).toEqual([]);
    expect(beside.rows).toEqual(alone.rows);
    expect(beside.root).toBe(expected.root);
  });

  it('is the same when the worker is stopped half-way: the runner goes on from its checkpoint', async () => {
    let runner: ProjectionRunner | undefined;
    let meanwhile: ProjectionStatus | undefined;
    const { projection, endedAt } = watched(
      (apart, readStore) =>
        whenTreeHasLeaves(readStore, () => {
          meanwhile = runner!.status()[0];
          void apart.stop();
        }),
      SMALL_PAGES,
    );
    const built = await buildTree(store, [projection], undefined, (made) => (runner = made));
    expect(endedAt).toHaveLength(1);
    expect(endedAt[0]).toBeDefined();
    expect(endedAt[0]! < head).toBe(true);
    // While the worker had it, the runner told where it was from the read store.
    expect(meanwhile).toMatchObject({ state: 'catching-up', active: false });
    expect(meanwhile!.position).toBeDefined();
    expect(built.rows).toEqual(expected.rows);
    expect(built.root).toBe(expected.root);
  });

  it.each([
    ['its thread fails', (readStore: ReadStore) => new TreeCatchUp({ ...startOf(store, readStore), ledgerFile: `${file}.missing` }), /catch-up thread stopped: SqliteError: unable to open database file/],
    ['it is asked for another version of the tree', (readStore: ReadStore) => new TreeCatchUp({ ...startOf(store, readStore), version: 99 }), /version 99/],
    [
      'it cannot be started at all',
      () => {
        throw new Error('no thread to be had');
      },
      /no thread to be had/,
    ],
  ])('is the same when %s: the runner reports it and builds the tree itself', async (_, start, reported) => {
    const built = await buildTree(store, [{ ...merkleTree, catchUpApart: (_store: unknown, readStore: ReadStore) => start(readStore) }]);
    expect(built.errors).toHaveLength(1);
    expect(built.errors[0]!.message).toMatch(reported);
    expect(built.rows).toEqual(expected.rows);
    expect(built.root).toBe(expected.root);
  });

  it('is the same when events are appended while it catches up: the runner takes the rest', async () => {
    const growing = tempLedgerFile();
    const live = openSqliteEventStore({ file: growing });
    try {
      const source = lifecycles();
      await load(live, 1_000, source);
      let appending: Promise<unknown> = Promise.resolve();
      const { projection, endedAt } = watched(() => (appending = load(live, 1_000, source)), SMALL_PAGES);
      const readStore = freshReadStore(dirname(growing));
      const runner = createProjectionRunner({ store: live, readStore, projections: [projection] });
      await runner.start();
      const last = await appending;
      await runner.waitFor(last as string);
      await runner.stop();
      const built = dump(readStore, [merkleTree]);
      readStore.close();
      const inRunner = await buildTree(live, [inThread], openReadStore({ file: ':memory:' }));
      expect(endedAt).toHaveLength(1);
      expect(built).toEqual(inRunner.rows);
    } finally {
      await live.close();
      rmSync(dirname(growing), { recursive: true, force: true });
    }
  });

  it('stops at an event it cannot hash as the runner does: the projection fails there, its checkpoint just before', async () => {
    const failing = tempLedgerFile();
    const broken = openSqliteEventStore({ file: failing });
    try {
      const source = lifecycles();
      const before = await load(broken, 200, source);
      const id = crypto.randomUUID();
      const metadata = { actorId: 'officer-1', actorRole: 'OFFICER', correlationId: id, causationId: id, recordedAt: '2017-03-01T08:00:00.000Z', schemaVersion: 1 };
      // A lone surrogate has no canonical JSON text (RFC 8785 refuses it): no leaf can be made of it.
      const { position } = await broken.append('note-1', [{ id, type: 'NoteRecorded', data: { text: '\ud800' }, metadata }], { expectedRevision: 'no_stream' });
      await load(broken, 100, source);
      const { projection, endedAt } = watched();
      const apart = await buildTree(broken, [projection]);
      const inRunner = await buildTree(broken, [inThread]);
      for (const built of [apart, inRunner]) {
        expect(built.status.state).toBe('failed');
        expect(built.status.position).toBe(before);
        expect(built.status.failure?.position).toBe(position);
        expect(built.errors[0]).toBeInstanceOf(ProjectionFailedError);
      }
      expect(endedAt).toEqual([before]);
      expect(apart.rows).toEqual(inRunner.rows);
    } finally {
      await broken.close();
      rmSync(dirname(failing), { recursive: true, force: true });
    }
  });

  it('ends when the runner is stopped, and the next runner finishes the tree', async () => {
    let runner: ProjectionRunner | undefined;
    let stopping: Promise<void> | undefined;
    const { projection, started, endedAt } = watched((_, readStore) => whenTreeHasLeaves(readStore, () => (stopping = runner!.stop())), SMALL_PAGES);
    const readStore = freshReadStore(dirname(file));
    runner = createProjectionRunner({ store, readStore, projections: [projection] });
    await runner.start(); // resolves once stopped
    await stopping;
    await expect(started[0]!.done).resolves.toBeUndefined();
    expect(endedAt[0]! < head).toBe(true);
    const built = await buildTree(store, [inThread], readStore);
    expect(built.rows).toEqual(expected.rows);
  });

  it('is not started at the head of the log, nor for a store or read store in memory', async () => {
    const { projection, started } = watched();
    const readStore = freshReadStore(dirname(file));
    await buildTree(store, [projection], readStore);
    const again = openReadStore({ file: readStore.db.name });
    const restarted = createProjectionRunner({ store, readStore: again, projections: [projection] });
    await restarted.start();
    await restarted.stop();
    expect(started).toHaveLength(1);
    const inMemory = openSqliteEventStore({ file: ':memory:' });
    expect(startTreeCatchUp(inMemory, again, merkleTree.version)).toBeUndefined();
    const memoryReadStore = openReadStore({ file: ':memory:' });
    expect(startTreeCatchUp(store, memoryReadStore, merkleTree.version)).toBeUndefined();
    for (const closing of [again, memoryReadStore]) closing.close();
    await inMemory.close();
  });
});

describe('leaves prepared before the transaction', () => {
  it('give a hash only for the event prepared at that leaf', async () => {
    const file = tempLedgerFile();
    const store = openSqliteEventStore({ file });
    try {
      await load(store, 10);
      const events: RecordedEvent[] = await store.readAll({ maxCount: 5 });
      const prepared = new PreparedLeaves(7);
      prepared.add(store.readAllWithTexts({ after: events[0]!.position, maxCount: 4 }));
      expect(prepared.take(events[1]!, 6)).toBeUndefined(); // before its first leaf
      expect(prepared.take(events[2]!, 7)).toBeUndefined(); // not the event of leaf 7
      expect(prepared.take(events[2]!, 8)).toEqual(leafHash(canonicalText(events[2]!, 8)));
      expect(prepared.take(events[4]!, 11)).toBeUndefined(); // past the last prepared
    } finally {
      await store.close();
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });
});
