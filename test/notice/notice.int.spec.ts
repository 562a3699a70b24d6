/**
 * Public notice through the ledger's facade: the NEEQ listing reward with five working days of
 * notice, published the Friday before 国庆节 2025, with the approval gate where approvals start.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applicationStream } from '../../src/application/application.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { createLedger, type Ledger } from '../../src/ledger.js';
import { yuan } from '../support/domain-fixtures.js';
import { as, finance } from '../support/domain-ledger.js';
import { creditCode } from '../support/domain-fixtures.js';
import { expectRejectsWith } from '../support/domain-spec.js';
import { SimulatedCrash, wrapStore } from '../support/domain-stores.js';
import { testStores } from '../support/stores.js';

const LINE = 'neeq-listing-reward';
const SYSTEM = { actorId: 'system', actorRole: 'SYSTEM' };
/** 10:00 in Xuchang on `date`. */
const at = (date: string) => new Date(`${date}T02:00:00.000Z`);

describe.each(testStores())('the NEEQ listing reward with five working days of public notice, on $name', (testStore) => {
  let store: EventStore;
  let ledger: Ledger;
  let today = at('2025-09-20');

  async function reviewed(serial: number): Promise<string> {
    const firm = creditCode(serial);
    await ledger.registerEnterprise({ creditCode: firm, name: `许昌挂牌企业${serial}号股份有限公司`, county: 'yuzhou', kind: 'enterprise' }, as('admin-sun'));
    const fact = { kind: 'neeq-listing', reference: `股转系统函〔2025〕${serial}号` };
    const { applicationId } = await ledger.submitApplication({ creditCode: firm, lineCode: LINE, fiscalYear: 2025, qualifyingFact: fact, requestedFen: yuan(500_000), evidence: {} }, as(`applicant-${serial}`));
    await ledger.reviewApplication({ applicationId, opinion: '材料齐全' }, as('officer-li'));
    return applicationId;
  }

  beforeEach(async () => {
    store = await testStore.create();
    today = at('2025-09-20');
    ledger = createLedger({ store, clock: () => today });
    await ledger.loadBuiltInCatalog(SYSTEM);
    await ledger.loadBuiltInCalendar(SYSTEM);
    await ledger.amendBenefitLine({ lineCode: LINE, changes: { noticeWorkingDays: 5 } }, as('admin-sun'));
    await ledger.allocateBudget({ lineCode: LINE, fiscalYear: 2025, payer: 'municipal', amountFen: yuan(5_000_000) }, finance());
  });

  afterEach(() => store.close());

  it('is not approved before its notice, during it, nor while an objection is open; then it is', async () => {
    const applicationId = await reviewed(1);
    await expectRejectsWith(ledger.approveApplication({ applicationId }, as('approver-wang')), 'NOTICE_PERIOD', /must be published/);

    today = at('2025-09-26');
    await ledger.publishNotice({ lineCode: LINE, fiscalYear: 2025, applicationIds: [applicationId] }, as('officer-li'));
    today = at('2025-10-09');
    await expectRejectsWith(ledger.approveApplication({ applicationId }, as('approver-wang')), 'NOTICE_PERIOD', /until 2025-10-09/);
    const objection = { applicationId, objectorName: '张三', contact: '0374-1234567', statement: '该企业挂牌时间不符' };
    const { objectionId } = await ledger.recordObjection(objection, as('auditor-zhou'));

    today = at('2025-10-10');
    await expectRejectsWith(ledger.approveApplication({ applicationId }, as('approver-wang')), 'OBJECTION_OPEN');
    await expectRejectsWith(ledger.dismissObjection({ applicationId, objectionId, reason: '经核实挂牌属实' }, as('officer-li')), 'FOUR_EYES');
    await ledger.dismissObjection({ applicationId, objectionId, reason: '经核实挂牌属实' }, as('officer-zhang'));
    expect(await ledger.approveApplication({ applicationId }, as('approver-wang'))).toMatchObject({ amountFen: yuan(500_000) });
  });

  it('rejects the application with the reason when an objection is upheld, once even if sent twice', async () => {
    const applicationId = await reviewed(2);
    today = at('2025-09-26');
    await ledger.publishNotice({ lineCode: LINE, fiscalYear: 2025, applicationIds: [applicationId] }, as('officer-li'));
    const { objectionId } = await ledger.recordObjection({ applicationId, objectorName: '李四', contact: '', statement: '重复申报' }, as('applicant-9'));
    const uphold = as('approver-wang');
    await ledger.upholdObjection({ applicationId, objectionId, reason: '与市级其他政策重复享受' }, uphold);
    await ledger.upholdObjection({ applicationId, objectionId, reason: '与市级其他政策重复享受' }, uphold);
    const events = await store.readStream(applicationStream(applicationId));
    const rejected = events.filter((e) => e.type === 'ApplicationRejected');
    expect(rejected.map((e) => e.data)).toEqual([expect.objectContaining({ reason: '公示异议成立：与市级其他政策重复享受', rejectedBy: 'approver-wang' })]);
  });

  it('finishes an upheld objection\'s rejection when the same command is sent again after a crash between the two streams', async () => {
    const applicationId = await reviewed(5);
    today = at('2025-09-26');
    await ledger.publishNotice({ lineCode: LINE, fiscalYear: 2025, applicationIds: [applicationId] }, as('officer-li'));
    const { objectionId } = await ledger.recordObjection({ applicationId, objectorName: '王五', contact: '', statement: '挂牌信息不实' }, as('auditor-zhou'));
    const dying = wrapStore(store, {
      async append(stream, events, options) {
        if (events.some((e) => e.type === 'ApplicationRejected')) throw new SimulatedCrash();
        return store.append(stream, events, options);
      },
    });
    const uphold = as('approver-wang');
    const input = { applicationId, objectionId, reason: '挂牌信息不实' };
    await expect(createLedger({ store: dying, clock: () => today }).upholdObjection(input, uphold)).rejects.toBeInstanceOf(SimulatedCrash);
    expect((await store.readStream(applicationStream(applicationId))).map((e) => e.type)).not.toContain('ApplicationRejected');
    await createLedger({ store, clock: () => today }).upholdObjection(input, uphold);
    expect((await store.readStream(applicationStream(applicationId))).filter((e) => e.type === 'ApplicationRejected')).toHaveLength(1);
  });

  it('refuses to publish an application not yet reviewed, and an objection naming no one', async () => {
    const firm = creditCode(3);
    await ledger.registerEnterprise({ creditCode: firm, name: '许昌挂牌企业3号股份有限公司', county: 'yuzhou', kind: 'enterprise' }, as('admin-sun'));
    const fact = { kind: 'neeq-listing', reference: '股转系统函〔2025〕3号' };
    const { applicationId } = await ledger.submitApplication({ creditCode: firm, lineCode: LINE, fiscalYear: 2025, qualifyingFact: fact, requestedFen: yuan(500_000), evidence: {} }, as('applicant-3'));
    await expectRejectsWith(ledger.publishNotice({ lineCode: LINE, fiscalYear: 2025, applicationIds: [applicationId] }, as('officer-li')), 'INVALID_TRANSITION', /only reviewed/);
    const other = await reviewed(4);
    await ledger.publishNotice({ lineCode: LINE, fiscalYear: 2025, applicationIds: [other] }, as('officer-li'));
    await expectRejectsWith(ledger.recordObjection({ applicationId: other, objectorName: '', contact: '', statement: '不符' }, as('applicant-9')), 'INVALID_INPUT', /name/);
  });
});
