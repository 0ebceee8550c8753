// `npm run bench` keeps working as the product changes: one short run (no peers, results to a
// temporary file) must finish, print every row for both card surfaces (the drop-in and split fields),
// the no-delay typing rows and the phone profile, and write them as JSON. Not a timing test: the
// figures themselves are not judged here, and a missed goal must not fail the bench.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

test('npm run bench completes a run and writes the table it prints', () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'payframe-bench-'));
  try {
    const resultsFile = join(dir, 'results.json');
    const bench = spawnSync(process.execPath, ['scripts/bench.mjs'], {
      env: { ...process.env, BENCH_RUNS: '1', BENCH_READY_RUNS: '2', BENCH_WARMUP: '0', BENCH_TOKENIZE: '1', BENCH_TYPING_RUNS: '2', BENCH_PHONE_RUNS: '1', BENCH_PEERS: '0', BENCH_RESULTS: resultsFile },
      encoding: 'utf8',
      timeout: 230_000,
    });
    expect(bench.status, bench.stderr.slice(-2000)).toBe(0);
    for (const metric of ['time to ready', 'keystroke', 'tokenize overhead', 'JS heap', 'layout shift', 'longest merchant main-thread task', 'keys lost typing a whole card with no delay', 'phone profile: time to ready']) {
      expect(bench.stdout, metric).toContain(metric);
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as { settings: { runs: number; readyRuns: number }; rows: { metric: string; ours: string; surface?: string }[] };
    expect(results.settings.runs).toBe(1);
    expect(results.settings.readyRuns).toBe(2);
    // A page's first tokenization on its own row: the one a shopper who pays once waits for.
    expect(results.rows.find((row) => row.metric.startsWith("tokenize overhead, a page's first"))?.ours).toMatch(/^-?\d+(\.\d+)? \/ -?\d+(\.\d+)? ms$/);
    for (const surface of ['checkout', 'split']) {
      // The full run's mount and the two measured alone.
      const ready = results.rows.find((row) => row.metric.startsWith('time to ready') && row.surface === surface);
      expect(ready?.metric, surface).toContain('(3 mounts)');
      expect(ready?.ours, surface).toMatch(/\d+(\.\d+)? \/ \d+(\.\d+)? ms/);
      const keysLost = results.rows.find((row) => row.metric.startsWith('keys lost') && row.surface === surface);
      expect(keysLost?.ours, surface).toMatch(/^\d+ of 46 keys/);
      const phone = results.rows.find((row) => row.metric.startsWith('phone profile: time to ready') && row.surface === surface);
      expect(phone?.ours, surface).toMatch(/\d+(\.\d+)? \/ \d+(\.\d+)? ms/);
      // The longest task stands beside the task a bare cross-site iframe's insertion takes.
      const longest = results.rows.find((row) => row.metric.startsWith('longest merchant main-thread task') && row.surface === surface) as { baseline?: string } | undefined;
      expect(longest?.baseline, surface).toMatch(/^1 bare iframe appended \d+(\.\d+)? \/ \d+(\.\d+)? ms$/);
      // And time to ready beside a bare iframe that runs only the hello / port / ready handshake.
      const handshake = results.rows.find((row) => row.metric.startsWith('time to ready vs 1 bare iframe that only runs the handshake') && row.surface === surface) as { baseline?: string } | undefined;
      expect(handshake?.baseline, surface).toMatch(/^handshake iframe ready \d+(\.\d+)? \/ \d+(\.\d+)? ms$/);
    }
    // Counts only: the test card number never reaches the output or the results file.
    expect(bench.stdout + bench.stderr).not.toContain('4242424242424242');
    expect(readFileSync(resultsFile, 'utf8')).not.toContain('4242424242424242');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
