/**
 * The entries of the finance journal (财政台账): one per amount an event books on a budget line or
 * an enterprise, with its business date. Shared by the projection and its queries; the replay
 * words its own (projections/finance-journal/replay.ts).
 */

/** What an entry books. Budget-line kinds and enterprise kinds; a payment and a repayment are both. */
export type EntryKind =
  | 'allocated'
  | 'adjusted'
  | 'committed'
  | 'released'
  | 'carried_in'
  | 'carried_out'
  | 'lapsed'
  /** 结账: the line's surplus (结余) when it was closed. */
  | 'closed'
  | 'disbursed'
  | 'recovered'
  | 'approved'
  | 'clawback_demanded'
  | 'waived';

/** The business date of what the close books on a line: carried out and lapsed at the year's last day, carried in at the next year's first. */
export const yearEnd = (fiscalYear: number) => `${fiscalYear}-12-31`;
export const yearStart = (fiscalYear: number) => `${fiscalYear}-01-01`;

/** Entry keys from the domain's own ids, so the replay names each entry as the projection does. */
export const entryKey = {
  line: (budgetLineId: string, kind: 'allocated' | 'closed') => `${budgetLineId}/${kind}`,
  /** The n-th adjustment of a line (adjustments carry no id of their own). */
  adjustment: (budgetLineId: string, n: number) => `${budgetLineId}/adjusted/${n}`,
  approval: (approvalId: string, kind: 'committed' | 'released' | 'approved') => `${approvalId}/${kind}`,
  close: (approvalId: string, kind: 'carried_in' | 'carried_out' | 'lapsed', budgetLineId: string) => `${approvalId}/${kind}/${budgetLineId}`,
  clawback: (clawbackId: string, kind: 'clawback_demanded' | 'waived') => `${clawbackId}/${kind}`,
  /** A payment or a repayment: its own id. */
  payment: (id: string) => id,
};
