// Prints vitest's JSON reports as the plain line CI reads: "N passed, N failed[, N skipped]".
// Given several reports (the same suite on two Node versions), it sums them; a missing or broken
// report counts as one failure.
import { readFileSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
let missing = false;
for (const file of process.argv.slice(2)) {
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
  totals.failed += failed === 0 && report.success === false ? 1 : failed;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
if (missing) process.exit(1);
