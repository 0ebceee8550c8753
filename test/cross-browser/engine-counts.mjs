// Reads the cross-browser suite's Playwright JSON report and counts results per engine (one
// Playwright project each), so `npm test` prints a line per engine. Runs in Node (scripts/test.mjs).

/**
 * @param {any} report Playwright's JSON reporter output
 * @returns {Map<string, { passed: number, failed: number, skipped: number, seconds: number }>}
 */
export function countsPerEngine(report) {
  const engines = new Map();
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const counts = engines.get(test.projectName) ?? { passed: 0, failed: 0, skipped: 0, seconds: 0 };
        if (test.status === 'expected' || test.status === 'flaky') counts.passed++;
        else if (test.status === 'skipped') counts.skipped++;
        else counts.failed++;
        counts.seconds += (test.results ?? []).reduce((sum, result) => sum + (result.duration ?? 0), 0) / 1000;
        engines.set(test.projectName, counts);
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return engines;
}
