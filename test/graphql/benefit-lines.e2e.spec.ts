/**
 * One grant per benefit line of 许政〔2016〕8号 through the API, with the policy's numbers: the
 * applicant submits, the officer reviews, the approver approves, the treasury pays in tranches,
 * the approver claws back, the treasury records the repayment; then the enterprise's balance,
 * the budget line's use, the raw history and the reconciliation all show it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCreditCode } from '../../src/demo/enterprises.js';
import { Role } from '../../src/graphql/auth/role.js';
import { testStores } from '../support/stores.js';
import { applicantToken, startTestApi, type TestApi, token } from './support/api.js';
import { key, run } from './support/run.js';

interface Grant {
  lineCode: string;
  kind: 'ENTERPRISE' | 'STARTUP_BASE' | 'GUARANTEE_INSTITUTION';
  fact: { kind: string; reference: string };
  requested: string;
  evidence?: Record<string, unknown>;
  /** Per-case lines: the approver's amount. */
  amount?: string;
  approved: string;
  tranches: [string, string];
  clawback: string;
  repaid: string;
  /** Paid by the firm's county rather than the city. */
  countyPays?: boolean;
  /** The designation kind the fact must be recorded as (认定) before approval: the fact's reference is its 文号. */
  designation?: string;
}

const GRANTS: Grant[] = [
  { lineCode: 'startup-base-reward', kind: 'STARTUP_BASE', fact: { kind: 'base-recognition', reference: '豫工信〔2025〕1号' }, requested: '100000.00', approved: '100000.00', tranches: ['60000.00', '40000.00'], clawback: '40000.00', repaid: '40000.00', designation: 'provincial-startup-base' },
  { lineCode: 'innovation-voucher', kind: 'ENTERPRISE', fact: { kind: 'technology-transfer-contract', reference: 'JS-E2E-1' }, requested: '80000.00', amount: '60000.00', approved: '60000.00', tranches: ['30000.00', '30000.00'], clawback: '10000.00', repaid: '10000.00' },
  { lineCode: 'scale-up-reward', kind: 'ENTERPRISE', fact: { kind: 'scale-up-statistics', reference: 'GS-E2E-1' }, requested: '20000.00', approved: '20000.00', tranches: ['10000.00', '10000.00'], clawback: '20000.00', repaid: '5000.00' },
  { lineCode: 'scale-up-county-match', kind: 'ENTERPRISE', fact: { kind: 'scale-up-statistics', reference: 'GS-E2E-2' }, requested: '10000.00', amount: '10000.00', approved: '10000.00', tranches: ['5000.00', '5000.00'], clawback: '10000.00', repaid: '10000.00', countyPays: true },
  {
    lineCode: 'guarantee-subsidy', kind: 'GUARANTEE_INSTITUTION', fact: { kind: 'guarantee-business-year', reference: 'DB-E2E-1' }, requested: '950000.00',
    // 季均余额: (80 + 90 + 100 + 110) / 4 = ¥95,000,000; 1% of it is ¥950,000.
    evidence: { quarterEndBalances: ['80000000.00', '90000000.00', '100000000.00', '110000000.00'] },
    approved: '950000.00', tranches: ['500000.00', '450000.00'], clawback: '100000.00', repaid: '100000.00',
  },
  {
    lineCode: 'patent-pledge-subsidy', kind: 'ENTERPRISE', fact: { kind: 'patent-pledge-loan', reference: 'ZL-E2E-1' }, requested: '75000.00',
    // ¥150,000 of costs actually incurred; 50% of them is ¥75,000, under the ¥100,000 yearly cap.
    evidence: { costs: [{ kind: 'interest', amount: '120000.00' }, { kind: 'appraisal', amount: '20000.00' }, { kind: 'guarantee', amount: '8000.00' }, { kind: 'insurance', amount: '2000.00' }] },
    approved: '75000.00', tranches: ['50000.00', '25000.00'], clawback: '25000.00', repaid: '25000.00',
  },
  { lineCode: 'neeq-listing-reward', kind: 'ENTERPRISE', fact: { kind: 'neeq-listing', reference: 'NEEQ-E2E-1' }, requested: '500000.00', approved: '500000.00', tranches: ['300000.00', '200000.00'], clawback: '500000.00', repaid: '200000.00' },
  { lineCode: 'sme-special-fund', kind: 'ENTERPRISE', fact: { kind: 'public-service-platform', reference: 'ZX-E2E-1' }, requested: '300000.00', amount: '250000.00', approved: '250000.00', tranches: ['100000.00', '150000.00'], clawback: '50000.00', repaid: '50000.00' },
];

const ALLOCATED = '2000000.00';
const yuan = (text: string) => Math.round(Number(text) * 100);
const money = (fen: number) => (fen / 100).toFixed(2);

describe.each(testStores())('a grant on each benefit line, through the API ($name store)', (testStore) => {
  let api: TestApi;
  const as: Partial<Record<Role, string>> = {};
  beforeAll(async () => {
    api = await startTestApi(testStore);
    for (const role of [Role.ADMIN, Role.FINANCE, Role.OFFICER, Role.APPROVER, Role.TREASURY, Role.AUDITOR]) as[role] = await token(role);
  });
  afterAll(() => api?.close());

  const step = (name: string, input: Record<string, unknown>, role: Role) => run(api, name, { input: { idempotencyKey: key(name), ...input } }, as[role]!);

  /** Registered, the line's budget allocated for the year, and its application approved. */
  async function approvedGrant(grant: Grant, fiscalYear: number, applicant: string) {
    const payer = grant.countyPays ? 'county-yuzhou' : 'municipal';
    await step('AllocateBudget', { lineCode: grant.lineCode, fiscalYear, payer, amount: ALLOCATED }, Role.FINANCE);
    const submitted = await run(
      api,
      'SubmitApplication',
      { input: { idempotencyKey: key('submit'), lineCode: grant.lineCode, fiscalYear, qualifyingFact: grant.fact, requested: grant.requested, evidence: grant.evidence } },
      applicant,
    );
    const id = submitted.submitApplication.application.id as string;
    await step('ReviewApplication', { applicationId: id, opinion: '材料齐全' }, Role.OFFICER);
    const approval = await step('ApproveApplication', { applicationId: id, amount: grant.amount, documentRef: '许工信〔2025〕18号' }, Role.APPROVER);
    return { id, payer, approval: approval.approveApplication };
  }

  it.each(GRANTS.map((grant, i) => ({ ...grant, serial: i + 1 })))('$lineCode: approved $approved, paid in two tranches, clawed back $clawback, repaid $repaid', async (grant) => {
    const fiscalYear = 2016 + grant.serial;
    const creditCode = demoCreditCode('yuzhou', 900 + grant.serial);
    const applicant = await applicantToken(creditCode);
    await step('RegisterEnterprise', { creditCode, name: `许昌端到端测试企业${grant.serial}号`, county: 'yuzhou', kind: grant.kind }, Role.ADMIN);
    if (grant.designation) {
      const recognition = { creditCode, kindCode: grant.designation, documentNumber: grant.fact.reference, designatedBy: '河南省工业和信息化委员会', designatedOn: `${fiscalYear}-01-10` };
      await step('RecordDesignation', recognition, Role.ADMIN);
    }
    if (grant.countyPays) {
      // The county match is paid only after the municipal scale-up reward on the same fact.
      await approvedGrant({ ...GRANTS[2]!, fact: grant.fact }, fiscalYear, applicant);
    }

    const { id, payer, approval } = await approvedGrant(grant, fiscalYear, applicant);
    expect(approval.application).toMatchObject({ status: 'APPROVED', approved: grant.approved, approval: { amount: grant.approved, approvedBy: 'test-approver' } });

    for (const [i, amount] of grant.tranches.entries()) {
      const paid = await step('RecordDisbursement', { applicationId: id, amount, paidOn: `${fiscalYear}-0${i + 4}-15`, paymentReference: `GK-${id}-${i}` }, Role.TREASURY);
      expect(paid.recordDisbursement.disbursement).toMatchObject({ amount, recordedBy: 'test-treasury' });
    }
    const demanded = await step('DemandClawback', { applicationId: id, amount: grant.clawback, reason: '企业迁出（relocated）' }, Role.APPROVER);
    const clawbackId = demanded.demandClawback.clawbackId as string;
    const repaid = await step('RecordRepayment', { applicationId: id, clawbackId, amount: grant.repaid, paidOn: `${fiscalYear}-09-30`, paymentReference: `JK-${id}` }, Role.TREASURY);
    expect(repaid.recordRepayment.application).toMatchObject({
      status: 'APPROVED',
      approved: grant.approved,
      disbursed: grant.approved,
      clawbackDemanded: grant.clawback,
      recovered: grant.repaid,
      waived: '0.00',
    });

    const balance = (await run(api, 'EnterpriseBalance', { creditCode }, as.AUDITOR!)).enterpriseBalance;
    const line = balance.lines.find((l: { benefitLine: { code: string } }) => l.benefitLine.code === grant.lineCode);
    const figures = {
      approved: grant.approved,
      disbursed: grant.approved,
      clawbackDemanded: grant.clawback,
      recovered: grant.repaid,
      outstandingClawback: money(yuan(grant.clawback) - yuan(grant.repaid)),
      netBenefit: money(yuan(grant.approved) - yuan(grant.repaid)),
    };
    expect(line).toMatchObject({ fiscalYear, payer, ...figures });
    if (!grant.countyPays) expect(balance).toMatchObject(figures);

    const budget = (await run(api, 'BudgetUseByYear', { fiscalYear }, as.FINANCE!)).budgetLines;
    expect(budget.find((b: { benefitLine: { code: string } }) => b.benefitLine.code === grant.lineCode)).toMatchObject({
      payer,
      allocated: ALLOCATED,
      committed: '0.00',
      disbursed: grant.approved,
      recovered: grant.repaid,
      available: money(yuan(ALLOCATED) - yuan(grant.approved)),
    });

    const history = (await run(api, 'ApplicationHistory', { id }, as.AUDITOR!)).eventHistory;
    expect(history.map((e: { type: string; metadata: { actorId: string } }) => `${e.type} by ${e.metadata.actorId}`)).toEqual([
      `ApplicationSubmitted by applicant-${creditCode}`,
      'ApplicationReviewed by test-officer',
      'ApprovalStarted by test-approver',
      'ApplicationApproved by test-approver',
      'DisbursementRecorded by test-treasury',
      'DisbursementRecorded by test-treasury',
      'ClawbackDemanded by test-approver',
      'ClawbackRepaid by test-treasury',
    ]);
    expect(history[3].data).toMatchObject({ applicationId: id, amountFen: yuan(grant.approved) });

    const reconciliation = (await run(api, 'Reconciliation', {}, as.FINANCE!)).reconciliation;
    expect(reconciliation).toMatchObject({ consistent: true, differences: [], skippedChecks: [] });
  });
});
