/**
 * What the replay must give for budget use (预算执行): per budget line, allocated, committed,
 * disbursed, recovered and available, counted from the budget stream and the payments.
 */
import { defineReplay, mapValues, named, type Fold } from '../../src/readmodel/replay.js';
import type { Fen } from '../../src/shared/money.js';

interface Line {
  lineCode: string;
  fiscalYear: number;
  payer: string;
  allocated: Fen;
  commitments: Fen;
  disbursed: Fen;
  recovered: Fen;
  carriedIn: Fen;
  carriedOut: Fen;
  lapsed: Fen;
  surplus: Fen | null;
}

export interface Budgets {
  lines: Map<string, Line>;
  /** Budget commitments of approvals neither approved nor released yet, by approval. */
  inFlight: Map<string, { budgetLineId: string; amount: Fen }>;
}

const line = (b: Budgets, id: string) => named(b.lines, id, 'budget line', 'allocated');

/** The budget lines and the commitments in flight; finance's identities read it too. */
export const budgets: Fold<Budgets> = {
  initial: () => ({ lines: new Map(), inFlight: new Map() }),
  apply(b, event) {
    switch (event.type) {
      case 'BudgetAllocated': {
        const { lineCode, fiscalYear, payer, amountFen } = event.data;
        b.lines.set(event.data.budgetLineId, { lineCode, fiscalYear, payer, allocated: amountFen, commitments: 0, disbursed: 0, recovered: 0, carriedIn: 0, carriedOut: 0, lapsed: 0, surplus: null });
        return;
      }
      case 'BudgetAdjusted':
        line(b, event.data.budgetLineId).allocated += event.data.deltaFen;
        return;
      case 'BudgetCommitted':
        line(b, event.data.budgetLineId).commitments += event.data.amountFen;
        b.inFlight.set(event.data.approvalId, { budgetLineId: event.data.budgetLineId, amount: event.data.amountFen });
        return;
      case 'BudgetReleased':
        line(b, event.data.budgetLineId).commitments -= event.data.amountFen;
        b.inFlight.delete(event.data.approvalId);
        return;
      case 'ApplicationApproved':
        b.inFlight.delete(event.data.approvalId);
        return;
      case 'BudgetCarriedIn':
        line(b, event.data.budgetLineId).carriedIn += event.data.amountFen;
        return;
      case 'BudgetCarriedOut':
        line(b, event.data.budgetLineId).carriedOut += event.data.amountFen;
        return;
      case 'BudgetLapsed':
        line(b, event.data.budgetLineId).lapsed += event.data.amountFen;
        return;
      case 'BudgetLineClosed':
        line(b, event.data.budgetLineId).surplus = event.data.surplusFen;
        return;
      case 'DisbursementRecorded':
      case 'ClawbackRepaid':
        line(b, event.data.budgetLineId)[event.type === 'DisbursementRecorded' ? 'disbursed' : 'recovered'] += event.data.amountFen;
        return;
      default:
        return;
    }
  },
};

export const budgetUseReplay = defineReplay({
  folds: { budgets },
  tables: {
    budgetUse: {
      key: 'budget_line_id',
      columns: ['line_code', 'fiscal_year', 'payer', 'allocated_fen', 'committed_fen', 'disbursed_fen', 'recovered_fen', 'carried_in_fen', 'carried_out_fen', 'lapsed_fen', 'surplus_fen', 'available_fen'],
      rows: ({ budgets }) =>
        mapValues(budgets.lines, (b) => {
          // What approvals hold here: taken, carried in, less what lapsed; then less what was paid or carried out.
          const committed = b.commitments + b.carriedIn - b.lapsed - b.disbursed - b.carriedOut;
          return {
            line_code: b.lineCode,
            fiscal_year: b.fiscalYear,
            payer: b.payer,
            allocated_fen: b.allocated,
            committed_fen: committed,
            disbursed_fen: b.disbursed,
            recovered_fen: b.recovered,
            carried_in_fen: b.carriedIn,
            carried_out_fen: b.carriedOut,
            lapsed_fen: b.lapsed,
            surplus_fen: b.surplus,
            available_fen: b.allocated + b.carriedIn - committed - b.disbursed - b.carriedOut,
          };
        }),
    },
  },
});
