// npm test: finds (or installs) Chromium, type-checks, builds, checks the published types, runs the unit/component suite
// (web-test-runner), the end-to-end suite (Playwright, Chromium) and the cross-browser suite (Chromium, Firefox, WebKit),
// then prints one summary line.
// `npm test -- unit`, `npm test -- e2e` or `npm test -- engines` (the cross-browser suite) runs one suite.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';
import { countsPerEngine } from '../test/cross-browser/engine-counts.mjs';

const only = process.argv[2];
const run = (command, args, env = {}) => spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const chromium = ensureChromium();
if (!chromium) process.exit(1);
console.log(`Chromium: ${chromium}`);

// The bundles check messages with JSON Schema generated from the zod schemas: it must be current.
if (run(process.execPath, ['--import', 'tsx', 'scripts/generate-wire-schemas.ts', '--check']) !== 0) process.exit(1);
if (run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) {
  console.error('Type check failed.');
  process.exit(1);
}
if (run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);
// Byte budgets (gzip): stable numbers, so an output that grows past one fails the run.
if (run(process.execPath, ['scripts/check-budgets.mjs']) !== 0) process.exit(1);
// The published types, as an app that installed the package sees them.
if (run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'test/types/tsconfig.json']) !== 0) {
  console.error('The published types (dist/types) do not type-check for a consumer.');
  process.exit(1);
}

const suites = [
  {
    name: 'unit',
    label: 'Unit and component tests (web-test-runner, Chromium)',
    results: 'test-results/unit.json',
    command: [process.execPath, '--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'test/unit/web-test-runner.config.mjs'],
    counts: (json) => json,
  },
  {
    name: 'e2e',
    label: 'End-to-end tests (Playwright, Chromium, real origins)',
    results: 'test-results/e2e.json',
    command: [process.execPath, 'node_modules/@playwright/test/cli.js', 'test', '--config', 'test/e2e/playwright.config.ts'],
    counts: (json) => ({ passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected, skipped: json.stats.skipped }),
  },
  {
    name: 'engines',
    label: 'Cross-browser tests (Playwright Test; Chromium, Firefox ESR, WebKitGTK through their own drivers; real origins)',
    results: 'test-results/engines.json',
    command: [process.execPath, 'node_modules/@playwright/test/cli.js', 'test', '--config', 'test/cross-browser/playwright.config.ts'],
    counts: (json) => ({ passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected, skipped: json.stats.skipped, perEngine: countsPerEngine(json) }),
  },
].filter((suite) => !only || suite.name === only);

const totals = { passed: 0, failed: 0 };
const lines = [];
let exitCode = 0;
for (const suite of suites) {
  console.log(`\n=== ${suite.label}`);
  rmSync(suite.results, { force: true });
  const status = run(suite.command[0], suite.command.slice(1), { PAYFRAME_CHROMIUM: chromium });
  const counts = existsSync(suite.results) ? suite.counts(JSON.parse(readFileSync(suite.results, 'utf8'))) : { passed: 0, failed: 1 };
  // A runner that crashed or exited non-zero fails the run even if its counts look clean.
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  if (status !== 0) exitCode = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  lines.push(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed`);
  // The cross-browser suite also gets a line per engine, with the time its tests took.
  for (const [engine, engineCounts] of counts.perEngine ?? []) {
    const skipped = engineCounts.skipped ? `, ${engineCounts.skipped} skipped` : '';
    lines.push(`${suite.name}/${engine}: ${engineCounts.passed} passed, ${engineCounts.failed} failed${skipped} (${engineCounts.seconds.toFixed(1)} s)`);
  }
}

console.log('');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
