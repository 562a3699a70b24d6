/**
 * Figures as of a date (截至某日) and as reported at a position or time, and the budget execution
 * report (预算执行情况), over a year closed with a carry-over (结转); reconciliation finds nothing.
 * The innovation-voucher line of ¥1,200,000: ¥900,000 paid (¥300,000 of it recorded late, with a
 * November value date), ¥100,000 approved and unpaid at the close, carried over and paid in 2017.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore, Position } from '../../src/eventstore/port.js';
import { createLedger, type Ledger } from '../../src/ledger.js';
import { ledgerProjections } from '../../src/readmodel/ledger-projections.js';
import { createReadModelQueries, type ReadModelQueries } from '../../src/readmodel/queries/index.js';
import { openReadStore, type ReadStore } from '../../src/readmodel/read-store.js';
import { reconcile } from '../../src/readmodel/reconcile.js';
import { reportedAt } from '../../projections/finance-journal/queries.js';
import { yuan } from '../support/domain-fixtures.js';
import { allocate, as, cashier, director, finance, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { buildReadModels } from '../readmodel/support/read-side.js';
import { testStores } from '../support/stores.js';

const VOUCHER = 'innovation-voucher';
const LINE_2016 = `${VOUCHER}.2016.municipal`;
const LINE_2017 = `${VOUCHER}.2017.municipal`;

describe.each(testStores())('the innovation-voucher line of 2016, closed, on $name', (testStore) => {
  let store: EventStore;
  let readStore: ReadStore;
  let read: ReadModelQueries;
  let ledger: Ledger;
  let now = '2016-03-01T02:00:00.000Z';
  let firm: string;
  /** Where the log stood, and when, before the late payment was recorded. */
  let beforeLate: { position: Position; time: string };

  beforeAll(async () => {
    store = await testStore.create();
    ledger = createLedger({ store, clock: () => new Date(now) });
    await ledger.loadBuiltInCatalog({ actorId: 'system', actorRole: 'SYSTEM' });
    await allocate(ledger, VOUCHER, yuan(1_200_000));
    firm = await registerFirm(ledger, 61);
    const paid = await reviewedApplication(ledger, firm, VOUCHER, { kind: 'technology-transfer', reference: '许科〔2016〕11号' }, yuan(900_000));
    await ledger.approveApplication({ applicationId: paid, amountFen: yuan(900_000) }, director());
    await ledger.recordDisbursement({ applicationId: paid, amountFen: yuan(600_000), paidOn: '2016-09-01', paymentReference: 'GK-0901' }, cashier());
    const unpaid = await reviewedApplication(ledger, await registerFirm(ledger, 62), VOUCHER, { kind: 'technology-transfer', reference: '许科〔2016〕12号' }, yuan(100_000));
    const approved = await ledger.approveApplication({ applicationId: unpaid, amountFen: yuan(100_000) }, director());
    beforeLate = { position: approved.position, time: now };
    now = '2016-12-20T02:00:00.000Z';
    await ledger.recordDisbursement({ applicationId: paid, amountFen: yuan(300_000), paidOn: '2016-11-30', paymentReference: 'GK-1130' }, cashier());
    now = '2017-01-20T02:00:00.000Z';
    await allocate(ledger, VOUCHER, yuan(1_500_000), 'municipal', 2017);
    await ledger.prepareFiscalYearClose({ fiscalYear: 2016, choices: { lineRules: {}, approvals: {} } }, finance());
    await ledger.confirmFiscalYearClose({ fiscalYear: 2016 }, as('finance-liu'));
    await ledger.recordDisbursement({ applicationId: unpaid, amountFen: yuan(100_000), paidOn: '2017-03-01', paymentReference: 'GK-2017-0301' }, cashier());
    readStore = openReadStore({ file: ':memory:' });
    await buildReadModels(store, readStore, ledgerProjections);
    read = createReadModelQueries(readStore);
  });

  afterAll(async () => {
    readStore.close();
    await store.close();
  });

  const line2016 = (asOf: string, asReportedAt?: string) =>
    read.budgetLinesAsOf({ fiscalYear: 2016, lineCode: VOUCHER }, { asOf, asReportedAt: asReportedAt === undefined ? undefined : reportedAt(asReportedAt) })[0];

  it('reconciles clean: the replay and every identity, carry-over and journal included', async () => {
    const { differences, skipped } = await reconcile({ store, readStore, projections: ledgerProjections });
    expect(skipped).toEqual([]);
    expect(differences).toEqual([]);
  });

  it('shows the late-recorded ¥300,000 as of its value date, but not as the ledger reported it before it was recorded', () => {
    expect(line2016('2016-11-29')).toMatchObject({ disbursedFen: yuan(600_000), committedFen: yuan(400_000) });
    expect(line2016('2016-11-30')).toMatchObject({ disbursedFen: yuan(900_000), committedFen: yuan(100_000), availableFen: yuan(200_000) });
    expect(line2016('2016-11-30', beforeLate.position)).toMatchObject({ disbursedFen: yuan(600_000), committedFen: yuan(400_000) });
    expect(line2016('2016-11-30', beforeLate.time)).toMatchObject({ disbursedFen: yuan(600_000) });
    expect(read.disbursements({ lineCode: VOUCHER, asOf: '2016-11-30', asReportedAt: reportedAt(beforeLate.position) }, { limit: 10, offset: 0 }).totalFen).toBe(yuan(600_000));
    expect(read.disbursements({ lineCode: VOUCHER, asOf: '2016-11-30' }, { limit: 10, offset: 0 }).totalFen).toBe(yuan(900_000));
    expect(read.enterpriseBalanceAsOf(firm, { asOf: '2016-11-30', asReportedAt: reportedAt(beforeLate.position) })).toMatchObject({ approvedFen: yuan(900_000), disbursedFen: yuan(600_000) });
    expect(read.enterpriseBalanceAsOf(firm, { asOf: '2016-11-30' })).toMatchObject({ disbursedFen: yuan(900_000), netBenefitFen: yuan(900_000) });
  });

  it('reports the year end: ¥100,000 carried out, ¥200,000 available as surplus, the line closed', () => {
    const { lines, articles } = read.budgetExecution(2016, { asOf: '2016-12-31' });
    expect(lines).toEqual([
      {
        budgetLineId: LINE_2016, lineCode: VOUCHER, article: '(二)', fiscalYear: 2016, payer: 'municipal', closed: true,
        allocatedFen: yuan(1_200_000), adjustmentsFen: 0, committedFen: 0, disbursedFen: yuan(900_000), recoveredFen: 0,
        carriedInFen: 0, carriedOutFen: yuan(100_000), lapsedFen: 0, availableFen: yuan(200_000),
      },
    ]);
    expect(articles).toEqual([expect.objectContaining({ article: '(二)', payer: 'municipal', carriedOutFen: yuan(100_000), availableFen: yuan(200_000) })]);
  });

  it('shows the carry-over on the 2017 line, linked to 2016, paid from there', () => {
    const asOf = (date: string) => read.budgetLinesAsOf({ fiscalYear: 2017 }, { asOf: date })[0];
    expect(asOf('2017-01-01')).toBeUndefined();
    expect(asOf('2017-01-31')).toMatchObject({ budgetLineId: LINE_2017, carriedInFen: yuan(100_000), committedFen: yuan(100_000), availableFen: yuan(1_500_000) });
    expect(asOf('2017-03-01')).toMatchObject({ carriedInFen: yuan(100_000), committedFen: 0, disbursedFen: yuan(100_000), availableFen: yuan(1_500_000) });
    expect(read.budgetLinesById([LINE_2016, LINE_2017])).toMatchObject([
      { carriedOutFen: yuan(100_000), surplusFen: yuan(200_000), committedFen: 0 },
      { carriedInFen: yuan(100_000), surplusFen: null, disbursedFen: yuan(100_000) },
    ]);
  });
});
