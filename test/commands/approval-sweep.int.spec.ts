/**
 * The sweep while the API runs: an approval a dead process left "approving" is completed
 * without a restart, once it is old enough that no live command is still driving it.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import { type LedgerApp, openLedgerApp } from '../../src/app.js';
import { createLedger } from '../../src/ledger.js';
import { NOW, yuan } from '../support/domain-fixtures.js';
import { moneyInvariantViolations } from '../support/domain-invariants.js';
import { allocate, director, finance, readLog, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { crashingAfter, interleaving, SimulatedCrash } from '../support/domain-stores.js';
import { budgetStream } from '../../src/budget/budget.js';
import { testStores } from '../support/stores.js';

describe.each(testStores())('the approval sweep on $name', (testStore) => {
  let store: EventStore;
  let app: LedgerApp;
  let now: Date;
  beforeEach(async () => {
    store = await testStore.create();
    now = new Date(NOW);
    app = await openLedgerApp({ store, readStoreFile: ':memory:', logger: pino({ level: 'silent' }), clock: () => now });
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  it('completes an approval a crash left approving, once it is a minute old', async () => {
    await allocate(app.ledger, 'neeq-listing-reward', yuan(500_000));
    const firm = await registerFirm(app.ledger, 31);
    const applicationId = await reviewedApplication(
      app.ledger, firm, 'neeq-listing-reward', { kind: 'neeq-listing', reference: '股转系统函〔2016〕31号' }, yuan(500_000),
    );
    const dying = createLedger({ store: crashingAfter(store, 2), clock: () => now });
    await expect(dying.approveApplication({ applicationId }, director())).rejects.toBeInstanceOf(SimulatedCrash);
    await app.runner.catchUp();

    expect(await app.approvalSweep.sweep()).toEqual([]);
    now = new Date(now.getTime() + 61_000);
    expect(await app.approvalSweep.sweep()).toEqual([applicationId]);

    await app.runner.catchUp();
    const [row] = app.services.read.applicationsById([applicationId]);
    expect(row).toMatchObject({ status: 'approved', approvedFen: yuan(500_000) });
    expect(moneyInvariantViolations(await readLog(store), { settled: true })).toEqual([]);
  });

  it('finishes the releases of an approval abandoned by a process that died while compensating, however long ago', async () => {
    const budget = await allocate(app.ledger, 'neeq-listing-reward', yuan(500_000));
    const firm = await registerFirm(app.ledger, 32);
    const applicationId = await reviewedApplication(
      app.ledger, firm, 'neeq-listing-reward', { kind: 'neeq-listing', reference: '股转系统函〔2016〕32号' }, yuan(500_000),
    );
    // Finance cuts the line before the commit: abandoned after the fact and the entitlement were taken; then the process dies.
    const cut = () => app.ledger.adjustBudget({ budgetLineId: budget, deltaFen: -yuan(1), reason: '预算调减' }, finance());
    const dying = createLedger({ store: interleaving(crashingAfter(store, 6), (s) => s === budgetStream(budget), cut), clock: () => now });
    await expect(dying.approveApplication({ applicationId }, director())).rejects.toBeInstanceOf(SimulatedCrash);
    await app.runner.catchUp();
    expect(app.services.read.approvalsOf(applicationId)).toMatchObject([{ status: 'abandoned' }]);
    const held = async () => moneyInvariantViolations(await readLog(store), { settled: true });
    expect(await held()).not.toEqual([]);

    // However long ago (the API was down, or the read model lagged), it is still found.
    now = new Date(now.getTime() + 6 * 3_600_000);
    expect(await app.approvalSweep.sweep()).toEqual([applicationId]);
    expect(await held()).toEqual([]);
    const releases = (await readLog(store)).filter((e) => e.type.endsWith('Released')).map((e) => e.type);
    expect(releases.sort()).toEqual(['EntitlementReleased', 'FactClaimReleased']);

    await app.runner.catchUp();
    expect(app.services.read.approvalsOf(applicationId)).toMatchObject([{ status: 'abandoned', reservationsHeld: 0 }]);
    expect(await app.approvalSweep.sweep()).toEqual([]);
  });
});
