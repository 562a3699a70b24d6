/**
 * The measures through the ledger, the read model and reconciliation: the startup-base reward
 * refused until the base's recognition is recorded; the scale-up reward refused while the pool
 * monitors the firm and approved once it left as above-designated-size; each target of 2016 with
 * what was done, the share and the lead unit, and the figures reconciled with a replay.
 */
import { describe, expect, it } from 'vitest';
import { ledgerProjections } from '../../src/readmodel/ledger-projections.js';
import { createReadModelQueries } from '../../src/readmodel/queries/index.js';
import { openReadStore } from '../../src/readmodel/read-store.js';
import { reconcile } from '../../src/readmodel/reconcile.js';
import { creditCode, yuan } from '../support/domain-fixtures.js';
import { allocate, as, director, registerFirm, reviewedApplication } from '../support/domain-ledger.js';
import { expectRejectsWith } from '../support/domain-spec.js';
import { freshLedgerForEachTest } from '../support/fresh-ledger.js';
import { testStores } from '../support/stores.js';
import type { EventStore } from '../../src/eventstore/port.js';
import type { Ledger } from '../../src/ledger.js';
import { buildReadModels } from '../readmodel/support/read-side.js';

const admin = () => as('admin-sun');
const unit = () => as('unit-gxw');
const RECOGNITION = '豫工信企业〔2016〕88号';
const STATISTICS = '许统规上〔2016〕12号';
const POOL = 'key-cultivation';

describe.each(testStores())('the measures of 许政〔2016〕8号 on $name', (testStore) => {
  let store: EventStore;
  let ledger: Ledger;
  freshLedgerForEachTest(testStore, (s, l) => ((store = s), (ledger = l)), { checkMoney: true });

  const recognise = (base: string, kindCode = 'provincial-startup-base', documentNumber = RECOGNITION, designatedOn = '2016-03-01') =>
    ledger.recordDesignation({ creditCode: base, kindCode, documentNumber, designatedBy: '河南省工业和信息化委员会', designatedOn }, admin());

  it('refuses the startup-base reward until the base\'s recognition is recorded, then approves ¥100,000', async () => {
    await allocate(ledger, 'startup-base-reward', yuan(300_000));
    const base = await registerFirm(ledger, 51, 'startup-base', 'weidu');
    const app = await reviewedApplication(ledger, base, 'startup-base-reward', { kind: 'base-recognition', reference: RECOGNITION }, yuan(100_000));
    await expectRejectsWith(ledger.approveApplication({ applicationId: app }, director()), 'PREREQUISITE_MISSING', /record the recognition/);
    await recognise(base);
    expect(await ledger.approveApplication({ applicationId: app }, director())).toMatchObject({ amountFen: yuan(100_000) });
  });

  it('refuses the scale-up reward while the pool monitors the firm, and approves ¥20,000 once it left above-designated-size', async () => {
    await allocate(ledger, 'scale-up-reward', yuan(100_000));
    const firm = await registerFirm(ledger, 52);
    await ledger.enterPool({ poolCode: POOL, creditCode: firm, year: 2016, outputValueFen: yuan(12_000_000), enteredOn: '2016-02-10' }, as('officer-li'));
    const app = await reviewedApplication(ledger, firm, 'scale-up-reward', { kind: 'scale-up-statistics', reference: STATISTICS }, yuan(20_000));
    await expectRejectsWith(ledger.approveApplication({ applicationId: app }, director()), 'PREREQUISITE_MISSING', /still monitors/);
    await ledger.exitPool({ poolCode: POOL, creditCode: firm, reason: 'above-designated-size', reference: STATISTICS, exitedOn: '2016-05-31' }, as('officer-li'));
    expect(await ledger.approveApplication({ applicationId: app }, director())).toMatchObject({ amountFen: yuan(20_000) });
  });

  it('gives each target of 2016 its progress, with the activities behind it, and reconciles', async () => {
    await ledger.setBuiltInTargets(2016, { actorId: 'admin-sun', actorRole: 'ADMIN' });
    const incubator = await registerFirm(ledger, 53, 'startup-base', 'jingkaiqu');
    await recognise(incubator, 'provincial-tech-incubator', '豫科高〔2016〕9号', '2016-04-01');
    for (const [serial, documentNumber] of [[54, '豫工信〔2016〕120号'], [55, '豫工信〔2016〕121号']] as const) {
      await recognise(await registerFirm(ledger, serial), 'provincial-sme-service-platform', documentNumber, '2016-05-10');
    }
    const activity = (targetCode: string, heldOn: string, firmsTakingPart: number, unitName: string, extra = {}) =>
      ledger.recordActivity({ targetCode, year: 2016, title: `${targetCode} ${heldOn}`, heldOn, place: '许昌市', firmsTakingPart, unit: unitName, ...extra }, unit());
    for (let month = 1; month <= 12; month++) await activity('production-sales-matchmaking', `2016-${String(month).padStart(2, '0')}-15`, 40, '市工信委');
    await activity('e-commerce-firms', '2016-03-01', 120, '市商务局');
    await activity('e-commerce-firms', '2016-04-01', 180, '市工信委');
    const discount = (basisPoints: number) => ({ rentDiscount: { baseCreditCode: incubator, firmCreditCode: creditCode(56), basisPoints } });
    await activity('startup-base-rent-discounts', '2016-03-01', 1, '市工信委', discount(800));
    await activity('startup-base-rent-discounts', '2016-03-02', 1, '市科技局', discount(400));

    const readStore = openReadStore({ file: ':memory:' });
    try {
      await buildReadModels(store, readStore, ledgerProjections);
      const q = createReadModelQueries(readStore);
      const progress = Object.fromEntries(q.targetProgress({ year: 2016 }).map((t) => [t.targetCode, [t.quantity, t.done, t.shareBasisPoints, t.met, t.leadUnit]]));
      expect(progress).toEqual({
        'provincial-incubators': [1, 1, 10_000, true, '市工信委'],
        'provincial-makerspaces': [1, 0, 0, false, '市工信委'],
        'startup-base-rent-discounts': [500, 400, 8_000, false, '市工信委'],
        'production-sales-matchmaking': [12, 12, 10_000, true, '市工信委'],
        'recruitment-fairs': [80, 0, 0, false, '市工信委'],
        'provincial-demonstration-platforms': [3, 2, 6_666, false, '市工信委'],
        'e-commerce-firms': [500, 300, 6_000, false, '市工信委'],
      });
      const behindECommerce = q.activities({ targetCode: 'e-commerce-firms', year: 2016 }, { limit: 10, offset: 0 });
      expect(behindECommerce.rows.map((a) => [a.unit, a.firmsTakingPart])).toEqual([['市商务局', 120], ['市工信委', 180]]);
      expect(q.designations({ kindCode: 'provincial-sme-service-platform', year: 2016 }, { limit: 10, offset: 0 }).totalCount).toBe(2);
      expect(await reconcile({ store, readStore, projections: ledgerProjections })).toMatchObject({ differences: [], skipped: [] });
    } finally {
      readStore.close();
    }
  });
});
