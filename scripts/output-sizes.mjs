// Measures what a browser downloads for each build output: minified bytes, gzip -9 and brotli -11.
// A frame page counts all in: its HTML plus every script and stylesheet it loads.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

export const gzipSize = (buffer) => gzipSync(buffer, { level: 9 }).length;
// Quality 11 is what CDNs use for static files compressed ahead of time; text mode suits JS, CSS and HTML.
export const brotliSize = (buffer) =>
  brotliCompressSync(buffer, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT } }).length;

/** Each file is compressed on its own, as a server sends it; the sizes are summed. */
export function sizeOfBuffers(buffers) {
  return {
    bytes: buffers.reduce((sum, buffer) => sum + buffer.length, 0),
    gzip: buffers.reduce((sum, buffer) => sum + gzipSize(buffer), 0),
    brotli: buffers.reduce((sum, buffer) => sum + brotliSize(buffer), 0),
  };
}

export function framePageFiles(dist, page) {
  const html = readFileSync(join(dist, 'fields', page), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((match) => match[1]);
  // Chunks the page's script imports, statically or (like the card frame's payment steps) on its
  // own at startup; not the locale chunks, each loaded only for a checkout in its locale.
  const pending = assets.filter((asset) => asset.endsWith('.js'));
  const seen = new Set(assets);
  while (pending.length) {
    const script = readFileSync(join(dist, 'fields', pending.pop()), 'utf8');
    for (const [, chunk] of script.matchAll(/(?:from\s*|import\(\s*)["`]\.\/([^"`]+\.js)["`]/g)) {
      if (chunk.startsWith('locale-')) continue;
      const path = `assets/${chunk}`;
      if (!seen.has(path)) {
        seen.add(path);
        pending.push(path);
      }
    }
  }
  return [page, ...seen].map((file) => join(dist, 'fields', file));
}

/** A frame's lazy chunk (scripts/vite-lazy-frame-chunk.ts), by its name. */
function lazyChunk(dist, name) {
  return readdirSync(join(dist, 'fields', 'assets'))
    .filter((file) => new RegExp(`^${name}-[A-Za-z0-9_-]{8}\\.js$`).test(file))
    .map((file) => join(dist, 'fields', 'assets', file));
}

/** @returns {{ id: string, name: string, files: string[], bytes: number, gzip: number, brotli: number }[]} */
export function measureOutputs(dist = 'dist') {
  const esmFiles = readdirSync(join(dist, 'esm')).filter((file) => file.endsWith('.js')).map((file) => join(dist, 'esm', file));
  const outputs = [
    { id: 'script-tag', name: 'dist/payframe.js (script tag, all-in)', files: [join(dist, 'payframe.js')] },
    // Loaded by payframe.js only on pages with split fields, with its own Lit; the code both share comes from payframe.js.
    { id: 'split-fields', name: 'dist/payframe-fields.js (split fields)', files: [join(dist, 'payframe-fields.js')] },
    { id: 'esm', name: 'dist/esm/ (SDK, lit and zod external)', files: esmFiles },
    // The card number page is the heaviest field page (it also catches autofill); each is all-in.
    { id: 'field-frame', name: 'field frame page, number (all-in)', files: framePageFiles(dist, 'number.html') },
    { id: 'field-frame-expiry', name: 'field frame page, expiry (all-in)', files: framePageFiles(dist, 'expiry.html') },
    { id: 'field-frame-cvc', name: 'field frame page, cvc (all-in)', files: framePageFiles(dist, 'cvc.html') },
    // The split billing fields' pages: the postal code's is the heavier (the name's has no postal formats).
    { id: 'field-frame-postal', name: 'field frame page, billing postal code (all-in)', files: framePageFiles(dist, 'postal.html') },
    // The split country list's page: the country list and the drop-in's billing input, like the postal code's.
    { id: 'field-frame-country', name: 'field frame page, billing country (all-in)', files: framePageFiles(dist, 'country.html') },
    { id: 'controller-frame', name: 'controller frame page (all-in)', files: framePageFiles(dist, 'controller.html') },
    { id: 'card-frame', name: "drop-in's card frame page (all-in)", files: framePageFiles(dist, 'card.html') },
    // The number input's brand icons: one hashed file, loaded by the number frames' stylesheet once a brand is shown.
    // What a frame loads only when asked (a checkout with billing inputs or the BIN report; a style to
    // explain): not in the pages' all-in figures, each budgeted here on its own.
    { id: 'lazy-billing', name: 'card frame chunk: billing inputs (billing-fields)', files: lazyChunk(dist, 'billing') },
    { id: 'lazy-bank', name: 'card frame chunk: bank debits (payment-methods)', files: lazyChunk(dist, 'bank') },
    { id: 'lazy-payments', name: 'card frame file: the payment steps (fetched after ready)', files: lazyChunk(dist, 'payments') },
    { id: 'lazy-bin', name: 'card frame chunk: BIN report and table (bin)', files: lazyChunk(dist, 'bin') },
    { id: 'lazy-saved-card', name: 'card frame chunk: a saved card and its CVC (payment-method)', files: lazyChunk(dist, 'saved-card') },
    { id: 'lazy-networks', name: "number input chunk: a co-badged card's network chooser", files: lazyChunk(dist, 'networks') },
    { id: 'lazy-style-explanations', name: 'frame chunk: a refused style in words', files: lazyChunk(dist, 'style-explanations') },
    { id: 'brand-icons', name: 'brand icons sprite (number input)', files: readdirSync(join(dist, 'fields', 'assets')).filter((file) => /^brand-icons-.*\.svg$/.test(file)).map((file) => join(dist, 'fields', 'assets', file)) },
  ];
  // An output with no file (a build without the sprite) is left out, so its budget reports it as not built.
  return outputs.filter(({ files }) => files.length > 0).map(({ id, name, files }) => ({ id, name, files, ...sizeOfBuffers(files.map((file) => readFileSync(file))) }));
}

export function printSizeTable(dist = 'dist') {
  const rows = measureOutputs(dist);
  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(`\n${'output'.padEnd(width)}  ${'bytes'.padStart(8)}  ${'gzip'.padStart(8)}  ${'brotli'.padStart(8)}`);
  for (const row of rows) console.log(`${row.name.padEnd(width)}  ${String(row.bytes).padStart(8)}  ${String(row.gzip).padStart(8)}  ${String(row.brotli).padStart(8)}`);
  console.log('');
  return rows;
}
