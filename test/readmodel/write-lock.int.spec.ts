/**
 * A batch holds the read store's write lock from its first event (BEGIN IMMEDIATE): another
 * connection to the same file (the audit tree catching up on its own thread) cannot commit between
 * what the batch reads and what it writes, which would fail the batch's first write (SQLite's
 * SQLITE_BUSY_SNAPSHOT). Once the batch is committed, the other connection writes.
 *
 * The other way round, the runner's writes wait their turn while a projection catching up apart
 * holds the lock past busy_timeout (the tree's indexes on a big log take seconds): nothing lost,
 * and no error unless the wait outlasts the runner's patience. With nothing catching up apart, a
 * lock held that long is reported at once, as any failed write is.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { budgetUse } from '../../projections/budget-use/budget-use.js';
import { enterpriseRegister } from '../../projections/enterprise-register/enterprise-register.js';
import { encodePosition, type RecordedEvent } from '../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { applyBatch, type Member } from '../../src/readmodel/apply.js';
import { type AnyProjection, type CatchingUpApart, defineProjection } from '../../src/readmodel/projection.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { defineReplay } from '../../src/readmodel/replay.js';
import { createProjectionRunner } from '../../src/readmodel/runner.js';
import { WriteLockWaitError } from '../../src/readmodel/write-turn.js';
import { ensureStateTable, install, openTables } from '../../src/readmodel/schema.js';
import { dump, load } from './support/read-side.js';

const event: RecordedEvent = {
  id: '0b9c1e1e-4a8f-4f5e-9a59-6f1d7b0c2a11',
  type: 'EnterpriseRegistered',
  data: {},
  metadata: { actorId: 'officer-1', actorRole: 'OFFICER', correlationId: 'c', causationId: 'c', recordedAt: '2017-03-01T08:00:00.000Z', schemaVersion: 1 },
  stream: 'enterprise-1',
  revision: 0,
  position: encodePosition(1),
};

describe('a batch of the projection runner', () => {
  let dir: string;
  let readStore: ReadStore;
  let other: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'write-lock-'));
    readStore = openReadStore({ file: join(dir, 'read.db') });
    other = new Database(join(dir, 'read.db'));
    other.pragma('busy_timeout = 0');
    other.exec('CREATE TABLE elsewhere (n INTEGER)');
  });
  afterEach(() => {
    other.close();
    readStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the write lock from its first event: another connection cannot commit until it has', () => {
    const tried: string[] = [];
    const writeElsewhere = () => {
      try {
        other.prepare('INSERT INTO elsewhere VALUES (1)').run();
        tried.push('committed');
      } catch (error) {
        tried.push((error as { code: string }).code);
      }
    };
    const probe = defineProjection({
      name: 'probe',
      version: 1,
      tables: {},
      handlers: {},
      everyEvent: writeElsewhere,
      replay: defineReplay({ folds: {}, tables: {} }),
    });
    const { db } = readStore;
    ensureStateTable(db);
    install(db, probe);
    const member: Member = { projection: probe, tables: openTables(db, probe), position: undefined, failure: undefined };
    expect(applyBatch(db, [member], [event])).toEqual([]);
    writeElsewhere();
    expect(tried).toEqual(['SQLITE_BUSY', 'committed']);
    expect(member.position).toBe(event.position);
  });
});

describe('the projection runner while another connection holds the write lock past busy_timeout', () => {
  const HELD_MS = 400;
  let dir: string;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'write-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Holds the write lock of `file` on a connection of its own for HELD_MS, then commits. */
  function holdTheLock(file: string): Promise<undefined> {
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    return sleep(HELD_MS).then(() => {
      holder.exec('COMMIT');
      holder.close();
      return undefined;
    });
  }

  let builds = 0;

  /**
   * budgetUse built beside `other` from 1,500 events into a read store of its own, the
   * runner's busy_timeout 20 ms; what it built, what it reported, and where it stood mid-hold.
   */
  async function build(other: AnyProjection, hold: (file: string) => void, options: { lockPatienceMs?: number } = {}) {
    const store = openSqliteEventStore({ file: ':memory:' });
    await load(store, 1_500);
    const readStore = openReadStore({ file: join(dir, `read-${++builds}.db`) });
    readStore.db.pragma('busy_timeout = 20');
    const errors: Error[] = [];
    const runner = createProjectionRunner({ store, readStore, projections: [budgetUse, other], onError: (e) => errors.push(e), ...options });
    const started = runner.start(); // its tables are installed before it first waits
    hold(readStore.db.name);
    await sleep(HELD_MS / 2);
    const midHold = runner.status().find((s) => s.name === budgetUse.name)!.position;
    await started;
    await runner.catchUp();
    await runner.stop();
    const built = dump(readStore, [budgetUse]);
    readStore.close();
    await store.close();
    return { built, errors, midHold };
  }

  /** enterpriseRegister, caught up "apart" by holding the write lock for HELD_MS. */
  const holdingApart: AnyProjection = {
    ...enterpriseRegister,
    catchUpApart: (_store, readStore): CatchingUpApart => {
      const done = holdTheLock(readStore.db.name);
      return { done, stop: async () => void (await done) };
    },
  };

  it('waits its turn while a projection catching up apart holds it: nothing reported, the same read model', async () => {
    const waited = await build(holdingApart, () => {});
    const alone = await build(enterpriseRegister, () => {});
    expect(waited.midHold).toBeUndefined(); // nothing could be committed while the lock was held
    expect(waited.errors).toEqual([]);
    expect(alone.built.budget_use).toHaveLength(13);
    expect(waited.built).toEqual(alone.built);
  });

  it('says so when that wait outlasts its patience, and goes on waiting', async () => {
    const waited = await build(holdingApart, () => {}, { lockPatienceMs: HELD_MS / 4 });
    const alone = await build(enterpriseRegister, () => {});
    expect(waited.errors.length).toBeGreaterThan(0);
    expect(waited.errors.every((e) => e instanceof WriteLockWaitError)).toBe(true);
    expect(waited.errors[0]!.message).toMatch(/waited \d+ s for the read store's write lock, held by another connection; still waiting/);
    expect(waited.built).toEqual(alone.built);
  });

  it('reports a lock held by anyone else, and builds the read model once it is free', async () => {
    const held = await build(enterpriseRegister, (file) => void holdTheLock(file));
    const alone = await build(enterpriseRegister, () => {});
    expect(held.errors.length).toBeGreaterThan(0);
    expect(held.errors.every((e) => (e as { code?: string }).code === 'SQLITE_BUSY')).toBe(true);
    expect(held.built).toEqual(alone.built);
  });
});
