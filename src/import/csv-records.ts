/**
 * A streaming CSV reader, as csv-parse reads the treasury's files (`bom`, `relax_column_count`,
 * empty lines kept) but several times faster: a line without a quote or a lone CR is split at
 * once, and only a record with quotes is read field by field. RFC 4180: a field may be quoted,
 * a quote inside it doubled, a line break inside it kept; a UTF-8 BOM is skipped. Any of LF, CR
 * and CR LF ends a record, each time, even mixed in one file (csv-parse keeps to the first line
 * break it sees and reads a different one as text, so the two agree on files that keep to one).
 * Records come a chunk of the file at a time, so that iterating costs one promise per chunk, not
 * per record. A record the chunks cut is searched for its end from where the last chunk left off,
 * never re-read from its start, and a record is at most MAX_RECORD characters: memory holds one
 * chunk and at most that much of the record it cuts, and time is linear in the file, whatever an
 * unclosed quote or a line without end holds.
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

/** The longest record read, in characters: a treasury row takes under 1 KB; more is a broken file (an unclosed quote, a line without end). */
export const MAX_RECORD = 65_536;

const tooLong = (record: number) =>
  new CsvSyntaxError(record, `a record longer than ${MAX_RECORD.toLocaleString('en')} characters: a quote that is never closed, or a line break missing`);

/** At most this much of a field's text in an error message. */
const EXCERPT = 40;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);

// Where the search for the end of a record stands: at the start of a field, inside an unquoted
// one, inside a quoted one, or just after a quote inside a quoted one (its end, or half of "").
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const AFTER_QUOTE = 3;

/** How far the search for the end of the record the last chunk cut has got (`at`, from the record's start), and where it stands there. */
interface Cut {
  at: number;
  state: number;
}

/** The records of CSV bytes (UTF-8) or text, a chunk at a time. */
export async function* csvRecords(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string[][]> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  let started = false;
  let before = 0;
  const cut: Cut = { at: 0, state: FIELD_START };
  for await (const chunk of chunks) {
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!seekEnd(text, cut)) {
      if (cut.at > MAX_RECORD) throw tooLong(before + 1);
      continue;
    }
    const { records, consumed } = scan(text, false, before);
    text = text.slice(consumed);
    before += records.length;
    cut.at = 0;
    cut.state = FIELD_START;
    if (records.length > 0) yield records;
  }
  text += decoder.end();
  if (!started && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const { records } = scan(text, true, before);
  if (records.length > 0) yield records;
}

/**
 * Resumes the search for the end of the record at the start of `text` from `cut`: true when the
 * text holds its line break (or a fault, which reading the record then names), else `cut` says
 * where the next chunk resumes it. A CR that ends the text waits for the next: it may start a CR LF.
 */
function seekEnd(text: string, cut: Cut): boolean {
  let { at, state } = cut;
  for (; at < text.length; at++) {
    if (state === QUOTED) {
      const quote = text.indexOf('"', at);
      if (quote < 0) {
        at = text.length;
        break;
      }
      at = quote;
      state = AFTER_QUOTE;
      continue;
    }
    const c = text.charCodeAt(at);
    if (c === QUOTE) {
      if (state === UNQUOTED) return true;
      state = QUOTED;
    } else if (c === COMMA) state = FIELD_START;
    else if (c === LF || c === CR) {
      if (c === LF || at + 1 < text.length) return true;
      break;
    } else if (state === AFTER_QUOTE) return true;
    else state = UNQUOTED;
  }
  cut.at = at;
  cut.state = state;
  return false;
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
      if (line.length > MAX_RECORD) throw tooLong(before + records.length + 1);
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
    if (i - start > MAX_RECORD) throw tooLong(record);
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
    if (c === QUOTE) throw new CsvSyntaxError(record, `a quote inside the unquoted field "${excerpt(text.slice(start, j))}": a field with a quote is quoted whole, its quotes doubled`);
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
      throw new CsvSyntaxError(record, `"${text[quote + 1]}" after the closing quote of "${excerpt(value)}": a quoted field ends at a comma or the line's end`);
    }
    return { value, end: quote + 1 };
  }
}
