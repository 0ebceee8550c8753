// npm run bench: how fast and how small Payframe is, next to a bare iframe and to peers. Builds if
// needed, starts the demo servers, drives Chromium, prints a table and writes bench/results.json.
// BENCH_RUNS (default 20) measured runs after BENCH_WARMUP (default 1); BENCH_TOKENIZE (default 3) per run;
// `--bytes` measures bytes only (written to bench/results-bytes.json). Honours PAYFRAME_DIST_DIR like the build;
// BENCH_RESULTS names another results file, BENCH_PEERS=0 skips the peers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { register } from 'tsx/esm/api';

const repoRoot = resolve(import.meta.dirname, '..');
process.chdir(repoRoot);
const dist = process.env.PAYFRAME_DIST_DIR ?? 'dist';
const runCount = Math.max(1, Number(process.env.BENCH_RUNS ?? 20));
const warmupCount = Math.max(0, Number(process.env.BENCH_WARMUP ?? 1));
const tokenizeCount = Math.max(1, Number(process.env.BENCH_TOKENIZE ?? 3));
const bytesOnly = process.argv.includes('--bytes');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Same rule as `npm run demo`: build when an output is missing or older than the sources. */
function buildIfNeeded() {
  const outputs = ['payframe.js', 'esm/index.js', 'fields/number.html', 'fields/controller.html'].map((file) => join(dist, file));
  const builtAt = outputs.every((file) => existsSync(file)) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0;
  const sourcesAt = Math.max(newestMtime('src'), newestMtime('iframe'), statSync('vite.config.ts').mtimeMs);
  if (builtAt >= sourcesAt) return;
  console.log(`Building into ${dist}/ …`);
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', env: { ...process.env, PAYFRAME_DIST_DIR: dist } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

async function measureInBrowser() {
  // The demo servers are TypeScript: load them through tsx.
  register();
  const { chromium } = await import('playwright');
  const { chromiumLaunchOptions } = await import('../test/browser/launch-options.mjs');
  const { startDemoServers } = await import('../demo/servers.ts');
  const { startBaselineFrameServer } = await import('./bench/baseline-frame-server.mjs');
  const { measureBaselineRun, measureCheckoutRun, measureMountTrace } = await import('./bench/browser-runs.mjs');

  const servers = await startDemoServers({ merchantPort: 0, fieldsPort: 0, gatewayPort: 0, distDir: dist, extraPageDirs: { bench: join(repoRoot, 'bench/pages') } });
  const baselineFrame = await startBaselineFrameServer({ frameAncestors: [servers.merchantUrl] });
  const browser = await chromium.launch(chromiumLaunchOptions());
  const checkoutOptions = { pageUrl: `${servers.merchantUrl}/bench/checkout.html`, publishableKey: servers.publishableKey, gatewayUrl: servers.gatewayUrl, tokenizeCount };
  const baselineOptions = { pageUrl: `${servers.merchantUrl}/bench/baseline.html`, frameUrl: baselineFrame.url };
  const runs = [];
  try {
    for (let index = 0; index < warmupCount + runCount; index++) {
      const warmup = index < warmupCount;
      // Alternate which goes first, so neither always meets a browser the other just warmed.
      const baselineFirst = index % 2 === 0;
      const baseline = baselineFirst ? await measureBaselineRun(browser, baselineOptions) : undefined;
      const checkout = await measureCheckoutRun(browser, checkoutOptions);
      const run = { baseline: baseline ?? (await measureBaselineRun(browser, baselineOptions)), checkout, trace: await measureMountTrace(browser, checkoutOptions) };
      if (!warmup) runs.push(run);
      const changes = checkout.keystrokes.filter((key) => key.changeMs !== undefined).length;
      if (changes !== 2) console.warn(`run ${index}: ${changes} payframe-change events measured, expected 2 (first digit, last digit)`);
      process.stdout.write(`${warmup ? 'warm-up' : `run ${runs.length}/${runCount}`}: ready ${checkout.readyMs.toFixed(0)} ms (bare iframe ${run.baseline.readyMs.toFixed(0)} ms)\n`);
    }
    return { runs, chromiumVersion: browser.version() };
  } finally {
    await browser.close();
    await baselineFrame.close();
    await servers.close();
  }
}

buildIfNeeded();
const { measureOurBytes, measurePeerBytes } = await import('./bench/bundle-sizes.mjs');
const { buildRows, printRows } = await import('./bench/report.mjs');

const browserResults = bytesOnly ? { runs: [], chromiumVersion: undefined } : await measureInBrowser();
const ours = await measureOurBytes(dist);
// BENCH_PEERS=0 skips the peers (no npm install): the smoke test in the suite uses it.
const { peers, unavailable } = process.env.BENCH_PEERS === '0' ? { peers: [], unavailable: 'skipped (BENCH_PEERS=0)' } : await measurePeerBytes();
if (unavailable) console.warn(`Peers not measured (npm registry unreachable?): ${unavailable}. Printing our rows alone.`);

const rows = buildRows({ runs: browserResults.runs, bytes: { ours, peers, peersUnavailable: unavailable } });
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))), node: process.version, chromium: browserResults.chromiumVersion, platform: `${os.platform()} ${os.release()}` };
console.log(`\nPayframe bench: ${browserResults.runs.length} runs (+${bytesOnly ? 0 : warmupCount} warm-up), ${tokenizeCount} tokenize per run; ${machine.cpus} CPUs, load ${machine.loadAverage.join(' ')}, Chromium ${machine.chromium ?? '-'}\n`);
printRows(rows);

mkdirSync('bench', { recursive: true });
const results = {
  generatedAt: new Date().toISOString(),
  machine,
  settings: { runs: browserResults.runs.length, warmup: bytesOnly ? 0 : warmupCount, tokenizePerRun: tokenizeCount, dist },
  rows,
  samples: browserResults.runs,
};
// A bytes-only run must not overwrite the speed figures of the last full run.
const resultsFile = process.env.BENCH_RESULTS ?? (bytesOnly ? 'bench/results-bytes.json' : 'bench/results.json');
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${resultsFile}`);
