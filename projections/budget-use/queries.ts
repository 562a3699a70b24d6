/** Budget use (预算执行) per benefit line, fiscal year and payer. */
import { budgetUse, type BudgetUseRow } from './budget-use.js';
import type { Fen } from '../../src/shared/money.js';
import type { ReadStore } from '../../src/readmodel/read-store.js';
import { selectList } from '../../src/readmodel/table.js';
import { byKeys, where } from '../../src/readmodel/queries/sql.js';

export interface BudgetLineFilter {
  lineCode?: string;
  fiscalYear?: number;
  payer?: string;
}

export type BudgetLine = BudgetUseRow & {
  /** Approved (or being approved) and not yet paid. */
  committedFen: Fen;
  /** allocated − committed − disbursed */
  availableFen: Fen;
};

const BUDGET_LINE = selectList(budgetUse.tables.budgetUse);

export function budgetQueries(rs: ReadStore) {
  return {
    /** Every budget line under the filter, the latest year first. */
    budgetLines(filter: BudgetLineFilter): BudgetLine[] {
      const w = where([
        ['line_code = ?', filter.lineCode],
        ['fiscal_year = ?', filter.fiscalYear],
        ['payer = ?', filter.payer],
      ]);
      return rs.all<BudgetLine>(`SELECT ${BUDGET_LINE} FROM budget_use ${w.clause} ORDER BY fiscal_year DESC, line_code, payer`, w.params);
    },
    budgetLinesById: byKeys<BudgetLine>(rs, BUDGET_LINE, 'budget_use', 'budget_line_id', (b) => b.budgetLineId),
  };
}
