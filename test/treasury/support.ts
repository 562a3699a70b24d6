/** Treasury files for tests: rows in the documented layout, as CSV or XLSX bytes (written by the one table writer). */
import { PassThrough, Readable } from 'node:stream';
import { openTable } from '../../src/export/table.js';
import type { FileSource } from '../../src/import/treasury-file.js';

export const CHINESE_HEADER = ['支付令号', '收款人名称', '收款人统一社会信用代码', '收款人账号', '金额（元）', '起息日'];

/** One row: order number, payee, credit code, account, amount in yuan (text), value date. */
export type FileRow = [string, string, string, string, string, string];

export function csvFile(rows: readonly (readonly string[])[], header: readonly string[] = CHINESE_HEADER): Buffer {
  const line = (cells: readonly string[]) => cells.map((c) => (/[",]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
  return Buffer.from('\uFEFF' + [header, ...rows].map(line).join('\r\n') + '\r\n');
}

export async function xlsxFile(rows: readonly FileRow[], header: readonly string[] = CHINESE_HEADER): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const table = openTable('xlsx', out, { header });
  for (const [order, payee, code, account, amount, date] of rows) await table.row([order, payee, code, account, { decimal: amount.replaceAll(',', '') }, date]);
  await table.end();
  return Buffer.concat(chunks);
}

export const sourceOf = (bytes: Buffer): FileSource => () => Readable.from([bytes]);
