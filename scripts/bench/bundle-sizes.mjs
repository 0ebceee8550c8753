// Bytes for the bench: our build outputs, our ESM entry bundled the way an app would (lit and zod
// inside), and peers' merchant-side bundles from npm, installed into bench/cache and bundled alike.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { measureOutputs, sizeOfBuffers } from '../output-sizes.mjs';

const repoRoot = resolve(import.meta.dirname, '../..');
/** Ignored by git; BENCH_CACHE_DIR moves it (e.g. to a CI cache). */
const cacheDir = resolve(repoRoot, process.env.BENCH_CACHE_DIR ?? 'bench/cache');

/** Pinned so runs compare; bump them on purpose (npm view <name> version). */
export const PEERS = [
  {
    id: 'braintree',
    label: 'braintree-web 3.144.0, client + hosted-fields',
    packages: { 'braintree-web': '3.144.0' },
    entry: "import client from 'braintree-web/client';\nimport hostedFields from 'braintree-web/hosted-fields';\nwindow.peer = { client, hostedFields };\n",
  },
  {
    id: 'adyen',
    label: '@adyen/adyen-web 6.45.2, core + Card',
    packages: { '@adyen/adyen-web': '6.45.2' },
    entry: "import { AdyenCheckout, Card } from '@adyen/adyen-web';\nimport '@adyen/adyen-web/styles/adyen.css';\nwindow.peer = { AdyenCheckout, Card };\n",
  },
];

/**
 * Bundles one entry in memory, minified, as a single IIFE with its CSS beside it. IIFE rather than
 * ES: Vite keeps whitespace in library ES output (for downstream tree-shaking), which no app ships.
 */
async function bundle({ root, entry }) {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: true,
      sourcemap: false,
      target: 'es2022',
      reportCompressedSize: false,
      lib: { entry, formats: ['iife'], name: 'BenchBundle', fileName: () => 'bundle.js', cssFileName: 'bundle' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((output) => output.output);
  const buffers = (extension) => outputs.filter((file) => file.fileName.endsWith(extension)).map((file) => Buffer.from(file.type === 'chunk' ? file.code : file.source));
  return { js: sizeOfBuffers(buffers('.js')), css: sizeOfBuffers(buffers('.css')) };
}

/** Our outputs as served (dist), plus src/index.ts bundled with lit and zod. */
export async function measureOurBytes(dist) {
  const measured = measureOutputs(dist);
  const outputs = Object.fromEntries(measured.map((output) => [output.id, output]));
  const esmBundled = await bundle({ root: repoRoot, entry: join(repoRoot, 'src/index.ts') });
  const labelled = [
    { id: 'script-tag', label: 'payframe.js (script tag, no Lit)' },
    { id: 'split-fields', label: 'payframe-fields.js (split fields, loaded by the script tag on demand)' },
    { id: 'field-frame', label: 'field frame page (card number), all-in' },
    { id: 'field-frame-expiry', label: 'field frame page (expiry), all-in' },
    { id: 'field-frame-cvc', label: 'field frame page (CVC), all-in' },
    { id: 'controller-frame', label: 'controller frame page, all-in' },
    { id: 'card-frame', label: "drop-in's card frame page, all-in" },
  ];
  const rows = labelled.filter(({ id }) => outputs[id]).map(({ id, label }) => ({ id, label, ...pick(outputs[id]) }));
  // Outputs the build gains later show under their own name; the raw ESM folder is stood in for by the app bundle.
  const others = measured.filter((output) => output.id !== 'esm' && !labelled.some(({ id }) => id === output.id)).map((output) => ({ id: output.id, label: output.name, ...pick(output) }));
  return [rows[0], { id: 'esm-bundled', label: 'ESM entry bundled by an app (with lit)', ...esmBundled.js }, ...rows.slice(1), ...others];
}

const pick = ({ bytes, gzip, brotli }) => ({ bytes, gzip, brotli });

function installedVersion(name) {
  const manifest = join(cacheDir, 'node_modules', name, 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined;
}

/** Installs the pinned peers into bench/cache when missing. @returns {string | undefined} why it could not */
export function installPeers() {
  const wanted = Object.assign({}, ...PEERS.map((peer) => peer.packages));
  const missing = Object.entries(wanted).filter(([name, version]) => installedVersion(name) !== version);
  if (!missing.length) return undefined;
  mkdirSync(cacheDir, { recursive: true });
  // Its own package.json, so npm installs here and never touches the repo's dependencies.
  if (!existsSync(join(cacheDir, 'package.json'))) writeFileSync(join(cacheDir, 'package.json'), '{ "private": true }\n');
  console.log(`Installing peers into bench/cache: ${missing.map(([name, version]) => `${name}@${version}`).join(' ')}`);
  const install = ['npm', 'install', '--prefix', cacheDir, '--no-audit', '--no-fund', '--ignore-scripts', ...missing.map(([name, version]) => `${name}@${version}`)];
  // Under the machine's npm lock where there is one, so it never runs beside another npm install.
  const locked = spawnSync('flock', ['--version']).status === 0;
  const [command, ...args] = locked ? ['flock', '/tmp/payframe-npm.lock', ...install] : install;
  const npm = spawnSync(command, args, {
    cwd: cacheDir,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (npm.status === 0) return undefined;
  const reason = (npm.stderr || npm.error?.message || '').split('\n').find((line) => /ERR|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN/.test(line)) ?? `npm exited with ${npm.status}`;
  return reason.trim();
}

/** @returns {Promise<{ peers: object[], unavailable?: string }>} */
export async function measurePeerBytes() {
  const unavailable = installPeers();
  if (unavailable) return { peers: [], unavailable };
  const entriesDir = join(cacheDir, 'entries');
  mkdirSync(entriesDir, { recursive: true });
  const peers = [];
  for (const peer of PEERS) {
    const entry = join(entriesDir, `${peer.id}.js`);
    writeFileSync(entry, peer.entry);
    const { js, css } = await bundle({ root: cacheDir, entry });
    peers.push({ id: peer.id, label: peer.label, ...js, ...(css.bytes ? { css } : {}) });
  }
  return { peers };
}
