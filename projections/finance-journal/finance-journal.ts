/**
 * Finance journal (财政台账): every amount booked on a budget line or an enterprise, one entry per
 * amount, with its business date (approval, payment, clawback, repayment date; a close books at the
 * year's end) and when the ledger recorded it (log position and time). Figures as of a date, and as
 * the ledger reported them at a position or time, are sums over it (queries.ts), read from
 * covering indexes.
 */
import type { EventData } from '../../src/events.js';
import { defineProjection, type ProjectedEvent, type Tables } from '../../src/readmodel/projection.js';
import { column, tableSpec } from '../../src/readmodel/table.js';
import { businessDateAt } from '../../src/shared/fiscal-year.js';
import type { Fen } from '../../src/shared/money.js';
import type { LedgerEventType } from '../../src/events.js';
import { type EntryKind, entryKey, yearEnd, yearStart } from './entries.js';
import { financeJournalReplay } from './replay.js';

export interface JournalEntryRow {
  entryKey: string;
  kind: EntryKind;
  budgetLineId: string;
  lineCode: string;
  /** The fiscal year of the budget line the entry is booked on. */
  fiscalYear: number;
  payer: string;
  /** The enterprise, for an entry of a grant; null for the line's own entries. */
  creditCode: string | null;
  applicationId: string | null;
  amountFen: Fen;
  businessDate: string;
  position: string;
  recordedAt: string;
}

/** The entries of a line and kind summed per business day, or per month ('YYYY-MM'): what an as-of report reads. */
export interface PeriodTotalRow {
  budgetLineId: string;
  kind: EntryKind;
  period: string;
  fiscalYear: number;
  lineCode: string;
  payer: string;
  amountFen: Fen;
}

const periodTotals = () =>
  tableSpec<PeriodTotalRow>({
    columns: { budgetLineId: column.text, kind: column.text, period: column.text, fiscalYear: column.integer, lineCode: column.text, payer: column.text, amountFen: column.integer },
    primaryKey: ['budgetLineId', 'kind', 'period'],
    indexes: ['fiscal_year, period, budget_line_id, kind, amount_fen, line_code, payer'],
  });

interface LineRow {
  budgetLineId: string;
  lineCode: string;
  fiscalYear: number;
  payer: string;
  adjustments: number;
}

interface GrantRow {
  applicationId: string;
  creditCode: string;
  budgetLineId: string;
}

const tables = {
  financeJournal: tableSpec<JournalEntryRow>({
    columns: {
      entryKey: column.text,
      kind: column.text,
      budgetLineId: column.text,
      lineCode: column.text,
      fiscalYear: column.integer,
      payer: column.text,
      creditCode: column.optionalText,
      applicationId: column.optionalText,
      amountFen: column.integer,
      businessDate: column.text,
      position: column.text,
      recordedAt: column.text,
    },
    primaryKey: ['entryKey'],
    // A year's figures as reported at a position or time, and a firm's balance as of a date, each read one covering index.
    indexes: [
      'fiscal_year, position, business_date, budget_line_id, kind, amount_fen, line_code, payer',
      'fiscal_year, recorded_at, business_date, budget_line_id, kind, amount_fen, line_code, payer',
      'credit_code, business_date, position, kind, amount_fen, recorded_at',
    ],
  }),
  /** Per line, kind and month, and per line, kind and day: a year's report as of a date reads whole months, then the days of its month. */
  fjMonthly: periodTotals(),
  fjDaily: periodTotals(),
  fjLines: tableSpec<LineRow>({
    columns: { budgetLineId: column.text, lineCode: column.text, fiscalYear: column.integer, payer: column.text, adjustments: column.integer },
    primaryKey: ['budgetLineId'],
  }),
  fjGrants: tableSpec<GrantRow>({
    columns: { applicationId: column.text, creditCode: column.text, budgetLineId: column.text },
    primaryKey: ['applicationId'],
  }),
};

type T = Tables<typeof tables>;
type Booked = { key: string; kind: EntryKind; budgetLineId: string; amountFen: Fen; businessDate: string; applicationId?: string };

function book(t: T, event: ProjectedEvent<LedgerEventType>, entry: Booked): void {
  const { lineCode, fiscalYear, payer } = t.fjLines.get(entry.budgetLineId);
  const { budgetLineId, kind, amountFen, businessDate } = entry;
  for (const [table, period] of [[t.fjMonthly, businessDate.slice(0, 7)], [t.fjDaily, businessDate]] as const) {
    table.upsert([budgetLineId, kind, period], () => ({ budgetLineId, kind, period, fiscalYear, lineCode, payer, amountFen: 0 })).amountFen += amountFen;
  }
  const grant = entry.applicationId === undefined ? undefined : t.fjGrants.get(entry.applicationId);
  t.financeJournal.insert({
    entryKey: entry.key,
    kind: entry.kind,
    budgetLineId: entry.budgetLineId,
    lineCode,
    fiscalYear,
    payer,
    creditCode: grant?.creditCode ?? null,
    applicationId: entry.applicationId ?? null,
    amountFen: entry.amountFen,
    businessDate: entry.businessDate,
    position: event.position,
    recordedAt: event.metadata.recordedAt,
  });
}

/** An entry of a grant, on the line it is booked on (its submission's). */
const onGrant = (t: T, applicationId: string) => t.fjGrants.get(applicationId).budgetLineId;

const approvalEntry = (d: EventData<'BudgetCommitted'> | EventData<'BudgetReleased'>, kind: 'committed' | 'released', at: string): Booked => ({
  key: entryKey.approval(d.approvalId, kind), kind, budgetLineId: d.budgetLineId, amountFen: d.amountFen, businessDate: businessDateAt(at), applicationId: d.applicationId,
});

export const financeJournal = defineProjection({
  name: 'finance-journal',
  version: 1,
  tables,
  handlers: {
    BudgetAllocated: (t, e) => {
      const { budgetLineId, lineCode, fiscalYear, payer, amountFen, allocatedAt } = e.data;
      t.fjLines.insert({ budgetLineId, lineCode, fiscalYear, payer, adjustments: 0 });
      book(t, e, { key: entryKey.line(budgetLineId, 'allocated'), kind: 'allocated', budgetLineId, amountFen, businessDate: businessDateAt(allocatedAt) });
    },
    BudgetAdjusted: (t, e) => {
      const line = t.fjLines.change(e.data.budgetLineId);
      line.adjustments += 1;
      book(t, e, { key: entryKey.adjustment(line.budgetLineId, line.adjustments), kind: 'adjusted', budgetLineId: line.budgetLineId, amountFen: e.data.deltaFen, businessDate: businessDateAt(e.data.adjustedAt) });
    },
    BudgetCommitted: (t, e) => book(t, e, approvalEntry(e.data, 'committed', e.data.committedAt)),
    BudgetReleased: (t, e) => book(t, e, approvalEntry(e.data, 'released', e.data.releasedAt)),
    BudgetCarriedOut: (t, e) => {
      const { approvalId, budgetLineId, amountFen, applicationId } = e.data;
      book(t, e, { key: entryKey.close(approvalId, 'carried_out', budgetLineId), kind: 'carried_out', budgetLineId, amountFen, businessDate: yearEnd(t.fjLines.get(budgetLineId).fiscalYear), applicationId });
    },
    BudgetCarriedIn: (t, e) => {
      const { approvalId, budgetLineId, amountFen, applicationId } = e.data;
      book(t, e, { key: entryKey.close(approvalId, 'carried_in', budgetLineId), kind: 'carried_in', budgetLineId, amountFen, businessDate: yearStart(t.fjLines.get(budgetLineId).fiscalYear), applicationId });
    },
    BudgetLapsed: (t, e) => {
      const { approvalId, budgetLineId, amountFen, applicationId } = e.data;
      book(t, e, { key: entryKey.close(approvalId, 'lapsed', budgetLineId), kind: 'lapsed', budgetLineId, amountFen, businessDate: yearEnd(t.fjLines.get(budgetLineId).fiscalYear), applicationId });
    },
    BudgetLineClosed: (t, e) => {
      const { budgetLineId, fiscalYear, surplusFen } = e.data;
      book(t, e, { key: entryKey.line(budgetLineId, 'closed'), kind: 'closed', budgetLineId, amountFen: surplusFen, businessDate: yearEnd(fiscalYear) });
    },
    ApplicationSubmitted: (t, { data }) => {
      t.fjGrants.insert({ applicationId: data.applicationId, creditCode: data.creditCode, budgetLineId: data.budgetLineId });
    },
    ApplicationApproved: (t, e) => {
      const { approvalId, applicationId, amountFen, approvedAt } = e.data;
      book(t, e, { key: entryKey.approval(approvalId, 'approved'), kind: 'approved', budgetLineId: onGrant(t, applicationId), amountFen, businessDate: businessDateAt(approvedAt), applicationId });
    },
    DisbursementRecorded: (t, e) => {
      const { disbursementId, applicationId, budgetLineId, amountFen, paidOn } = e.data;
      book(t, e, { key: entryKey.payment(disbursementId), kind: 'disbursed', budgetLineId, amountFen, businessDate: paidOn, applicationId });
    },
    ClawbackDemanded: (t, e) => {
      const { clawbackId, applicationId, amountFen, demandedAt } = e.data;
      book(t, e, { key: entryKey.clawback(clawbackId, 'clawback_demanded'), kind: 'clawback_demanded', budgetLineId: onGrant(t, applicationId), amountFen, businessDate: businessDateAt(demandedAt), applicationId });
    },
    ClawbackRepaid: (t, e) => {
      const { repaymentId, applicationId, budgetLineId, amountFen, paidOn } = e.data;
      book(t, e, { key: entryKey.payment(repaymentId), kind: 'recovered', budgetLineId, amountFen, businessDate: paidOn, applicationId });
    },
    ClawbackWaived: (t, e) => {
      const { clawbackId, applicationId, amountFen, waivedAt } = e.data;
      book(t, e, { key: entryKey.clawback(clawbackId, 'waived'), kind: 'waived', budgetLineId: onGrant(t, applicationId), amountFen, businessDate: businessDateAt(waivedAt), applicationId });
    },
  },
  replay: financeJournalReplay,
});
