/**
 * A budget refusal quotes the figures `budgetLine` shows: allocated, committed (approved, unpaid),
 * disbursed and available, never committed and disbursed added under one name.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LedgerApp, openLedgerApp } from '../../src/app.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { NOW, yuan } from '../support/domain-fixtures.js';
import { allocate, cashier, director, finance, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { expectRejectsWith } from '../support/domain-spec.js';

describe('a NEEQ line of ¥1,200,000 with one reward paid and one approved, unpaid', () => {
  let store: EventStore;
  let app: LedgerApp;
  let budgetLineId: string;
  const listed = async (serial: number) =>
    reviewedApplication(app.ledger, await registerFirm(app.ledger, serial), 'neeq-listing-reward', { kind: 'neeq-listing', reference: `股转系统函〔2016〕${serial}号` }, yuan(500_000));

  beforeEach(async () => {
    store = openSqliteEventStore({ file: ':memory:' });
    app = await openLedgerApp({ store, readStoreFile: ':memory:', logger: pino({ level: 'silent' }), clock: () => new Date(NOW) });
    budgetLineId = await allocate(app.ledger, 'neeq-listing-reward', yuan(1_200_000));
    const paid = await listed(51);
    await app.ledger.approveApplication({ applicationId: paid }, director());
    await app.ledger.recordDisbursement({ applicationId: paid, amountFen: yuan(500_000), paidOn: '2016-07-01', paymentReference: 'GK-2016-0051' }, cashier());
    await app.ledger.approveApplication({ applicationId: await listed(52) }, director());
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const asBudgetLineShows = 'allocated ¥1200000.00, committed ¥500000.00, disbursed ¥500000.00, available ¥200000.00';

  it('refuses a third ¥500,000 reward quoting what budgetLine shows', async () => {
    const refusal = await expectRejectsWith(app.ledger.approveApplication({ applicationId: await listed(53) }, director()), 'BUDGET_EXCEEDED');
    expect(refusal.message).toContain(`budget line ${budgetLineId} (${asBudgetLineShows})`);
    const [line] = app.services.read.budgetLinesById([budgetLineId]);
    expect(line).toMatchObject({ allocatedFen: yuan(1_200_000), committedFen: yuan(500_000), disbursedFen: yuan(500_000), availableFen: yuan(200_000) });
  });

  it('refuses a cut of ¥300,000 below what approvals hold, with the same figures', async () => {
    const cut = app.ledger.adjustBudget({ budgetLineId, deltaFen: -yuan(300_000), reason: '预算调减' }, finance());
    const refusal = await expectRejectsWith(cut, 'BUDGET_EXCEEDED', /cutting ¥300000.00/);
    expect(refusal.message).toContain(asBudgetLineShows);
  });
});
