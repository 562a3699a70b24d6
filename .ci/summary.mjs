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
  // A file that failed to load has no tests in the count: count it as a failure.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + brokenFiles;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
if (missing) process.exit(1);
