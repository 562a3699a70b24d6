/**
 * Loads the demo data through the ledger facade, as the people who would do it: the register
 * keeper, Finance, applicants, an officer, an approver and the treasury. Every command has a
 * fixed idempotency key, so loading twice writes nothing the second time.
 */
import type { CommandContext, Ledger } from '../ledger.js';
import type { Position } from '../eventstore/port.js';
import { DEMO_APPLICATIONS, DEMO_BUDGETS, DEMO_FISCAL_YEAR, type DemoApplication, type DemoClawback } from './applications.js';
import { DEMO_ENTERPRISES } from './enterprises.js';
import { loadDemoTreasury } from './treasury-file.js';

/** Who does what in the demo: also the subjects of the sample tokens. */
export const DEMO_PEOPLE = {
  ADMIN: 'admin-sun',
  FINANCE: 'finance-chen',
  OFFICER: 'officer-li',
  APPROVER: 'approver-wang',
  TREASURY: 'treasury-zhao',
  AUDITOR: 'auditor-zhou',
} as const;

export const applicantOf = (creditCode: string) => `applicant-${creditCode}`;

/** 四眼原则: a clawback is waived by another approver than the one who demanded it. */
const WAIVING_APPROVER = 'approver-liu';
/** 四眼原则: a treasury resolution is confirmed by another person of Finance than the one who made it. */
const CONFIRMING_FINANCE = 'finance-wu';

type Person = keyof typeof DEMO_PEOPLE | 'APPLICANT';

const act = (role: Person, key: string, actorId?: string, documentRef?: string): CommandContext => ({
  actorId: actorId ?? DEMO_PEOPLE[role as keyof typeof DEMO_PEOPLE],
  actorRole: role,
  idempotencyKey: `demo:${key}`,
  ...(documentRef ? { documentRef } : {}),
});

export interface DemoSummary {
  enterprises: number;
  applications: number;
  /** The last position written (or found): wait for it before reading the projections. */
  position: Position;
}

export async function loadDemo(ledger: Ledger): Promise<DemoSummary> {
  const run = new DemoRun(ledger);
  for (const firm of DEMO_ENTERPRISES) run.track(await ledger.registerEnterprise(firm, act('ADMIN', `register:${firm.creditCode}`)));
  for (const budget of DEMO_BUDGETS) {
    const input = { ...budget, fiscalYear: DEMO_FISCAL_YEAR };
    run.track(await ledger.allocateBudget(input, act('FINANCE', `budget:${budget.lineCode}:${budget.payer}`, undefined, '许财预〔2025〕3号')));
  }
  for (const application of DEMO_APPLICATIONS) await run.application(application);
  run.track({ position: await loadDemoTreasury(ledger, [DEMO_PEOPLE.FINANCE, CONFIRMING_FINANCE]) });
  return { enterprises: DEMO_ENTERPRISES.length, applications: DEMO_APPLICATIONS.length, position: run.position };
}

/** One loading run: the commands of each application, and the last position they reached. */
class DemoRun {
  position: Position = '';

  constructor(private readonly ledger: Ledger) {}

  track<R extends { position: Position }>(result: R): R {
    if (result.position > this.position) this.position = result.position;
    return result;
  }

  async application(a: DemoApplication): Promise<void> {
    const { ledger } = this;
    const creditCode = DEMO_ENTERPRISES[a.firm]!.creditCode;
    const step = (name: string) => `${a.key}:${name}`;
    const { applicationId } = this.track(
      await ledger.submitApplication(
        { creditCode, lineCode: a.lineCode, fiscalYear: DEMO_FISCAL_YEAR, qualifyingFact: a.fact, requestedFen: a.requestedFen, evidence: a.evidence ?? {} },
        act('APPLICANT', step('submit'), applicantOf(creditCode)),
      ),
    );
    if (a.fate === 'submitted') return;
    if (a.fate === 'withdrawn') {
      this.track(await ledger.withdrawApplication({ applicationId }, act('APPLICANT', step('withdraw'), applicantOf(creditCode))));
      return;
    }
    this.track(await ledger.reviewApplication({ applicationId, opinion: '材料齐全，符合申报条件' }, act('OFFICER', step('review'))));
    if (a.fate === 'reviewed') return;
    if (a.fate === 'rejected') {
      this.track(await ledger.rejectApplication({ applicationId, reason: '申报材料与认定文件不符' }, act('APPROVER', step('reject'))));
      return;
    }
    const approval = { applicationId, ...(a.approvedFen === undefined ? {} : { amountFen: a.approvedFen }) };
    this.track(await ledger.approveApplication(approval, act('APPROVER', step('approve'), undefined, '许工信〔2025〕18号')));
    for (const [i, amountFen] of (a.paymentsFen ?? []).entries()) {
      const payment = { applicationId, amountFen, paidOn: paidOn(i), paymentReference: `GK2025-${a.key}-${i + 1}` };
      this.track(await ledger.recordDisbursement(payment, act('TREASURY', step(`pay-${i + 1}`))));
    }
    if (a.clawback) await this.clawback(applicationId, a.key, a.clawback);
  }

  private async clawback(applicationId: string, key: string, clawback: DemoClawback): Promise<void> {
    const { ledger } = this;
    const { amountFen, reason, repaymentsFen = [], waiveReason } = clawback;
    const as = (role: Person, name: string, documentRef?: string) => act(role, `${key}:${name}`, undefined, documentRef);
    const demand = { applicationId, amountFen, reason };
    const { clawbackId } = this.track(await ledger.demandClawback(demand, as('APPROVER', 'clawback', '许工信〔2025〕40号')));
    for (const [i, repaid] of repaymentsFen.entries()) {
      const repayment = { applicationId, clawbackId, amountFen: repaid, paidOn: paidOn(6 + i), paymentReference: `JK2025-${key}-${i + 1}` };
      this.track(await ledger.recordRepayment(repayment, as('TREASURY', `repay-${i + 1}`)));
    }
    if (waiveReason) this.track(await ledger.waiveClawback({ applicationId, clawbackId, reason: waiveReason }, act('APPROVER', `${key}:waive`, WAIVING_APPROVER)));
  }
}

/** Value dates through the demo year: the n-th tranche in month n + 4. */
const paidOn = (n: number) => `${DEMO_FISCAL_YEAR}-${String(Math.min(n + 4, 12)).padStart(2, '0')}-15`;
