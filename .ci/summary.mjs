// Prints vitest's JSON reports as the plain line CI reads: "N passed, N failed[, N skipped]".
// Arguments: each report, optionally followed by the exit status of the vitest run that wrote it.
// Several reports (the same suite on two Node versions) are summed; a missing or broken report
// counts as one failure, and so does a run that exited non-zero with no failure in its report
// (vitest's unhandled errors, which its JSON report does not count).
import { readFileSync } from 'node:fs';

const runs = [];
for (const arg of process.argv.slice(2)) {
  if (/^\d+$/.test(arg) && runs.length > 0) runs[runs.length - 1].status = Number(arg);
  else runs.push({ file: arg, status: 0 });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let missing = false;
for (const { file, status } of runs) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.log(`no test report in ${file} (${error.message})`);
    totals.failed += 1;
    missing = true;
    continue;
  }
  // A file that failed with no failed test in it (it did not load, or a beforeAll or afterAll
  // failed and vitest counted its tests skipped) is a failure; so is a run vitest calls
  // unsuccessful (an unhandled error) with nothing else counted failed.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed')).length;
  const failed = report.numFailedTests + brokenFiles;
  totals.passed += report.numPassedTests;
  totals.failed += failed === 0 && (report.success === false || status !== 0) ? 1 : failed;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
if (missing) process.exit(1);
