/**
 * Loads the demo data through the ledger facade, as the people who would do it: the register
 * keeper, Finance, applicants, an officer, an approver and the treasury. Every command has a
 * fixed idempotency key, so loading twice writes nothing the second time.
 */
import type { CommandContext, Ledger } from '../ledger.js';
import type { Position } from '../eventstore/port.js';
import { DEMO_APPLICATIONS, DEMO_BUDGETS, DEMO_FISCAL_YEAR, type DemoApplication, type DemoClawback } from './applications.js';
import { DEMO_ENTERPRISES } from './enterprises.js';
import { DomainError } from '../shared/errors.js';
import { loadClosedYear } from './closed-year.js';
import { loadDemoMeasures } from './measures.js';
import { loadDemoTreasury } from './treasury-file.js';

/** Who does what in the demo: also the subjects of the sample tokens. */
export const DEMO_PEOPLE = {
  ADMIN: 'admin-sun',
  FINANCE: 'finance-chen',
  OFFICER: 'officer-li',
  APPROVER: 'approver-wang',
  TREASURY: 'treasury-zhao',
  AUDITOR: 'auditor-zhou',
  /** 市工信委, the lead unit of most articles: records activities and the pool. */
  UNIT: 'unit-gxw',
  /** 督办: 市政府办公室五科. */
  SUPERVISOR: 'supervisor-wuke',
} as const;

export const applicantOf = (creditCode: string) => `applicant-${creditCode}`;

/** The unit the demo's UNIT token records for: the lead unit of most articles. */
export const DEMO_UNIT = '市工信委';

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
  await loadDemoMeasures(ledger, (role, key) => act(role, `measures:${key}`), (result) => run.track(result));
  for (const application of DEMO_APPLICATIONS) await run.application(application);
  await run.publicNotice();
  run.track({ position: await loadClosedYear(ledger, (role, key, actorId) => act(role as Person, key, actorId), applicantOf) });
  run.track({ position: await loadDemoTreasury(ledger, [DEMO_PEOPLE.FINANCE, CONFIRMING_FINANCE]) });
  return { enterprises: DEMO_ENTERPRISES.length, applications: DEMO_APPLICATIONS.length, position: run.position };
}

/** One loading run: the commands of each application, and the last position they reached. */
class DemoRun {
  position: Position = '';
  /** Application ids by the demo's key. */
  private readonly ids = new Map<string, string>();

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
    this.ids.set(a.key, applicationId);
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

  /**
   * 公示: the administrator turns public notice on for the NEEQ and startup-base rewards (the
   * awards made so far predate it), and the officer publishes the reviewed startup base for five
   * working days from today; a competitor objects in writing, and another objection is dismissed.
   * A notice needs the calendar of this year and the next: without it, no notice is published.
   */
  async publicNotice(): Promise<void> {
    const { ledger } = this;
    for (const lineCode of NOTICE_LINES) {
      this.track(await ledger.amendBenefitLine({ lineCode, changes: { noticeWorkingDays: 5 } }, act('ADMIN', `notice-days:${lineCode}`)));
    }
    const applicationId = this.ids.get('base-jingkai')!;
    const publish = { lineCode: 'startup-base-reward', fiscalYear: DEMO_FISCAL_YEAR, applicationIds: [applicationId] };
    try {
      this.track(await ledger.publishNotice(publish, act('OFFICER', 'notice:startup-base')));
    } catch (error) {
      if (error instanceof DomainError && /calendar of \d+ is not loaded/.test(error.message)) return;
      throw error;
    }
    const objection = (name: string, statement: string) => ({ applicationId, objectorName: name, contact: '0374-5551234', statement });
    const dismissed = this.track(await ledger.recordObjection(objection('赵敏', '该基地入驻企业数量不足'), act('AUDITOR', 'objection:1')));
    this.track(await ledger.dismissObjection({ applicationId, objectionId: dismissed.objectionId, reason: '经现场核查，入驻企业62家，符合省级基地认定条件' }, act('APPROVER', 'objection:1:dismiss')));
    const changge = DEMO_ENTERPRISES[2]!.creditCode;
    this.track(await ledger.recordObjection(objection('常红', '该基地场地租金减免未落实'), act('APPLICANT', 'objection:2', applicantOf(changge))));
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

/** The lines the demo puts under public notice (公示). */
const NOTICE_LINES = ['neeq-listing-reward', 'startup-base-reward'];

/** Value dates through the demo year: the n-th tranche in month n + 4. */
const paidOn = (n: number) => `${DEMO_FISCAL_YEAR}-${String(Math.min(n + 4, 12)).padStart(2, '0')}-15`;
