/**
 * The treasury files' CSV reader reads what csv-parse reads (with the options the import used:
 * a BOM skipped, rows of any length, empty lines kept), whatever the chunks the bytes come in,
 * and refuses what csv-parse refuses, naming the record.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvRecords, CsvSyntaxError, MAX_RECORD } from '../../src/import/csv-records.js';
import { random } from '../readmodel/support/lifecycle.js';

const CSV_PARSE = { bom: true, relax_column_count: true, skip_empty_lines: false };

/** The bytes cut into chunks at the given offsets (a cut may fall inside a UTF-8 character). */
async function* chunked(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    yield bytes.subarray(from, cut);
    from = cut;
  }
  yield bytes.subarray(from);
}

async function read(text: string, cuts: number[] = []): Promise<string[][]> {
  const records: string[][] = [];
  for await (const chunk of csvRecords(chunked(Buffer.from(text, 'utf8'), cuts))) records.push(...chunk);
  return records;
}

async function refusal(text: string, cuts: number[] = []): Promise<CsvSyntaxError> {
  const error = await read(text, cuts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CsvSyntaxError);
  return error as CsvSyntaxError;
}

describe('the CSV reader of treasury files', () => {
  it('reads quoted fields, doubled quotes, line breaks inside quotes, CR LF, LF and CR, a BOM and empty lines as csv-parse does', async () => {
    const texts = [
      '\uFEFF支付令号,收款人名称,金额（元）\r\nZFL-1,"许昌市某某科技有限公司",500000.00\r\n',
      'a,b\n\nc',
      'a,"b\nc",d\r\ne',
      'a,"b""c"\n',
      'a\rb\rc',
      'a,b\r\n\r\n',
      'a,\n,',
      '"",""\n"x"',
      '"a,b",c\r\n"1,000.00"\r\n',
      '',
    ];
    for (const text of texts) expect(await read(text), JSON.stringify(text)).toEqual(parse(text, CSV_PARSE));
  });

  it('reads the same records whatever the chunks, cut anywhere, inside a quote, a CR LF or a character', async () => {
    const rand = random(16);
    // csv-parse takes the first line break for the file's: a file keeps to one, inside quotes too.
    let eol = '\n';
    const cell = () => {
      const plain = ['ZFL-2016-1290', '许昌瑞贝卡发制品股份有限公司', '500,000.01', '', '91411000MA3X5TNW1E', '２０１６'][Math.floor(rand() * 6)]!;
      const roll = rand();
      return roll < 0.2 ? `"${plain.replace(/"/g, '""')}"` : roll < 0.3 ? `"${plain}""quoted""${eol}${plain}"` : plain;
    };
    for (let n = 0; n < 200; n++) {
      eol = rand() < 0.5 ? '\r\n' : '\n';
      const lines = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Array.from({ length: 1 + Math.floor(rand() * 6) }, cell).join(','));
      const text = (rand() < 0.5 ? '\uFEFF' : '') + lines.join(eol) + (rand() < 0.5 ? eol : '');
      const size = Buffer.byteLength(text);
      const cuts = Array.from({ length: Math.floor(rand() * 6) }, () => Math.floor(rand() * size));
      expect(await read(text, cuts), JSON.stringify({ text, cuts })).toEqual(parse(text, CSV_PARSE));
    }
  });

  it('refuses an unclosed quote, a quote inside an unquoted field, and text after a closing quote, naming the record', async () => {
    expect((await refusal('x\n"abc')).record).toBe(2);
    expect((await refusal('h\nok\n"ZFL-1,a\nb,c\n', [5, 9])).record).toBe(3);
    expect((await refusal('a,b"c,d\n')).record).toBe(1);
    expect((await refusal('h\n"b"c,d\n')).record).toBe(2);
    for (const bad of ['x\n"abc', 'a,b"c,d\n', 'a,"b"c,d\n']) expect(() => parse(bad, CSV_PARSE)).toThrow();
  });

  it('refuses a record longer than MAX_RECORD, naming it, after reading no more than that much of it: an unclosed quote or a line without end in a 16 MB file', async () => {
    const KiB = 1024;
    /** `head`, then 64 KiB chunks of `fill` up to 16 MB, counting the chunks taken. */
    const file = (head: string, fill: string) => {
      const taken = { chunks: 0 };
      async function* chunks(): AsyncGenerator<Buffer> {
        const body = Buffer.from(fill.repeat((64 * KiB) / fill.length));
        for (taken.chunks = 1, yield Buffer.from(head); taken.chunks <= 256; taken.chunks++) yield body;
      }
      return { taken, chunks: chunks() };
    };
    for (const [head, fill] of [
      ['支付令号,金额\nZFL-1,1.00\n"ZFL-2,', 'x,\n'],
      ['支付令号,金额\nZFL-1,1.00\nZFL-2,', 'x,y'],
    ] as const) {
      const { taken, chunks } = file(head, fill);
      const started = Date.now();
      const error = await (async () => {
        for await (const _ of csvRecords(chunks));
      })().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, head).toBeInstanceOf(CsvSyntaxError);
      expect((error as CsvSyntaxError).record).toBe(3);
      expect((error as CsvSyntaxError).message).toMatch(/a record longer than 65,536 characters/);
      expect(taken.chunks).toBeLessThanOrEqual(MAX_RECORD / (64 * KiB) + 2);
      expect(Date.now() - started).toBeLessThan(2_000);
    }
    // Whatever the chunks, a whole file in one piece too.
    expect((await refusal(`h\n${'a'.repeat(MAX_RECORD + 1)}\nb\n`)).record).toBe(2);
    expect((await refusal(`h\n"${'a'.repeat(MAX_RECORD)}",b\nc\n`, [10, 5_000, 70_000])).record).toBe(2);
  });

  it('reads a record as long as MAX_RECORD whatever the chunks, small ones too', async () => {
    const long = `"${'甲"",\n'.repeat(MAX_RECORD / 5 - 1)}"`;
    const text = `h\n${long},z\nlast`;
    const cuts = Array.from({ length: 200 }, (_, i) => i * 997);
    expect(await read(text, cuts)).toEqual(parse(text, CSV_PARSE));
  });

  it('quotes at most the start of a long field in an error', async () => {
    const error = await refusal(`h\n"${'x'.repeat(10_000)}"y,z\n`, [3_000]);
    expect(error.record).toBe(2);
    expect(error.message.length).toBeLessThan(200);
  });
});
