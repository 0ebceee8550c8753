// `npm run bench` keeps working as the product changes: one short run (no peers, results to a
// temporary file) must finish, print every row and write them as JSON. Not a timing test: the
// figures themselves are not judged here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

test('npm run bench completes a run and writes the table it prints', () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'payframe-bench-'));
  try {
    const resultsFile = join(dir, 'results.json');
    const bench = spawnSync(process.execPath, ['scripts/bench.mjs'], {
      env: { ...process.env, BENCH_RUNS: '1', BENCH_WARMUP: '0', BENCH_TOKENIZE: '1', BENCH_PEERS: '0', BENCH_RESULTS: resultsFile },
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(bench.status, bench.stderr.slice(-2000)).toBe(0);
    for (const metric of ['time to ready', 'keystroke', 'tokenize overhead', 'JS heap', 'layout shift', 'longest merchant main-thread task']) {
      expect(bench.stdout, metric).toContain(metric);
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as { settings: { runs: number }; rows: { metric: string; ours: string }[] };
    expect(results.settings.runs).toBe(1);
    const ready = results.rows.find((row) => row.metric.startsWith('time to ready'));
    expect(ready?.ours).toMatch(/\d+(\.\d+)? \/ \d+(\.\d+)? ms/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
