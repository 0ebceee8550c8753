// The byte-budget checker's logic (scripts/check-budgets.mjs), in Node without a browser: an
// output over its budget fails the check, outputs within budget pass, a missing output fails;
// and the command itself, on the real build and on one grown past a budget.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { BUDGETS, checkBudgets, formatBudgetReport } from '../../scripts/check-budgets.mjs';

const budgets = [
  { id: 'script-tag', label: 'script-tag file', maxGzip: 15_000 },
  { id: 'field-frame', label: 'field frame page', maxGzip: 12_000 },
];

test('an output one byte over its budget fails the check and is named in the report', () => {
  const result = checkBudgets(
    [
      { id: 'script-tag', gzip: 15_001 },
      { id: 'field-frame', gzip: 11_000 },
    ],
    budgets,
  );
  expect(result.passed).toBe(false);
  expect(result.results.map((row) => [row.id, row.passed, row.overBy])).toEqual([
    ['script-tag', false, 1],
    ['field-frame', true, 0],
  ]);
  const report = formatBudgetReport(result);
  expect(report[0]).toMatch(/^OVER .*15,001 B gzip \/ budget 15,000 B {2}\(1 B over\)$/);
  expect(report.at(-1)).toContain('1 output(s) over budget: script-tag');
});

test('outputs at or under their budgets pass', () => {
  const result = checkBudgets(
    [
      { id: 'script-tag', gzip: 15_000 },
      { id: 'field-frame', gzip: 9_500 },
    ],
    budgets,
  );
  expect(result.passed).toBe(true);
  expect(formatBudgetReport(result).at(-1)).toBe('All outputs are within their byte budgets.');
});

test('a budgeted output that was not measured fails instead of passing silently', () => {
  const result = checkBudgets([{ id: 'script-tag', gzip: 10_000 }], budgets);
  expect(result.passed).toBe(false);
  expect(result.results[1]).toMatchObject({ id: 'field-frame', passed: false, gzip: undefined });
});

test('the enforced budgets: 12 KB for each of the split fields\' frame pages; the script tag and the drop-in\'s card frame under their 14 KB goal; the split fields file on its own', () => {
  expect(BUDGETS.map(({ id, maxGzip }) => [id, maxGzip])).toEqual([
    ['script-tag', 12_000],
    ['split-fields', 10_750],
    ['field-frame', 12_000],
    ['field-frame-expiry', 12_000],
    ['field-frame-cvc', 12_000],
    ['field-frame-postal', 12_000],
    ['field-frame-country', 12_000],
    ['controller-frame', 12_000],
    ['card-frame', 13_300],
    ['lazy-payments', 4_500],
    ['lazy-billing', 2_900],
    ['lazy-bank', 11_000],
    ['lazy-bin', 700],
    ['lazy-saved-card', 1_800],
    ['lazy-networks', 900],
    ['lazy-style-explanations', 1_600],
    ['brand-icons', 800],
  ]);
  // The script tag's goal is met: the bench shows it, the report has nothing to explain.
  const scriptTag = BUDGETS.find((budget) => budget.id === 'script-tag')!;
  expect(scriptTag.goal).toBe(14_000);
  expect(scriptTag.maxGzip).toBeLessThanOrEqual(scriptTag.goal!);
  const report = formatBudgetReport(checkBudgets([{ id: 'script-tag', gzip: 11_000 }], [scriptTag]));
  expect(report[0]).toMatch(/11,000 B gzip \/ budget 12,000 B$/);
  // The split fields' file is budgeted on its own: it cannot grow unseen behind payframe.js.
  const splitFields = BUDGETS.find((budget) => budget.id === 'split-fields')!;
  expect(checkBudgets([{ id: 'split-fields', gzip: splitFields.maxGzip + 1 }], [splitFields]).passed).toBe(false);
  const cardFrame = BUDGETS.find((budget) => budget.id === 'card-frame')!;
  expect(cardFrame.goal).toBe(14_000);
  // Met since the payment steps became a file fetched after ready: the enforced budget is under the goal.
  expect(cardFrame.maxGzip).toBeLessThanOrEqual(cardFrame.goal!);
  expect(formatBudgetReport(checkBudgets([{ id: 'card-frame', gzip: cardFrame.maxGzip + 1 }], [cardFrame]))[0]).toMatch(/^OVER/);
  // Within its goal, a budget with one says nothing of it.
  expect(formatBudgetReport(checkBudgets([{ id: 'card-frame', gzip: 13_900 }], [cardFrame]))[0]).not.toContain('goal');
  // The split fields' pages are within the goal itself: no budget of theirs needs a reason.
  expect(BUDGETS.filter((budget) => budget.id.startsWith('field-frame') || budget.id === 'controller-frame').map((budget) => budget.goal)).toEqual([undefined, undefined, undefined, undefined]);
});

// The checker as CI runs it (npm test calls it right after the build): exit 0 on the real build,
// exit 1 and an OVER line once the script-tag file grows past its budget.
const runChecker = (dist: string) =>
  spawnSync(process.execPath, ['scripts/check-budgets.mjs'], { env: { ...process.env, PAYFRAME_DIST_DIR: dist }, encoding: 'utf8' });

test('the checker passes the real build and fails it once the script-tag file is over budget', () => {
  const dist = process.env.PAYFRAME_DIST_DIR ?? 'dist';
  const withinBudget = runChecker(dist);
  expect(withinBudget.stdout).toContain('All outputs are within their byte budgets.');
  expect(withinBudget.status).toBe(0);

  const grown = mkdtempSync(join(tmpdir(), 'payframe-budget-'));
  try {
    cpSync(dist, grown, { recursive: true });
    // Random bytes do not compress: 16 KB of them put the file over its budget whatever it weighed.
    appendFileSync(join(grown, 'payframe.js'), `/*${randomBytes(16_000).toString('base64')}*/`);
    const over = runChecker(grown);
    expect(over.stdout).toMatch(/^OVER +payframe\.js/m);
    expect(over.stdout).toContain('output(s) over budget: script-tag');
    expect(over.status).toBe(1);
  } finally {
    rmSync(grown, { recursive: true, force: true });
  }
});
