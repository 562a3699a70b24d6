/**
 * Every operation of schema/examples.graphql runs, as the kind of user it is written for, on the
 * demo data, without an error: the examples a frontend copies are known to work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCreditCode, DEMO_ENTERPRISES } from '../../src/demo/enterprises.js';
import { Role } from '../../src/graphql/auth/role.js';
import { exampleNames } from '../../src/graphql/examples.js';
import { testStores } from '../support/stores.js';
import { applicantToken, startTestApi, type TestApi, token } from './support/api.js';
import { key, run } from './support/run.js';

describe.each(testStores())('the example operations on the demo ($name store)', (testStore) => {
  let api: TestApi;
  const ran = new Set<string>();
  const as: Partial<Record<Role, string>> = {};
  beforeAll(async () => {
    api = await startTestApi(testStore, { demo: true });
    for (const role of [Role.ADMIN, Role.FINANCE, Role.OFFICER, Role.APPROVER, Role.TREASURY, Role.AUDITOR]) as[role] = await token(role);
  });
  afterAll(() => api?.close());

  const example = (name: string, variables: Record<string, unknown>, bearer: string) => (ran.add(name), run(api, name, variables, bearer));
  const command = (name: string, input: Record<string, unknown>, bearer: string) => example(name, { input: { idempotencyKey: key(name), ...input } }, bearer);

  it('runs for every kind of user, from registration to reconciliation', async () => {
    const firm = DEMO_ENTERPRISES[0]!;
    expect((await example('Viewer', {}, await applicantToken(firm.creditCode))).viewer).toEqual({ subject: `applicant-${firm.creditCode}`, role: 'APPLICANT', creditCode: firm.creditCode });
    expect((await example('Catalog', {}, as.OFFICER!)).policies[0].benefitLines).toHaveLength(8);
    expect((await example('MyEnterprise', { creditCode: firm.creditCode }, await applicantToken(firm.creditCode))).enterprise.name).toBe(firm.name);

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

  it('has run every example in the file', () => {
    expect([...ran].sort()).toEqual(exampleNames().sort());
  });
});
