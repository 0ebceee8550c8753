// npm run build: the ESM SDK with .d.ts types, the script-tag IIFE, the fields-origin pages;
// then prints the gzip size of each output and writes the script-tag file's SRI hash.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { printSizeTable } from './output-sizes.mjs';

const started = performance.now();
// `npm pack` (prepack) builds the package's own dist/, whatever folder this shell builds into otherwise.
if (process.argv.includes('--package')) process.env.PAYFRAME_DIST_DIR = 'dist';
const dist = process.env.PAYFRAME_DIST_DIR ?? 'dist';
rmSync(dist, { recursive: true, force: true });
// The compact checks the bundles run on messages, from the zod schemas (see wire-schema.ts).
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-wire-schemas.ts'], { stdio: 'inherit' });
for (const mode of ['esm', 'next-action', 'split-fields', 'iife', 'field', 'controller', 'bank', 'payments', 'card']) {
  await build({ mode, configFile: 'vite.config.ts' });
}
// The `payframe` command for Node (dist/node/cli.js): what it imports is bundled in, so the
// package's dependencies stay the browser SDK's (lit, zod, @stripe/stripe-js). Except the Chromium
// driver `payframe audit` loads on demand: playwright-core, an optional peer dependency.
await build({
  configFile: false,
  logLevel: 'warn',
  define: { __PAYFRAME_BUILT__: 'true' },
  ssr: { noExternal: true, external: ['playwright-core'], target: 'node' },
  build: {
    ssr: 'src/node/cli.ts',
    outDir: join(dist, 'node'),
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: { external: ['playwright-core'], output: { entryFileNames: 'cli.js', chunkFileNames: '[name]-[hash].js', banner: '#!/usr/bin/env node' } },
  },
});
chmodSync(join(dist, 'node', 'cli.js'), 0o755);
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json', '--outDir', join(dist, 'types')], { stdio: 'inherit' });
// tsc keeps our `./x.ts` specifiers in .d.ts files; consumers resolve `./x.js`.
for (const entry of readdirSync(join(dist, 'types'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const path = join(entry.parentPath, entry.name);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/(from\s+|import\s+)'(\.{1,2}\/[^']+)\.ts'/g, "$1'$2.js'"));
}
printSizeTable(dist);

// Subresource Integrity for the script-tag file: merchants pin exactly this build.
const integrity = `sha384-${createHash('sha384').update(readFileSync(join(dist, 'payframe.js'))).digest('base64')}`;
writeFileSync(join(dist, 'integrity.json'), `${JSON.stringify({ 'payframe.js': integrity }, null, 2)}\n`);
console.log(`payframe.js integrity: ${integrity} (${join(dist, 'integrity.json')})`);
console.log(`Built ${dist}/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
