// The demo merchant's web server (the merchant origin): the QA demo page, its small payment
// backend under /api/ (payment-intents-api.ts), plus extra pages the end-to-end tests bring.
// It holds no card data and never could: the fields do not live here.
import { readFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import { basename, join } from 'node:path';
import { contentTypeOf } from '../../src/node/http/content-types.ts';
import { PaymentIntentsApi } from './payment-intents-api.ts';
import { TEST_CARDS } from '../../src/testing/test-cards.ts';

export interface MerchantServerConfig {
  fieldsOrigin: string;
  /** The payment gateway's URL: its 3-D Secure challenge page is framed in the checkout's modal. */
  gatewayUrl: string;
  publishableKey: string;
  /** The shop's secret key: used by its backend to create intents, never sent to a browser. */
  secretKey: string;
  /** What the demo page starts in when its URL does not say (`?mode=`): paying an intent, or only tokenizing. */
  defaultMode?: 'intent' | 'token';
  /**
   * Folders whose files are served under /<name>/..., e.g. test pages. A page `x.html` with an
   * `x.html.csp` beside it is served with that file's (templated) text as its CSP instead of the lax one.
   */
  extraPageDirs?: Record<string, string>;
  /** The SRI hash of the payframe.js the fields origin serves (the build's integrity.json): pages pin it. */
  payframeIntegrity?: string;
}

const PAGE_DIR = join(import.meta.dirname, '../page');

/**
 * The CSP a merchant page using Payframe needs: our script, our frames and the gateway's
 * challenge frame, nothing more.
 * Pages from extra folders (tests) get a lax policy instead: they stand for a merchant page with
 * third-party widgets and no CSP worth the name, the page an attacker hopes for.
 */
export function merchantContentSecurityPolicy(fieldsOrigin: string, gatewayOrigin: string, lax = false): string {
  const local = 'http://127.0.0.1:* http://localhost:*';
  return [
    "default-src 'self'",
    `script-src 'self' ${fieldsOrigin}`,
    `frame-src ${fieldsOrigin} ${gatewayOrigin}${lax ? ` 'self' ${local}` : ''}`,
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${lax ? ` ${local}` : ''}`,
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Empty until the demo's servers all listen (see servers.ts), when the config gets completed. */
function gatewayOrigin(config: MerchantServerConfig): string {
  return config.gatewayUrl ? new URL(config.gatewayUrl).origin : '';
}

function fillTemplate(text: string, config: MerchantServerConfig): string {
  return text
    .replaceAll('{{FIELDS_ORIGIN}}', config.fieldsOrigin)
    .replaceAll('{{GATEWAY_ORIGIN}}', gatewayOrigin(config))
    .replaceAll('{{DEFAULT_MODE}}', config.defaultMode ?? 'token')
    .replaceAll('{{PUBLISHABLE_KEY}}', config.publishableKey)
    .replaceAll('{{PAYFRAME_INTEGRITY}}', config.payframeIntegrity ?? '');
}

function resolveFile(path: string, config: MerchantServerConfig): string | undefined {
  if (path === '/') return join(PAGE_DIR, 'index.html');
  const [, folder = '', name = ''] = /^\/(?:([\w-]+)\/)?([\w.-]+)$/.exec(path) ?? [];
  // Only plain file names inside known folders: no traversal.
  const dir = folder ? config.extraPageDirs?.[folder] : PAGE_DIR;
  if (!dir || !name || name !== basename(name) || name.startsWith('.')) return undefined;
  const file = join(dir, name);
  return existsSync(file) ? file : undefined;
}

/** The demo page's test cards: the sandbox's own list (src/testing/test-cards.ts), as a module the page imports. */
const TEST_CARDS_MODULE = `// The sandbox's test cards (src/testing/test-cards.ts), served by the demo's server.\nexport const TEST_CARDS = ${JSON.stringify(TEST_CARDS)};\n`;

/** A test page's own CSP (`<page>.csp` beside it), else the merchant policy (lax for test pages). */
function pageCsp(file: string, config: MerchantServerConfig, isExtraPage: boolean): string {
  if (isExtraPage && existsSync(`${file}.csp`)) return fillTemplate(readFileSync(`${file}.csp`, 'utf8'), config).trim().replace(/\s*\n\s*/g, ' ');
  return merchantContentSecurityPolicy(config.fieldsOrigin, gatewayOrigin(config), isExtraPage);
}

/** `config` is read on every request, so it may be completed after the server starts listening. */
export function createMerchantServer(config: MerchantServerConfig): http.Server {
  // A getter, so the gateway's address filled in later (servers.ts) reaches the backend too.
  const api = new PaymentIntentsApi({
    get gatewayUrl() {
      return config.gatewayUrl;
    },
    get secretKey() {
      return config.secretKey;
    },
  });
  return http.createServer((request, response) => {
    if (request.url?.startsWith('/api/')) {
      void api.handle(request, response);
      return;
    }
    const path = new URL(request.url ?? '/', 'http://merchant.invalid').pathname;
    if (path === '/test-cards.js' && request.method === 'GET') {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }).end(TEST_CARDS_MODULE);
      return;
    }
    const file = request.method === 'GET' ? resolveFile(path, config) : undefined;
    const isExtraPage = /^\/[\w-]+\//.test(path);
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const type = contentTypeOf(file);
    const isText = type.startsWith('text/');
    const body = isText ? fillTemplate(readFileSync(file, 'utf8'), config) : readFileSync(file);
    response.writeHead(200, {
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...(type.startsWith('text/html') ? { 'Content-Security-Policy': pageCsp(file, config, isExtraPage) } : {}),
    });
    response.end(body);
  });
}
