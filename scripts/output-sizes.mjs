// Measures what a browser downloads for each build output: minified bytes and gzip -9 bytes.
// A frame page counts all in: its HTML plus every script and stylesheet it loads.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const gzipSize = (buffer) => gzipSync(buffer, { level: 9 }).length;

function framePageFiles(dist, page) {
  const html = readFileSync(join(dist, 'fields', page), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((match) => match[1]);
  // Chunks the page's script imports statically.
  const pending = assets.filter((asset) => asset.endsWith('.js'));
  const seen = new Set(assets);
  while (pending.length) {
    const script = readFileSync(join(dist, 'fields', pending.pop()), 'utf8');
    for (const [, chunk] of script.matchAll(/from\s*"\.\/([^"]+\.js)"/g)) {
      const path = `assets/${chunk}`;
      if (!seen.has(path)) {
        seen.add(path);
        pending.push(path);
      }
    }
  }
  return [page, ...seen].map((file) => join(dist, 'fields', file));
}

export function measureOutputs(dist = 'dist') {
  const esmFiles = readdirSync(join(dist, 'esm')).filter((file) => file.endsWith('.js')).map((file) => join(dist, 'esm', file));
  const outputs = [
    { name: 'dist/payframe.js (script tag, all-in)', files: [join(dist, 'payframe.js')] },
    { name: 'dist/esm/ (SDK, lit and zod external)', files: esmFiles },
    { name: 'field frame page (all-in)', files: framePageFiles(dist, 'field.html') },
    { name: 'controller frame page (all-in)', files: framePageFiles(dist, 'controller.html') },
  ];
  return outputs.map(({ name, files }) => {
    const buffers = files.map((file) => readFileSync(file));
    return {
      name,
      files,
      bytes: buffers.reduce((sum, buffer) => sum + buffer.length, 0),
      gzip: buffers.reduce((sum, buffer) => sum + gzipSize(buffer), 0),
    };
  });
}

export function printSizeTable(dist = 'dist') {
  const rows = measureOutputs(dist);
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`\n${'output'.padEnd(width)}  ${'bytes'.padStart(8)}  ${'gzip'.padStart(8)}`);
  for (const row of rows) console.log(`${row.name.padEnd(width)}  ${String(row.bytes).padStart(8)}  ${String(row.gzip).padStart(8)}`);
  console.log('');
  return rows;
}
