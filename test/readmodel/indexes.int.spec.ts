/**
 * A read model's secondary indexes serve queries only: a version being built has none, a build
 * stopped half-way and resumed has none until it is activated, an active version has them all,
 * and starting on an active version makes any index it lacks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { merkleTree } from '../../projections/merkle-tree/merkle-tree.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { createProjectionRunner } from '../../src/readmodel/runner.js';
import { gated, load } from './support/read-side.js';

const LEAVES = `merkle_leaves_v${merkleTree.version}`;

describe("a read model's secondary indexes", () => {
  let store: EventStore;
  let readStore: ReadStore;

  beforeEach(async () => {
    store = openSqliteEventStore({ file: ':memory:' });
    readStore = openReadStore({ file: ':memory:' });
    await load(store, 600);
  });
  afterEach(async () => {
    readStore.close();
    await store.close();
  });

  const indexesOf = (table: string) =>
    readStore.all<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`, [table]).map((r) => r.sql);
  const active = () => readStore.get<{ active: number }>(`SELECT active FROM projection_state WHERE name = 'merkle-tree'`)?.active;

  it('are made when the version is activated, not while it is built, nor by a build resumed half-way', async () => {
    const gate = gated(store, 300);
    const building = createProjectionRunner({ store: gate.store, readStore, projections: [merkleTree], batchSize: 100 });
    const served = building.start();
    await gate.reached;
    expect(indexesOf(LEAVES)).toEqual([]);
    const stopping = building.stop();
    gate.open();
    await stopping;
    await served;
    expect(active()).toBe(0);
    expect(indexesOf(LEAVES)).toEqual([]);

    const resumed = createProjectionRunner({ store, readStore, projections: [merkleTree] });
    await resumed.start();
    await resumed.catchUp();
    await resumed.stop();
    expect(active()).toBe(1);
    expect(indexesOf(LEAVES)).toEqual(merkleTree.tables.merkleLeaves.indexes!.map((columns, i) => `CREATE INDEX ${LEAVES}_i${i} ON ${LEAVES} (${columns})`));
  });

  it('are made again when an active version lacks one', async () => {
    const first = createProjectionRunner({ store, readStore, projections: [merkleTree] });
    await first.start();
    await first.stop();
    const all = indexesOf(LEAVES);
    readStore.db.exec(`DROP INDEX ${LEAVES}_i1`);
    const again = createProjectionRunner({ store, readStore, projections: [merkleTree] });
    await again.start();
    await again.stop();
    expect(indexesOf(LEAVES)).toEqual(all);
  });
});
