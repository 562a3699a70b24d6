/**
 * Command handling reads only what it has not seen, and a cache that fell behind the stream can
 * never let a wrong decision through: the exact expected revision still guards every append.
 */
import { describe, expect, it } from 'vitest';
import { budgetStream } from '../../src/budget/budget.js';
import { budgetDecider } from '../../src/budget/decide.js';
import { openSnapshotStore } from '../../src/commands/snapshots.js';
import { createStreamCache } from '../../src/commands/stream-cache.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { createLedger, type Ledger } from '../../src/ledger.js';
import { yuan } from '../support/domain-fixtures.js';
import { committedByBudgetLine, moneyInvariantViolations } from '../support/domain-invariants.js';
import { allocate, director, fixedClock, readLog, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { expectRejectsWith } from '../support/domain-spec.js';
import { wrapStore } from '../support/domain-stores.js';
import { freshLedgerForEachTest } from '../support/fresh-ledger.js';
import { testStores } from '../support/stores.js';

/** The store, reading the streams given to `freeze` as they were then: a cache that cannot catch up. */
function frozenReads(inner: EventStore) {
  const revisions = new Map<string, number>();
  const store = wrapStore(inner, {
    async readStream(stream, options) {
      const events = await inner.readStream(stream, options);
      const last = revisions.get(stream);
      return last === undefined ? events : events.filter((e) => e.revision <= last);
    },
  });
  const freeze = async (streams: string[]) => {
    for (const stream of streams) revisions.set(stream, (await inner.readStream(stream)).at(-1)?.revision ?? -1);
  };
  return { store, freeze };
}

/** Counts the events each stream read hands back. */
function countingReads(inner: EventStore) {
  const counter = { events: 0 };
  const store = wrapStore(inner, {
    async readStream(stream, options) {
      const events = await inner.readStream(stream, options);
      counter.events += events.length;
      return events;
    },
  });
  return { store, counter };
}

const listing = (n: number) => ({ kind: 'neeq-listing', reference: `股转系统函〔2016〕${n}号` });

describe.each(testStores())('the command side\'s cache of streams on $name', (testStore) => {
  let store: EventStore;
  let ledger: Ledger;
  freshLedgerForEachTest(testStore, (s, l) => ((store = s), (ledger = l)), { checkMoney: true });

  it('cannot overspend the NEEQ line from a budget state that fell behind: the append at its revision is refused', async () => {
    const budget = await allocate(ledger, 'neeq-listing-reward', yuan(1_000_000));
    const apps: string[] = [];
    for (let i = 0; i < 3; i++) apps.push(await reviewedApplication(ledger, await registerFirm(ledger, 200 + i), 'neeq-listing-reward', listing(200 + i), yuan(500_000)));
    const behind = frozenReads(store);
    const stale = createLedger({ store: behind.store, clock: fixedClock });
    await stale.approveApplication({ applicationId: apps[0]! }, director());
    // Another instance takes the rest of the line; the stale one still sees ¥500,000 available.
    await behind.freeze([budgetStream(budget)]);
    await ledger.approveApplication({ applicationId: apps[1]! }, director());

    await expectRejectsWith(stale.approveApplication({ applicationId: apps[2]! }, director()), 'CONCURRENCY_EXHAUSTED');
    expect(committedByBudgetLine(await readLog(store)).get(budget)).toBe(yuan(1_000_000));
    expect(await moneyInvariantViolations(await readLog(store), { settled: false })).toEqual([]);
    // With the stream as it is, the approval left pending is refused and compensated.
    expect(await ledger.resumeApproval(apps[2]!)).toMatchObject({ outcome: 'abandoned', code: 'BUDGET_EXCEEDED' });
  });

  it('reads the same few events per approval after 30 approvals on one line as after 3', async () => {
    await allocate(ledger, 'innovation-voucher', yuan(10_000_000));
    const counting = countingReads(store);
    const cached = createLedger({ store: counting.store, clock: fixedClock });
    const eventsReadByApproval: number[] = [];
    for (let i = 0; i < 30; i++) {
      const app = await reviewedApplication(ledger, await registerFirm(ledger, 300 + i), 'innovation-voucher', { kind: 'innovation-voucher', reference: `许科券〔2016〕${i}号` }, yuan(10_000));
      const before = counting.counter.events;
      await cached.approveApplication({ applicationId: app, amountFen: yuan(10_000) }, director());
      eventsReadByApproval.push(counting.counter.events - before);
    }
    // The first approval reads the line whole; later ones read what they have not seen yet.
    expect(Math.max(...eventsReadByApproval.slice(3))).toBeLessThanOrEqual(Math.max(...eventsReadByApproval.slice(1, 3)));
  });
});

describe('snapshots of a long budget line', () => {
  /** A voucher line with `count` commitments of ¥10,000 each; `history` tells one history's event ids from another's. */
  async function lineWithCommitments(count: number, history = '0000') {
    const { openSqliteEventStore } = await import('../../src/eventstore/sqlite/sqlite-event-store.js');
    const store = openSqliteEventStore({ file: ':memory:' });
    const metadata = { actorId: 'finance-chen', actorRole: 'FINANCE', correlationId: 'c', causationId: 'allocate', recordedAt: 'now', schemaVersion: 1 };
    const id = 'innovation-voucher.2016.municipal';
    await store.append(budgetStream(id), [{
      id: '00000000-0000-4000-8000-000000000000', type: 'BudgetAllocated', metadata,
      data: { budgetLineId: id, lineCode: 'innovation-voucher', fiscalYear: 2016, payer: 'municipal', amountFen: yuan(10_000_000), allocatedAt: 'now' },
    }], { expectedRevision: 'no_stream' });
    for (let i = 1; i <= count; i++) {
      await store.append(budgetStream(id), [{
        id: `00000000-${history}-4000-8000-${String(i).padStart(12, '0')}`, type: 'BudgetCommitted', metadata: { ...metadata, causationId: `approve-${i}` },
        data: { budgetLineId: id, applicationId: `application-${i}`, approvalId: `approval-${i}`, amountFen: yuan(10_000), committedAt: 'now' },
      }], { expectedRevision: i - 1 });
    }
    return { store, stream: budgetStream(id) };
  }

  it('starts a cold cache from the latest snapshot and reads only the events after it', async () => {
    const { store, stream } = await lineWithCommitments(25);
    const snapshots = openSnapshotStore(':memory:');
    const warm = await createStreamCache({ store, snapshots, snapshotEvery: 10 }).read(stream, budgetDecider);
    const counting = countingReads(store);
    const cold = await createStreamCache({ store: counting.store, snapshots, snapshotEvery: 10 }).read(stream, budgetDecider);
    // The one event read is the snapshot's own, checked to be still in the stream.
    expect(counting.counter.events).toBe(1);
    expect(cold.state).toEqual(warm.state);
    expect(cold.revision).toBe(25);
    expect(cold.writtenBy.get('approve-7')).toEqual(warm.writtenBy.get('approve-7'));
  });

  it('ignores a snapshot the stream never reached (the ledger restored from an older backup than the snapshots)', async () => {
    const newer = await lineWithCommitments(25);
    const snapshots = openSnapshotStore(':memory:');
    await createStreamCache({ store: newer.store, snapshots, snapshotEvery: 10 }).read(newer.stream, budgetDecider);
    const restored = await lineWithCommitments(15);
    const cold = await createStreamCache({ store: restored.store, snapshots, snapshotEvery: 10 }).read(restored.stream, budgetDecider);
    expect(cold.revision).toBe(15);
    expect(cold.state).toEqual((await createStreamCache({ store: restored.store }).read(restored.stream, budgetDecider)).state);
  });

  it('ignores a snapshot of another history that reached the same revision at the same positions', async () => {
    const lost = await lineWithCommitments(25, '1111');
    const snapshots = openSnapshotStore(':memory:');
    await createStreamCache({ store: lost.store, snapshots, snapshotEvery: 10 }).read(lost.stream, budgetDecider);
    const rewritten = await lineWithCommitments(25, '2222');
    const cold = await createStreamCache({ store: rewritten.store, snapshots, snapshotEvery: 10 }).read(rewritten.stream, budgetDecider);
    expect(cold.writtenBy.get('approve-7')?.position).toBeDefined();
    expect(cold.lastEventId).toBe('00000000-2222-4000-8000-000000000025');
  });

  it('ignores the snapshots of another version of the fold', async () => {
    const { store, stream } = await lineWithCommitments(25);
    const snapshots = openSnapshotStore(':memory:');
    await createStreamCache({ store, snapshots, snapshotEvery: 10 }).read(stream, budgetDecider);
    const counting = countingReads(store);
    const changed = { ...budgetDecider, version: budgetDecider.version + 1 };
    const cold = await createStreamCache({ store: counting.store, snapshots, snapshotEvery: 10 }).read(stream, changed);
    expect(counting.counter.events).toBe(26);
    expect(cold.revision).toBe(25);
    const rewritten = { ...budgetDecider, evolve: (state: typeof budgetDecider.initialState) => state };
    expect(await snapshots.load(stream, rewritten)).toBeUndefined();
  });
});
