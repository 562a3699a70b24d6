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
        b.lines.set(event.data.budgetLineId, { lineCode, fiscalYear, payer, allocated: amountFen, commitments: 0, disbursed: 0, recovered: 0 });
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
      columns: ['line_code', 'fiscal_year', 'payer', 'allocated_fen', 'committed_fen', 'disbursed_fen', 'recovered_fen', 'available_fen'],
      rows: ({ budgets }) =>
        mapValues(budgets.lines, (b) => {
          const committed = b.commitments - b.disbursed;
          return {
            line_code: b.lineCode,
            fiscal_year: b.fiscalYear,
            payer: b.payer,
            allocated_fen: b.allocated,
            committed_fen: committed,
            disbursed_fen: b.disbursed,
            recovered_fen: b.recovered,
            available_fen: b.allocated - committed - b.disbursed,
          };
        }),
    },
  },
});
