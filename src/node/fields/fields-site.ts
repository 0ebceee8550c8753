// Every path the fields origin answers, with its body and headers (Node, ships): the frame pages
// per publishable key, payframe.js, payframe-next-action.js, payframe-fields.js and the hashed
// assets. The server answers from here and the static export writes exactly this, so both serve
// the same bytes under the same headers.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contentTypeOf } from '../http/content-types.ts';
import { frameHeaders } from './frame-headers.ts';
import { FRAME_PAGE_NAMES, PUBLISHABLE_KEY_PATTERN, framePagePath, renderFramePage, type FramePageName } from './frame-page.ts';

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
  /** The origins the gateway's 3-D Secure pages come from (the controller page's meta tag); default: the gateway URL's origin. */
  challengeOrigins?: string[];
  /** Send Strict-Transport-Security (the fields origin is served over HTTPS). */
  strictTransportSecurity?: boolean;
}

export interface FieldsResponse {
  headers: Record<string, string>;
  body: Buffer;
}

interface FrameTemplate {
  kind: 'field' | 'controller' | 'card';
  html: string;
  styleHashes: string[];
  scriptHashes: string[];
}

/** A build (dist/) read into memory once: a fixed list, so no path from a request ever reaches the filesystem. */
export interface FieldsBuild {
  templates: ReadonlyMap<FramePageName, FrameTemplate>;
  /** /payframe.js, /payframe-next-action.js, /payframe-fields.js and /assets/<name>, by path. */
  files: ReadonlyMap<string, Buffer>;
}

/** Unhashed names a deploy replaces in place: browsers must revalidate them. Everything under /assets/ has a content hash in its name. */
const REVALIDATED_FILES = new Set(['/payframe.js', '/payframe-next-action.js', '/payframe-fields.js']);
const ONE_YEAR = 31_536_000;
const HSTS = `max-age=${ONE_YEAR}`;

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

/** The CSP hashes of a page's inline <style> blocks: exactly those blocks may apply. */
function inlineStyleHashes(html: string): string[] {
  return [...html.matchAll(/<style>([^<]*)<\/style>/g)].map(([, css]) => sha256(css ?? ''));
}

/** The CSP hashes of a page's inline scripts (the card frame's own, put there by the build): exactly those may run. */
function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(([, code]) => sha256(code ?? ''));
}

export function loadFieldsBuild(distDir: string): FieldsBuild {
  const fieldsDir = resolve(distDir, 'fields');
  const files = new Map<string, Buffer>();
  files.set('/payframe.js', readFileSync(join(distDir, 'payframe.js')));
  files.set('/payframe-next-action.js', readFileSync(join(distDir, 'payframe-next-action.js')));
  files.set('/payframe-fields.js', readFileSync(join(distDir, 'payframe-fields.js')));
  for (const name of readdirSync(join(fieldsDir, 'assets')).sort()) files.set(`/assets/${name}`, readFileSync(join(fieldsDir, 'assets', name)));
  const templates = new Map<FramePageName, FrameTemplate>();
  for (const name of FRAME_PAGE_NAMES) {
    const html = readFileSync(join(fieldsDir, `${name}.html`), 'utf8');
    templates.set(name, { kind: name === 'controller' || name === 'card' ? name : 'field', html, styleHashes: inlineStyleHashes(html), scriptHashes: inlineScriptHashes(html) });
  }
  return { templates, files };
}

/** The account a publishable key belongs to, if this fields origin serves it. */
export function accountForKey(config: FieldsServerConfig, publishableKey: string): FieldsAccount | undefined {
  return config.accounts.find((account) => account.publishableKeys.includes(publishableKey));
}

export function challengeOriginsOf(config: FieldsServerConfig): string[] {
  return config.challengeOrigins ?? [new URL(config.gatewayUrl).origin];
}

function transportSecurity(config: FieldsServerConfig): Record<string, string> {
  return config.strictTransportSecurity ? { 'Strict-Transport-Security': HSTS } : {};
}

/** A key's frame page, or undefined for a key this fields origin does not serve (no page at all, so no inputs). */
export function framePageResponse(build: FieldsBuild, config: FieldsServerConfig, publishableKey: string, page: FramePageName): FieldsResponse | undefined {
  const template = build.templates.get(page);
  const account = template && PUBLISHABLE_KEY_PATTERN.test(publishableKey) ? accountForKey(config, publishableKey) : undefined;
  if (!template || !account) return undefined;
  const html = renderFramePage(template.html, {
    publishableKey,
    allowedOrigins: account.allowedOrigins,
    gatewayUrl: config.gatewayUrl,
    challengeOrigins: challengeOriginsOf(config),
  });
  return {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      ...frameHeaders({ page: template.kind, gatewayOrigin: new URL(config.gatewayUrl).origin, frameAncestors: account.allowedOrigins, inlineStyleHashes: template.styleHashes, inlineScriptHashes: template.scriptHashes }),
      ...transportSecurity(config),
    },
    body: Buffer.from(html),
  };
}

/** The headers of payframe.js, payframe-next-action.js, payframe-fields.js and the assets. */
export function staticFileHeaders(config: FieldsServerConfig, path: string): Record<string, string> {
  return {
    'Content-Type': contentTypeOf(path),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': REVALIDATED_FILES.has(path) ? 'no-cache' : `public, max-age=${ONE_YEAR}, immutable`,
    // Lets merchants load payframe.js with `crossorigin` and a Subresource Integrity hash (and
    // payframe.js load payframe-next-action.js and payframe-fields.js the same way).
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    ...transportSecurity(config),
  };
}

export function staticFileResponse(build: FieldsBuild, config: FieldsServerConfig, path: string): FieldsResponse | undefined {
  const body = build.files.get(path);
  return body && { headers: staticFileHeaders(config, path), body };
}

/** What /frames/<key>/<page>.html or a static path answers; undefined is a 404. */
export function fieldsSiteResponse(build: FieldsBuild, config: FieldsServerConfig, path: string): FieldsResponse | undefined {
  const framePage = /^\/frames\/([^/]+)\/([a-z]+)\.html$/.exec(path);
  if (framePage) {
    const page = framePage[2] as FramePageName;
    return FRAME_PAGE_NAMES.includes(page) ? framePageResponse(build, config, framePage[1] ?? '', page) : undefined;
  }
  return staticFileResponse(build, config, path);
}

/** Every path of the site for this configuration, in a stable order: what the static export writes. */
export function fieldsSitePaths(build: FieldsBuild, config: FieldsServerConfig): string[] {
  const pages = config.accounts.flatMap((account) => account.publishableKeys.flatMap((key) => FRAME_PAGE_NAMES.map((page) => framePagePath(key, page))));
  return [...pages, ...build.files.keys()];
}

/** The 404 every other path gets. */
export function notFoundHeaders(config: FieldsServerConfig): Record<string, string> {
  return { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...transportSecurity(config) };
}
