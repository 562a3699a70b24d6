/**
 * `npm run test:esdb-conformance`: the official client's tests against the test double. Runs
 * them (vitest.config.ts), prints every test as passed, failed or skipped, writes
 * `conformance/skipped-tests.md` (every test not run, with its reason), and ends with
 * "N passed, N failed, N skipped"; the exit code is non-zero when a test failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { assertPresent, SKIPPED, SKIPPED_TESTS, TEST_PACKAGE } from './suite.js';

interface Assertion {
  ancestorTitles: string[];
  title: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo' | 'disabled';
}

interface Report {
  testResults: { name: string; status: string; message?: string; assertionResults: Assertion[] }[];
}

const here = import.meta.dirname;
const GATED = 'skipped by the test itself: gated on a server version other than the double reports (24.10.0)';
const NOT_RUN = 'not run: its file failed outside its tests (see FAILED above)';

function runVitest(args: string[], outputFile: string): number {
  const vitest = spawnSync('npx', ['vitest', ...args, '--config', join(here, 'vitest.config.ts'), `--outputFile.json=${outputFile}`], {
    cwd: resolve(here, '..'),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return vitest.status ?? 1;
}

/** The tests of the files not run, by name, as vitest lists them without running them. */
function listSkippedFiles(dir: string): { file: string; name: string; reason: string }[] {
  const files = Object.keys(SKIPPED);
  if (files.length === 0) return [];
  const output = join(dir, 'list.json');
  spawnSync('npx', ['vitest', 'list', '--config', join(here, 'vitest.config.ts'), '--json', output, ...files.map((f) => resolve(TEST_PACKAGE, f))], {
    cwd: resolve(here, '..'),
    env: { ...process.env, ESDB_CONFORMANCE_LIST: '1' },
    stdio: 'ignore',
  });
  const listed = JSON.parse(readFileSync(output, 'utf8')) as { name: string; file: string }[];
  return files.flatMap((file) => {
    const tests = listed.filter((test) => relative(TEST_PACKAGE, test.file) === file);
    const names = tests.length ? tests.map((test) => test.name) : ['(the whole file)'];
    return names.map((name) => ({ file, name, reason: SKIPPED[file]! }));
  });
}

function main(): number {
  assertPresent();
  const dir = mkdtempSync(join(tmpdir(), 'esdb-conformance-'));
  try {
    const status = runVitest(['run', '--reporter=default', '--reporter=json'], join(dir, 'report.json'));
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const failures: string[] = [];
    const skipped: { file: string; name: string; reason: string }[] = [];
    console.log('\n── the official client\'s tests against the test double ──');
    for (const file of report.testResults) {
      const name = relative(TEST_PACKAGE, file.name);
      // A file that failed with no failed test: it did not load, or a beforeAll/afterAll failed
      // (vitest then counts its tests skipped, which are not skipped for a reason of ours).
      const broken = file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed');
      if (broken) {
        counts.failed += 1;
        failures.push(`failed outside its tests: ${name}`);
        console.log(`FAIL ${name} (failed outside its tests: ${file.message ?? file.status})`);
      }
      for (const test of file.assertionResults) {
        const title = [...test.ancestorTitles, test.title].join(' > ');
        const outcome = test.status === 'passed' ? 'passed' : test.status === 'failed' ? 'failed' : 'skipped';
        counts[outcome] += 1;
        if (outcome === 'skipped') skipped.push({ file: name, name: title, reason: broken ? NOT_RUN : (SKIPPED_TESTS[test.title] ?? GATED) });
        if (outcome === 'failed') failures.push(`failed: ${name} > ${title}`);
        console.log(`${outcome === 'passed' ? 'PASS' : outcome === 'failed' ? 'FAIL' : 'SKIP'} ${name} > ${title}`);
      }
    }
    const notRun = listSkippedFiles(dir);
    writeSkippedList([...skipped, ...notRun]);
    console.log(`\nskipped tests and their reasons: conformance/skipped-tests.md (${Object.keys(SKIPPED).length} files not run)`);
    for (const line of failures) console.log(`FAILED ${line}`);
    console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped + notRun.length} skipped`);
    // vitest failing with no failed test (an error outside the tests) fails the run too.
    return failures.length > 0 || (status !== 0 && counts.failed === 0) ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeSkippedList(skipped: { file: string; name: string; reason: string }[]): void {
  const lines = [
    '# Official client tests not run against the test double',
    '',
    'Written by `npm run test:esdb-conformance` (conformance/run.ts); the reasons of whole files are in conformance/suite.ts.',
    '',
    '| file | test | reason |',
    '| --- | --- | --- |',
    ...skipped.map(({ file, name, reason }) => `| ${file} | ${name.replaceAll('|', '\\|')} | ${reason} |`),
    '',
  ];
  writeFileSync(join(here, 'skipped-tests.md'), lines.join('\n'));
}

process.exit(main());
