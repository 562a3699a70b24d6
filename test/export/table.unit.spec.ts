import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { inertFormula, openTable, type TableFormat } from '../../src/export/table.js';

async function written(format: TableFormat, rows: Parameters<ReturnType<typeof openTable>['row']>[0][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const table = openTable(format, out, { header: ['序号', '企业名称', '金额（万元）'], sheetName: '名单' });
  for (const row of rows) await table.row(row);
  await table.end();
  return Buffer.concat(chunks);
}

describe('a table written as CSV', () => {
  it('starts with a byte-order mark, ends lines with CRLF and quotes what needs quoting', async () => {
    const text = (await written('csv', [[1, '许昌市"鑫源",有限公司', { decimal: '50.00' }], [2, null, { decimal: '-0.01' }]])).toString('utf8');
    expect(text).toBe('\uFEFF序号,企业名称,金额（万元）\r\n1,"许昌市""鑫源"",有限公司",50.00\r\n2,,-0.01\r\n');
  });

  it('never lets a name become a formula', () => {
    expect(inertFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(inertFormula('-1+2')).toBe(`'-1+2`);
    expect(inertFormula('许昌')).toBe('许昌');
  });
});

describe('a table written as XLSX', () => {
  it('reads back with its header, text, and amounts as numbers', async () => {
    const book = new ExcelJS.Workbook();
    const file = await written('xlsx', [[1, '许昌市鑫源有限公司', { decimal: '1234.56' }]]);
    await book.xlsx.load(new Uint8Array(file).buffer);
    const sheet = book.getWorksheet('名单');
    expect(sheet?.getRow(1).values).toEqual([undefined, '序号', '企业名称', '金额（万元）']);
    expect(sheet?.getRow(2).values).toEqual([undefined, 1, '许昌市鑫源有限公司', 1234.56]);
    expect(sheet?.getRow(2).getCell(3).numFmt).toBe('#,##0.00');
  });
});
