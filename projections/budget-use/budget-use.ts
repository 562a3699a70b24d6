/**
 * Budget use (预算执行): per budget line, i.e. benefit line × fiscal year × payer, what Finance
 * allocated and what approvals and payments took from it.
 *
 * committed = Σ commitments − disbursed (approved, not yet paid; an approval in flight counts
 * from its BudgetCommitted); available = allocated − committed − disbursed. Disbursements and
 * repayments do not touch the budget stream: they carry `budgetLineId` on the application's.
 */
import { defineProjection } from '../../src/readmodel/projection.js';
import { column, tableSpec } from '../../src/readmodel/table.js';
import type { Fen } from '../../src/shared/money.js';
import { budgetUseReplay } from './replay.js';

export interface BudgetUseRow {
  budgetLineId: string;
  lineCode: string;
  fiscalYear: number;
  payer: string;
  allocatedFen: Fen;
  /** Σ BudgetCommitted − Σ BudgetReleased. */
  commitmentsFen: Fen;
  disbursedFen: Fen;
  recoveredFen: Fen;
  allocatedAt: string;
}

export const budgetUse = defineProjection({
  name: 'budget-use',
  version: 1,
  tables: {
    budgetUse: tableSpec<BudgetUseRow>({
      columns: {
        budgetLineId: column.text,
        lineCode: column.text,
        fiscalYear: column.integer,
        payer: column.text,
        allocatedFen: column.integer,
        commitmentsFen: column.integer,
        disbursedFen: column.integer,
        recoveredFen: column.integer,
        allocatedAt: column.text,
      },
      primaryKey: ['budgetLineId'],
      computed: {
        committed_fen: 'commitments_fen - disbursed_fen',
        available_fen: 'allocated_fen - commitments_fen',
      },
      indexes: ['line_code, fiscal_year', 'fiscal_year', 'payer'],
    }),
  },
  handlers: {
    BudgetAllocated: ({ budgetUse }, { data }) =>
      budgetUse.insert({
        budgetLineId: data.budgetLineId,
        lineCode: data.lineCode,
        fiscalYear: data.fiscalYear,
        payer: data.payer,
        allocatedFen: data.amountFen,
        commitmentsFen: 0,
        disbursedFen: 0,
        recoveredFen: 0,
        allocatedAt: data.allocatedAt,
      }),
    BudgetAdjusted: ({ budgetUse }, { data }) => {
      budgetUse.change(data.budgetLineId).allocatedFen += data.deltaFen;
    },
    BudgetCommitted: ({ budgetUse }, { data }) => {
      budgetUse.change(data.budgetLineId).commitmentsFen += data.amountFen;
    },
    BudgetReleased: ({ budgetUse }, { data }) => {
      budgetUse.change(data.budgetLineId).commitmentsFen -= data.amountFen;
    },
    DisbursementRecorded: ({ budgetUse }, { data }) => {
      budgetUse.change(data.budgetLineId).disbursedFen += data.amountFen;
    },
    ClawbackRepaid: ({ budgetUse }, { data }) => {
      budgetUse.change(data.budgetLineId).recoveredFen += data.amountFen;
    },
  },
  replay: budgetUseReplay,
});
