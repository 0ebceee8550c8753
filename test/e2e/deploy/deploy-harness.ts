// What the deploy specs share: the built `payframe` command run as a real process, a plain
// merchant page served by a tiny HTTP server (it imports nothing from this repository), a
// PaymentIntent made with the sandbox's secret key over plain HTTP, and a real nginx.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { CardFieldsHarness } from '../harness/card-fields-harness.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const DIST_DIR = resolve(REPO_ROOT, process.env.PAYFRAME_DIST_DIR ?? 'dist');
/** The command as the build ships it (npm test builds before the suites run). */
export const BUILT_CLI = join(DIST_DIR, 'node', 'cli.js');
export const NGINX = '/usr/sbin/nginx';

export const TEST_CARD = { number: '4242424242424242', expiry: '1234', cvc: '123' };

let scratchRoot: string | undefined;

/**
 * A folder of its own, readable by nginx's unprivileged workers, inside one scratch folder per
 * test worker that is removed when the worker exits.
 */
export function tempFolder(prefix: string): string {
  if (!scratchRoot) {
    const root = mkdtempSync(join(tmpdir(), 'payframe-deploy-'));
    chmodSync(root, 0o755);
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    scratchRoot = root;
  }
  const folder = mkdtempSync(join(scratchRoot, `${prefix}-`));
  chmodSync(folder, 0o755);
  return folder;
}

export function writeJson(folder: string, name: string, value: unknown): string {
  const path = join(folder, name);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

/** The headers every way of serving the fields origin must agree on; Date, ETag, Content-Length and connection handling are each server's own. */
const COMPARED_HEADERS = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'cross-origin-opener-policy', 'cache-control', 'access-control-allow-origin', 'cross-origin-resource-policy', 'strict-transport-security'];

export function comparedHeaders(headers: Headers | Record<string, string>, extra: string[] = []): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value] as const);
  return Object.fromEntries(entries.filter(([name]) => COMPARED_HEADERS.includes(name) || extra.includes(name)).sort(([a], [b]) => a.localeCompare(b)));
}

/** A request with exactly these headers, answered as sent: fetch would ask for its own encodings and decode the body. */
export function rawGet(url: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolveAnswer, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => resolveAnswer({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.once('error', reject);
    request.end();
  });
}

/** Every file of an exported site, as URL paths. */
export function sitePaths(site: string): string[] {
  return readdirSync(site, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${relative(site, join(entry.parentPath, entry.name)).split(sep).join('/')}`)
    .sort();
}

export interface RunningProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first. */
  waitForOutput(pattern: RegExp): Promise<RegExpExecArray>;
  /** Sends the signal and resolves with the exit status. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunningProcess {
  // A process group of its own: a signal reaches the command itself, not only a wrapper such as npx (which does not pass it on).
  const child = spawn(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForOutput(pattern) {
      return new Promise((resolveMatch, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (!match) return false;
          child.stdout!.off('data', check);
          resolveMatch(match);
          return true;
        };
        if (check()) return;
        child.stdout!.on('data', check);
        void exited.then((code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code} before printing ${pattern}:\n${stdout}\n${stderr}`)));
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, signal);
      return exited;
    },
  };
}

/** Runs a command to its end: its exit status and what it printed. */
export async function runToExit(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const running = startProcess(command, args, options);
  const status = await new Promise<number | null>((resolveExit) => running.child.once('exit', (code) => resolveExit(code)));
  return { status, stdout: running.stdout(), stderr: running.stderr() };
}

/**
 * Starts `payframe fields` (any command line printing "Fields origin: <url>"): the origin it
 * printed, and where it listens (the same, unless a publicOrigin puts a proxy in front).
 */
export async function startFieldsOrigin(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ origin: string; listening: string; process: RunningProcess }> {
  const running = startProcess(command, args, options);
  const [, origin] = await running.waitForOutput(/^Fields origin: (\S+)$/m);
  const listening = /^Listening on (\S+)$/m.exec(running.stdout())?.[1] ?? origin!;
  return { origin: origin!, listening, process: running };
}

export interface MerchantSite {
  url: string;
  close(): Promise<void>;
}

/**
 * A merchant's own web server on localhost (another site than the fields origin on 127.0.0.1):
 * one page at /, written afresh for each visit (a new PaymentIntent, say).
 */
export async function serveMerchantPage(page: () => string | Promise<string>): Promise<MerchantSite> {
  const server = http.createServer((request, response) => {
    if (request.url !== '/') return void response.writeHead(404).end();
    Promise.resolve(page()).then(
      (html) => response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

/** The page a merchant writes from the README: the script tag from the fields origin and the element. */
export function merchantPageHtml(options: { fieldsOrigin: string; publishableKey: string; clientSecret?: string }): string {
  const clientSecret = options.clientSecret ? ` client-secret="${options.clientSecret}"` : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>A shop</title>
    <script src="${options.fieldsOrigin}/payframe.js" defer></script>
  </head>
  <body>
    <h1>Checkout</h1>
    <payframe-checkout publishable-key="${options.publishableKey}" amount="1999" currency="eur"${clientSecret}></payframe-checkout>
  </body>
</html>
`;
}

/** The merchant's server side: a PaymentIntent made with the secret key, as Stripe's API takes it (a form body). */
export async function createPaymentIntent(gatewayUrl: string, secretKey: string): Promise<{ id: string; client_secret: string }> {
  const response = await fetch(`${gatewayUrl}/v1/payment_intents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ amount: '1999', currency: 'eur' }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; client_secret: string };
}

export async function retrievePaymentIntent(gatewayUrl: string, secretKey: string, id: string): Promise<{ status: string; amount: number; payment_method: string | null }> {
  const response = await fetch(`${gatewayUrl}/v1/payment_intents/${id}`, { headers: { Authorization: `Bearer ${secretKey}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; amount: number; payment_method: string | null };
}

/** A shopper types the test card into the checkout on `page` and presses Pay; resolves with the paid intent's id. */
export async function payWithTestCard(page: Page): Promise<string> {
  const checkout = new CardFieldsHarness(page, 'payframe-checkout');
  await checkout.waitReady();
  await checkout.recordEvents(['payframe-payment', 'payframe-error']);
  await checkout.fillCard(TEST_CARD);
  await checkout.payButton().click();
  const payment = await checkout.recordedEventAfter<{ paymentIntent: { id: string; status: string } }>(0, 'payframe-payment');
  expect((await checkout.recordedEvents()).filter((event) => event.type === 'payframe-error')).toEqual([]);
  expect(payment.paymentIntent.status).toBe('succeeded');
  return payment.paymentIntent.id;
}

/**
 * The checkout on `page` got no inputs: each of its frames ended on the browser's error page
 * (the frame was refused) and none holds a text box.
 */
export async function expectFramesRefused(page: Page, fieldsOrigin: string): Promise<void> {
  await expect
    .poll(() => page.frames().filter((frame) => frame.url().startsWith('chrome-error://')).length, { message: 'frames refused by the browser' })
    .toBeGreaterThanOrEqual(1);
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    expect(frame.url().startsWith(fieldsOrigin), `a frame rendered from the fields origin: ${frame.url()}`).toBe(false);
    await expect(frame.getByRole('textbox')).toHaveCount(0);
  }
  expect(await page.evaluate(() => (document.querySelector('payframe-checkout') as { ready?: boolean } | null)?.ready)).not.toBe(true);
}

export interface RunningNginx {
  origin: string;
  stop(): Promise<void>;
}

/** A GET over HTTPS trusting only `ca` (a self-signed test certificate for 127.0.0.1). */
export function httpsGet(url: string, ca: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolveResponse, reject) => {
    const request = https.get(url, { ca, checkServerIdentity: () => undefined }, (response) => {
      response.resume();
      resolveResponse({ status: response.statusCode!, headers: response.headers });
    });
    request.once('error', reject);
  });
}

/** Debian's nginx as an unprivileged foreground process: its own nginx.conf that includes the exported server block. */
export async function startNginx(serverBlockFile: string, port: number, tls?: { https: true; ca: Buffer }): Promise<RunningNginx> {
  const prefix = tempFolder('nginx');
  mkdirSync(join(prefix, 'logs'));
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${prefix}/nginx.pid;`,
      `error_log ${prefix}/logs/error.log warn;`,
      'events { worker_connections 64; }',
      'http {',
      `  access_log ${prefix}/logs/access.log;`,
      `  client_body_temp_path ${prefix}/client_body;`,
      `  proxy_temp_path ${prefix}/proxy;`,
      `  fastcgi_temp_path ${prefix}/fastcgi;`,
      `  uwsgi_temp_path ${prefix}/uwsgi;`,
      `  scgi_temp_path ${prefix}/scgi;`,
      `  include ${serverBlockFile};`,
      '}',
      '',
    ].join('\n'),
  );
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: .ci/run installs Debian's nginx`);
  const running = startProcess(NGINX, ['-c', conf, '-p', `${prefix}/`]);
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  // nginx prints nothing when it is up: wait until it answers.
  await expect
    .poll(
      async () => {
        if (running.child.exitCode !== null) throw new Error(`nginx exited with ${running.child.exitCode}: ${running.stderr()}`);
        const health = tls ? httpsGet(`${origin}/healthz`, tls.ca) : fetch(`${origin}/healthz`);
        return health.then((response) => response.status).catch(() => 0);
      },
      { message: 'nginx answers /healthz' },
    )
    .toBe(200);
  return {
    origin,
    async stop() {
      await running.stop('SIGQUIT');
    },
  };
}
