/**
 * A treasury payment record (国库集中支付 record of the agent bank, 代理银行): one payment order
 * (支付令) as the bank paid it. Here the file's column layout and the check of one row; reading
 * the file itself (CSV or XLSX) is src/import/treasury-file.ts. docs/treasury-reconciliation.md
 * lists the layout.
 */
import { creditCodeProblem } from '../enterprise/credit-code.js';
import { DomainError } from '../shared/errors.js';
import { type Fen, formatYuan, MAX_FEN, parseYuan } from '../shared/money.js';

/** One paid payment order, as the file says it. */
export interface TreasuryRecord {
  /** The row of the file it came from (the header is row 1). */
  row: number;
  /** 支付令号: the payment order's number, which the ledger keeps as the disbursement's payment reference. */
  paymentOrderNo: string;
  /** 收款人名称 */
  payeeName: string;
  /** 收款人统一社会信用代码; empty when the file gives none. */
  payeeCreditCode: string;
  /** 收款人账号: shown, not compared (the ledger keeps no accounts). */
  payeeAccount: string;
  amountFen: Fen;
  /** 起息日 / 支付日期 (ISO date). */
  valueDate: string;
}

// ── The column layout ───────────────────────────────────────────────────────────────────────

export type RecordField = Exclude<keyof TreasuryRecord, 'row' | 'amountFen'> | 'amount';

/** The header names each column is known by, Chinese and English; matched without case, spaces or bracket width. */
export const COLUMN_NAMES: Record<RecordField, readonly string[]> = {
  paymentOrderNo: ['支付令号', '支付令编号', '支付凭证号', 'payment order number', 'payment order no', 'payment order'],
  payeeName: ['收款人名称', '收款人', '收款单位', 'payee name', 'payee'],
  payeeCreditCode: ['收款人统一社会信用代码', '统一社会信用代码', '信用代码', 'payee credit code', 'credit code'],
  payeeAccount: ['收款人账号', '收款账号', 'payee account', 'account'],
  amount: ['金额（元）', '支付金额（元）', '支付金额', '金额', 'amount (yuan)', 'amount'],
  valueDate: ['起息日', '支付日期', '记账日期', 'value date', 'payment date'],
};

/** A column the file may leave empty in a row. */
const OPTIONAL: ReadonlySet<RecordField> = new Set(['payeeCreditCode', 'payeeAccount']);

const headerKey = (name: string) => name.normalize('NFKC').toLowerCase().replace(/[\s_]+/g, '');

const FIELD_BY_HEADER = new Map(
  Object.entries(COLUMN_NAMES).flatMap(([field, names]) => names.map((name) => [headerKey(name), field as RecordField])),
);

/** Where each field is in a row: its 0-based column. */
export type ColumnLayout = Record<RecordField, number>;

/** A bad file: what is wrong and on which row, so the sender can fix it. */
export function fileError(row: number, problem: string): DomainError {
  return new DomainError('INVALID_INPUT', `treasury file, row ${row}: ${problem}`, { row });
}

/** The layout the header row gives; refused when a column is missing or named twice. Other columns are ignored. */
export function columnLayout(header: readonly string[]): ColumnLayout {
  const layout: Partial<ColumnLayout> = {};
  header.forEach((name, column) => {
    const field = FIELD_BY_HEADER.get(headerKey(name));
    if (field === undefined) return;
    if (layout[field] !== undefined) throw fileError(1, `the column "${name}" gives ${field} a second time`);
    layout[field] = column;
  });
  const missing = (Object.keys(COLUMN_NAMES) as RecordField[]).filter((field) => layout[field] === undefined);
  if (missing.length > 0) {
    const wanted = missing.map((field) => `${field} (${COLUMN_NAMES[field].join(' / ')})`).join('; ');
    throw fileError(1, `the header lacks ${wanted}`);
  }
  return layout as ColumnLayout;
}

// ── One row ─────────────────────────────────────────────────────────────────────────────────

/** A cell as the reader gives it: text, a number (XLSX), a date (XLSX) or nothing. */
export type RawCell = string | number | Date | null | undefined;

/** The row's record, or an error naming the row and what is wrong with it. */
export function recordFromRow(cells: readonly RawCell[], row: number, layout: ColumnLayout): TreasuryRecord {
  // No closure per row: a hundred thousand rows would make as many functions.
  const payeeCreditCode = fieldText(cells, row, layout, 'payeeCreditCode').toUpperCase();
  const problem = payeeCreditCode === '' ? undefined : creditCodeProblem(payeeCreditCode);
  if (problem) throw fileError(row, `payee credit code ${payeeCreditCode}: ${problem}`);
  return {
    row,
    paymentOrderNo: fieldText(cells, row, layout, 'paymentOrderNo'),
    payeeName: fieldText(cells, row, layout, 'payeeName'),
    payeeCreditCode,
    payeeAccount: fieldText(cells, row, layout, 'payeeAccount'),
    amountFen: amountOf(cells[layout.amount], row),
    valueDate: dateOf(cells[layout.valueDate], row),
  };
}

/** A text field of the row; an empty required one is an error. */
function fieldText(cells: readonly RawCell[], row: number, layout: ColumnLayout, field: RecordField): string {
  const value = cellText(cells[layout[field]]);
  if (value === '' && !OPTIONAL.has(field)) throw fileError(row, `${field} is empty`);
  return value;
}

/** Whether a row has nothing in it (a blank line is skipped, not refused). */
export const isBlankRow = (cells: readonly RawCell[]) => cells.every((cell) => cellText(cell) === '');

function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return isoDate(cell);
  return String(cell).trim();
}

/**
 * Yuan with at most two decimals, thousands separated by commas or not; never through a float: an
 * XLSX number is read by its shortest decimal text (JavaScript prints the double Excel stored for
 * 1234.56 as "1234.56"), which must still have at most two decimals.
 */
function amountOf(cell: RawCell, row: number): Fen {
  const text = cellText(cell);
  const fen = plainFen(text) ?? groupedFen(text, row);
  if (fen <= 0 || fen > MAX_FEN) throw fileError(row, `amount ${text} must be positive and at most ¥${formatYuan(MAX_FEN)}`);
  return fen;
}

/**
 * The usual amount, under a billion yuan with no comma and no leading zero: read at once, digits
 * only, as parseYuan would read it; undefined for any other text.
 */
const PLAIN_YUAN = /^(0|[1-9]\d{0,8})(?:\.(\d{1,2}))?$/;

function plainFen(text: string): Fen | undefined {
  const plain = PLAIN_YUAN.exec(text);
  if (!plain) return undefined;
  const [, whole, decimals = ''] = plain;
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
}

/** Any other amount: thousands separated by commas or not, leading zeros allowed. */
function groupedFen(text: string, row: number): Fen {
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(text)) {
    throw fileError(row, `amount "${text}" is not yuan with at most two decimals, e.g. 1234.56`);
  }
  return parseYuan(text.replaceAll(',', '').replace(/^0+(?=\d)/, ''));
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** 2016-12-05, 2016/12/05, 2016.12.05 or 20161205; an XLSX date cell as its calendar date. */
function dateOf(cell: RawCell, row: number): string {
  const text = cellText(cell);
  const parts = /^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})$/.exec(text);
  if (!parts || !isCalendarDate(Number(parts[1]), Number(parts[2]), Number(parts[3]))) {
    throw fileError(row, `value date "${text}" is not a date such as 2016-12-05`);
  }
  return text.length === 10 && text[4] === '-' && text[7] === '-' ? text : `${parts[1]}-${parts[2]}-${parts[3]}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Whether the month has that day (the Gregorian calendar, as Date counts it). */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** A payee's name as matching compares it: full-width forms folded, spaces dropped, case ignored. */
export const payeeNameKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
