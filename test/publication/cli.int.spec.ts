/** `npm run publish:list` on a ledger file with the demo loaded: the award list to standard output and a file. */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataDir } from '../export/support/demo-data-dir.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../src/publication/cli.ts');

describe('npm run publish:list', () => {
  let dataDir: string;
  const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir } });

  beforeAll(async () => {
    dataDir = (await demoDataDir()).dir;
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes the NEEQ award list as CSV with credit codes to standard output', async () => {
    const { stdout } = await cli('--kind', 'award', '--line', 'neeq-listing-reward', '--fiscal-year', '2025', '--format', 'csv', '--credit-code');
    const lines = stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('序号,企业名称,统一社会信用代码,县（市、区）,奖补项目,金额（万元）');
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toBe('合计,2家,,,,100');
  }, 60_000);

  it('writes the print-ready page to a file, and refuses a missing option', async () => {
    const file = join(dataDir, 'award.html');
    await cli('--kind', 'award', '--line', 'neeq-listing-reward', '--fiscal-year', '2025', '--to', file);
    expect(readFileSync(file, 'utf8')).toContain('<h1>许昌市2025年度小微企业扶持资金奖励名单（许政〔2016〕8号第(五)条）</h1>');
    await expect(cli('--kind', 'award', '--fiscal-year', '2025')).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
