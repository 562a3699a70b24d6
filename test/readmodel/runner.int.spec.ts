/**
 * The projection runner on every event store: builds the read models from the log, resumes from
 * its checkpoints, survives a crash mid-batch and a failing handler without applying any event
 * twice, rebuilds a new version beside the old one, and lets a writer read its own writes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { budgetUse } from '../../projections/budget-use/budget-use.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { ledgerProjections } from '../../src/readmodel/ledger-projections.js';
import type { AnyProjection } from '../../src/readmodel/projection.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { reconcile } from '../../src/readmodel/reconcile.js';
import { ensureStateTable } from '../../src/readmodel/schema.js';
import { createProjectionRunner, ProjectionFailedError, RunnerStoppedError, type ProjectionRunner } from '../../src/readmodel/runner.js';
import { testStores } from '../support/stores.js';
import { lifecycles } from './support/lifecycle.js';
import { dump, gated, load } from './support/read-side.js';

const differences = async (store: EventStore, readStore: ReadStore) =>
  (await reconcile({ store, readStore, projections: ledgerProjections })).differences;

/** budgetUse, except that its handler throws on one event, every time it sees it. */
function failingOn(eventId: string): AnyProjection {
  return {
    ...budgetUse,
    handlers: {
      ...budgetUse.handlers,
      BudgetCommitted: (tables, event) => {
        if (event.id === eventId) throw new Error('the handler broke here');
        budgetUse.handlers.BudgetCommitted!(tables, event);
      },
    },
  };
}

describe.each(testStores())('the projection runner on $name', (testStore) => {
  let store: EventStore;
  let readStore: ReadStore;
  const runners: ProjectionRunner[] = [];
  const errors: Error[] = [];

  const run = async (projections: AnyProjection[] = ledgerProjections, on: EventStore = store, batchSize = 500) => {
    const runner = createProjectionRunner({ store: on, readStore, projections, batchSize, onError: (e) => errors.push(e) });
    runners.push(runner);
    await runner.start();
    return runner;
  };

  beforeEach(async () => {
    store = await testStore.create();
    readStore = openReadStore({ file: ':memory:' });
    errors.length = 0;
  });

  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    readStore.close();
    await store.close();
  });

  it('builds every read model from the log, in agreement with a replay, and reports no lag', async () => {
    const head = await load(store, 1_500);
    const runner = await run();
    await runner.catchUp();
    expect(await differences(store, readStore)).toEqual([]);
    expect(runner.status().map((s) => [s.name, s.state, s.active, s.position])).toEqual(
      ledgerProjections.map((p) => [p.name, 'live', true, head]),
    );
    const lag = await runner.lag();
    expect(lag.head).toBe(head);
    expect(lag.projections.every((p) => p.caughtUp && p.behindBy === 0n)).toBe(true);
  });

  it('resumes from its checkpoints after a restart and applies each event once', async () => {
    const history = lifecycles();
    await load(store, 700, history);
    await (await run()).stop();
    await load(store, 700, history);
    const restarted = await run();
    await restarted.catchUp();
    expect(await differences(store, readStore)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('loses and repeats nothing when a commit fails mid-batch, as if the process had died there', async () => {
    await load(store, 1_200);
    const log = await store.readAll({ maxCount: 10_000 });
    // The read store refuses to move any checkpoint past the middle of the log, as a dead process would.
    const middle = log[Math.floor(log.length / 2)]!.position;
    ensureStateTable(readStore.db);
    readStore.db.exec(`CREATE TEMP TRIGGER crash BEFORE UPDATE OF position ON projection_state
      WHEN NEW.position > '${middle}' BEGIN SELECT RAISE(FAIL, 'simulated crash'); END`);
    const runner = createProjectionRunner({ store, readStore, projections: ledgerProjections, batchSize: 500, onError: (e) => errors.push(e) });
    runners.push(runner);
    const started = runner.start();
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    expect(errors[0]!.message).toContain('simulated crash');
    readStore.db.exec('DROP TRIGGER crash');
    await started;
    await runner.catchUp();
    expect(await differences(store, readStore)).toEqual([]);
  });

  it('stops only the projection whose handler throws, reports the event, and resumes it after the fix', async () => {
    const head = await load(store, 1_200);
    const log = await store.readAll({ maxCount: 10_000 });
    const broken = log.filter((e) => e.type === 'BudgetCommitted')[40]!;
    const justBefore = log[log.indexOf(broken) - 1]!;
    const started = await run([...ledgerProjections.filter((p) => p !== budgetUse), failingOn(broken.id)]).catch((e: unknown) => e);
    expect(started).toBeInstanceOf(ProjectionFailedError);
    const failure = { position: broken.position, eventId: broken.id, eventType: 'BudgetCommitted', error: 'Error: the handler broke here' };
    expect((started as ProjectionFailedError).failure).toEqual(failure);
    expect(errors).toContainEqual(expect.objectContaining({ projection: 'budget-use', failure }));
    const running = runners.at(-1)!;
    await expect(running.waitFor(head)).rejects.toBeInstanceOf(ProjectionFailedError);
    expect(running.status().find((s) => s.name === 'budget-use')).toMatchObject({ state: 'failed', position: justBefore.position, failure });
    await expect.poll(() => running.status().filter((s) => s.state === 'live').length).toBe(ledgerProjections.length - 1);
    await running.stop();

    const fixed = await run();
    await fixed.catchUp();
    expect(await differences(store, readStore)).toEqual([]);
  });

  it('rebuilds a new version beside the old one: queries see the old model until the new one has caught up', async () => {
    const head = await load(store, 1_200);
    await (await run()).stop();
    const before = dump(readStore, [budgetUse]);
    const gate = gated(store, 300);
    const rebuilding = await run([...ledgerProjections.filter((p) => p !== budgetUse), { ...budgetUse, version: budgetUse.version + 1 }], gate.store);
    await gate.reached;
    expect(rebuilding.status().find((s) => s.name === 'budget-use')).toMatchObject({ version: budgetUse.version + 1, active: false, state: 'catching-up' });
    expect((await rebuilding.lag()).projections.find((p) => p.name === 'budget-use')).toMatchObject({ caughtUp: false });
    expect(dump(readStore, [budgetUse])).toEqual(before);
    const [served, next] = [`budget_use_v${budgetUse.version}`, `budget_use_v${budgetUse.version + 1}`];
    expect(viewSource(readStore)).toContain(served);
    gate.open();
    await rebuilding.waitFor(head);
    expect(viewSource(readStore)).toContain(next);
    expect(dump(readStore, [budgetUse])).toEqual(before);
    expect(readStore.get(`SELECT name FROM sqlite_master WHERE name = '${served}'`)).toBeUndefined();
    expect(await differences(store, readStore)).toEqual([]);
  });

  it('lets a writer read its own write once waitFor resolves, and rejects waiters when stopped', async () => {
    await load(store, 200);
    const runner = await run();
    const { position } = await store.append('budget-extra.2030.municipal', [allocation()], { expectedRevision: 'no_stream' });
    await runner.waitFor(position);
    expect(readStore.get(`SELECT allocated_fen FROM budget_use WHERE budget_line_id = 'extra.2030.municipal'`)).toEqual({ allocated_fen: 12_345_600 });
    const never = runner.waitFor(`${'9'.repeat(20)}${position.slice(20)}`);
    await runner.stop();
    await expect(never).rejects.toBeInstanceOf(RunnerStoppedError);
  });
});

function viewSource(readStore: ReadStore): string {
  return readStore.get<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'budget_use'`)!.sql;
}

function allocation() {
  return {
    id: '0b6f0c4e-6a57-4b8e-9d51-3f2c1a7e9b10',
    type: 'BudgetAllocated',
    data: { budgetLineId: 'extra.2030.municipal', lineCode: 'extra', fiscalYear: 2030, payer: 'municipal', amountFen: 12_345_600, allocatedAt: '2030-01-01T00:00:00.000Z' },
    metadata: { actorId: 'finance-1', actorRole: 'FINANCE', correlationId: 'c', causationId: 'c', recordedAt: '2030-01-01T00:00:00.000Z', schemaVersion: 1 },
  };
}
