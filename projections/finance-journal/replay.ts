/**
 * What the replay must give for the finance journal (财政台账): every amount booked, keyed by the
 * domain's ids, with its line, enterprise and business date. When the ledger recorded it (position
 * and time) is the log's own and not compared.
 */
import type { LedgerEvent } from '../../src/events.js';
import { defineReplay, type Figures, type Fold, named, notCompared } from '../../src/readmodel/replay.js';
import type { Fen } from '../../src/shared/money.js';

interface Line {
  lineCode: string;
  fiscalYear: number;
  payer: string;
  adjustments: number;
}

interface Journal {
  lines: Map<string, Line>;
  /** Each application's firm and the line it was submitted on. */
  grants: Map<string, { creditCode: string; budgetLineId: string }>;
  entries: Map<string, Figures>;
}

const dateIn8 = (instant: string) => new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

function enter(j: Journal, key: string, kind: string, lineId: string, amount: Fen, date: string, applicationId: string | null = null): void {
  const line = named(j.lines, lineId, 'budget line', 'allocated');
  const creditCode = applicationId === null ? null : named(j.grants, applicationId, 'application', 'submitted').creditCode;
  j.entries.set(key, {
    kind,
    budget_line_id: lineId,
    line_code: line.lineCode,
    fiscal_year: line.fiscalYear,
    payer: line.payer,
    credit_code: creditCode,
    application_id: applicationId,
    amount_fen: amount,
    business_date: date,
  });
}

const submittedLine = (j: Journal, applicationId: string) => named(j.grants, applicationId, 'application', 'submitted').budgetLineId;
const yearOf = (j: Journal, lineId: string) => named(j.lines, lineId, 'budget line', 'allocated').fiscalYear;

function apply(j: Journal, event: LedgerEvent): void {
  switch (event.type) {
    case 'BudgetAllocated': {
      const d = event.data;
      j.lines.set(d.budgetLineId, { lineCode: d.lineCode, fiscalYear: d.fiscalYear, payer: d.payer, adjustments: 0 });
      return enter(j, `${d.budgetLineId}/allocated`, 'allocated', d.budgetLineId, d.amountFen, dateIn8(d.allocatedAt));
    }
    case 'BudgetAdjusted': {
      const line = named(j.lines, event.data.budgetLineId, 'budget line', 'allocated');
      line.adjustments += 1;
      return enter(j, `${event.data.budgetLineId}/adjusted/${line.adjustments}`, 'adjusted', event.data.budgetLineId, event.data.deltaFen, dateIn8(event.data.adjustedAt));
    }
    case 'BudgetCommitted':
    case 'BudgetReleased': {
      const d = event.data;
      const kind = event.type === 'BudgetCommitted' ? 'committed' : 'released';
      const at = event.type === 'BudgetCommitted' ? event.data.committedAt : event.data.releasedAt;
      return enter(j, `${d.approvalId}/${kind}`, kind, d.budgetLineId, d.amountFen, dateIn8(at), d.applicationId);
    }
    case 'BudgetCarriedOut':
    case 'BudgetLapsed': {
      const d = event.data;
      const kind = event.type === 'BudgetCarriedOut' ? 'carried_out' : 'lapsed';
      return enter(j, `${d.approvalId}/${kind}/${d.budgetLineId}`, kind, d.budgetLineId, d.amountFen, `${yearOf(j, d.budgetLineId)}-12-31`, d.applicationId);
    }
    case 'BudgetCarriedIn': {
      const d = event.data;
      return enter(j, `${d.approvalId}/carried_in/${d.budgetLineId}`, 'carried_in', d.budgetLineId, d.amountFen, `${yearOf(j, d.budgetLineId)}-01-01`, d.applicationId);
    }
    case 'BudgetLineClosed':
      return enter(j, `${event.data.budgetLineId}/closed`, 'closed', event.data.budgetLineId, event.data.surplusFen, `${event.data.fiscalYear}-12-31`);
    case 'ApplicationSubmitted':
      j.grants.set(event.data.applicationId, { creditCode: event.data.creditCode, budgetLineId: event.data.budgetLineId });
      return;
    case 'ApplicationApproved': {
      const d = event.data;
      return enter(j, `${d.approvalId}/approved`, 'approved', submittedLine(j, d.applicationId), d.amountFen, dateIn8(d.approvedAt), d.applicationId);
    }
    case 'DisbursementRecorded':
      return enter(j, event.data.disbursementId, 'disbursed', event.data.budgetLineId, event.data.amountFen, event.data.paidOn, event.data.applicationId);
    case 'ClawbackRepaid':
      return enter(j, event.data.repaymentId, 'recovered', event.data.budgetLineId, event.data.amountFen, event.data.paidOn, event.data.applicationId);
    case 'ClawbackDemanded':
    case 'ClawbackWaived': {
      const d = event.data;
      const kind = event.type === 'ClawbackDemanded' ? 'clawback_demanded' : 'waived';
      const at = event.type === 'ClawbackDemanded' ? event.data.demandedAt : event.data.waivedAt;
      return enter(j, `${d.clawbackId}/${kind}`, kind, submittedLine(j, d.applicationId), d.amountFen, dateIn8(at), d.applicationId);
    }
    default:
      return;
  }
}

/** The journal's entries by key; finance's identities read it too. */
export const journal: Fold<Journal> = {
  initial: () => ({ lines: new Map(), grants: new Map(), entries: new Map() }),
  apply,
};

/** The entries of each line and kind summed per period of their business date (its first `length` characters). */
function periodTotals(entries: Map<string, Figures>, length: number): Map<string, Figures> {
  const totals = new Map<string, Figures>();
  for (const e of entries.values()) {
    const period = String(e.business_date).slice(0, length);
    const key = `${e.budget_line_id}/${e.kind}/${period}`;
    const total = totals.get(key) ?? { fiscal_year: e.fiscal_year, line_code: e.line_code, payer: e.payer, amount_fen: 0 };
    total.amount_fen = Number(total.amount_fen) + Number(e.amount_fen);
    totals.set(key, total);
  }
  return totals;
}

const PERIOD_TOTAL = { key: `budget_line_id || '/' || kind || '/' || period`, columns: ['fiscal_year', 'line_code', 'payer', 'amount_fen'] };

export const financeJournalReplay = defineReplay({
  folds: { journal },
  tables: {
    financeJournal: {
      key: 'entry_key',
      columns: ['kind', 'budget_line_id', 'line_code', 'fiscal_year', 'payer', 'credit_code', 'application_id', 'amount_fen', 'business_date'],
      rows: ({ journal }) => new Map([...journal.entries].map(([k, v]) => [k, { ...v }])),
    },
    fjMonthly: { ...PERIOD_TOTAL, rows: ({ journal }: { journal: Journal }) => periodTotals(journal.entries, 7) },
    fjDaily: { ...PERIOD_TOTAL, rows: ({ journal }: { journal: Journal }) => periodTotals(journal.entries, 10) },
    fjLines: notCompared('working table: each budget line\'s benefit line, year and payer, and its count of adjustments, read by the handlers only'),
    fjGrants: notCompared('working table: each application\'s firm and submitted line, read by the handlers only'),
  },
});
