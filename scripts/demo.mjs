// npm run demo: builds if the build ($PAYFRAME_DIST_DIR or dist/) is missing or older than the sources, then starts the servers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

// The folder the build writes and the servers read (demo/servers.ts): $PAYFRAME_DIST_DIR or ./dist.
const dist = process.env.PAYFRAME_DIST_DIR ?? 'dist';
const outputs = ['payframe.js', 'fields/number.html', 'fields/controller.html', 'fields/card.html'].map((file) => join(dist, file));
const builtAt = outputs.every((file) => existsSync(file)) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0;
const sourcesAt = Math.max(newestMtime('src'), newestMtime('iframe'), statSync('vite.config.ts').mtimeMs);
if (builtAt < sourcesAt) {
  console.log('Building Payframe…');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The servers run in a child; a signal to this process (not only Ctrl+C, which reaches the whole
// process group) must stop them too, or they would outlive it holding the ports.
const demo = spawn(process.execPath, ['--import', 'tsx', 'demo/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => demo.kill(signal));
demo.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
