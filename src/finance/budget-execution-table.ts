/**
 * The budget execution report (预算执行情况) as a table: each line of the year, then each article
 * (条) and payer rolled up, with the columns docs/finance.md defines. Written through openTable.
 */
import type { ArticleExecution, BudgetExecution, ExecutionFigures } from '../../projections/finance-journal/queries.js';
import { type Cell, openTable, type TableFormat } from '../export/table.js';
import { formatYuan } from '../shared/money.js';
import type { Writable } from 'node:stream';

export const BUDGET_EXECUTION_HEADER = [
  '级次 level', '条 article', '预算科目 budget line', '补助项目 benefit line', '年度 fiscal year', '支付方 payer',
  '预算安排 allocated', '预算调整 adjustments', '已承诺未拨付 committed', '已拨付 disbursed', '追回 recovered',
  '上年结转 carried in', '结转下年 carried out', '失效 lapsed', '可用/结余 available', '已结账 closed',
] as const;

const money = (figures: ExecutionFigures): Cell[] =>
  [figures.allocatedFen, figures.adjustmentsFen, figures.committedFen, figures.disbursedFen, figures.recoveredFen, figures.carriedInFen, figures.carriedOutFen, figures.lapsedFen, figures.availableFen].map(
    (fen) => ({ decimal: formatYuan(fen) }),
  );

export function lineRow(line: BudgetExecution['lines'][number]): Cell[] {
  return ['line', line.article, line.budgetLineId, line.lineCode, line.fiscalYear, line.payer, ...money(line), line.closed ? 'yes' : 'no'];
}

export function articleRow(rollUp: ArticleExecution): Cell[] {
  return ['article', rollUp.article, null, null, rollUp.fiscalYear, rollUp.payer, ...money(rollUp), null];
}

export async function writeBudgetExecution(
  format: TableFormat,
  out: Writable,
  report: BudgetExecution,
): Promise<number> {
  const table = openTable(format, out, { header: BUDGET_EXECUTION_HEADER, sheetName: '预算执行情况' });
  for (const line of report.lines) await table.row(lineRow(line));
  for (const rollUp of report.articles) await table.row(articleRow(rollUp));
  await table.end();
  return report.lines.length + report.articles.length;
}
