/**
 * Every operation of schema/examples.graphql runs, as the kind of user it is written for, on the
 * demo data, without an error: the examples a frontend copies are known to work. Every query is
 * sent again until the API would have compiled it, and must answer as it did on graphql-js (which
 * queries compile is compiled-execution.unit.spec.ts's to say).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCreditCode, DEMO_ENTERPRISES } from '../../src/demo/enterprises.js';
import { Role } from '../../src/graphql/auth/role.js';
import { example as exampleSource, exampleNames } from '../../src/graphql/examples.js';
import { compiledAnswer } from '../support/compiled.js';
import { testStores } from '../support/stores.js';
import { applicantToken, startTestApi, type TestApi, token } from './support/api.js';
import { key, refusal, run } from './support/run.js';

describe.each(testStores())('the example operations on the demo ($name store)', (testStore) => {
  let api: TestApi;
  const ran = new Set<string>();
  const as: Partial<Record<Role, string>> = {};
  beforeAll(async () => {
    api = await startTestApi(testStore, { demo: true });
    for (const role of [Role.ADMIN, Role.FINANCE, Role.OFFICER, Role.APPROVER, Role.TREASURY, Role.AUDITOR]) as[role] = await token(role);
  });
  afterAll(() => api?.close());

  const example = async (name: string, variables: Record<string, unknown>, bearer: string) => {
    ran.add(name);
    const query = exampleSource(name).startsWith('query');
    // The read models catch up after a command answers: a query compared with its compiled twin
    // must not straddle that (Reconciliation reports the position it compared at).
    if (query) await api.caughtUp();
    const answer = await run(api, name, variables, bearer);
    if (query) expect(await compiledAnswer(() => run(api, name, variables, bearer))).toEqual(answer);
    return answer;
  };
  const command = (name: string, input: Record<string, unknown>, bearer: string) => example(name, { input: { idempotencyKey: key(name), ...input } }, bearer);

  it('runs for every kind of user, from registration to reconciliation', async () => {
    const firm = DEMO_ENTERPRISES[0]!;
    expect((await example('Viewer', {}, await applicantToken(firm.creditCode))).viewer).toEqual({ subject: `applicant-${firm.creditCode}`, role: 'APPLICANT', creditCode: firm.creditCode });
    const lines = (await example('Catalog', {}, as.OFFICER!)).policies[0].benefitLines;
    expect(lines).toHaveLength(8);
    expect(lines.find((l: { code: string }) => l.code === 'startup-base-reward')).toMatchObject({ qualifyingDesignation: 'provincial-startup-base', qualifyingPoolExit: null });
    expect((await example('MyEnterprise', { creditCode: firm.creditCode }, await applicantToken(firm.creditCode))).enterprise.name).toBe(firm.name);

    const notice = (await example('PublicNotices', { lineCode: 'startup-base-reward', fiscalYear: 2025 }, await applicantToken(firm.creditCode))).publicNotices[0];
    expect(notice).toMatchObject({ workingDays: 5, entries: [{ position: 1, enterpriseName: DEMO_ENTERPRISES[1]!.name, proposedFen: '100000.00' }] });
    const objection = { applicationId: notice.entries[0].applicationId, objectorName: '王芳', contact: '0374-5550000', statement: '该基地实际运营面积不足' };
    expect((await command('RecordObjection', objection, await applicantToken(firm.creditCode))).recordObjection.objection).toMatchObject({ objectorName: '王芳', status: 'OPEN' });
    expect((await example('WorkingDayCalendar', { year: 2025 }, as.AUDITOR!)).workingDayCalendar.days).toContainEqual({ date: '2025-01-26', kind: 'WORKING_DAY', name: '春节' });

    const creditCode = demoCreditCode('xiangcheng', 500);
    const applicant = await applicantToken(creditCode);
    await command('RegisterEnterprise', { creditCode, name: '襄城县示例科技有限公司', county: 'xiangcheng', kind: 'ENTERPRISE' }, as.ADMIN!);
    const budget = await command('AllocateBudget', { lineCode: 'innovation-voucher', fiscalYear: 2026, payer: 'municipal', amount: '500000.00', documentRef: '许财预〔2026〕1号' }, as.FINANCE!);
    await command('AdjustBudget', { budgetLineId: budget.allocateBudget.budgetLine.id, change: 'INCREASE', amount: '100000.00', reason: '年中追加' }, as.FINANCE!);

    const submit = (reference: string) =>
      command('SubmitApplication', { lineCode: 'innovation-voucher', fiscalYear: 2026, qualifyingFact: { kind: 'technology-transfer-contract', reference }, requested: '50000.00' }, applicant);
    const id = (await submit('JS2026-EX-1')).submitApplication.application.id;
    expect((await example('ApplicationsToReview', { lineCode: 'innovation-voucher' }, as.OFFICER!)).applications.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
    await command('ReviewApplication', { applicationId: id, opinion: '同意' }, as.OFFICER!);
    await command('ApproveApplication', { applicationId: id, amount: '40000.00' }, as.APPROVER!);
    await command('RecordDisbursement', { applicationId: id, amount: '40000.00', paidOn: '2026-03-01', paymentReference: 'GK2026-EX-1' }, as.TREASURY!);
    const clawback = (await command('DemandClawback', { applicationId: id, amount: '10000.00', reason: '重复享受' }, as.APPROVER!)).demandClawback.clawbackId;
    await command('RecordRepayment', { applicationId: id, clawbackId: clawback, amount: '6000.00', paidOn: '2026-05-01', paymentReference: 'JK2026-EX-1' }, as.TREASURY!);
    // 四眼原则: another approver than the one who demanded the clawback waives it.
    const waived = await command('WaiveClawback', { applicationId: id, clawbackId: clawback, reason: '核销' }, await token(Role.APPROVER, 'test-deputy-approver'));
    expect(waived.waiveClawback.application).toMatchObject({ disbursed: '40000.00', recovered: '6000.00', waived: '4000.00' });

    await command('WithdrawApplication', { applicationId: (await submit('JS2026-EX-2')).submitApplication.application.id }, applicant);
    await command('RejectApplication', { applicationId: (await submit('JS2026-EX-3')).submitApplication.application.id, reason: '不符合条件' }, as.APPROVER!);

    expect((await example('BudgetUseByYear', { fiscalYear: 2026 }, as.FINANCE!)).budgetLines[0]).toMatchObject({ allocated: '600000.00', disbursed: '40000.00', available: '560000.00' });
    expect((await example('DisbursementPage', { first: 100, filter: { creditCode } }, as.AUDITOR!)).disbursements.totals).toEqual({ count: 1, amount: '40000.00' });
    expect((await example('ApplicationDetail', { id }, as.AUDITOR!)).application.approval.amount).toBe('40000.00');
    expect((await example('EnterpriseBalance', { creditCode }, as.AUDITOR!)).enterpriseBalance).toMatchObject({ netBenefit: '34000.00', outstandingClawback: '0.00' });
    const history = (await example('ApplicationHistory', { id }, as.AUDITOR!)).eventHistory;
    expect(history.at(-1).type).toBe('ClawbackWaived');
    const firstTwo = (await example('ApplicationHistory', { id, first: 2 }, as.AUDITOR!)).eventHistory;
    const rest = (await example('ApplicationHistory', { id, after: firstTwo[1].position }, as.AUDITOR!)).eventHistory;
    expect([...firstTwo, ...rest].map((e: { position: string }) => e.position)).toEqual(history.map((e: { position: string }) => e.position));
    expect((await example('EnterprisesOfCounty', { county: 'xiangcheng' }, as.AUDITOR!)).enterprises.totalCount).toBe(4);
    const closedYear = (await example('BudgetExecution', { fiscalYear: 2024 }, as.FINANCE!)).budgetExecution;
    expect(closedYear.lines.find((l: { lineCode: string }) => l.lineCode === 'innovation-voucher')).toMatchObject({ closed: true, disbursed: '900000.00', carriedOut: '100000.00', available: '200000.00' });
    expect((await example('Reconciliation', {}, as.AUDITOR!)).reconciliation).toMatchObject({ consistent: true });
  });

  it('takes a new policy as data: published, a line defined and amended, and paid like the built-in ones', async () => {
    await command('PublishPolicy', { code: 'xuchang-2018-5', documentNumber: '许政〔2018〕5号', title: '许昌市支持企业上云实施办法', issuer: '许昌市人民政府', issuedOn: '2018-03-01', articles: [{ article: '(一)', title: '上云奖励' }] }, as.ADMIN!);
    const line = { article: '(一)', title: 'Cloud adoption reward', titleZh: '企业上云一次性奖励3万元', rule: { kind: 'FIXED', amount: '30000.00' }, frequency: 'ONCE_PER_BENEFICIARY', payer: 'MUNICIPAL', leadUnit: '市工信委', cooperatingUnits: ['市财政局'], exclusivityGroup: 'xuchang-municipal-fiscal-support', eligibleKinds: ['ENTERPRISE'], qualifyingFactKinds: ['cloud-contract'] };
    const defined = await command('DefineBenefitLine', { code: 'cloud-adoption-reward', policyCode: 'xuchang-2018-5', line }, as.ADMIN!);
    expect(defined.defineBenefitLine.benefitLine).toMatchObject({ code: 'cloud-adoption-reward', rule: { kind: 'FIXED', amount: '30000.00' } });
    const amended = await command('AmendBenefitLine', { code: 'cloud-adoption-reward', changes: { cooperatingUnits: ['市财政局', '市大数据局'] } }, as.ADMIN!);
    expect(amended.amendBenefitLine.benefitLine).toMatchObject({ leadUnit: '市工信委', cooperatingUnits: ['市财政局', '市大数据局'] });

    const creditCode = DEMO_ENTERPRISES[7]!.creditCode;
    await command('AllocateBudget', { lineCode: 'cloud-adoption-reward', fiscalYear: 2026, payer: 'municipal', amount: '300000.00' }, as.FINANCE!);
    const submitted = await command('SubmitApplication', { lineCode: 'cloud-adoption-reward', fiscalYear: 2026, qualifyingFact: { kind: 'cloud-contract', reference: 'YUN-2026-001' }, requested: '30000.00' }, await applicantToken(creditCode));
    const id = submitted.submitApplication.application.id;
    await command('ReviewApplication', { applicationId: id, opinion: '同意' }, as.OFFICER!);
    const approved = await command('ApproveApplication', { applicationId: id }, as.APPROVER!);
    expect(approved.approveApplication.application).toMatchObject({ status: 'APPROVED', approved: '30000.00', benefitLine: { code: 'cloud-adoption-reward' } });
  });

  it('answers the supervising office (督办) from the demo\'s measures, and takes the units\' and the admin\'s records', async () => {
    const supervisor = await token(Role.SUPERVISOR);
    const unit = await token(Role.UNIT);
    const progress = (await example('TargetProgress', { year: 2025 }, supervisor)).targetProgress;
    const figure = (code: string) => progress.find((t: { targetCode: string }) => t.targetCode === code);
    expect(figure('production-sales-matchmaking')).toMatchObject({ quantity: 12, done: 12, shareBasisPoints: 10_000, met: true, leadUnit: '市工信委' });
    expect(figure('e-commerce-firms')).toMatchObject({ quantity: 500, done: 520, met: true });
    expect(figure('provincial-demonstration-platforms')).toMatchObject({ quantity: 3, done: 2, shareBasisPoints: 6_666, met: false });
    expect(figure('startup-base-rent-discounts')).toMatchObject({ quantity: 500, done: 400, met: false });
    const article1 = (await example('WhatWasDoneUnderArticle', { year: 2025, article: '(一)' }, supervisor)).targetProgress;
    expect(article1.find((t: { targetCode: string }) => t.targetCode === 'provincial-incubators').designationsBehind.totalCount).toBe(1);
    expect((await example('ActivitiesOfUnit', { unit: '市人社局', year: 2025 }, supervisor)).activities.totalCount).toBe(3);
    expect((await example('DesignationKinds', {}, supervisor)).designationKinds).toHaveLength(7);
    expect((await example('DesignationsOfYear', { year: 2025, kindCode: 'little-giant' }, supervisor)).designations.edges[0].node).toMatchObject({ annualRevenue: '126000000.00' });
    expect((await example('EnterpriseDesignations', { creditCode: DEMO_ENTERPRISES[0]!.creditCode }, supervisor)).enterprise.designations.edges).toHaveLength(1);
    expect((await example('CultivationPool', { status: 'LEFT' }, supervisor)).cultivationPools[0]).toMatchObject({ monitored: 3, scaledUp: 2, droppedOut: 1 });

    const firm = DEMO_ENTERPRISES[24]!.creditCode;
    await command('EnterPool', { poolCode: 'key-cultivation', creditCode: firm, year: 2026, output: '6500000.00', enteredOn: '2026-02-01' }, unit);
    await command('MonitorPoolMember', { poolCode: 'key-cultivation', creditCode: firm, year: 2027, output: '9000000.00' }, unit);
    const left = await command('ExitPool', { poolCode: 'key-cultivation', creditCode: firm, reason: 'ABOVE_DESIGNATED_SIZE', reference: '许统规入〔2027〕003', exitedOn: '2027-12-31' }, unit);
    expect(left.exitPool.member).toMatchObject({ status: 'LEFT', exitReason: 'ABOVE_DESIGNATED_SIZE' });
    // The auditor's history of the firm holds its place in the pool, with its register entry.
    const history = (await api.gql(`{ eventHistory(subject: ENTERPRISE, id: "${firm}") { type } }`, {}, as.AUDITOR!)).body.data.eventHistory;
    expect(history.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['EnterpriseRegistered', 'PoolEntered', 'PoolMonitored', 'PoolExited']));
    const fair = { targetCode: 'recruitment-fairs', year: 2025, title: '秋季专场招聘会', heldOn: '2025-09-20', place: '许昌市人力资源市场', firmsTakingPart: 66 };
    const humanResources = await token(Role.UNIT, 'test-rsj', undefined, '市人社局');
    expect((await command('RecordActivity', fair, humanResources)).recordActivity.activity).toMatchObject({ unit: '市人社局', firmsTakingPart: 66, recordedBy: 'test-rsj' });
    // A unit that is neither lead nor cooperating unit of the target is refused, and nothing is written.
    const before = await api.eventCount();
    const answer = await api.gql(exampleSource('RecordActivity'), { input: { idempotencyKey: key('fair'), ...fair } }, await token(Role.UNIT, 'test-swj', undefined, '市商务局'));
    expect(refusal(answer)).toMatch(/^BAD_USER_INPUT\/NOT_ELIGIBLE: 市商务局 is neither the lead nor a cooperating unit/);
    expect(await api.eventCount()).toBe(before);

    await command('DefineDesignationKind', { kindCode: 'national-little-giant', policyCode: 'xuchang-2016-8', article: '(二)', title: 'National specialised "little giant"', titleZh: '国家级专精特新"小巨人"企业', level: 'NATIONAL', subject: 'BENEFICIARY', eligibleKinds: ['ENTERPRISE'], validityYears: 3 }, as.ADMIN!);
    await command('DefineCultivationPool', { poolCode: 'tech-cultivation', policyCode: 'xuchang-2016-8', article: '(二)', titleZh: '科技型小微企业培育库', minOutput: '1000000.00', maxOutput: '50000000.00', leadUnit: '市科技局' }, as.ADMIN!);
    const target = { targetCode: 'national-little-giants', year: 2026, policyCode: 'xuchang-2016-8', article: '(二)', title: 'Two national little giants', titleZh: '培育国家级专精特新"小巨人"2家', measureKind: 'DESIGNATIONS', designationKind: 'national-little-giant', quantity: 2, leadUnit: '市工信委', cooperatingUnits: ['市科技局'] };
    expect((await command('SetTarget', target, as.ADMIN!)).setTarget.target).toMatchObject({ done: 0, met: false });
    const designation = { creditCode: DEMO_ENTERPRISES[21]!.creditCode, kindCode: 'national-little-giant', documentNumber: '工信部企业〔2026〕10号', designatedBy: '工业和信息化部', designatedOn: '2026-07-01' };
    expect((await command('RecordDesignation', designation, as.ADMIN!)).recordDesignation.designation).toMatchObject({ level: 'NATIONAL', validUntil: '2029-07-01' });
    const designated = (await api.gql(`{ eventHistory(subject: ENTERPRISE, id: "${designation.creditCode}") { type } }`, {}, as.AUDITOR!)).body.data.eventHistory;
    expect(designated.map((e: { type: string }) => e.type)).toContain('DesignationRecorded');
    expect((await example('TargetProgress', { year: 2026 }, supervisor)).targetProgress).toEqual([expect.objectContaining({ targetCode: 'national-little-giants', done: 1, shareBasisPoints: 5_000 })]);
  });

  it('reconciles the treasury\'s records: the demo\'s April file, then May\'s imported, an exception resolved and confirmed by two people', async () => {
    const april = (await example('TreasuryReport', { period: '2025-04' }, as.AUDITOR!)).treasuryReport;
    expect(april.counts.map((c: { kind: string; count: number }) => [c.kind, c.count])).toEqual([['DIFFERENCE', 2], ['DUPLICATE', 1], ['MATCHED', 10], ['NOT_IN_FILE', 1], ['NOT_IN_LEDGER', 1]]);
    expect(april.lines.find((l: { method: string }) => l.method === 'creditCode')).toMatchObject({ kind: 'MATCHED', paymentOrderNo: 'ZFL2025040077' });
    expect(april.lines.find((l: { differenceList: string[] }) => l.differenceList.includes('amount'))).toMatchObject({ recordAmount: '44999.99', ledgerAmount: '45000.00' });

    const firm = DEMO_ENTERPRISES[8]!;
    const csv = `支付令号,收款人名称,收款人统一社会信用代码,收款人账号,金额（元）,起息日\r\nGK2025-voucher-yunlian-2,${firm.name},${firm.creditCode},4110,30000.00,2025-05-15\r\n`;
    const imported = await command('ImportTreasuryFile', { fileName: '2025-05.csv', contentBase64: Buffer.from(csv).toString('base64') }, as.FINANCE!);
    expect(imported.importTreasuryFile).toMatchObject({ period: '2025-05', recordCount: 1, matched: 1, differences: 0, notInLedger: 0, duplicates: 0 });
    const may = (await example('TreasuryReport', { period: '2025-05', openOnly: true }, as.FINANCE!)).treasuryReport;
    const inNoFile = may.lines.find((l: { kind: string }) => l.kind === 'NOT_IN_FILE').exceptionId;
    await command('ResolveTreasuryException', { exceptionId: inNoFile, reason: '银行回单在6月文件中' }, as.FINANCE!);
    await command('ConfirmTreasuryResolution', { exceptionId: inNoFile }, await token(Role.FINANCE, 'test-finance-second'));
    const after = (await example('TreasuryReport', { period: '2025-05' }, as.FINANCE!)).treasuryReport;
    expect(after.lines.find((l: { exceptionId: string }) => l.exceptionId === inNoFile)).toMatchObject({ resolvedBy: 'test-finance', confirmedBy: 'test-finance-second' });
    expect((await example('Reconciliation', {}, as.AUDITOR!)).reconciliation).toMatchObject({ consistent: true });
  });

  it('has run every example in the file', () => {
    expect([...ran].sort()).toEqual(exampleNames().sort());
  });
});
