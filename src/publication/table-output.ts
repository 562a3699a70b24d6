/** A published list as CSV or XLSX, through the one table writer (src/export/table.ts). */
import type { Writable } from 'node:stream';
import { type Cell, openTable, type TableFormat } from '../export/table.js';
import { type PublishedList, tenThousandYuan } from './lists.js';

export interface ListSettings {
  /** Whether the list shows each firm's Unified Social Credit Code (统一社会信用代码). */
  showCreditCode: boolean;
}

export function listHeader({ showCreditCode }: ListSettings): string[] {
  return ['序号', '企业名称', ...(showCreditCode ? ['统一社会信用代码'] : []), '县（市、区）', '奖补项目', '金额（万元）'];
}

/** Each row's cells, then the total row (合计), in the header's columns. */
export function listCells(list: PublishedList, { showCreditCode }: ListSettings): Cell[][] {
  const code = (creditCode: string) => (showCreditCode ? [creditCode] : []);
  const rows: Cell[][] = list.rows.map((r) => [r.position, r.enterpriseName, ...code(r.creditCode), r.countyName, r.benefit, { decimal: tenThousandYuan(r.amountFen) }]);
  const total: Cell[] = ['合计', `${list.rows.length}家`, ...code(''), '', '', { decimal: tenThousandYuan(list.totalFen) }];
  return [...rows, total];
}

export async function writeListTable(list: PublishedList, format: TableFormat, out: Writable, settings: ListSettings): Promise<void> {
  const table = openTable(format, out, { header: listHeader(settings), sheetName: list.kind === 'notice' ? '拟奖励名单' : '奖励名单' });
  for (const cells of listCells(list, settings)) await table.row(cells);
  await table.end();
}
