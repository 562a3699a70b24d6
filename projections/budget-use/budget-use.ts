/**
 * Budget use (预算执行): per budget line, i.e. benefit line × fiscal year × payer, what Finance
 * allocated and what approvals and payments took from it.
 *
 * committed = Σ commitments − disbursed − carried out (approved, not yet paid; an approval in
 * flight counts from its BudgetCommitted); available = allocated + carried in − committed −
 * disbursed − carried out. Commitments count what approvals took, what was carried in (结转) and
 * not what lapsed at a close. Disbursements and repayments do not touch the budget stream: they
 * carry `budgetLineId` on the application's (the line a carried-over grant was carried to).
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
  /** Σ BudgetCommitted − Σ BudgetReleased + Σ BudgetCarriedIn − Σ BudgetLapsed. */
  commitmentsFen: Fen;
  disbursedFen: Fen;
  recoveredFen: Fen;
  /** 结转 from the year before, and to the next year; lapsed at the close. */
  carriedInFen: Fen;
  carriedOutFen: Fen;
  lapsedFen: Fen;
  /** 结余 when the line's year was closed (结账); null while it is open. */
  surplusFen: Fen | null;
  allocatedAt: string;
}

export const budgetUse = defineProjection({
  name: 'budget-use',
  // 2: carry-overs, lapses and the close.
  version: 2,
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
        carriedInFen: column.integer,
        carriedOutFen: column.integer,
        lapsedFen: column.integer,
        surplusFen: column.optionalInteger,
        allocatedAt: column.text,
      },
      primaryKey: ['budgetLineId'],
      computed: {
        committed_fen: 'commitments_fen - disbursed_fen - carried_out_fen',
        available_fen: 'allocated_fen + carried_in_fen - commitments_fen',
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
        carriedInFen: 0,
        carriedOutFen: 0,
        lapsedFen: 0,
        surplusFen: null,
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
    BudgetCarriedIn: ({ budgetUse }, { data }) => {
      const line = budgetUse.change(data.budgetLineId);
      line.carriedInFen += data.amountFen;
      line.commitmentsFen += data.amountFen;
    },
    BudgetCarriedOut: ({ budgetUse }, { data }) => {
      budgetUse.change(data.budgetLineId).carriedOutFen += data.amountFen;
    },
    BudgetLapsed: ({ budgetUse }, { data }) => {
      const line = budgetUse.change(data.budgetLineId);
      line.lapsedFen += data.amountFen;
      line.commitmentsFen -= data.amountFen;
    },
    BudgetLineClosed: ({ budgetUse }, { data }) => {
      budgetUse.change(data.budgetLineId).surplusFen = data.surplusFen;
    },
  },
  replay: budgetUseReplay,
});
