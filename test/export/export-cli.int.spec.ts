/**
 * The export command on a ledger file, as an operator runs it: the rows of the HTTP export, a
 * progress line on standard error, standard output without --to, and a bad filter refused.
 */
import { parse } from 'csv-parse/sync';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataDir } from './support/demo-data-dir.js';

const run = promisify(execFile);

// Each case starts a process that compiles the command and builds the read models: slow on a busy machine.
describe('npm run export', { timeout: 120_000 }, () => {
  let data: { dir: string; disbursements: number };
  const cli = (...args: string[]) =>
    run('npx', ['tsx', 'src/export/export-cli.ts', ...args], { env: { ...process.env, DATA_DIR: data.dir }, maxBuffer: 10 * 2 ** 20 });

  beforeAll(async () => {
    data = await demoDataDir();
  });
  afterAll(() => rmSync(data.dir, { recursive: true, force: true }));

  it('writes the disbursement history to a file, with a progress line', async () => {
    const file = join(data.dir, 'payments.csv');
    const { stderr } = await cli('disbursements', '--to', file);
    // Not a terminal here: a line per step, the last naming the file.
    expect(stderr.split('\n').slice(-2)).toEqual([`disbursements: ${data.disbursements} rows written to ${file}`, '']);
    const rows = parse(readFileSync(file), { bom: true }) as string[][];
    expect(rows.length - 1).toBe(data.disbursements);
  });

  it('takes the API’s filters in kebab-case and writes to standard output without --to', async () => {
    const { stdout } = await cli('disbursements', '--line-code', 'innovation-voucher', '--paid-from', '2000-01-01');
    const rows = (parse(stdout, { bom: true }) as string[][]).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[6] === 'innovation-voucher')).toBe(true);
  });

  it('refuses a bad filter with its reason', async () => {
    const failed = await cli('disbursements', '--min-amount', '12.345').catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('minAmount: "12.345" is not an amount in yuan') });
  });
});
