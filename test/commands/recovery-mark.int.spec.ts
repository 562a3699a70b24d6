/**
 * Recovery at start scans the log from the low-water mark the last recovery left, not from its
 * first event; a mark past the log's head (a ledger restored from an older backup) is ignored.
 */
import { describe, expect, it } from 'vitest';
import type { RecoveryFailure } from '../../src/commands/recovery.js';
import { openSnapshotStore, type SnapshotStore } from '../../src/commands/snapshots.js';
import { type EventStore, StoreUnavailableError } from '../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { createLedger } from '../../src/ledger.js';
import { yuan } from '../support/domain-fixtures.js';
import { allocate, director, fixedClock, ledgerWithCatalog, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { dyingAt, SimulatedCrash, wrapStore } from '../support/domain-stores.js';

/** Counts the events the log scan hands back. */
function countingScans(inner: EventStore) {
  const counter = { events: 0 };
  const store = wrapStore(inner, {
    async readAll(options) {
      const page = await inner.readAll(options);
      counter.events += page.length;
      return page;
    },
  });
  return { store, counter };
}

async function crashedApproval(store: EventStore, serial: number): Promise<string> {
  const ledger = await ledgerWithCatalog(store);
  const firm = await registerFirm(ledger, serial);
  const app = await reviewedApplication(ledger, firm, 'neeq-listing-reward', { kind: 'neeq-listing', reference: `股转系统函〔2016〕${serial}号` }, yuan(500_000));
  const dying = createLedger({ store: dyingAt(store, 'EntitlementReserved'), clock: fixedClock });
  await expect(dying.approveApplication({ applicationId: app }, director())).rejects.toBeInstanceOf(SimulatedCrash);
  return app;
}

const recover = (store: EventStore, snapshots: SnapshotStore, onFailure?: RecoveryFailure) =>
  createLedger({ store, clock: fixedClock, snapshots }).recoverPendingApprovals(onFailure);

describe('recovery from the low-water mark', () => {
  it('finds a crash after the mark, reading only the log after it', async () => {
    const store = openSqliteEventStore({ file: ':memory:' });
    const snapshots = openSnapshotStore(':memory:');
    await allocate(await ledgerWithCatalog(store), 'neeq-listing-reward', yuan(5_000_000));
    const first = await crashedApproval(store, 41);
    expect((await recover(store, snapshots)).map((o) => o.applicationId)).toEqual([first]);

    const second = await crashedApproval(store, 42);
    const counting = countingScans(store);
    expect((await recover(counting.store, snapshots)).map((o) => [o.applicationId, o.outcome])).toEqual([[second, 'approved']]);
    // The catalog, the budget and the first approval (most of the log) lie before the mark.
    expect(counting.counter.events).toBeLessThan((await store.readAll({ maxCount: 100_000 })).length / 2);
  });

  it('scans the whole log when the mark is past its head', async () => {
    const snapshots = openSnapshotStore(':memory:');
    const later = openSqliteEventStore({ file: ':memory:' });
    await allocate(await ledgerWithCatalog(later), 'neeq-listing-reward', yuan(5_000_000));
    await crashedApproval(later, 43);
    await recover(later, snapshots);
    for (let i = 0; i < 5; i++) await registerFirm(await ledgerWithCatalog(later), 60 + i);
    await recover(later, snapshots);

    const restored = openSqliteEventStore({ file: ':memory:' });
    await allocate(await ledgerWithCatalog(restored), 'neeq-listing-reward', yuan(5_000_000));
    const crashed = await crashedApproval(restored, 44);
    expect((await recover(restored, snapshots)).map((o) => o.applicationId)).toEqual([crashed]);
  });

  it('leaves an approval it cannot finish now to a later recovery, without stopping', async () => {
    const store = openSqliteEventStore({ file: ':memory:' });
    const snapshots = openSnapshotStore(':memory:');
    await allocate(await ledgerWithCatalog(store), 'neeq-listing-reward', yuan(5_000_000));
    const crashed = await crashedApproval(store, 45);
    const unreachable = wrapStore(store, {
      append: async () => {
        throw new StoreUnavailableError('the event store does not answer');
      },
    });
    const failures: string[] = [];
    expect(await recover(unreachable, snapshots, (applicationId) => failures.push(applicationId))).toEqual([]);
    expect(failures).toEqual([crashed]);
    expect((await recover(store, snapshots)).map((o) => [o.applicationId, o.outcome])).toEqual([[crashed, 'approved']]);
  });
});
