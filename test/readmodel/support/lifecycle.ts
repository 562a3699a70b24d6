/**
 * Realistic grant lifecycles as the ledger would record them, for runner tests, reconciliation
 * tests and the projections benchmark: the catalog of 许政〔2016〕8号, enterprises in Xuchang's
 * counties, budgets allocated and topped up, applications submitted, reviewed, withdrawn,
 * rejected, approved through the approval process (claim, entitlement, budget, or all released
 * and abandoned), paid in tranches, clawed back, repaid and waived.
 *
 * It writes what the deciders would emit, stream by stream with exact expected revisions, so that
 * big volumes can be loaded fast; the domain's own rules are the deciders' business, not this.
 */
import { randomUUID } from 'node:crypto';
import { budgetLineId, budgetStream } from '../../../src/budget/budget.js';
import { benefitLineStream, payerFor, policyStream } from '../../../src/catalog/catalog.js';
import { XUCHANG_COUNTIES } from '../../../src/catalog/counties.js';
import { XUCHANG_2016_8_LINES, XUCHANG_2016_8_POLICY } from '../../../src/catalog/xuchang-2016-8.js';
import { claimStream, type QualifyingFact } from '../../../src/claim/claim.js';
import { checkCharacter } from '../../../src/enterprise/credit-code.js';
import { enterpriseStream, type EnterpriseKind } from '../../../src/enterprise/enterprise.js';
import { entitlementStream } from '../../../src/entitlement/entitlement.js';
import { applicationStream } from '../../../src/application/application.js';
import type { EventData, LedgerEventType } from '../../../src/events.js';
import type { ExpectedRevision, NewEvent } from '../../../src/eventstore/port.js';
import { applyRateToMean, type Fen } from '../../../src/shared/money.js';

export interface Append {
  stream: string;
  expectedRevision: ExpectedRevision;
  events: NewEvent[];
}

export interface LifecycleOptions {
  /** The same seed gives the same amounts, outcomes and firms (ids stay random uuids). */
  seed?: number;
}

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
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Endless lifecycles: the catalog first, then chunk after chunk of applications. */
export function* lifecycles(options: LifecycleOptions = {}): Generator<Append> {
  const writer = new LifecycleWriter(options);
  yield* writer.catalog();
  for (;;) yield* writer.chunk();
}

/** The first appends of `lifecycles` holding at least `events` events. */
export function* lifecycleEvents(events: number, options: LifecycleOptions = {}): Generator<Append> {
  let count = 0;
  for (const append of lifecycles(options)) {
    if (count >= events) return;
    count += append.events.length;
    yield append;
  }
}

class LifecycleWriter {
  private readonly rand: () => number;
  private readonly revisions = new Map<string, number>();
  private readonly firms: Firm[] = [];
  private readonly unregistered = new Set<Firm>();
  private readonly awarded = new Set<string>();
  private readonly available = new Map<string, Fen>();
  private readonly scaledUp: Firm[] = [];
  private now = Date.parse('2016-03-01T01:00:00.000Z');
  private serial = 0;

  constructor(options: LifecycleOptions) {
    this.rand = random(options.seed ?? 2016);
  }

  *catalog(): Generator<Append> {
    const at = this.at();
    yield this.append(policyStream(XUCHANG_2016_8_POLICY.policyCode), [
      this.event('PolicyPublished', { ...XUCHANG_2016_8_POLICY, publishedAt: at }, 'catalog-admin'),
    ]);
    for (const definition of XUCHANG_2016_8_LINES) {
      yield this.append(benefitLineStream(definition.lineCode), [
        this.event('BenefitLineDefined', { ...definition, definedAt: at }, 'catalog-admin'),
      ]);
    }
  }

  *chunk(): Generator<Append> {
    this.now += DAY_MS;
    const cases = Array.from({ length: CHUNK }, () => this.newCase());
    yield* this.registrations(cases);
    for (const c of cases) yield this.append(applicationStream(c.applicationId), this.opening(c));
    const approving = cases.filter((c) => c.outcome !== 'withdrawn' && c.outcome !== 'rejected');
    yield* this.reservations(approving);
    yield* this.budget(approving.filter((c) => c.outcome !== 'abandoned-before-budget'), 'commit');
    const abandoned = approving.filter((c) => c.outcome.startsWith('abandoned'));
    yield* this.releases(abandoned);
    for (const c of approving) yield this.append(applicationStream(c.applicationId), this.closing(c));
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

  private *registrations(cases: Case[]): Generator<Append> {
    for (const firm of new Set(cases.map((c) => c.firm))) {
      if (!this.unregistered.delete(firm)) continue;
      yield this.append(enterpriseStream(firm.creditCode), [
        this.event('EnterpriseRegistered', {
          creditCode: firm.creditCode,
          name: `许昌${firm.county}小微企业${firm.creditCode.slice(8, 16)}有限公司`,
          county: firm.county,
          kind: firm.kind,
          registeredAt: this.at(),
        }, 'registrar-1'),
      ]);
    }
  }

  private opening(c: Case): NewEvent[] {
    const applicant = `applicant-${c.firm.creditCode}`;
    const events = [
      this.event('ApplicationSubmitted', {
        applicationId: c.applicationId,
        creditCode: c.firm.creditCode,
        lineCode: c.line.lineCode,
        fiscalYear: c.fiscalYear,
        payer: c.payer,
        budgetLineId: c.budgetLineId,
        county: c.firm.county,
        qualifyingFact: c.fact,
        requestedFen: c.amountFen,
        evidence: { note: 'generated' },
        submittedBy: applicant,
        submittedAt: this.at(),
      }, applicant),
    ];
    if (c.outcome === 'withdrawn') {
      return [...events, this.event('ApplicationWithdrawn', { applicationId: c.applicationId, withdrawnBy: applicant, withdrawnAt: this.at() }, applicant)];
    }
    const reviewer = this.pick('officer', 5);
    events.push(this.event('ApplicationReviewed', { applicationId: c.applicationId, reviewedBy: reviewer, opinion: '材料齐全，符合条件', reviewedAt: this.at() }, reviewer));
    if (c.outcome === 'rejected') {
      const director = this.pick('director', 3);
      return [...events, this.event('ApplicationRejected', { applicationId: c.applicationId, rejectedBy: director, reason: '不符合认定条件', rejectedAt: this.at() }, director)];
    }
    const approver = this.approver(c);
    const started = this.event('ApprovalStarted', { applicationId: c.applicationId, approvalId: c.approvalId, amountFen: c.amountFen, approvedBy: approver, startedAt: this.at() }, approver);
    started.metadata.documentRef = this.documentRef(c);
    return [...events, started];
  }

  private *reservations(cases: Case[]): Generator<Append> {
    for (const c of cases) {
      const claimedAt = this.at();
      yield this.append(claimStream(c.line.exclusivityGroup, c.fact), [
        this.event('FactClaimed', {
          exclusivityGroup: c.line.exclusivityGroup,
          fact: c.fact,
          applicationId: c.applicationId,
          approvalId: c.approvalId,
          lineCode: c.line.lineCode,
          creditCode: c.firm.creditCode,
          claimedAt,
        }),
      ]);
      yield this.append(entitlementStream(c.line.lineCode, c.firm.creditCode), [
        this.event('EntitlementReserved', {
          lineCode: c.line.lineCode,
          creditCode: c.firm.creditCode,
          fiscalYear: c.fiscalYear,
          applicationId: c.applicationId,
          approvalId: c.approvalId,
          amountFen: c.amountFen,
          reservedAt: claimedAt,
        }),
      ]);
    }
  }

  /** One append per budget line: allocation or top-up first when a commitment would run it short. */
  private *budget(cases: Case[], step: 'commit' | 'release'): Generator<Append> {
    for (const [id, onLine] of groupBy(cases, (c) => c.budgetLineId)) {
      const events: NewEvent[] = [];
      for (const c of onLine) {
        const ref = { budgetLineId: id, applicationId: c.applicationId, approvalId: c.approvalId, amountFen: c.amountFen };
        if (step === 'commit') {
          events.push(...this.funding(c), this.event('BudgetCommitted', { ...ref, committedAt: this.at() }));
        } else events.push(this.event('BudgetReleased', { ...ref, releasedAt: this.at() }));
        this.available.set(id, this.available.get(id)! + (step === 'commit' ? -c.amountFen : c.amountFen));
      }
      yield this.append(budgetStream(id), events);
    }
  }

  private funding(c: Case): NewEvent[] {
    const left = this.available.get(c.budgetLineId);
    if (left === undefined) {
      this.available.set(c.budgetLineId, ALLOCATION_FEN);
      return [
        this.event('BudgetAllocated', {
          budgetLineId: c.budgetLineId,
          lineCode: c.line.lineCode,
          fiscalYear: c.fiscalYear,
          payer: c.payer,
          amountFen: ALLOCATION_FEN,
          allocatedAt: this.at(),
        }, 'finance-1'),
        ...this.funding(c),
      ];
    }
    if (left >= c.amountFen) return [];
    this.available.set(c.budgetLineId, left + ALLOCATION_FEN);
    return [this.event('BudgetAdjusted', { budgetLineId: c.budgetLineId, deltaFen: ALLOCATION_FEN, reason: '追加预算', adjustedAt: this.at() }, 'finance-1')];
  }

  private *releases(cases: Case[]): Generator<Append> {
    for (const c of cases) {
      const ids = { applicationId: c.applicationId, approvalId: c.approvalId, releasedAt: this.at() };
      yield this.append(claimStream(c.line.exclusivityGroup, c.fact), [this.event('FactClaimReleased', ids)]);
      yield this.append(entitlementStream(c.line.lineCode, c.firm.creditCode), [this.event('EntitlementReleased', ids)]);
    }
    yield* this.budget(cases.filter((c) => c.outcome === 'abandoned-after-budget'), 'release');
  }

  private closing(c: Case): NewEvent[] {
    const approver = this.approver(c);
    if (c.outcome !== 'approved') {
      const code = c.outcome === 'abandoned-before-budget' ? 'BUDGET_EXCEEDED' : 'CONCURRENCY_EXHAUSTED';
      return [this.event('ApprovalAbandoned', { applicationId: c.applicationId, approvalId: c.approvalId, code, reason: '审批未能完成，预留已释放', abandonedAt: this.at() }, approver)];
    }
    const approved = this.event('ApplicationApproved', { applicationId: c.applicationId, approvalId: c.approvalId, amountFen: c.amountFen, approvedBy: approver, budgetLineId: c.budgetLineId, approvedAt: this.at() }, approver);
    approved.metadata.documentRef = this.documentRef(c);
    return [approved, ...this.payments(c)];
  }

  private payments(c: Case): NewEvent[] {
    const tranches = 1 + Math.floor(this.rand() * 3);
    const paidFully = this.rand() < 0.7;
    const events: NewEvent[] = [];
    let paid = 0;
    for (let t = 0; t < tranches; t++) {
      const amountFen = t === tranches - 1 && paidFully ? c.amountFen - paid : Math.floor(c.amountFen / (tranches + 1));
      if (amountFen <= 0) continue;
      paid += amountFen;
      const recorder = this.pick('treasury', 3);
      events.push(this.event('DisbursementRecorded', {
        applicationId: c.applicationId,
        disbursementId: randomUUID(),
        budgetLineId: c.budgetLineId,
        amountFen,
        paidOn: this.at().slice(0, 10),
        paymentReference: `许财拨〔${c.fiscalYear}〕${this.serial}-${t + 1}`,
        recordedBy: recorder,
        recordedAt: this.at(),
      }, recorder));
    }
    return paid > 0 && this.rand() < 0.08 ? [...events, ...this.clawback(c, paid)] : events;
  }

  private clawback(c: Case, paidFen: Fen): NewEvent[] {
    const clawbackId = randomUUID();
    const demanded = this.rand() < 0.5 ? paidFen : Math.max(1, Math.floor(paidFen / 2));
    const officer = this.pick('director', 3);
    const events = [this.event('ClawbackDemanded', { applicationId: c.applicationId, clawbackId, amountFen: demanded, reason: '提供虚假材料', demandedBy: officer, demandedAt: this.at() }, officer)];
    const roll = this.rand();
    if (roll < 0.25) return events;
    const repaid = roll < 0.75 ? demanded : Math.floor(demanded / 2);
    const recorder = this.pick('treasury', 3);
    if (repaid > 0) {
      events.push(this.event('ClawbackRepaid', { applicationId: c.applicationId, clawbackId, repaymentId: randomUUID(), budgetLineId: c.budgetLineId, amountFen: repaid, paidOn: this.at().slice(0, 10), paymentReference: `许财缴-${this.serial}`, recordedBy: recorder, recordedAt: this.at() }, recorder));
    }
    if (repaid < demanded) {
      // 四眼原则: not the director who demanded it.
      const waiver = `deputy-${officer}`;
      events.push(this.event('ClawbackWaived', { applicationId: c.applicationId, clawbackId, amountFen: demanded - repaid, reason: '企业注销，无法追回', waivedBy: waiver, waivedAt: this.at() }, waiver));
    }
    return events;
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

  private event<T extends LedgerEventType>(type: T, data: EventData<T>, actorId = 'approval-process'): NewEvent {
    return {
      id: randomUUID(),
      type,
      data,
      metadata: {
        actorId,
        actorRole: actorId.replace(/-.*$/, ''),
        correlationId: randomUUID(),
        causationId: randomUUID(),
        recordedAt: new Date(this.now).toISOString(),
        schemaVersion: 1,
      },
    };
  }

  private append(stream: string, events: NewEvent[]): Append {
    const last = this.revisions.get(stream);
    this.revisions.set(stream, (last ?? -1) + events.length);
    return { stream, expectedRevision: last === undefined ? 'no_stream' : last, events };
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
