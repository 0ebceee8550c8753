// npm run demo: builds if dist/ is missing or older than the sources, then starts the servers.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

const outputs = ['dist/payframe.js', 'dist/fields/field.html', 'dist/fields/controller.html'];
const builtAt = outputs.every((file) => existsSync(file)) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0;
const sourcesAt = Math.max(newestMtime('src'), newestMtime('iframe'), statSync('vite.config.ts').mtimeMs);
if (builtAt < sourcesAt) {
  console.log('Building Payframe…');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const demo = spawnSync(process.execPath, ['--import', 'tsx', 'demo/main.ts'], { stdio: 'inherit' });
process.exit(demo.status ?? 1);
