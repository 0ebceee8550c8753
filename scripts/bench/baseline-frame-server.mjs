// The bench's baseline origin: serves bench/baseline-frame/bare-input.html (one plain <input>, no
// script) from 127.0.0.1, the fields origin's host, so it lands in the same site and renderer process.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';

const PAGE = readFileSync(join(import.meta.dirname, '../../bench/baseline-frame/bare-input.html'));

/** @param {{ frameAncestors: string[] }} options @returns {Promise<{ url: string, close(): Promise<void> }>} */
export async function startBaselineFrameServer({ frameAncestors }) {
  const server = http.createServer((request, response) => {
    if (new URL(request.url ?? '/', 'http://bench.invalid').pathname !== '/bare-input.html') {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    // The same kind of headers as the field frames get, minus script-src: the baseline runs no script.
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; frame-ancestors ${frameAncestors.join(' ')}`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    });
    response.end(PAGE);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/bare-input.html`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
