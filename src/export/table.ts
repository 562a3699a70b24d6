/**
 * A table written row by row to a byte stream, as CSV or XLSX, with backpressure: a caller that
 * awaits each `row` holds at most one stream buffer of rows in memory, however many it writes.
 * Every tabular file the ledger gives out (reports, lists, exports) goes through here.
 */
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** An amount in yuan as the ledger formats it ("1234.56"): a number cell in XLSX, text in CSV. */
export interface DecimalCell {
  decimal: string;
}

export type Cell = string | number | DecimalCell | null;

export type TableFormat = 'csv' | 'xlsx';

export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'xlsx'];

export const CONTENT_TYPE: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface TableOptions {
  /** The first row: column names as the reader expects them (Chinese, English or both). */
  header: readonly string[];
  /** XLSX only: the worksheet's name (31 characters at most). */
  sheetName?: string;
}

export interface TableWriter {
  /** Writes one row; resolves once the stream can take more. */
  row(cells: readonly Cell[]): Promise<void>;
  /** Finishes the file and ends the stream. */
  end(): Promise<void>;
}

export function openTable(format: TableFormat, out: Writable, options: TableOptions): TableWriter {
  return format === 'csv' ? csvTable(out, options) : xlsxTable(out, options);
}

const READY = Promise.resolve();

/** Settled at once while the stream takes more (no promise made per row then), else on its 'drain'. */
function drained(out: Writable): Promise<unknown> {
  return out.writableNeedDrain ? once(out, 'drain') : READY;
}

/** RFC 4180 with CRLF, and a UTF-8 byte-order mark so that Excel reads Chinese text right. */
function csvTable(out: Writable, { header }: TableOptions): TableWriter {
  out.write('\uFEFF' + csvLine(header));
  return {
    async row(cells) {
      out.write(csvLine(cells));
      await drained(out);
    },
    async end() {
      out.end();
      await once(out, 'finish');
    },
  };
}

function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'object') return cell.decimal;
  const text = inertFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) is prefixed
 * with an apostrophe: a firm's name must never become a formula in an auditor's Excel (CSV injection).
 */
export function inertFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function xlsxTable(out: Writable, { header, sheetName = 'Sheet1' }: TableOptions): TableWriter {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow([...header]).commit();
  return {
    async row(cells) {
      const row = sheet.addRow(cells.map(xlsxValue));
      cells.forEach((cell, i) => {
        if (cell !== null && typeof cell === 'object') row.getCell(i + 1).numFmt = '#,##0.00';
      });
      row.commit();
      await drained(out);
    },
    async end() {
      sheet.commit();
      await book.commit();
    },
  };
}

function xlsxValue(cell: Cell): string | number | null {
  if (cell !== null && typeof cell === 'object') return Number(cell.decimal);
  return cell;
}
