// npm run size:breakdown: where the bytes of each budgeted output go, by package and by source file.
// Rebuilds with the real vite.config.ts plus source maps into .tmp/size-breakdown, then attributes every
// byte of the minified output to the module its source map names (as source-map-explorer does).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { build } from 'vite';
import { framePageFiles, gzipSize } from './output-sizes.mjs';

const repoRoot = resolve(import.meta.dirname, '..');
process.chdir(repoRoot);
const outDir = '.tmp/size-breakdown';
const topFiles = Number(process.env.BREAKDOWN_TOP ?? 15);

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a source map's `mappings` into lines of [generatedColumn, sourceIndex?] segments. */
function decodeMappings(mappings) {
  const lines = [];
  let sourceIndex = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      // Fields 2-4 (source, line, column) are deltas across the whole map; we only need the source.
      if (values.length >= 4) sourceIndex += values[1];
      segments.push(values.length >= 4 ? [column, sourceIndex] : [column]);
    }
    lines.push(segments);
  }
  return lines;
}

/** `node_modules/zod/v4/core/schemas.js` -> package `zod`; our files keep their repo path. */
function moduleOf(sourcePath) {
  const path = relative(repoRoot, sourcePath).replaceAll('\\', '/');
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  return match ? { pkg: match[1], file: `${match[1]}/${match[2]}` } : { pkg: path.split('/').slice(0, 2).join('/'), file: path };
}

/** Bytes of one built JS file per source module, from its source map. */
function attributeFile(file) {
  const code = readFileSync(file, 'utf8');
  // A chunk of only bundler runtime has no source map: all of it is glue.
  if (!existsSync(`${file}.map`)) return new Map([['(bundler glue, unmapped)', code]]);
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const sources = map.sources.map((source) => resolve(dirname(file), map.sourceRoot ?? '', source));
  const pieces = new Map();
  const add = (key, text) => pieces.set(key, (pieces.get(key) ?? '') + text);
  const codeLines = code.split('\n');
  decodeMappings(map.mappings).forEach((segments, lineIndex) => {
    const line = codeLines[lineIndex] ?? '';
    let covered = 0;
    segments.forEach((segment, index) => {
      const start = segment[0];
      const end = segments[index + 1]?.[0] ?? line.length;
      if (start > covered) add('(bundler glue, unmapped)', line.slice(covered, start));
      add(segment[1] === undefined ? '(bundler glue, unmapped)' : sources[segment[1]], line.slice(start, end));
      covered = end;
    });
    if (covered < line.length) add('(bundler glue, unmapped)', line.slice(covered));
  });
  // Leftover lines past the map (the sourceMappingURL comment) are not shipped without maps.
  return pieces;
}

/**
 * Splits a page's real gzip size across modules: each module's code gzipped alone, scaled so the
 * parts add up to the real total. An estimate (gzip shares context across modules), good for ranking.
 */
function breakdown(name, files) {
  const modules = new Map();
  let totalBytes = 0;
  let totalGzip = 0;
  for (const file of files) {
    const shipped = readFileSync(file, 'utf8').replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '');
    totalBytes += Buffer.byteLength(shipped);
    totalGzip += gzipSize(Buffer.from(shipped));
    const pieces = file.endsWith('.js') ? attributeFile(file) : new Map([[`(${basename(file).replace(/-[\w-]{8}\./, '.')}, whole file)`, shipped]]);
    for (const [source, text] of pieces) {
      const entry = modules.get(source) ?? { source, bytes: 0, text: '' };
      entry.bytes += Buffer.byteLength(text);
      entry.text += text;
      modules.set(source, entry);
    }
  }
  const rows = [...modules.values()].map(({ source, bytes, text }) => ({ ...(source.startsWith('(') ? { pkg: source, file: source } : moduleOf(source)), bytes, gzipAlone: gzipSize(Buffer.from(text)) }));
  const scale = totalGzip / rows.reduce((sum, row) => sum + row.gzipAlone, 0);
  for (const row of rows) row.gzip = Math.round(row.gzipAlone * scale);
  const packages = new Map();
  for (const row of rows) {
    const entry = packages.get(row.pkg) ?? { pkg: row.pkg, bytes: 0, gzip: 0 };
    entry.bytes += row.bytes;
    entry.gzip += row.gzip;
    packages.set(row.pkg, entry);
  }
  const byGzip = (a, b) => b.gzip - a.gzip;
  return { name, totalBytes, totalGzip, packages: [...packages.values()].sort(byGzip), files: rows.sort(byGzip).map(({ gzipAlone, ...row }) => row) };
}

function printBreakdown({ name, totalBytes, totalGzip, packages, files }) {
  const share = (gzip) => `${((100 * gzip) / totalGzip).toFixed(1)}%`.padStart(6);
  const row = (label, bytes, gzip) => `  ${label.padEnd(58)} ${String(bytes).padStart(7)} ${String(gzip).padStart(7)} ${share(gzip)}`;
  console.log(`\n${name}: ${totalBytes} B minified, ${totalGzip} B gzip`);
  console.log(`  ${'package / folder'.padEnd(58)} ${'min B'.padStart(7)} ${'~gzip B'.padStart(7)} ${'share'.padStart(6)}`);
  for (const entry of packages) console.log(row(entry.pkg, entry.bytes, entry.gzip));
  console.log(`  top ${topFiles} files`);
  for (const entry of files.slice(0, topFiles)) console.log(row(entry.file, entry.bytes, entry.gzip));
}

/** The modes scripts/build.mjs builds, read from it so the two cannot drift apart; esm is not budgeted. */
function buildModes() {
  const list = /for \(const mode of \[([^\]]+)\]\)/.exec(readFileSync('scripts/build.mjs', 'utf8'))?.[1];
  if (!list) throw new Error('Could not find the mode list (`for (const mode of [...])`) in scripts/build.mjs');
  return [...list.matchAll(/'([\w-]+)'/g)].map((match) => match[1]).filter((mode) => mode !== 'esm');
}

// The real config (vite.config.ts), with source maps; it reads PAYFRAME_DIST_DIR each time it loads.
process.env.PAYFRAME_DIST_DIR = outDir;
rmSync(outDir, { recursive: true, force: true });
for (const mode of buildModes()) await build({ mode, configFile: 'vite.config.ts', logLevel: 'error', build: { sourcemap: true } });

const results = [
  breakdown('payframe.js (script tag)', [join(outDir, 'payframe.js')]),
  breakdown('field frame page, number (all-in)', framePageFiles(outDir, 'number.html')),
  breakdown('controller frame page (all-in)', framePageFiles(outDir, 'controller.html')),
  breakdown("drop-in's card frame page (all-in)", framePageFiles(outDir, 'card.html')),
];
for (const result of results) printBreakdown(result);
writeFileSync(join(outDir, 'breakdown.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n~gzip: each module's code gzipped alone, scaled to the real total (an estimate for ranking). Full list: ${outDir}/breakdown.json`);
