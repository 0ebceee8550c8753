// The bench's baseline origin: serves bench/baseline-frame/bare-input.html (one plain <input>, no
// script) and handshake-input.html (the same input, plus the least script a frame that talks to the
// page runs: hello, take a port, ready) from 127.0.0.1, the fields origin's host, so they land in the
// same site and renderer process as the fields origin's frames.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';

const pageFile = (name) => readFileSync(join(import.meta.dirname, '../../bench/baseline-frame', name), 'utf8');
const inlineScriptHashes = (html) => [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map(([, code]) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`);
const PAGES = new Map(
  ['bare-input.html', 'handshake-input.html'].map((name) => {
    const html = pageFile(name);
    const hashes = inlineScriptHashes(html);
    // The same kind of headers as the frame pages get; script-src only for the page's own inline script.
    return [`/${name}`, { html, scriptSrc: hashes.length ? `; script-src ${hashes.join(' ')}` : '' }];
  }),
);

/** @param {{ frameAncestors: string[] }} options @returns {Promise<{ url: string, handshakeUrl: string, close(): Promise<void> }>} */
export async function startBaselineFrameServer({ frameAncestors }) {
  const server = http.createServer((request, response) => {
    const page = PAGES.get(new URL(request.url ?? '/', 'http://bench.invalid').pathname);
    if (!page) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'${page.scriptSrc}; frame-ancestors ${frameAncestors.join(' ')}`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    });
    response.end(page.html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/bare-input.html`,
    handshakeUrl: `http://127.0.0.1:${port}/handshake-input.html`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
