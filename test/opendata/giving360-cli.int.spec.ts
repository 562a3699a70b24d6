/** `npm run export:360giving` on a ledger file: the package on standard output validates; --to FILE.csv flattens it. */
import { parse } from 'csv-parse/sync';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APPLICATIONS } from '../../src/demo/applications.js';
import { CLOSED_YEAR_GRANTS } from '../../src/demo/closed-year.js';
import type { Giving360Package } from '../../src/opendata/package.js';
import { demoDataDir } from '../export/support/demo-data-dir.js';
import { packageValidator } from './support/validate-360giving.js';

const run = promisify(execFile);
/** The grants the demo approves in its fiscal year, 2025 (the closed year's are 2024's). */
const APPROVED = DEMO_APPLICATIONS.filter((a) => a.fate === 'approved').length;

// Each case starts a process that compiles the command and builds the read models: slow on a busy machine.
describe('npm run export:360giving', { timeout: 120_000 }, () => {
  let dir: string;
  const cli = (...args: string[]) =>
    run('npx', ['tsx', 'src/opendata/giving360-cli.ts', ...args], { env: { ...process.env, DATA_DIR: dir, OPEN_DATA_PREFIX: 'xc-test' }, maxBuffer: 10 * 2 ** 20 });

  beforeAll(async () => {
    dir = (await demoDataDir()).dir;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the data package of a fiscal year, valid 360Giving, under the configured prefix', async () => {
    const { stdout, stderr } = await cli('--fiscal-year', '2025');
    const pkg = JSON.parse(stdout) as Giving360Package;
    expect(packageValidator()(pkg)).toEqual([]);
    expect(pkg.grants).toHaveLength(APPROVED);
    expect(pkg.grants[0]!.id).toMatch(/^360G-xc-test-/);
    expect(stderr).toBe(`360Giving: ${APPROVED} grants\n`);
  });

  it('writes the flattened CSV to a file', async () => {
    const file = join(dir, 'grants.csv');
    await cli('--to', file);
    const rows = parse(readFileSync(file), { bom: true }) as string[][];
    expect(rows[0]![0]).toBe('Identifier');
    expect(rows.length - 1).toBe(APPROVED + CLOSED_YEAR_GRANTS.length);
  });

  it('refuses a year that is not one', async () => {
    const failed = await cli('--fiscal-year', '25').catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: 'fiscalYear must be a fiscal year such as 2025 (got "25")\n' });
  });
});
