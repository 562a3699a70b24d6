/**
 * An independent replay of the log for reconciliation: plain maps, folded event by event, with
 * no code in common with the projections, so a bug in one is not repeated in the other.
 * Its figures are keyed and named like the read models' columns, to be compared one by one.
 */
import type { BenefitLineDefinition } from '../catalog/catalog.js';
import type { LedgerEvent } from '../events.js';
import type { Fen } from '../shared/money.js';

export type Figures = Record<string, string | number | null>;

/** Every figure of every read model as the events say it should be: model → key → figures. */
export type ModelFigures = Map<string, Map<string, Figures>>;

interface Application {
  creditCode: string;
  lineCode: string;
  fiscalYear: number;
  payer: string;
  budgetLineId: string;
  county: string;
  status: string;
  reviewed: boolean;
  requested: Fen;
  approved: Fen | null;
  approvedBy: string | null;
  approvedAt: string | null;
  disbursed: Fen;
  demanded: Fen;
  recovered: Fen;
  waived: Fen;
}

interface BudgetLine {
  lineCode: string;
  fiscalYear: number;
  payer: string;
  allocated: Fen;
  commitments: Fen;
  disbursed: Fen;
  recovered: Fen;
}

interface Commitment {
  budgetLineId: string;
  amount: Fen;
}

export class Replay {
  readonly applications = new Map<string, Application>();
  readonly budgetLines = new Map<string, BudgetLine>();
  readonly enterprises = new Map<string, { name: string; county: string; kind: string }>();
  readonly policies = new Map<string, string>();
  readonly lines = new Map<string, BenefitLineDefinition>();
  readonly approvals = new Map<string, { applicationId: string; amount: Fen; status: string }>();
  readonly disbursements = new Map<string, Figures>();
  /** Budget commitments of approvals neither approved nor released yet, by approval. */
  readonly inFlight = new Map<string, Commitment>();
  /** 文号 each approval cites, and the approval each application was approved with. */
  private readonly approvalRefs = new Map<string, string | null>();
  private readonly approvedWith = new Map<string, string>();
  events = 0;

  /** Folds one event in; `documentRef` is the 文号 its metadata carries. */
  apply(event: LedgerEvent, documentRef?: string): void {
    this.events += 1;
    switch (event.type) {
      case 'EnterpriseRegistered':
        this.enterprises.set(event.data.creditCode, { name: event.data.name, county: event.data.county, kind: event.data.kind });
        return;
      case 'PolicyPublished':
        this.policies.set(event.data.policyCode, event.data.documentNumber);
        return;
      case 'BenefitLineDefined': {
        const { definedAt: _definedAt, ...definition } = event.data;
        this.lines.set(definition.lineCode, definition);
        return;
      }
      case 'BenefitLineAmended':
        this.lines.set(event.data.lineCode, { ...this.lines.get(event.data.lineCode)!, ...event.data.changes });
        return;
      default:
        this.applyBudget(event, documentRef);
    }
  }

  private applyBudget(event: LedgerEvent, documentRef: string | undefined): void {
    switch (event.type) {
      case 'BudgetAllocated': {
        const { lineCode, fiscalYear, payer, amountFen } = event.data;
        this.budgetLines.set(event.data.budgetLineId, { lineCode, fiscalYear, payer, allocated: amountFen, commitments: 0, disbursed: 0, recovered: 0 });
        return;
      }
      case 'BudgetAdjusted':
        this.budgetLine(event.data.budgetLineId).allocated += event.data.deltaFen;
        return;
      case 'BudgetCommitted':
        this.budgetLine(event.data.budgetLineId).commitments += event.data.amountFen;
        this.inFlight.set(event.data.approvalId, { budgetLineId: event.data.budgetLineId, amount: event.data.amountFen });
        return;
      case 'BudgetReleased':
        this.budgetLine(event.data.budgetLineId).commitments -= event.data.amountFen;
        this.inFlight.delete(event.data.approvalId);
        return;
      default:
        this.applyApplication(event, documentRef);
    }
  }

  private applyApplication(event: LedgerEvent, documentRef: string | undefined): void {
    switch (event.type) {
      case 'ApplicationSubmitted': {
        const d = event.data;
        this.applications.set(d.applicationId, {
          creditCode: d.creditCode,
          lineCode: d.lineCode,
          fiscalYear: d.fiscalYear,
          payer: d.payer,
          budgetLineId: d.budgetLineId,
          county: d.county,
          status: 'submitted',
          reviewed: false,
          requested: d.requestedFen,
          approved: null,
          approvedBy: null,
          approvedAt: null,
          disbursed: 0,
          demanded: 0,
          recovered: 0,
          waived: 0,
        });
        return;
      }
      case 'ApplicationReviewed':
        Object.assign(this.application(event.data.applicationId), { status: 'reviewed', reviewed: true });
        return;
      case 'ApprovalStarted':
        this.application(event.data.applicationId).status = 'approving';
        this.approvals.set(event.data.approvalId, { applicationId: event.data.applicationId, amount: event.data.amountFen, status: 'pending' });
        this.approvalRefs.set(event.data.approvalId, documentRef ?? null);
        return;
      case 'ApplicationApproved': {
        const a = this.application(event.data.applicationId);
        Object.assign(a, { status: 'approved', approved: event.data.amountFen, approvedBy: event.data.approvedBy, approvedAt: event.data.approvedAt });
        this.approvals.get(event.data.approvalId)!.status = 'approved';
        this.inFlight.delete(event.data.approvalId);
        if (documentRef) this.approvalRefs.set(event.data.approvalId, documentRef);
        this.approvedWith.set(event.data.applicationId, event.data.approvalId);
        return;
      }
      case 'ApprovalAbandoned': {
        const a = this.application(event.data.applicationId);
        a.status = a.reviewed ? 'reviewed' : 'submitted';
        this.approvals.get(event.data.approvalId)!.status = 'abandoned';
        return;
      }
      case 'ApplicationRejected':
        this.application(event.data.applicationId).status = 'rejected';
        return;
      case 'ApplicationWithdrawn':
        this.application(event.data.applicationId).status = 'withdrawn';
        return;
      default:
        this.applyMoney(event);
    }
  }

  private applyMoney(event: LedgerEvent): void {
    switch (event.type) {
      case 'DisbursementRecorded': {
        const d = event.data;
        const a = this.application(d.applicationId);
        a.disbursed += d.amountFen;
        this.budgetLine(d.budgetLineId).disbursed += d.amountFen;
        const approvalId = this.approvedWith.get(d.applicationId) ?? null;
        this.disbursements.set(d.disbursementId, {
          application_id: d.applicationId,
          credit_code: a.creditCode,
          line_code: a.lineCode,
          fiscal_year: a.fiscalYear,
          payer: a.payer,
          budget_line_id: d.budgetLineId,
          county: a.county,
          approval_id: approvalId,
          approved_by: a.approvedBy,
          approved_at: a.approvedAt,
          approval_document_ref: approvalId && (this.approvalRefs.get(approvalId) ?? null),
          amount_fen: d.amountFen,
          paid_on: d.paidOn,
          payment_reference: d.paymentReference,
          recorded_by: d.recordedBy,
        });
        return;
      }
      case 'ClawbackDemanded':
        this.application(event.data.applicationId).demanded += event.data.amountFen;
        return;
      case 'ClawbackRepaid':
        this.application(event.data.applicationId).recovered += event.data.amountFen;
        this.budgetLine(event.data.budgetLineId).recovered += event.data.amountFen;
        return;
      case 'ClawbackWaived':
        this.application(event.data.applicationId).waived += event.data.amountFen;
        return;
      default:
        return;
    }
  }

  /** A missing aggregate in a replay is itself a finding: fail loudly rather than invent one. */
  private application(id: string): Application {
    const a = this.applications.get(id);
    if (!a) throw new Error(`replay: an event names application ${id}, never submitted`);
    return a;
  }

  private budgetLine(id: string): BudgetLine {
    const b = this.budgetLines.get(id);
    if (!b) throw new Error(`replay: an event names budget line ${id}, never allocated`);
    return b;
  }
}

// ── Figures ─────────────────────────────────────────────────────────────────────────────────

export const BALANCE_FIGURES = ['approved_fen', 'disbursed_fen', 'clawback_demanded_fen', 'recovered_fen', 'waived_fen'] as const;

function balance(rows: Application[]): Figures {
  const sum = (pick: (a: Application) => Fen) => rows.reduce((total, a) => total + pick(a), 0);
  const approved = sum((a) => a.approved ?? 0);
  const [disbursed, demanded, recovered, waived] = [sum((a) => a.disbursed), sum((a) => a.demanded), sum((a) => a.recovered), sum((a) => a.waived)];
  return {
    approved_fen: approved,
    disbursed_fen: disbursed,
    clawback_demanded_fen: demanded,
    recovered_fen: recovered,
    waived_fen: waived,
    outstanding_clawback_fen: demanded - recovered - waived,
    net_benefit_fen: disbursed - recovered,
  };
}

export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

const mapValues = <A, B>(map: Map<string, A>, f: (a: A) => B) => new Map([...map].map(([k, v]) => [k, f(v)]));

/** JSON with sorted keys, so two equal definitions compare equal whatever their key order. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/** The figures every read model should hold after the events replayed so far. */
export function replayedFigures(r: Replay): ModelFigures {
  const awarded = [...r.applications.values()].filter((a) => a.approved !== null);
  const byFirm = groupBy(awarded, (a) => a.creditCode);
  return new Map<string, Map<string, Figures>>([
    ['budget_use', mapValues(r.budgetLines, (b) => {
      const committed = b.commitments - b.disbursed;
      return { line_code: b.lineCode, fiscal_year: b.fiscalYear, payer: b.payer, allocated_fen: b.allocated, committed_fen: committed, disbursed_fen: b.disbursed, recovered_fen: b.recovered, available_fen: b.allocated - committed - b.disbursed };
    })],
    ['enterprise_balances', new Map([...r.enterprises.keys()].map((code) => [code, balance(byFirm.get(code) ?? [])]))],
    ['enterprise_line_balances', mapValues(groupBy(awarded, (a) => `${a.creditCode}/${a.lineCode}/${a.fiscalYear}`), (rows) => ({
      payer: rows[0]!.payer,
      budget_line_id: rows[0]!.budgetLineId,
      ...balance(rows),
    }))],
    ['applications', mapValues(r.applications, (a) => ({
      credit_code: a.creditCode,
      line_code: a.lineCode,
      fiscal_year: a.fiscalYear,
      payer: a.payer,
      budget_line_id: a.budgetLineId,
      county: a.county,
      status: a.status,
      requested_fen: a.requested,
      approved_fen: a.approved,
      disbursed_fen: a.disbursed,
      clawback_demanded_fen: a.demanded,
      recovered_fen: a.recovered,
      waived_fen: a.waived,
    }))],
    ['approvals', mapValues(r.approvals, (a) => ({ application_id: a.applicationId, amount_fen: a.amount, status: a.status }))],
    // Copies, as for every model: the replay goes on past this position for models that stand further on.
    ['disbursements', mapValues(r.disbursements, (d) => ({ ...d }))],
    ['enterprises', mapValues(r.enterprises, (e) => ({ ...e }))],
    ['policies', mapValues(r.policies, (documentNumber) => ({ document_number: documentNumber }))],
    ['benefit_lines', mapValues(r.lines, (line) => ({ definition: canonicalJson(line) }))],
  ]);
}
