/**
 * The sweep while the API runs: an approval a dead process left "approving" is completed
 * without a restart, once it is old enough that no live command is still driving it.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import { type LedgerApp, openLedgerApp } from '../../src/graphql/app.js';
import { createLedger } from '../../src/ledger.js';
import { NOW, yuan } from '../support/domain-fixtures.js';
import { moneyInvariantViolations } from '../support/domain-invariants.js';
import { allocate, director, readLog, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { crashingAfter, SimulatedCrash } from '../support/domain-stores.js';
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
});
