// npm run bench: how fast and how small Payframe is, next to a bare iframe and to peers, all measured in
// one run. Builds if needed, starts the demo servers (in a process of their own), drives Chromium, prints a table and writes
// bench/results.json. Both card surfaces side by side: the drop-in <payframe-checkout> and split fields
// (<payframe-card-group> with number, expiry and CVC); goals are the drop-in's.
//
//   BENCH_RUNS (default 12)         measured runs of each surface and of the bare iframe, after
//   BENCH_WARMUP (default 1)        warm-up runs; BENCH_TOKENIZE (default 3) tokenize() calls per drop-in run
//   BENCH_READY_RUNS (default 48)   more time-to-ready mounts, nothing else measured: the bare iframe and each
//                                   surface in turn; the time-to-ready rows count them with the full runs'
//   BENCH_TYPING_RUNS (default 50)  whole cards typed with no delay between keys, per surface
//   BENCH_PHONE_RUNS (default BENCH_RUNS)  time-to-ready runs under the phone profile, per surface and bare iframe
//   BENCH_RESULTS                   another results file; BENCH_PEERS=0 skips the peers' bytes
//   `--bytes`                       bytes only (written to bench/results-bytes.json)
// Honours PAYFRAME_DIST_DIR like the build. Exits 0 whether goals are met or not (it is a benchmark), and
// non-zero when something could not be measured.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';

const bytesOnly = process.argv.includes('--bytes');

// The phone profile drives Chromium over a DevTools WebSocket of its own (scripts/bench/phone-profile.mjs):
// Node 20 has the WebSocket client behind a flag, Node 22 by default.
if (!bytesOnly && typeof WebSocket === 'undefined') {
  const child = spawnSync(process.execPath, ['--experimental-websocket', '--disable-warning=ExperimentalWarning', import.meta.filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const { register } = await import('tsx/esm/api');
const repoRoot = resolve(import.meta.dirname, '..');
process.chdir(repoRoot);
const dist = process.env.PAYFRAME_DIST_DIR ?? 'dist';
const count = (name, fallback, min = 0) => Math.max(min, Number(process.env[name] ?? fallback));
const runCount = count('BENCH_RUNS', 12, 1);
const warmupCount = count('BENCH_WARMUP', 1);
const tokenizeCount = count('BENCH_TOKENIZE', 3, 1);
const readyRuns = count('BENCH_READY_RUNS', 48);
const typingRuns = count('BENCH_TYPING_RUNS', 50, 1);
const phoneRuns = count('BENCH_PHONE_RUNS', runCount, 1);

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

const summaryLine = (surface) => `${surface.readyMs.toFixed(0)} ms`;

/** What was measured: the commit, and whether product files had uncommitted changes (they are built and measured too). */
function sourceState() {
  const git = (...args) => spawnSync('git', args, { encoding: 'utf8' });
  const commit = git('rev-parse', '--short', 'HEAD').stdout.trim() || undefined;
  const changed = git('status', '--porcelain', '--', 'src', 'iframe', 'vite.config.ts').stdout.split('\n').filter(Boolean).length;
  return { commit, uncommittedProductFiles: changed };
}

/**
 * The demo's servers and the baseline origin, in a process of their own (scripts/bench/bench-servers.mjs),
 * so no response waits on the event loop that drives Chromium.
 */
function startBenchServers() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/bench-servers.mjs'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, PAYFRAME_DIST_DIR: dist } });
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  return new Promise((resolveStart, rejectStart) => {
    let printed = '';
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      const line = printed.split('\n').find((candidate) => candidate.startsWith('bench-servers '));
      if (!line) return;
      printed = '';
      resolveStart({
        ...JSON.parse(line.slice('bench-servers '.length)),
        close: () => {
          child.stdin.end();
          return exited;
        },
      });
    });
    void exited.then((code) => rejectStart(new Error(`the bench servers exited (${code}) before they listened`)));
  });
}

async function measureInBrowser() {
  // The demo servers are TypeScript: load them through tsx.
  register();
  const { chromium } = await import('playwright');
  const { chromiumLaunchOptions } = await import('../test/browser/launch-options.mjs');
  const { SURFACES } = await import('./bench/surfaces.mjs');
  const { measureBaselineRun, measureBareMountTrace, measureSurfaceRun, measureMountTrace, measureNoDelayTyping, measurePhoneReady, measureReadyOnly } = await import('./bench/browser-runs.mjs');
  const { PHONE_PROFILE, connectDevTools, freePort } = await import('./bench/phone-profile.mjs');

  const servers = await startBenchServers();
  const devtoolsPort = await freePort();
  const launch = chromiumLaunchOptions();
  const browser = await chromium.launch({ ...launch, args: [...launch.args, `--remote-debugging-port=${devtoolsPort}`] });
  const devtools = await connectDevTools(devtoolsPort);
  const options = {
    merchantUrl: servers.merchantUrl,
    fieldsOrigin: servers.fieldsOrigin,
    publishableKey: servers.publishableKey,
    gatewayUrl: servers.gatewayUrl,
    frameUrl: servers.frameUrl,
  };
  const baselineOptions = { pageUrl: `${servers.merchantUrl}/bench/baseline.html`, frameUrl: servers.frameUrl, handshakeUrl: servers.handshakeUrl };
  const surfaces = [SURFACES.checkout, SURFACES.split];
  const runs = [];
  const readySeries = [];
  const typing = {};
  const phone = [];
  const phaseStartedAt = { at: performance.now() };
  const phaseDone = (name) => {
    console.log(`${name} took ${((performance.now() - phaseStartedAt.at) / 1000).toFixed(0)} s`);
    phaseStartedAt.at = performance.now();
  };
  try {
    // 1. Normal profile: the bare iframe and each surface, each in a fresh context, plus a traced mount.
    for (let index = 0; index < warmupCount + runCount; index++) {
      const warmup = index < warmupCount;
      // Rotate who goes first, so none always meets a browser another just warmed.
      const order = ['baseline', ...surfaces.map((surface) => surface.id)];
      const rotated = [...order.slice(index % order.length), ...order.slice(0, index % order.length)];
      const run = { surfaces: {}, traces: {} };
      for (const step of rotated) {
        if (step === 'baseline') {
          run.baseline = await measureBaselineRun(browser, baselineOptions);
          run.baseline.trace = await measureBareMountTrace(browser, baselineOptions);
          continue;
        }
        const surface = SURFACES[step];
        run.surfaces[step] = await measureSurfaceRun(browser, surface, { ...options, tokenizeCount: step === 'checkout' ? tokenizeCount : 0 });
        run.traces[step] = await measureMountTrace(browser, surface, options);
        const changes = run.surfaces[step].keystrokes.filter((key) => key.changeMs !== undefined).length;
        if (!run.surfaces[step].readyProperty) console.warn(`run ${index} ${surface.label}: payframe-ready fired while the element's ready property read false`);
        if (changes !== 2) console.warn(`run ${index} ${surface.label}: ${changes} payframe-change events measured, expected 2 (first digit, last digit)`);
      }
      if (!warmup) runs.push(run);
      const ready = surfaces.map((surface) => `${surface.label} ${summaryLine(run.surfaces[surface.id])}`).join(', ');
      console.log(`${warmup ? 'warm-up' : `run ${runs.length}/${runCount}`}: ready ${ready} (bare iframe ${run.baseline.readyMs.toFixed(0)} ms)`);
    }
    phaseDone('normal-profile runs');

    // 1b. Time to ready alone, many times: the bare iframe and each surface in turn, in rotated order.
    for (let index = 0; index < readyRuns; index++) {
      const order = ['bare', ...surfaces.map((surface) => surface.id)];
      const rotated = [...order.slice(index % order.length), ...order.slice(0, index % order.length)];
      const run = {};
      for (const step of rotated) run[step] = (await measureReadyOnly(browser, step === 'bare' ? 'bare' : SURFACES[step], options)).readyMs;
      readySeries.push(run);
    }
    if (readyRuns) phaseDone(`${readyRuns} time-to-ready runs`);

    // 2. A whole card typed with no delay between keys, per surface: a fresh page per run, one context.
    for (const surface of surfaces) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        typing[surface.id] = [];
        for (let index = 0; index < typingRuns; index++) typing[surface.id].push(await measureNoDelayTyping(page, surface, options, index));
      } finally {
        await context.close();
      }
      const lost = typing[surface.id].reduce((sum, sample) => sum + sample.lost, 0);
      const typed = typing[surface.id].reduce((sum, sample) => sum + sample.typed, 0);
      console.log(`no-delay typing, ${surface.label}: ${lost} of ${typed} keys lost in ${typingRuns} runs`);
    }
    phaseDone('no-delay typing');

    // 3. Phone profile: time to ready with CPU, network and a cold cache as on a phone, every frame included.
    for (let index = 0; index < phoneRuns; index++) {
      const order = ['bare', ...surfaces.map((surface) => surface.id)];
      const rotated = [...order.slice(index % order.length), ...order.slice(0, index % order.length)];
      const run = {};
      for (const step of rotated) run[step] = await measurePhoneReady(browser, devtools, step === 'bare' ? 'bare' : SURFACES[step], options, PHONE_PROFILE);
      phone.push(run);
      const ready = surfaces.map((surface) => `${surface.label} ${summaryLine(run[surface.id])}`).join(', ');
      console.log(`phone run ${index + 1}/${phoneRuns}: ready ${ready} (bare iframe ${run.bare.readyMs.toFixed(0)} ms)`);
    }
    phaseDone('phone-profile runs');
    return { runs, readySeries, typing, phone, profile: PHONE_PROFILE, chromiumVersion: browser.version() };
  } finally {
    devtools.close();
    await browser.close();
    await servers.close();
  }
}

// Read before building: the build and the table are of the sources as they are now.
const source = sourceState();
buildIfNeeded();
const { measureOurBytes, measurePeerBytes } = await import('./bench/bundle-sizes.mjs');
const { buildRows, missingMeasurements, printRows } = await import('./bench/report.mjs');

const browserResults = bytesOnly ? { runs: [], readySeries: [], typing: {}, phone: [], chromiumVersion: undefined } : await measureInBrowser();
const ours = await measureOurBytes(dist);
// BENCH_PEERS=0 skips the peers (no npm install): the smoke test in the suite uses it.
const peersSkipped = process.env.BENCH_PEERS === '0';
const { peers, unavailable } = peersSkipped ? { peers: [], unavailable: 'skipped (BENCH_PEERS=0)' } : await measurePeerBytes();

const rows = buildRows({ runs: browserResults.runs, readySeries: browserResults.readySeries, typing: browserResults.typing, phone: browserResults.phone, bytes: { ours, peers, peersUnavailable: unavailable } });
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))), node: process.version, chromium: browserResults.chromiumVersion, platform: `${os.platform()} ${os.release()}` };
const layouts = Object.fromEntries(Object.entries(browserResults.runs[0]?.surfaces ?? {}).map(([id, surface]) => [id, `${surface.layout}, ${surface.frameCount} fields-origin frame(s)`]));
console.log(`\nPayframe bench: ${browserResults.runs.length} runs (+${bytesOnly ? 0 : warmupCount} warm-up) and ${browserResults.readySeries.length} time-to-ready runs, ${tokenizeCount} tokenize per drop-in run, ${bytesOnly ? 0 : typingRuns} no-delay cards per surface, ${browserResults.phone.length} phone-profile runs; ${machine.cpus} CPUs, load ${machine.loadAverage.join(' ')}, Chromium ${machine.chromium ?? '-'}`);
if (!bytesOnly) {
  console.log(`Source: ${source.commit ?? 'unknown commit'}${source.uncommittedProductFiles ? ` plus ${source.uncommittedProductFiles} uncommitted file(s) in src/, iframe/ or vite.config.ts (built and measured as they are)` : ''}.`);
  console.log(`Layouts: ${Object.entries(layouts).map(([id, layout]) => `${id} ${layout}`).join('; ')}. Phone profile: ${browserResults.profile.label}, on the page and every iframe.`);
  console.log('Goals are the drop-in\'s; split-field rows are reported beside them without goals. Ratios are medians over the baseline\'s median.\n');
}
printRows(rows);

mkdirSync('bench', { recursive: true });
const results = {
  generatedAt: new Date().toISOString(),
  machine,
  settings: {
    runs: browserResults.runs.length,
    readyRuns: browserResults.readySeries.length,
    warmup: bytesOnly ? 0 : warmupCount,
    tokenizePerRun: tokenizeCount,
    typingRunsPerSurface: bytesOnly ? 0 : typingRuns,
    phoneRuns: browserResults.phone.length,
    phoneProfile: browserResults.profile,
    layouts,
    source,
    dist,
  },
  rows,
  // Timings and counts only: no run records what was typed.
  samples: { runs: browserResults.runs, readySeries: browserResults.readySeries, typing: browserResults.typing, phone: browserResults.phone },
};
// A bytes-only run must not overwrite the speed figures of the last full run.
const resultsFile = process.env.BENCH_RESULTS ?? (bytesOnly ? 'bench/results-bytes.json' : 'bench/results.json');
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${resultsFile}`);

const missing = missingMeasurements(rows);
if (unavailable && !peersSkipped) missing.push(`peers' bytes (${unavailable})`);
if (missing.length) {
  console.error(`\nNot measured: ${missing.join('; ')}`);
  process.exit(1);
}
