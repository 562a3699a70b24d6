/**
 * A grant's whole life through the facade: paid in tranches, clawed back, repaid, waived.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import type { Ledger } from '../../src/ledger.js';
import { yuan } from '../support/domain-fixtures.js';
import { allocate, applicant, as, cashier, director, ledgerWithCatalog, officer, readLog, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { expectRejectsWith } from '../support/domain-spec.js';
import { freshLedgerForEachTest } from '../support/fresh-ledger.js';
import { testStores } from '../support/stores.js';

describe.each(testStores())('a grant of ¥100,000 from the startup-base reward on $name', (testStore) => {
  let store: EventStore;
  let ledger: Ledger;
  let app: string;
  freshLedgerForEachTest(testStore, (s, l) => ((store = s), (ledger = l)), { checkMoney: true });
  beforeEach(async () => {
    await allocate(ledger, 'startup-base-reward', yuan(300_000));
    const base = await registerFirm(ledger, 31, 'startup-base', 'jianan');
    // The reward rests on the base's provincial recognition (认定), recorded in the ledger before approval.
    const recognition = { kindCode: 'provincial-startup-base', documentNumber: '豫工信企业〔2016〕88号', designatedBy: '河南省工业和信息化委员会', designatedOn: '2016-03-01' };
    await ledger.recordDesignation({ creditCode: base, ...recognition }, as('admin-sun'));
    app = await reviewedApplication(ledger, base, 'startup-base-reward', { kind: 'base-recognition', reference: '豫工信企业〔2016〕88号' }, yuan(100_000));
    await ledger.approveApplication({ applicationId: app }, director());
  });

  const pay = (amountFen: number, ctx = cashier()) =>
    ledger.recordDisbursement({ applicationId: app, amountFen, paidOn: '2016-07-01', paymentReference: '国库集中支付-0701' }, ctx);

  it('is paid in tranches up to ¥100,000 and not a fen more', async () => {
    const first = await pay(yuan(60_000));
    const second = await pay(yuan(40_000));
    expect(first.disbursementId).not.toBe(second.disbursementId);
    await expectRejectsWith(pay(1), 'AMOUNT_INVALID', /¥0.00/);
  });

  it('is not paid by the director who approved it', async () => {
    await expectRejectsWith(pay(yuan(60_000), as('director-zhang')), 'FOUR_EYES');
  });

  it('is clawed back by at most what was paid, repaid up to the demand, and the rest waived', async () => {
    await pay(yuan(60_000));
    await expectRejectsWith(ledger.demandClawback({ applicationId: app, amountFen: yuan(60_000) + 1, reason: '虚假材料' }, officer()), 'AMOUNT_INVALID');
    const { clawbackId } = await ledger.demandClawback({ applicationId: app, amountFen: yuan(60_000), reason: '虚假材料' }, officer());
    const repay = (amountFen: number) =>
      ledger.recordRepayment({ applicationId: app, clawbackId, amountFen, paidOn: '2016-10-08', paymentReference: '非税收入-1008' }, cashier());
    await repay(yuan(45_000));
    await expectRejectsWith(repay(yuan(15_000) + 1), 'AMOUNT_INVALID', /¥15000.00 outstanding/);
    await ledger.waiveClawback({ applicationId: app, clawbackId, reason: '企业注销，无力偿还' }, director());
    const waived = (await readLog(store)).find((e) => e.type === 'ClawbackWaived');
    expect(waived?.data).toMatchObject({ amountFen: yuan(15_000) });
    await expectRejectsWith(repay(1), 'AMOUNT_INVALID');
  });

  it('is neither withdrawn nor rejected once approved', async () => {
    await expectRejectsWith(ledger.withdrawApplication({ applicationId: app }, applicant()), 'INVALID_TRANSITION');
    await expectRejectsWith(ledger.rejectApplication({ applicationId: app, reason: 'x' }, officer()), 'INVALID_TRANSITION');
  });
});

describe.each(testStores())('registering and applying on $name', (testStore) => {
  let store: EventStore;
  let ledger: Ledger;
  beforeEach(async () => {
    store = await testStore.create();
    ledger = await ledgerWithCatalog(store);
  });
  afterEach(() => store.close());

  it('refuses a mistyped credit code, naming the expected check character', async () => {
    await expectRejectsWith(
      ledger.registerEnterprise({ creditCode: '914403001922038217', name: '许昌某公司', county: 'weidu', kind: 'enterprise' }, officer()),
      'INVALID_CREDIT_CODE',
      /expected 6, got 7/,
    );
  });

  it('refuses an application from a firm that is not registered', async () => {
    await expectRejectsWith(
      ledger.submitApplication(
        { creditCode: '914403001922038216', lineCode: 'neeq-listing-reward', fiscalYear: 2016, qualifyingFact: { kind: 'neeq-listing', reference: 'x' }, requestedFen: yuan(500_000), evidence: {} },
        applicant(),
      ),
      'NOT_FOUND',
    );
  });

  it('lets the applicant withdraw before approval', async () => {
    const firm = await registerFirm(ledger, 32);
    const app = await reviewedApplication(ledger, firm, 'innovation-voucher', { kind: 'tech-transfer-contract', reference: 'T-32' }, yuan(30_000));
    await ledger.withdrawApplication({ applicationId: app }, applicant());
    await expectRejectsWith(ledger.approveApplication({ applicationId: app, amountFen: yuan(30_000) }, director()), 'INVALID_TRANSITION', /withdrawn/);
  });

  it('amends a line by command: the special fund moves to another lead unit', async () => {
    await ledger.amendBenefitLine({ lineCode: 'sme-special-fund', changes: { leadUnit: '市财政局' } }, as('admin-sun', { documentRef: '许政办〔2017〕3号' }));
    const amended = (await readLog(store)).find((e) => e.type === 'BenefitLineAmended');
    expect(amended?.data).toMatchObject({ lineCode: 'sme-special-fund', changes: { leadUnit: '市财政局' } });
    expect(amended?.metadata.documentRef).toBe('许政办〔2017〕3号');
  });
});
