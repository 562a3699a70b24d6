/**
 * The fiscal-year close (结账) through the facade, with the policy's numbers: a ¥500,000 NEEQ
 * listing reward approved in 2016 and unpaid at the close is carried over (结转) and paid from the
 * 2017 line; a payment dated into the closed year is refused; an innovation-voucher line of
 * ¥1,200,000 with ¥900,000 paid and ¥100,000 committed closes with ¥100,000 carried over and
 * ¥200,000 surplus (结余).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventStore, RecordedEvent } from '../../src/eventstore/port.js';
import { createLedger, type Ledger } from '../../src/ledger.js';
import { yuan } from '../support/domain-fixtures.js';
import { allocate, as, cashier, director, finance, readLog, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { expectRejectsWith } from '../support/domain-spec.js';
import { testStores } from '../support/stores.js';

const NEEQ = 'neeq-listing-reward';
const VOUCHER = 'innovation-voucher';
const listing = { kind: 'neeq-listing', reference: '股转系统函〔2016〕1234号' };
const voucherFact = (n: number) => ({ kind: 'technology-transfer', reference: `许科〔2016〕${n}号` });

describe.each(testStores())('closing fiscal year 2016 on $name', (testStore) => {
  let store: EventStore;
  let ledger: Ledger;
  let now: string;
  const heads: { fiscalYear: number; position: string }[] = [];
  const in2017 = () => (now = '2017-01-20T02:00:00.000Z');
  const ofType = async (type: string) => (await readLog(store)).filter((e: RecordedEvent) => e.type === type).map((e) => e.data);
  const pay = (applicationId: string, amountFen: number, paidOn: string) =>
    ledger.recordDisbursement({ applicationId, amountFen, paidOn, paymentReference: `GK-${applicationId}-${paidOn}` }, cashier());
  const close = async (choices = { lineRules: {}, approvals: {} }) => {
    await ledger.prepareFiscalYearClose({ fiscalYear: 2016, choices }, finance());
    return ledger.confirmFiscalYearClose({ fiscalYear: 2016 }, as('finance-liu'));
  };

  beforeEach(async () => {
    now = '2016-06-01T09:00:00.000Z';
    heads.length = 0;
    store = await testStore.create();
    ledger = createLedger({ store, clock: () => new Date(now), fiscalClose: { afterFiscalYearClosed: async (h) => void heads.push(h) } });
    await ledger.loadBuiltInCatalog({ actorId: 'system', actorRole: 'SYSTEM' });
    return () => store.close();
  });

  describe('with a ¥500,000 NEEQ listing reward approved in 2016 and unpaid', () => {
    let app: string;
    beforeEach(async () => {
      await allocate(ledger, NEEQ, yuan(1_000_000));
      const firm = await registerFirm(ledger, 41);
      app = await reviewedApplication(ledger, firm, NEEQ, listing, yuan(500_000));
      await ledger.approveApplication({ applicationId: app }, director());
      in2017();
      await allocate(ledger, NEEQ, yuan(2_000_000), 'municipal', 2017);
    });

    it('carries it over to the 2017 line, which shows it linked to the 2016 line, and pays it from there', async () => {
      const closed = await close();
      expect(await ofType('BudgetCarriedOut')).toMatchObject([{ budgetLineId: `${NEEQ}.2016.municipal`, toBudgetLineId: `${NEEQ}.2017.municipal`, applicationId: app, amountFen: yuan(500_000) }]);
      expect(await ofType('BudgetCarriedIn')).toMatchObject([{ budgetLineId: `${NEEQ}.2017.municipal`, fromBudgetLineId: `${NEEQ}.2016.municipal`, amountFen: yuan(500_000) }]);
      expect(await ofType('BudgetLineClosed')).toMatchObject([{ budgetLineId: `${NEEQ}.2016.municipal`, surplusFen: yuan(500_000) }]);
      expect(heads).toEqual([{ fiscalYear: 2016, position: closed.position }]);

      await pay(app, yuan(500_000), '2017-02-10');
      expect(await ofType('DisbursementRecorded')).toMatchObject([{ budgetLineId: `${NEEQ}.2017.municipal`, amountFen: yuan(500_000) }]);
    });

    it('lets it lapse by the preparer\'s choice: its rest is surplus and no longer payable', async () => {
      const [committed] = await ofType('BudgetCommitted');
      await close({ lineRules: {}, approvals: { [(committed as { approvalId: string }).approvalId]: 'lapse' } });
      expect(await ofType('GrantLapsed')).toMatchObject([{ applicationId: app, amountFen: yuan(500_000) }]);
      expect(await ofType('BudgetLineClosed')).toMatchObject([{ surplusFen: yuan(1_000_000) }]);
      await expectRejectsWith(pay(app, yuan(500_000), '2017-02-10'), 'AMOUNT_INVALID', /lapsed/);
    });

    it('lets it lapse by the line\'s rule', async () => {
      await close({ lineRules: { [NEEQ]: 'lapse' }, approvals: {} });
      expect(await ofType('GrantLapsed')).toHaveLength(1);
    });

    it('refuses a payment dated into the closed year, and an allocation, adjustment or approval booked into it', async () => {
      await close();
      await expectRejectsWith(pay(app, yuan(500_000), '2016-12-30'), 'PERIOD_CLOSED', /2016 is closed/);
      await expectRejectsWith(ledger.adjustBudget({ budgetLineId: `${NEEQ}.2016.municipal`, deltaFen: yuan(1), reason: '更正' }, finance()), 'PERIOD_CLOSED');
      await expectRejectsWith(ledger.allocateBudget({ lineCode: VOUCHER, fiscalYear: 2016, payer: 'municipal', amountFen: yuan(1) }, finance()), 'PERIOD_CLOSED');
      const late = await reviewedApplication(ledger, await registerFirm(ledger, 42), NEEQ, { ...listing, reference: '股转系统函〔2016〕9999号' }, yuan(500_000));
      await expectRejectsWith(ledger.approveApplication({ applicationId: late }, director()), 'PERIOD_CLOSED');
    });

    it('takes a correction as an adjusting entry in the open year, naming the entry it corrects', async () => {
      await close();
      const corrects = `${NEEQ}.2016.municipal`;
      await ledger.adjustBudget({ budgetLineId: `${NEEQ}.2017.municipal`, deltaFen: -yuan(10_000), reason: '更正2016年预算安排', corrects }, finance());
      expect(await ofType('BudgetAdjusted')).toMatchObject([{ budgetLineId: `${NEEQ}.2017.municipal`, deltaFen: -yuan(10_000), corrects }]);
    });

    it('is confirmed by another person than the one who prepared it (四眼原则), and only once', async () => {
      await ledger.prepareFiscalYearClose({ fiscalYear: 2016, choices: { lineRules: {}, approvals: {} } }, finance());
      await expectRejectsWith(ledger.confirmFiscalYearClose({ fiscalYear: 2016 }, finance()), 'FOUR_EYES');
      await ledger.confirmFiscalYearClose({ fiscalYear: 2016 }, as('finance-liu'));
      await expectRejectsWith(ledger.confirmFiscalYearClose({ fiscalYear: 2016 }, as('finance-wu')), 'PERIOD_CLOSED');
    });

    it('is prepared again when the year changed after it was prepared', async () => {
      await ledger.prepareFiscalYearClose({ fiscalYear: 2016, choices: { lineRules: {}, approvals: {} } }, finance());
      await pay(app, yuan(100_000), '2016-12-31');
      await expectRejectsWith(ledger.confirmFiscalYearClose({ fiscalYear: 2016 }, as('finance-liu')), 'INVALID_TRANSITION', /prepare it again/);
    });
  });

  it('closes an innovation-voucher line of ¥1,200,000 with ¥900,000 paid and ¥100,000 committed: ¥100,000 carried over, ¥200,000 surplus', async () => {
    await allocate(ledger, VOUCHER, yuan(1_200_000));
    const paid = await reviewedApplication(ledger, await registerFirm(ledger, 51), VOUCHER, voucherFact(1), yuan(900_000));
    await ledger.approveApplication({ applicationId: paid, amountFen: yuan(900_000) }, director());
    await pay(paid, yuan(900_000), '2016-09-01');
    const unpaid = await reviewedApplication(ledger, await registerFirm(ledger, 52), VOUCHER, voucherFact(2), yuan(100_000));
    await ledger.approveApplication({ applicationId: unpaid, amountFen: yuan(100_000) }, director());
    in2017();
    await allocate(ledger, VOUCHER, yuan(1_500_000), 'municipal', 2017);
    await close();
    const [completed] = await ofType('FiscalYearCloseCompleted');
    expect(completed).toMatchObject({ fiscalYear: 2016, carriedOverFen: yuan(100_000), lapsedFen: 0, surplusFen: yuan(200_000) });
    expect(await ofType('BudgetCarriedOut')).toMatchObject([{ applicationId: unpaid, amountFen: yuan(100_000) }]);
  });

  it('refuses to carry over into a next year\'s line Finance has not allocated', async () => {
    await allocate(ledger, NEEQ, yuan(1_000_000));
    const app = await reviewedApplication(ledger, await registerFirm(ledger, 43), NEEQ, listing, yuan(500_000));
    await ledger.approveApplication({ applicationId: app }, director());
    in2017();
    await expectRejectsWith(ledger.prepareFiscalYearClose({ fiscalYear: 2016, choices: { lineRules: {}, approvals: {} } }, finance()), 'NOT_FOUND', /not allocated/);
  });

  it('refuses to close a year that has not ended', async () => {
    await expectRejectsWith(ledger.prepareFiscalYearClose({ fiscalYear: 2016, choices: { lineRules: {}, approvals: {} } }, finance()), 'INVALID_TRANSITION', /not ended/);
  });
});
