/**
 * A streaming CSV reader, as csv-parse reads the treasury's files (`bom`, `relax_column_count`,
 * empty lines kept) but several times faster: a line without a quote or a lone CR is split at
 * once, and only a record with quotes is read field by field. RFC 4180: a field may be quoted,
 * a quote inside it doubled, a line break inside it kept; records end with CR LF, LF or CR; a
 * UTF-8 BOM is skipped. Records come a chunk of the file at a time, so that iterating costs one
 * promise per chunk, not per record; memory holds one chunk and the record it cuts.
 * test/import/csv-records.unit.spec.ts holds it against csv-parse.
 */
import { StringDecoder } from 'node:string_decoder';

/** Bad CSV: `record` is the 1-based number of the record it is in. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly record: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/** The records of CSV bytes (UTF-8) or text, a chunk at a time. */
export async function* csvRecords(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string[][]> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  let started = false;
  let before = 0;
  for await (const chunk of chunks) {
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const { records, consumed } = scan(text, false, before);
    text = text.slice(consumed);
    before += records.length;
    if (records.length > 0) yield records;
  }
  text += decoder.end();
  if (!started && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const { records } = scan(text, true, before);
  if (records.length > 0) yield records;
}

/**
 * The whole records at the start of `text` and how much of it they take; `final`: the text ends
 * the file, else a record it cuts is left for the next chunk. `before`: records read earlier.
 */
function scan(text: string, final: boolean, before: number): { records: string[][]; consumed: number } {
  const records: string[][] = [];
  let at = 0;
  while (at < text.length) {
    const lf = text.indexOf('\n', at);
    const end = lf < 0 ? text.length : lf;
    const line = lf < 0 ? undefined : plainLine(text, at, end);
    if (line !== undefined) {
      records.push(line.split(','));
      at = end + 1;
      continue;
    }
    const read = recordAt(text, at, final, before + records.length + 1);
    if (read === undefined) break;
    records.push(read.cells);
    at = read.next;
  }
  return { records, consumed: at };
}

/** The line from `at` to the LF at `end`, without its CR, when it has no quote and no other CR; else undefined. */
function plainLine(text: string, at: number, end: number): string | undefined {
  const stop = end > at && text.charCodeAt(end - 1) === CR ? end - 1 : end;
  const line = text.slice(at, stop);
  return line.includes('"') || line.includes('\r') ? undefined : line;
}

/** The record starting at `start`, field by field; undefined when the text cuts it (and it does not end the file). */
function recordAt(text: string, start: number, final: boolean, record: number): { cells: string[]; next: number } | undefined {
  const cells: string[] = [];
  let i = start;
  for (;;) {
    const field = text.charCodeAt(i) === QUOTE ? quotedField(text, i, final, record) : plainField(text, i, final, record);
    if (field === undefined) return undefined;
    cells.push(field.value);
    i = field.end;
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i += 1;
      continue;
    }
    if (i >= text.length) return { cells, next: i };
    if (c === CR && i + 1 >= text.length && !final) return undefined; // a CR LF the chunk cuts
    return { cells, next: c === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1 };
  }
}

type Field = { value: string; end: number } | undefined;

function plainField(text: string, start: number, final: boolean, record: number): Field {
  let j = start;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === COMMA || c === LF || c === CR) break;
    if (c === QUOTE) throw new CsvSyntaxError(record, `a quote inside the field "${text.slice(start, j)}…": a field with a quote is quoted whole, its quotes doubled`);
  }
  if (j >= text.length && !final) return undefined;
  return { value: text.slice(start, j), end: j };
}

function quotedField(text: string, start: number, final: boolean, record: number): Field {
  let value = '';
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0 || (quote + 1 >= text.length && !final)) {
      if (final) throw new CsvSyntaxError(record, 'a quoted field is not closed: its closing quote is missing');
      return undefined;
    }
    if (text.charCodeAt(quote + 1) === QUOTE) {
      value += text.slice(from, quote + 1);
      from = quote + 2;
      continue;
    }
    value += text.slice(from, quote);
    const after = text.charCodeAt(quote + 1);
    if (quote + 1 < text.length && after !== COMMA && after !== LF && after !== CR) {
      throw new CsvSyntaxError(record, `"${text[quote + 1]}" after the closing quote of "${value}": a quoted field ends at a comma or the line's end`);
    }
    return { value, end: quote + 1 };
  }
}
