/**
 * Reads a treasury payment-record file (CSV or XLSX) a chunk of rows at a time, streaming: memory
 * does not grow with the file. The layout and the check of each row are the treasury feature's
 * (src/treasury/record.ts); here only bytes, rows and cells.
 */
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { pipeline, type Readable, Transform } from 'node:stream';
import { DomainError } from '../shared/errors.js';
import { csvRecords, CsvSyntaxError } from './csv-records.js';
import { columnLayout, fileError, isBlankRow, type RawCell, recordFromRow, type TreasuryRecord } from '../treasury/record.js';

export type TreasuryFileFormat = 'csv' | 'xlsx';

/** Opens the file's bytes afresh: a file is read twice (checked whole, then recorded). */
export type FileSource = () => Readable;

/** The format from the name, or from the first bytes (an XLSX is a zip: "PK"). */
export function formatOf(fileName: string, firstBytes?: Buffer): TreasuryFileFormat {
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (/\.csv$/i.test(fileName)) return 'csv';
  if (firstBytes) return firstBytes.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'csv';
  throw new DomainError('INVALID_INPUT', `${fileName}: a treasury file is .csv or .xlsx`);
}

/** SHA-256 of the file's bytes, hex: the file's identity (the same file imported twice is one import). */
export async function fileDigest(source: FileSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source()) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The file's source, its SHA-256 taken as it is read the first time (the check), so that the
 * file is not read once more for it; `digest` reads it again only if that reading stopped short
 * of the end (an XLSX reader may).
 */
export function digestWhileReading(source: FileSource): { source: FileSource; digest: () => Promise<string> } {
  const hash = createHash('sha256');
  let whole = false;
  let first = true;
  const hashing = () =>
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
      flush(done) {
        whole = true;
        done();
      },
    });
  return {
    source: () => {
      if (!first) return source();
      first = false;
      return pipeline(source(), hashing(), () => {});
    },
    digest: async () => (whole ? hash.digest('hex') : fileDigest(source)),
  };
}

/** Rows as cell arrays with their row number (the header is row 1), a chunk of the file at a time. */
type Rows = AsyncGenerator<Array<{ row: number; cells: RawCell[] }>>;

async function* csvRows(source: FileSource): Rows {
  let row = 0;
  try {
    for await (const records of csvRecords(source())) yield records.map((cells) => ({ row: ++row, cells }));
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw fileError(error.record, error.message);
    throw error;
  }
}

/** An XLSX cell's value as text, number or date: formulas give their result, rich text its text. */
function xlsxCell(value: unknown): RawCell {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) return value as RawCell;
  const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown };
  if ('result' in v) return xlsxCell(v.result);
  if (v.richText) return v.richText.map((part) => part.text).join('');
  return v.text === undefined ? String(value) : xlsxCell(v.text);
}

/** Rows of an XLSX file handed on together. */
const XLSX_CHUNK = 1_000;

/** The first worksheet's rows; `styles: 'cache'` so that date cells come as dates. */
async function* xlsxRows(source: FileSource): Rows {
  const book = new ExcelJS.stream.xlsx.WorkbookReader(source(), { styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
  for await (const sheet of book) {
    let chunk: Array<{ row: number; cells: RawCell[] }> = [];
    for await (const row of sheet) {
      const values = row.values as unknown[];
      chunk.push({ row: row.number, cells: values.slice(1).map(xlsxCell) });
      if (chunk.length < XLSX_CHUNK) continue;
      yield chunk;
      chunk = [];
    }
    if (chunk.length > 0) yield chunk;
    return;
  }
}

/**
 * The file's records in order, each checked, a chunk of the file at a time; the first bad row
 * throws, naming it. Blank rows are skipped; a file with a header and no record is refused.
 */
export async function* treasuryRecords(source: FileSource, format: TreasuryFileFormat): AsyncGenerator<TreasuryRecord[]> {
  const rows = format === 'csv' ? csvRows(source) : xlsxRows(source);
  let layout: ReturnType<typeof columnLayout> | undefined;
  let records = 0;
  for await (const chunk of rows) {
    const checked: TreasuryRecord[] = [];
    for (const { row, cells } of chunk) {
      if (layout === undefined) {
        layout = columnLayout(cells.map((cell) => String(xlsxCell(cell) ?? '').trim()));
        continue;
      }
      if (isBlankRow(cells)) continue;
      checked.push(recordFromRow(cells, row, layout));
    }
    records += checked.length;
    if (checked.length > 0) yield checked;
  }
  if (layout === undefined) throw fileError(1, 'the file is empty: it needs a header row and at least one record');
  if (records === 0) throw fileError(2, 'the file has a header but no record');
}
