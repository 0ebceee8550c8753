// The fields origin: serves the built frame pages (dist/fields) with their security headers,
// and the script-tag files (dist/payframe.js, and dist/payframe-next-action.js which it loads when a
// payment needs a 3-D Secure step) that merchants load. Serves nothing else. The
// gateway URL is this server's own configuration, written into the controller page.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { contentTypeOf } from '../http/content-types.ts';
import { frameHeaders } from './frame-headers.ts';
import { FRAME_PAGE_NAMES, PUBLISHABLE_KEY_PATTERN, renderFramePage, type FramePageName } from './frame-page.ts';

export interface FieldsAccount {
  /** The account's publishable keys: frames are served per key, at /frames/<key>/<page>.html. */
  publishableKeys: string[];
  /** The merchant origins allowed to embed this account's frames (CSP frame-ancestors and the frames' embedder check). */
  allowedOrigins: string[];
}

export interface FieldsServerConfig {
  /** The gateway the controller frame tokenizes with, e.g. http://127.0.0.1:4244. */
  gatewayUrl: string;
  accounts: FieldsAccount[];
}

/** The account a publishable key belongs to, if this fields origin serves it. */
export function accountForKey(config: FieldsServerConfig, publishableKey: string): FieldsAccount | undefined {
  return config.accounts.find((account) => account.publishableKeys.includes(publishableKey));
}

/** The CSP hashes of a page's inline <style> blocks: exactly those blocks may apply. */
function inlineStyleHashes(html: string): string[] {
  return [...html.matchAll(/<style>([^<]*)<\/style>/g)].map(([, css]) => `sha256-${createHash('sha256').update(css ?? '').digest('base64')}`);
}

/** `config` is read on every request, so it may be completed after the server starts listening. */
export function createFieldsServer(distDir: string, config: FieldsServerConfig): http.Server {
  const fieldsDir = resolve(distDir, 'fields');
  // A fixed list of what exists at startup: no path from a request ever reaches the filesystem.
  const assets = new Map<string, Buffer>();
  for (const name of readdirSync(join(fieldsDir, 'assets'))) assets.set(`/assets/${name}`, readFileSync(join(fieldsDir, 'assets', name)));
  const pages = new Map<string, { page: 'field' | 'controller'; html: string; styleHashes: string[] }>();
  for (const name of FRAME_PAGE_NAMES) {
    const html = readFileSync(join(fieldsDir, `${name}.html`), 'utf8');
    pages.set(name, { page: name === 'controller' ? 'controller' : 'field', html, styleHashes: inlineStyleHashes(html) });
  }
  const scriptTagFile = readFileSync(join(distDir, 'payframe.js'));
  // Pinned by its hash inside payframe.js, so it may be cached like the hashed assets.
  const nextActionFile = readFileSync(join(distDir, 'payframe-next-action.js'));

  return http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://fields.invalid').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('Method not allowed');
      return;
    }
    const framePage = /^\/frames\/([^/]+)\/([a-z]+)\.html$/.exec(path);
    const publishableKey = framePage?.[1] ?? '';
    const served = framePage ? pages.get(framePage[2] as FramePageName) : undefined;
    // A key this fields origin does not serve gets no page at all, so no inputs.
    const account = served && PUBLISHABLE_KEY_PATTERN.test(publishableKey) ? accountForKey(config, publishableKey) : undefined;
    if (served && account) {
      const gatewayOrigin = new URL(config.gatewayUrl).origin;
      const html = renderFramePage(served.html, { publishableKey, allowedOrigins: account.allowedOrigins, gatewayUrl: config.gatewayUrl });
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        ...frameHeaders({ page: served.page, gatewayOrigin, frameAncestors: account.allowedOrigins, inlineStyleHashes: served.styleHashes }),
      });
      response.end(request.method === 'HEAD' ? undefined : html);
      return;
    }
    const asset = path === '/payframe.js' ? scriptTagFile : path === '/payframe-next-action.js' ? nextActionFile : assets.get(path);
    if (asset) {
      response.writeHead(200, {
        'Content-Type': contentTypeOf(path),
        'X-Content-Type-Options': 'nosniff',
        // Hashed asset names never change content; the script-tag file may be updated in place.
        'Cache-Control': path === '/payframe.js' ? 'no-cache' : 'public, max-age=31536000, immutable',
        // Lets merchants load payframe.js with `crossorigin` and a Subresource Integrity hash (and
        // payframe.js load payframe-next-action.js the same way).
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
      response.end(request.method === 'HEAD' ? undefined : asset);
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain', 'X-Content-Type-Options': 'nosniff' }).end('Not found');
  });
}
