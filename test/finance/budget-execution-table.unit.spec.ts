/** The budget execution report (预算执行情况) as CSV and XLSX: one row per line, then per article and payer. */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { executionOf, rollUp } from '../../projections/finance-journal/queries.js';
import { BUDGET_EXECUTION_HEADER, writeBudgetExecution } from '../../src/finance/budget-execution-table.js';
import { yuan } from '../support/domain-fixtures.js';

/** The innovation-voucher line of ¥1,200,000 closed with ¥900,000 paid and ¥100,000 carried over. */
const voucher = {
  budgetLineId: 'innovation-voucher.2016.municipal', lineCode: 'innovation-voucher', article: '(二)', fiscalYear: 2016, payer: 'municipal', closed: true,
  ...executionOf({ allocated: yuan(1_200_000), committed: yuan(1_000_000), disbursed: yuan(900_000), carried_out: yuan(100_000) }),
};
const report = { lines: [voucher], articles: rollUp([voucher]) };

async function written(format: 'csv' | 'xlsx'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeBudgetExecution(format, out, report);
  return Buffer.concat(chunks);
}

describe('the budget execution report of 2016', () => {
  it('gives the voucher line ¥200,000 available (its surplus) after ¥100,000 carried out', () => {
    expect(voucher).toMatchObject({ committedFen: 0, carriedOutFen: yuan(100_000), availableFen: yuan(200_000) });
    expect(report.articles).toEqual([expect.objectContaining({ article: '(二)', payer: 'municipal', allocatedFen: yuan(1_200_000), availableFen: yuan(200_000) })]);
  });

  it('is written as CSV, amounts in yuan to the fen', async () => {
    const lines = (await written('csv')).toString('utf8').replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(BUDGET_EXECUTION_HEADER.join(','));
    expect(lines[1]).toBe('line,(二),innovation-voucher.2016.municipal,innovation-voucher,2016,municipal,1200000.00,0.00,0.00,900000.00,0.00,0.00,100000.00,0.00,200000.00,yes');
    expect(lines[2]).toBe('article,(二),,,2016,municipal,1200000.00,0.00,0.00,900000.00,0.00,0.00,100000.00,0.00,200000.00,');
  });

  it('is written as XLSX with the same rows', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(await written('xlsx')).buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('预算执行情况');
    expect(sheet.getRow(2).getCell(3).value).toBe('innovation-voucher.2016.municipal');
    expect(sheet.getRow(2).getCell(15).value).toBe(200000);
  });
});
