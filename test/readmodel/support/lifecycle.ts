/**
 * Realistic grant lifecycles as the ledger would record them, for runner tests, reconciliation
 * tests and the projections benchmark: the catalog of 许政〔2016〕8号, enterprises in Xuchang's
 * counties, budgets allocated and topped up, applications submitted, reviewed, withdrawn,
 * rejected, approved through the approval process (claim, entitlement, budget, or all released
 * and abandoned), paid in tranches, clawed back, repaid and waived; and the measures that pay
 * nothing: designations, firms entering, monitored in and leaving the cultivation pool, yearly
 * targets and the activities of their units.
 *
 * It writes what the deciders would emit, stream by stream with exact expected revisions, so that
 * big volumes can be loaded fast; the domain's own rules are the deciders' business, not this.
 * Each command's events are one append, with the metadata the command path stamps (its actor and
 * role, causation and correlation by the command id, its payload hash, its 文号); the approval's
 * reservations carry the approval command's metadata, as its steps do. With `commandRecords`, each
 * command also claims and records its idempotency key on `command-<id>` as `once` does. A record
 * quotes the position of its command's last event, so the caller hands each append's result (a
 * promise) back to the generator (`next(result)`), and the records come as `LateAppend`s, built
 * once that event is written. They come at the end of each chunk of applications, as records of
 * commands sent concurrently interleave in a busy ledger: the caller may write the whole chunk in
 * one group commit rather than wait for each command.
 */
import { createHash, randomUUID } from 'node:crypto';
import { budgetLineId, budgetStream } from '../../../src/budget/budget.js';
import { benefitLineStream, payerFor, policyStream } from '../../../src/catalog/catalog.js';
import { XUCHANG_COUNTIES } from '../../../src/catalog/counties.js';
import { XUCHANG_2016_8_LINES, XUCHANG_2016_8_POLICY } from '../../../src/catalog/xuchang-2016-8.js';
import { XUCHANG_2016_8_DESIGNATION_KINDS, XUCHANG_2016_8_POOL, xuchang2016_8TargetsOf } from '../../../src/catalog/xuchang-2016-8-measures.js';
import { cultivationPoolStream, poolMemberStream } from '../../../src/cultivation-pool/cultivation-pool.js';
import { designationKindStream, designationsStream } from '../../../src/designation/designation.js';
import { targetStream } from '../../../src/target/target.js';
import { claimStream, type QualifyingFact } from '../../../src/claim/claim.js';
import { checkCharacter } from '../../../src/enterprise/credit-code.js';
import { enterpriseStream, type EnterpriseKind } from '../../../src/enterprise/enterprise.js';
import { entitlementStream } from '../../../src/entitlement/entitlement.js';
import { applicationStream } from '../../../src/application/application.js';
import { calendarStream } from '../../../src/calendar/calendar.js';
import { STATE_COUNCIL_ARRANGEMENTS } from '../../../src/calendar/state-council.js';
import { noticeBoardStream } from '../../../src/notice/notice.js';
import type { EventData, LedgerEventType } from '../../../src/events.js';
import type { AppendResult, ExpectedRevision, NewEvent } from '../../../src/eventstore/port.js';
import { type CommandEvent, commandStream } from '../../../src/commands/idempotency.js';
import { payloadHash } from '../../../src/shared/hash.js';
import { deterministicId } from '../../../src/shared/ids.js';
import { applyRateToMean, type Fen } from '../../../src/shared/money.js';
import { treasuryRecordId } from '../../../src/treasury/match.js';
import { treasuryExceptionStream, treasuryFileStream } from '../../../src/treasury/treasury.js';

export interface Append {
  stream: string;
  expectedRevision: ExpectedRevision;
  events: NewEvent[];
}

export interface LifecycleOptions {
  /** The same seed gives the same amounts, outcomes and firms (ids stay random uuids). */
  seed?: number;
  /** Also write each command's idempotency record (CommandAccepted, CommandRecorded), as the ledger does. */
  commandRecords?: boolean;
  /** The agent bank's file of each chunk's payments, matched (default true). */
  treasuryFiles?: boolean;
}

/** An append that quotes the result of an earlier one: built once `after` is written. */
export interface LateAppend {
  after: Promise<AppendResult>;
  build(written: AppendResult): Append;
}

/** What the generator gets back for each append: the promise of its result (`commandRecords` needs it). */
export type Written = Promise<AppendResult> | undefined;
export type History = Generator<Append | LateAppend, void, Written>;

/** One command as the ledger handles it: its identity, who sends it, the 文号 it acts on. */
interface Command {
  commandId: string;
  commandType: string;
  idempotencyKey: string;
  payloadHash: string;
  actorId: string;
  documentRef?: string;
}

/** The roles that send each kind of command (src/graphql/access/roles.ts). */
const ROLES: Record<string, string> = {
  registrar: 'ADMIN',
  finance: 'FINANCE',
  applicant: 'APPLICANT',
  officer: 'OFFICER',
  director: 'APPROVER',
  deputy: 'APPROVER',
  treasury: 'TREASURY',
  unit: 'UNIT',
};

/** Applications decided together: their budget events share one append per budget line. */
const CHUNK = 50;
const DAY_MS = 86_400_000;

interface Firm {
  creditCode: string;
  county: string;
  kind: EnterpriseKind;
}

interface Case {
  applicationId: string;
  firm: Firm;
  line: (typeof XUCHANG_2016_8_LINES)[number];
  fiscalYear: number;
  payer: string;
  budgetLineId: string;
  fact: QualifyingFact;
  amountFen: Fen;
  outcome: 'withdrawn' | 'rejected' | 'abandoned-before-budget' | 'abandoned-after-budget' | 'approved';
  approvalId: string;
}

const ALLOCATION_FEN = 500_000_000;
const line = (code: string) => XUCHANG_2016_8_LINES.find((l) => l.lineCode === code)!;

/** mulberry32: a small seeded generator, so a run can be repeated. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Endless lifecycles: the catalog first (unless the ledger loaded it), then chunk after chunk of applications. */
export function* lifecycles(options: LifecycleOptions & { catalog?: boolean } = {}): History {
  const writer = new LifecycleWriter(options);
  if (options.catalog !== false) yield* writer.catalog();
  for (;;) yield* writer.chunk();
}

/** The first appends of `lifecycles` holding at least `events` events; what the caller hands back goes on to it. */
export function* lifecycleEvents(events: number, options: LifecycleOptions & { catalog?: boolean } = {}): History {
  const history = lifecycles(options);
  let written: Written;
  for (let count = 0; count < events; ) {
    const step = history.next(written).value!;
    count += 'events' in step ? step.events.length : 1;
    written = yield step;
  }
}

class LifecycleWriter {
  private readonly rand: () => number;
  private readonly recording: boolean;
  private readonly treasuryFiles: boolean;
  private readonly revisions = new Map<string, number>();
  private readonly firms: Firm[] = [];
  private readonly unregistered = new Set<Firm>();
  private readonly awarded = new Set<string>();
  private readonly available = new Map<string, Fen>();
  private readonly scaledUp: Firm[] = [];
  /** Measures draw from their own sequence, so the grants of a seed stay what they were. */
  private readonly measureRand: () => number;
  /** Where each firm stands in the cultivation pool. */
  private readonly pooled = new Map<Firm, 'monitored' | 'above-designated-size' | 'dropped-out'>();
  private readonly targetYears = new Set<number>();
  private now = Date.parse('2016-03-01T01:00:00.000Z');
  private serial = 0;
  private commands = 0;
  /** The result of the last append, as handed back. */
  private written: Written;
  /** Records of the commands of the current chunk, written at its end. */
  private records: LateAppend[] = [];
  /** Payments of the current chunk, which the agent bank's file of the chunk lists. */
  private paid: Array<{ disbursementId: string; creditCode: string; payment: { amountFen: Fen; paidOn: string; paymentReference: string } }> = [];

  constructor(options: LifecycleOptions) {
    this.rand = random(options.seed ?? 2016);
    this.measureRand = random((options.seed ?? 2016) + 1);
    this.recording = options.commandRecords ?? false;
    this.treasuryFiles = options.treasuryFiles ?? true;
  }

  *catalog(): History {
    const at = this.at();
    const admin = this.command('PublishPolicy', 'catalog-admin', XUCHANG_2016_8_POLICY);
    const { policyCode } = XUCHANG_2016_8_POLICY;
    yield* this.handled(admin, policyStream(policyCode), [this.event('PolicyPublished', { ...XUCHANG_2016_8_POLICY, publishedAt: at }, admin)], { policyCode });
    for (const definition of XUCHANG_2016_8_LINES) {
      const define = this.command('DefineBenefitLine', 'catalog-admin', definition);
      const { lineCode } = definition;
      yield* this.handled(define, benefitLineStream(lineCode), [this.event('BenefitLineDefined', { ...definition, definedAt: at }, define)], { lineCode });
    }
    yield* this.calendar();
    for (const kind of XUCHANG_2016_8_DESIGNATION_KINDS) {
      const define = this.command('DefineDesignationKind', 'catalog-admin', kind);
      yield* this.handled(define, designationKindStream(kind.kindCode), [this.event('DesignationKindDefined', { ...kind, definedAt: at }, define)], { kindCode: kind.kindCode });
    }
    const pool = this.command('DefineCultivationPool', 'catalog-admin', XUCHANG_2016_8_POOL);
    const { poolCode } = XUCHANG_2016_8_POOL;
    yield* this.handled(pool, cultivationPoolStream(poolCode), [this.event('CultivationPoolDefined', { ...XUCHANG_2016_8_POOL, definedAt: at }, pool)], { poolCode });
    yield* this.flushRecords();
  }

  /** The working-day calendar: a State Council arrangement, and one day amended. */
  private *calendar(): History {
    const arrangement = STATE_COUNCIL_ARRANGEMENTS[0]!;
    const load = this.command('LoadHolidayArrangement', 'registrar-1', arrangement);
    const ids = { year: String(arrangement.year) };
    yield* this.handled(load, calendarStream(arrangement.year), [this.event('HolidayArrangementLoaded', { ...arrangement, loadedAt: this.at() }, load)], ids);
    const day = { date: `${arrangement.year}-07-01`, kind: 'holiday' as const, name: '防汛', reason: '市政府通知' };
    const amend = this.command('AmendCalendarDay', 'registrar-1', day);
    yield* this.handled(amend, calendarStream(arrangement.year), [this.event('CalendarDayAmended', { ...day, year: arrangement.year, amendedAt: this.at() }, amend)], ids);
  }

  /** A rejected case goes through public notice (公示) first: an objection to it is upheld. */
  private *noticeUpheld(c: Case): History {
    const board = noticeBoardStream(c.line.lineCode, c.fiscalYear);
    const ids = { applicationId: c.applicationId };
    const officer = this.pick('officer', 5);
    const publish = this.command('PublishNotice', officer, { lineCode: c.line.lineCode, fiscalYear: c.fiscalYear, applicationIds: [c.applicationId] });
    const noticeId = deterministicId(publish.commandId, 'notice');
    const day = this.at().slice(0, 10);
    const entry = { applicationId: c.applicationId, creditCode: c.firm.creditCode, enterpriseName: `许昌${c.firm.county}小微企业${c.firm.creditCode.slice(8, 16)}有限公司`, county: c.firm.county, proposedFen: c.amountFen };
    const published = { noticeId, lineCode: c.line.lineCode, fiscalYear: c.fiscalYear, workingDays: 5, startsOn: day, endsOn: day, entries: [entry], publishedBy: officer, publishedAt: this.at() };
    yield* this.handled(publish, board, [this.event('PublicNoticePublished', published, publish)], { noticeId });
    const objection = { applicationId: c.applicationId, objectorName: '王五', contact: '0374-0000000', statement: '该企业不符合认定条件' };
    const object = this.command('RecordObjection', `applicant-${c.firm.creditCode}`, objection);
    const objectionId = deterministicId(object.commandId, 'objection');
    yield* this.handled(object, board, [this.event('NoticeObjectionRecorded', { ...objection, noticeId, objectionId, recordedBy: object.actorId, recordedAt: this.at() }, object)], { ...ids, objectionId });
    const director = this.pick('director', 3);
    const uphold = this.command('UpholdObjection', director, { ...ids, objectionId, reason: '不符合认定条件' });
    yield* this.handled(uphold, board, [this.event('NoticeObjectionUpheld', { noticeId, objectionId, applicationId: c.applicationId, reason: '不符合认定条件', decidedBy: director, decidedAt: this.at() }, uphold)], { ...ids, objectionId });
  }

  *chunk(): History {
    this.now += DAY_MS;
    const cases = Array.from({ length: CHUNK }, () => this.newCase());
    yield* this.registrations(cases);
    yield* this.measures();
    const approvals = new Map<Case, Command>();
    for (const c of cases) yield* this.opening(c, approvals);
    const approving = cases.filter((c) => approvals.has(c));
    yield* this.reservations(approving, approvals);
    for (const c of approving.filter((c) => c.outcome !== 'abandoned-before-budget')) yield* this.commit(c, approvals.get(c)!);
    const abandoned = approving.filter((c) => c.outcome.startsWith('abandoned'));
    yield* this.releases(abandoned, approvals);
    for (const c of approving) yield* this.closing(c, approvals.get(c)!);
    yield* this.treasuryFile();
    yield* this.flushRecords();
  }

  // ── Cases ─────────────────────────────────────────────────────────────────────────────────

  private newCase(): Case {
    const firm = this.firm();
    const definition = this.pickLine(firm);
    const fiscalYear = new Date(this.now).getUTCFullYear();
    const payer = payerFor(definition.payer, firm.county);
    const outcome = this.outcome();
    const c: Case = {
      applicationId: randomUUID(),
      firm,
      line: definition,
      fiscalYear,
      payer,
      budgetLineId: budgetLineId(definition.lineCode, fiscalYear, payer),
      fact: this.fact(definition.lineCode, firm),
      amountFen: this.amount(definition),
      outcome,
      approvalId: randomUUID(),
    };
    if (outcome !== 'approved') return c;
    this.awarded.add(this.awardKey(definition.lineCode, firm, fiscalYear));
    if (definition.lineCode === 'scale-up-reward') this.scaledUp.push(firm);
    return c;
  }

  private firm(): Firm {
    if (this.firms.length > 0 && this.rand() < 0.6) return this.firms[Math.floor(this.rand() * this.firms.length)]!;
    const roll = this.rand();
    const kind: EnterpriseKind = roll < 0.05 ? 'startup-base' : roll < 0.08 ? 'guarantee-institution' : 'enterprise';
    const first17 = `91411000${String(this.firms.length).padStart(8, '0')}M`;
    const firm = {
      creditCode: first17 + checkCharacter(first17),
      county: XUCHANG_COUNTIES[Math.floor(this.rand() * XUCHANG_COUNTIES.length)]!.code,
      kind,
    };
    this.firms.push(firm);
    this.unregistered.add(firm);
    return firm;
  }

  private pickLine(firm: Firm) {
    const year = new Date(this.now).getUTCFullYear();
    const open = (code: string) => !this.awarded.has(this.awardKey(code, firm, year));
    if (firm.kind === 'startup-base') return line(open('startup-base-reward') ? 'startup-base-reward' : 'sme-special-fund');
    if (firm.kind === 'guarantee-institution') return line(open('guarantee-subsidy') ? 'guarantee-subsidy' : 'sme-special-fund');
    if (this.scaledUp.includes(firm) && open('scale-up-county-match')) return line('scale-up-county-match');
    const choices = ['innovation-voucher', 'scale-up-reward', 'patent-pledge-subsidy', 'neeq-listing-reward', 'sme-special-fund'];
    const code = choices[Math.floor(this.rand() * choices.length)]!;
    return line(open(code) ? code : 'innovation-voucher');
  }

  private awardKey(lineCode: string, firm: Firm, year: number): string {
    const definition = line(lineCode);
    if (definition.frequency === 'once-per-beneficiary') return `${lineCode}|${firm.creditCode}`;
    if (definition.frequency === 'once-per-beneficiary-per-year' || lineCode === 'patent-pledge-subsidy') {
      return `${lineCode}|${firm.creditCode}|${year}`;
    }
    return `${lineCode}|${firm.creditCode}|${this.serial}`;
  }

  private outcome(): Case['outcome'] {
    const roll = this.rand();
    if (roll < 0.04) return 'withdrawn';
    if (roll < 0.12) return 'rejected';
    if (roll < 0.15) return 'abandoned-before-budget';
    if (roll < 0.17) return 'abandoned-after-budget';
    return 'approved';
  }

  private fact(lineCode: string, firm: Firm): QualifyingFact {
    this.serial += 1;
    const kind = line(lineCode).qualifyingFactKinds?.[0] ?? 'project-contract';
    // The county match rests on the very scale-up fact the municipal reward rested on.
    const reference = kind === 'scale-up-statistics' ? `许统规上-${firm.creditCode}` : `${kind}-${this.serial}`;
    return { kind, reference };
  }

  private amount(definition: Case['line']): Fen {
    const rule = definition.rule;
    const between = (low: number, high: number) => Math.round((low + this.rand() * (high - low)) / 100) * 100;
    switch (rule.kind) {
      case 'fixed':
        return rule.amountFen;
      case 'per-case':
        return between(100_000, 20_000_000);
      case 'cost-share':
        return Math.min(rule.yearlyCapFen, applyRateToMean([between(200_000, 30_000_000)], rule.rateBasisPoints));
      case 'average-balance-rate': {
        const balances = [0, 1, 2, 3].map(() => between(100_000_000, 5_000_000_000));
        return applyRateToMean(balances, rule.rateBasisPoints);
      }
    }
  }

  // ── Streams ───────────────────────────────────────────────────────────────────────────────

  private *registrations(cases: Case[]): History {
    for (const firm of new Set(cases.map((c) => c.firm))) {
      if (!this.unregistered.delete(firm)) continue;
      const registration = {
        creditCode: firm.creditCode,
        name: `许昌${firm.county}小微企业${firm.creditCode.slice(8, 16)}有限公司`,
        county: firm.county,
        kind: firm.kind,
      };
      const register = this.command('RegisterEnterprise', 'registrar-1', registration);
      yield* this.handled(register, enterpriseStream(firm.creditCode), [
        this.event('EnterpriseRegistered', { ...registration, registeredAt: this.at() }, register),
      ], { creditCode: firm.creditCode });
    }
  }

  /** Submit, then withdraw, or review then reject, or review then start the approval (its command goes on). */
  private *opening(c: Case, approvals: Map<Case, Command>): History {
    const applicant = `applicant-${c.firm.creditCode}`;
    const ids = { applicationId: c.applicationId };
    const stream = applicationStream(c.applicationId);
    const submission = {
      creditCode: c.firm.creditCode,
      lineCode: c.line.lineCode,
      fiscalYear: c.fiscalYear,
      qualifyingFact: c.fact,
      requestedFen: c.amountFen,
      evidence: { note: 'generated' },
    };
    const submit = this.command('SubmitApplication', applicant, submission);
    yield* this.handled(submit, stream, [
      this.event('ApplicationSubmitted', {
        ...submission,
        applicationId: c.applicationId,
        payer: c.payer,
        budgetLineId: c.budgetLineId,
        county: c.firm.county,
        submittedBy: applicant,
        submittedAt: this.at(),
      }, submit),
    ], ids);
    if (c.outcome === 'withdrawn') {
      const withdraw = this.command('WithdrawApplication', applicant, ids);
      yield* this.handled(withdraw, stream, [this.event('ApplicationWithdrawn', { ...ids, withdrawnBy: applicant, withdrawnAt: this.at() }, withdraw)], ids);
      return;
    }
    const reviewer = this.pick('officer', 5);
    const review = this.command('ReviewApplication', reviewer, { ...ids, opinion: '材料齐全，符合条件' });
    yield* this.handled(review, stream, [this.event('ApplicationReviewed', { ...ids, reviewedBy: reviewer, opinion: '材料齐全，符合条件', reviewedAt: this.at() }, review)], ids);
    if (c.outcome === 'rejected') {
      yield* this.noticeUpheld(c);
      const director = this.pick('director', 3);
      const reject = this.command('RejectApplication', director, { ...ids, reason: '不符合认定条件' });
      yield* this.handled(reject, stream, [this.event('ApplicationRejected', { ...ids, rejectedBy: director, reason: '不符合认定条件', rejectedAt: this.at() }, reject)], ids);
      return;
    }
    const approver = this.approver(c);
    const approve = this.command('ApproveApplication', approver, { ...ids, amountFen: c.amountFen }, this.documentRef(c));
    approvals.set(c, approve);
    yield* this.accepted(approve);
    const started = { ...ids, approvalId: c.approvalId, amountFen: c.amountFen, approvedBy: approver, startedAt: this.at(), exclusivityGroup: c.line.exclusivityGroup };
    yield* this.append(stream, [this.event('ApprovalStarted', started, approve)]);
  }

  private *reservations(cases: Case[], approvals: Map<Case, Command>): History {
    for (const c of cases) {
      const approve = approvals.get(c)!;
      const claimedAt = this.at();
      yield* this.append(claimStream(c.line.exclusivityGroup, c.fact), [
        this.event('FactClaimed', {
          exclusivityGroup: c.line.exclusivityGroup,
          fact: c.fact,
          applicationId: c.applicationId,
          approvalId: c.approvalId,
          lineCode: c.line.lineCode,
          creditCode: c.firm.creditCode,
          claimedAt,
        }, approve),
      ]);
      yield* this.append(entitlementStream(c.line.lineCode, c.firm.creditCode), [
        this.event('EntitlementReserved', {
          lineCode: c.line.lineCode,
          creditCode: c.firm.creditCode,
          fiscalYear: c.fiscalYear,
          applicationId: c.applicationId,
          approvalId: c.approvalId,
          amountFen: c.amountFen,
          reservedAt: claimedAt,
        }, approve),
      ]);
    }
  }

  /** The approval's budget step, after Finance's allocation or top-up when the line would run short. */
  private *commit(c: Case, approve: Command): History {
    yield* this.funding(c);
    const ref = { budgetLineId: c.budgetLineId, applicationId: c.applicationId, approvalId: c.approvalId, amountFen: c.amountFen };
    this.available.set(c.budgetLineId, this.available.get(c.budgetLineId)! - c.amountFen);
    yield* this.append(budgetStream(c.budgetLineId), [this.event('BudgetCommitted', { ...ref, committedAt: this.at() }, approve)]);
  }

  private *funding(c: Case): History {
    const id = c.budgetLineId;
    const ids = { budgetLineId: id };
    const left = this.available.get(id);
    if (left === undefined) {
      const allocation = { lineCode: c.line.lineCode, fiscalYear: c.fiscalYear, payer: c.payer, amountFen: ALLOCATION_FEN };
      const allocate = this.command('AllocateBudget', 'finance-1', allocation, `许财预〔${c.fiscalYear}〕3号`);
      this.available.set(id, ALLOCATION_FEN);
      yield* this.handled(allocate, budgetStream(id), [this.event('BudgetAllocated', { ...allocation, budgetLineId: id, allocatedAt: this.at() }, allocate)], ids);
      return yield* this.funding(c);
    }
    if (left >= c.amountFen) return;
    const adjustment = { budgetLineId: id, deltaFen: ALLOCATION_FEN, reason: '追加预算' };
    const adjust = this.command('AdjustBudget', 'finance-1', adjustment, `许财预〔${c.fiscalYear}〕9号`);
    this.available.set(id, left + ALLOCATION_FEN);
    yield* this.handled(adjust, budgetStream(id), [this.event('BudgetAdjusted', { ...adjustment, adjustedAt: this.at() }, adjust)], ids);
  }

  private *releases(cases: Case[], approvals: Map<Case, Command>): History {
    for (const c of cases) {
      const approve = approvals.get(c)!;
      const ids = { applicationId: c.applicationId, approvalId: c.approvalId, releasedAt: this.at() };
      yield* this.append(claimStream(c.line.exclusivityGroup, c.fact), [this.event('FactClaimReleased', ids, approve)]);
      yield* this.append(entitlementStream(c.line.lineCode, c.firm.creditCode), [this.event('EntitlementReleased', ids, approve)]);
      if (c.outcome !== 'abandoned-after-budget') continue;
      const ref = { budgetLineId: c.budgetLineId, applicationId: c.applicationId, approvalId: c.approvalId, amountFen: c.amountFen };
      this.available.set(c.budgetLineId, this.available.get(c.budgetLineId)! + c.amountFen);
      yield* this.append(budgetStream(c.budgetLineId), [this.event('BudgetReleased', { ...ref, releasedAt: this.at() }, approve)]);
    }
  }

  /** The approval's outcome; a refused approval records no result (its key stays claimed), an approved one is paid. */
  private *closing(c: Case, approve: Command): History {
    const stream = applicationStream(c.applicationId);
    if (c.outcome !== 'approved') {
      const code = c.outcome === 'abandoned-before-budget' ? 'BUDGET_EXCEEDED' : 'CONCURRENCY_EXHAUSTED';
      yield* this.append(stream, [this.event('ApprovalAbandoned', { applicationId: c.applicationId, approvalId: c.approvalId, code, reason: '审批未能完成，预留已释放', abandonedAt: this.at() }, approve)]);
      return;
    }
    const approved = { applicationId: c.applicationId, approvalId: c.approvalId, amountFen: c.amountFen, approvedBy: approve.actorId, budgetLineId: c.budgetLineId, approvedAt: this.at() };
    yield* this.append(stream, [this.event('ApplicationApproved', approved, approve)]);
    this.recorded(approve, { applicationId: c.applicationId, approvalId: c.approvalId, amountFen: c.amountFen });
    yield* this.payments(c);
  }

  private *payments(c: Case): History {
    const tranches = 1 + Math.floor(this.rand() * 3);
    const paidFully = this.rand() < 0.7;
    let paid = 0;
    for (let t = 0; t < tranches; t++) {
      const amountFen = t === tranches - 1 && paidFully ? c.amountFen - paid : Math.floor(c.amountFen / (tranches + 1));
      if (amountFen <= 0) continue;
      paid += amountFen;
      const recorder = this.pick('treasury', 3);
      const payment = { applicationId: c.applicationId, amountFen, paidOn: this.at().slice(0, 10), paymentReference: `许财拨〔${c.fiscalYear}〕${c.applicationId.slice(0, 13)}-${t + 1}` };
      const pay = this.command('RecordDisbursement', recorder, payment);
      const disbursementId = deterministicId(pay.commandId, 'disbursement');
      this.paid.push({ disbursementId, creditCode: c.firm.creditCode, payment });
      yield* this.handled(pay, applicationStream(c.applicationId), [
        this.event('DisbursementRecorded', { ...payment, disbursementId, budgetLineId: c.budgetLineId, recordedBy: recorder, recordedAt: this.at() }, pay),
      ], { applicationId: c.applicationId, disbursementId });
    }
    if (paid > 0 && this.rand() < 0.08) yield* this.clawback(c, paid);
  }

  private *clawback(c: Case, paidFen: Fen): History {
    const stream = applicationStream(c.applicationId);
    const { applicationId } = c;
    const demanded = this.rand() < 0.5 ? paidFen : Math.max(1, Math.floor(paidFen / 2));
    const officer = this.pick('director', 3);
    const demand = this.command('DemandClawback', officer, { applicationId, amountFen: demanded, reason: '提供虚假材料' }, `许工信〔${c.fiscalYear}〕40号`);
    const clawbackId = deterministicId(demand.commandId, 'clawback');
    yield* this.handled(demand, stream, [
      this.event('ClawbackDemanded', { applicationId, clawbackId, amountFen: demanded, reason: '提供虚假材料', demandedBy: officer, demandedAt: this.at() }, demand),
    ], { applicationId, clawbackId });
    const roll = this.rand();
    if (roll < 0.25) return;
    const repaid = roll < 0.75 ? demanded : Math.floor(demanded / 2);
    if (repaid > 0) {
      const recorder = this.pick('treasury', 3);
      const repayment = { applicationId, clawbackId, amountFen: repaid, paidOn: this.at().slice(0, 10), paymentReference: `许财缴-${this.serial}` };
      const repay = this.command('RecordRepayment', recorder, repayment);
      const repaymentId = deterministicId(repay.commandId, 'repayment');
      yield* this.handled(repay, stream, [
        this.event('ClawbackRepaid', { ...repayment, repaymentId, budgetLineId: c.budgetLineId, recordedBy: recorder, recordedAt: this.at() }, repay),
      ], { applicationId, clawbackId, repaymentId });
    }
    if (repaid < demanded) {
      // 四眼原则: not the director who demanded it.
      const waiver = `deputy-${officer}`;
      const waive = this.command('WaiveClawback', waiver, { applicationId, clawbackId, reason: '企业注销，无法追回' });
      yield* this.handled(waive, stream, [
        this.event('ClawbackWaived', { applicationId, clawbackId, amountFen: demanded - repaid, reason: '企业注销，无法追回', waivedBy: waiver, waivedAt: this.at() }, waive),
      ], { applicationId, clawbackId });
    }
  }

  // ── The agent bank's file ─────────────────────────────────────────────────────────────────

  /**
   * The chunk's payments as the agent bank lists them, matched by reference, but for the last,
   * left out of the file (in no file), and one record the ledger never paid, resolved by one of
   * Finance and confirmed by another. No draw of the seeded generator and no tick of the clock:
   * the lifecycles stay what they were without it.
   */
  private *treasuryFile(): History {
    const paid = this.paid;
    this.paid = [];
    if (paid.length < 2 || !this.treasuryFiles) return;
    const at = new Date(this.now).toISOString();
    const fileId = createHash('sha256').update(randomUUID()).digest('hex');
    const period = paid[0]!.payment.paidOn.slice(0, 7);
    const listed = paid.slice(0, -1).map(({ disbursementId, creditCode, payment }, i) => ({
      row: i + 2, paymentOrderNo: payment.paymentReference, payeeName: '', payeeCreditCode: creditCode, payeeAccount: '',
      amountFen: payment.amountFen, valueDate: payment.paidOn,
      outcome: 'matched' as const, method: 'reference' as const, disbursementId, differences: [], duplicateOf: null,
    }));
    const unpaid = {
      ...listed[0]!, row: listed.length + 2, paymentOrderNo: `ZFL-${fileId.slice(0, 8)}`,
      outcome: 'notInLedger' as const, method: null, disbursementId: null,
    };
    const records = [...listed, unpaid];
    const file = { fileId, fileName: `${period}.csv`, period, dateWindowDays: 3, recordCount: records.length, totalFen: records.reduce((t, r) => t + r.amountFen, 0) };
    const importing = this.command('ImportTreasuryFile', 'finance-1', file);
    const counts = { matched: listed.length, differences: 0, notInLedger: 1, duplicates: 0 };
    yield* this.handled(importing, treasuryFileStream(fileId), [
      this.event('TreasuryFileImported', { ...file, importedBy: 'finance-1', importedAt: at }, importing),
      this.event('TreasuryRecordsMatched', { fileId, period, firstIndex: 0, records, matchedAt: at }, importing),
      this.event('TreasuryFileMatched', { fileId, period, counts, matchedAt: at }, importing),
    ], { fileId, period, recordCount: records.length, ...counts });
    const exceptionId = treasuryRecordId(fileId, unpaid.row);
    const resolution = { exceptionId, reason: '代理银行退票，次月重付' };
    const resolve = this.command('ResolveTreasuryException', 'finance-1', resolution);
    yield* this.handled(resolve, treasuryExceptionStream(exceptionId), [
      this.event('TreasuryExceptionResolved', { ...resolution, kind: 'notInLedger', period, resolvedBy: 'finance-1', resolvedAt: at }, resolve),
    ], { exceptionId });
    const confirm = this.command('ConfirmTreasuryResolution', 'finance-2', { exceptionId });
    yield* this.handled(confirm, treasuryExceptionStream(exceptionId), [
      this.event('TreasuryResolutionConfirmed', { exceptionId, confirmedBy: 'finance-2', confirmedAt: at }, confirm),
    ], { exceptionId });
  }

  // ── Measures ──────────────────────────────────────────────────────────────────────────────

  /** A chunk's measures: the year's targets when it begins, a designation, a step in the pool, an activity. */
  private *measures(): History {
    const year = new Date(this.now).getUTCFullYear();
    if (!this.targetYears.has(year)) yield* this.targets(year);
    const registered = this.firms.filter((f) => !this.unregistered.has(f));
    const firm = registered[Math.floor(this.measureRand() * registered.length)]!;
    yield* this.designation(firm);
    const enterprise = registered.find((f) => f.kind === 'enterprise' && this.pooled.get(f) !== 'above-designated-size' && this.pooled.get(f) !== 'monitored');
    if (enterprise) yield* this.poolEntry(enterprise, year);
    const member = [...this.pooled].find(([f, status]) => status === 'monitored' && f !== enterprise)?.[0];
    if (member) yield* this.poolStep(member, year);
    yield* this.activity(year, registered);
  }

  private *targets(year: number): History {
    this.targetYears.add(year);
    for (const target of xuchang2016_8TargetsOf(year)) {
      const set = this.command('SetTarget', 'catalog-admin', target);
      yield* this.handled(set, targetStream(target.targetCode, year), [this.event('TargetSet', { ...target, setAt: this.at() }, set)], { targetCode: target.targetCode, year });
    }
  }

  private *designation(firm: Firm): History {
    const kinds = XUCHANG_2016_8_DESIGNATION_KINDS.filter((k) => k.eligibleKinds.includes(firm.kind));
    const kind = kinds[Math.floor(this.measureRand() * kinds.length)];
    if (!kind) return;
    this.serial += 1;
    const input = {
      creditCode: firm.creditCode,
      kindCode: kind.kindCode,
      documentNumber: `豫工信〔${new Date(this.now).getUTCFullYear()}〕${this.serial}号`,
      designatedBy: '河南省工业和信息化委员会',
      designatedOn: this.at().slice(0, 10),
      ...(kind.subject === 'product' ? { product: `产品${this.serial}` } : {}),
      ...(kind.minimumAnnualRevenueFen ? { annualRevenueFen: kind.minimumAnnualRevenueFen + 100 * this.serial } : {}),
    };
    const record = this.command('RecordDesignation', 'registrar-1', input);
    const designationId = deterministicId(record.commandId, 'designation');
    yield* this.handled(record, designationsStream(firm.creditCode), [
      this.event('DesignationRecorded', { ...input, designationId, level: kind.level, recordedBy: 'registrar-1', recordedAt: this.at() }, record),
    ], { designationId, creditCode: firm.creditCode });
  }

  private *poolEntry(firm: Firm, year: number): History {
    const { poolCode, minOutputFen, maxOutputFen } = XUCHANG_2016_8_POOL;
    const entry = { poolCode, creditCode: firm.creditCode, year, outputValueFen: minOutputFen + Math.floor(this.measureRand() * (maxOutputFen - minOutputFen)), enteredOn: this.at().slice(0, 10) };
    const enter = this.command('EnterPool', 'officer-1', entry);
    this.pooled.set(firm, 'monitored');
    yield* this.handled(enter, poolMemberStream(poolCode, firm.creditCode), [this.event('PoolEntered', { ...entry, recordedBy: 'officer-1', recordedAt: this.at() }, enter)], { poolCode, creditCode: firm.creditCode });
  }

  /** Monitored this year, or leaving: above-designated-size or dropped out. */
  private *poolStep(firm: Firm, year: number): History {
    const { poolCode } = XUCHANG_2016_8_POOL;
    const stream = poolMemberStream(poolCode, firm.creditCode);
    const ids = { poolCode, creditCode: firm.creditCode };
    const roll = this.measureRand();
    if (roll < 0.5) {
      const monitoring = { poolCode, creditCode: firm.creditCode, year, outputValueFen: Math.floor(this.measureRand() * 3_000_000_000) };
      const monitor = this.command('MonitorPoolMember', 'officer-1', monitoring);
      yield* this.handled(monitor, stream, [this.event('PoolMonitored', { ...monitoring, recordedBy: 'officer-1', recordedAt: this.at() }, monitor)], ids);
      return;
    }
    const reason = roll < 0.8 ? 'above-designated-size' : 'dropped-out';
    const exit = { poolCode, creditCode: firm.creditCode, reason, reference: reason === 'dropped-out' ? '企业停产' : `许统规上-${firm.creditCode}`, exitedOn: this.at().slice(0, 10) } as const;
    const command = this.command('ExitPool', 'officer-1', exit);
    this.pooled.set(firm, reason);
    yield* this.handled(command, stream, [this.event('PoolExited', { ...exit, recordedBy: 'officer-1', recordedAt: this.at() }, command)], ids);
  }

  private *activity(year: number, firms: Firm[]): History {
    const counted = xuchang2016_8TargetsOf(year).filter((t) => t.measure.kind !== 'designations');
    const target = counted[Math.floor(this.measureRand() * counted.length)]!;
    const [base, housed] = [firms[0]!, firms[firms.length - 1]!];
    const discount = target.measure.kind === 'lowest-discount' && base !== housed
      ? { rentDiscount: { baseCreditCode: base.creditCode, firmCreditCode: housed.creditCode, basisPoints: 300 + Math.floor(this.measureRand() * 1_000) } }
      : {};
    if (target.measure.kind === 'lowest-discount' && !('rentDiscount' in discount)) return;
    const input = {
      targetCode: target.targetCode,
      year,
      title: `${target.titleZh}（第${this.serial}次）`,
      heldOn: this.at().slice(0, 10),
      place: '许昌市会展中心',
      firmsTakingPart: 1 + Math.floor(this.measureRand() * 80),
      unit: this.measureRand() < 0.7 ? target.leadUnit : target.cooperatingUnits[0]!,
      ...discount,
    };
    const record = this.command('RecordActivity', 'unit-1', input);
    const activityId = deterministicId(record.commandId, 'activity');
    yield* this.handled(record, targetStream(target.targetCode, year), [
      this.event('ActivityRecorded', { ...input, activityId, recordedBy: 'unit-1', recordedAt: this.at() }, record),
    ], { activityId, targetCode: target.targetCode, year });
  }

  // ── Commands and their idempotency records ────────────────────────────────────────────────

  /** A command with a key of its own, hashed with its input as the envelope hashes it. */
  private command(commandType: string, actorId: string, input: unknown, documentRef?: string): Command {
    const idempotencyKey = `generated-${(this.commands += 1)}`;
    return {
      commandId: deterministicId('command', idempotencyKey),
      commandType,
      idempotencyKey,
      payloadHash: payloadHash({ commandType, input, documentRef: documentRef ?? null }),
      actorId,
      ...(documentRef === undefined ? {} : { documentRef }),
    };
  }

  /** A command on one stream, as `handle` writes it: its key claimed, its events, its result recorded. */
  private *handled(command: Command, stream: string, events: NewEvent[], ids: Record<string, string | number>): History {
    yield* this.accepted(command);
    yield* this.append(stream, events);
    this.recorded(command, ids);
  }

  private *accepted(command: Command): History {
    if (!this.recording) return;
    yield* this.append(commandStream(command.commandId), [this.commandEvent(command, { type: 'CommandAccepted', data: { ...identity(command), acceptedAt: this.at() } })]);
  }

  /** Its record, quoting the position of the command's last event: the append just handed back. */
  private recorded(command: Command, ids: Record<string, string | number>): void {
    if (!this.recording) return;
    if (!this.written) throw new Error('with commandRecords, hand each append\'s result back to the generator');
    const stream = commandStream(command.commandId);
    const expectedRevision = this.revisionAfter(stream, 1);
    const recordedAt = this.at();
    this.records.push({
      after: this.written,
      build: ({ position }) => ({
        stream,
        expectedRevision,
        events: [this.commandEvent(command, { type: 'CommandRecorded', data: { ...identity(command), result: { ...ids, position }, recordedAt } })],
      }),
    });
  }

  private *flushRecords(): History {
    const records = this.records;
    this.records = [];
    for (const record of records) yield record;
  }

  private commandEvent(command: Command, entry: CommandEvent): NewEvent {
    return { id: randomUUID(), type: entry.type, data: entry.data, metadata: this.metadata(command) };
  }

  // ── Plumbing ──────────────────────────────────────────────────────────────────────────────

  private approver(c: Case): string {
    return `director-${(c.approvalId.charCodeAt(0) % 3) + 1}`;
  }

  private documentRef(c: Case): string {
    return `许工信〔${c.fiscalYear}〕${(c.approvalId.charCodeAt(1) % 90) + 10}号`;
  }

  private pick(role: string, count: number): string {
    return `${role}-${1 + Math.floor(this.rand() * count)}`;
  }

  private at(): string {
    this.now += 1_000;
    return new Date(this.now).toISOString();
  }

  /** The metadata the envelope stamps on every event of a command (and of an approval's steps). */
  private metadata(command: Command): NewEvent['metadata'] {
    return {
      actorId: command.actorId,
      actorRole: ROLES[command.actorId.replace(/-.*$/, '')] ?? 'ADMIN',
      correlationId: command.commandId,
      causationId: command.commandId,
      recordedAt: new Date(this.now).toISOString(),
      schemaVersion: 1,
      ...(command.documentRef === undefined ? {} : { documentRef: command.documentRef }),
      payloadHash: command.payloadHash,
    };
  }

  private event<T extends LedgerEventType>(type: T, data: EventData<T>, command: Command): NewEvent {
    return { id: randomUUID(), type, data, metadata: this.metadata(command) };
  }

  /** An append at the stream's exact revision; what the caller hands back is its result. */
  private *append(stream: string, events: NewEvent[]): History {
    const expectedRevision = this.revisionAfter(stream, events.length);
    this.written = yield { stream, expectedRevision, events };
  }

  /** The stream's revision before `count` more events, which it counts. */
  private revisionAfter(stream: string, count: number): ExpectedRevision {
    const last = this.revisions.get(stream);
    this.revisions.set(stream, (last ?? -1) + count);
    return last === undefined ? 'no_stream' : last;
  }
}

const identity = ({ commandId, commandType, idempotencyKey, payloadHash }: Command) => ({ commandId, commandType, idempotencyKey, payloadHash });
