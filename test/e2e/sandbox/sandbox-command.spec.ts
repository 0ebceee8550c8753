// `payframe sandbox` as a real process (no browser), run from source the way src/node/cli.ts
// dispatches it: it prints its URL and keys, stripe-node pays through it, each account stays apart,
// SIGTERM stops it cleanly, and bad flags or a bad accounts file exit 2 with a message, never a stack.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';

const ROOT = resolve(import.meta.dirname, '../../..');
const RUNNER = 'test/e2e/sandbox/run-sandbox-command.ts';
const FUTURE_YEAR = new Date().getUTCFullYear() + 3;

interface SandboxProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit status once the process is gone and its output read to the end. */
  closed: Promise<number | null>;
}

function startSandbox(args: string[]): SandboxProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<number | null>((resolveClose) => child.once('close', (code) => resolveClose(code)));
  return { child, output: () => output, closed };
}

/** The URL the sandbox printed once listening; fails if it exits first. */
async function listeningUrl(sandbox: SandboxProcess): Promise<string> {
  const printed = new Promise<string>((resolveUrl) => {
    const check = () => {
      const match = /^Sandbox gateway: (http:\/\/\S+)$/m.exec(sandbox.output());
      if (match) resolveUrl(match[1]!);
    };
    sandbox.child.stdout!.on('data', check);
    check();
  });
  const exited = sandbox.closed.then((code) => {
    throw new Error(`payframe sandbox exited with ${code} before listening:\n${sandbox.output()}`);
  });
  return Promise.race([printed, exited]);
}

async function runToExit(args: string[]): Promise<{ status: number | null; output: string }> {
  const sandbox = startSandbox(args);
  const status = await sandbox.closed;
  return { status, output: sandbox.output() };
}

function stripeAt(url: string, key: string): Stripe {
  return new Stripe(key, { host: new URL(url).hostname, port: Number(new URL(url).port), protocol: 'http', maxNetworkRetries: 0 });
}

function configFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'payframe-sandbox-config-')), 'accounts.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** A message for people: one line per problem, no stack frames. */
function expectNoStack(output: string): void {
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toContain('.ts:');
}

test('with no settings it serves the default account, pays with stripe-node, and stops on SIGTERM with status 0', async () => {
  const sandbox = startSandbox(['--port', '0']);
  try {
    const url = await listeningUrl(sandbox);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.output()).toContain('publishable key: pk_test_payframe_sandbox');
    expect(sandbox.output()).toContain('secret key:      sk_test_payframe_sandbox');
    expect(sandbox.output()).toContain('browser origins: http://127.0.0.1:4243');
    const stripe = stripeAt(url, 'sk_test_payframe_sandbox');
    const card = await stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' } });
    const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'eur', payment_method: card.id, confirm: true });
    expect(intent.status).toBe('succeeded');
    // The default fields origin may call it from a browser; another origin may not.
    const preflight = (origin: string) => fetch(`${url}/v1/payment_methods`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
    expect((await preflight('http://127.0.0.1:4243')).status).toBe(204);
    expect((await preflight('http://127.0.0.1:4299')).status).toBe(403);
  } finally {
    sandbox.child.kill('SIGTERM');
  }
  expect(await sandbox.closed).toBe(0);
  expect(sandbox.output()).toContain('SIGTERM, finishing requests in flight and stopping');
});

/** A webhook endpoint that resolves with the first event it can verify with `secret`. */
async function webhookReceiver(secret: string): Promise<{ url: string; firstEvent: Promise<Stripe.Event>; close(): Promise<void> }> {
  let received!: (event: Stripe.Event) => void;
  const firstEvent = new Promise<Stripe.Event>((resolveEvent) => (received = resolveEvent));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        received(Stripe.webhooks.constructEvent(Buffer.concat(chunks), String(req.headers['stripe-signature']), secret));
        res.end('ok');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, firstEvent, close: () => new Promise((resolveClose) => server.close(() => resolveClose())) };
}

test('--config holds several accounts apart, and --allow-origin opens every account to a fields origin', async () => {
  const webhookSecret = 'whsec_shopSigningSecret0001';
  const receiver = await webhookReceiver(webhookSecret);
  const config = configFile({
    accounts: [
      { id: 'acct_shop', publishableKey: 'pk_test_shop_1', secretKey: 'sk_test_shop_1', allowedOrigins: ['https://fields.shop.test'], webhookEndpoints: [{ url: receiver.url, secret: webhookSecret }] },
      { publishableKey: 'pk_test_other_1', secretKey: 'sk_test_other_1', extraSecretKeys: ['sk_test_other_rolled'] },
    ],
  });
  const sandbox = startSandbox(['--port', '0', '--config', config, '--allow-origin', 'http://127.0.0.1:4343']);
  try {
    const url = await listeningUrl(sandbox);
    expect(sandbox.output()).toContain('account acct_shop');
    expect(sandbox.output()).toContain('publishable key: pk_test_other_1');
    expect(sandbox.output()).toContain('secret key:      sk_test_other_1, sk_test_other_rolled');
    expect(sandbox.output()).toContain('browser origins: https://fields.shop.test, http://127.0.0.1:4343');
    expect(sandbox.output()).toContain(`webhooks to:     ${receiver.url}  (signing secret ${webhookSecret})`);
    expect(sandbox.output()).not.toContain('pk_test_payframe_sandbox');

    const shop = stripeAt(url, 'sk_test_shop_1');
    const other = stripeAt(url, 'sk_test_other_rolled');
    const intent = await shop.paymentIntents.create({ amount: 500, currency: 'eur' });
    const error = await other.paymentIntents.retrieve(intent.id).then(() => undefined, (reason: unknown) => reason);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', message: `No such payment_intent: '${intent.id}'` });
    const defaultKey = await stripeAt(url, 'sk_test_payframe_sandbox').paymentIntents.list().then(() => undefined, (reason: unknown) => reason);
    expect(defaultKey).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);

    const tokenize = (key: string, origin: string) =>
      fetch(`${url}/v1/payment_methods`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
        body: new URLSearchParams({ type: 'card', 'card[number]': '4242424242424242', 'card[exp_month]': '12', 'card[exp_year]': String(FUTURE_YEAR), 'card[cvc]': '123' }),
      });
    expect((await tokenize('pk_test_other_1', 'http://127.0.0.1:4343')).status).toBe(200);
    expect((await tokenize('pk_test_other_1', 'https://fields.shop.test')).status).toBe(403);
    expect((await tokenize('pk_test_shop_1', 'https://fields.shop.test')).status).toBe(200);

    // The other account's payment comes first, yet the shop's endpoint hears only of the shop's own.
    const otherCard = await other.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' } });
    await other.paymentIntents.create({ amount: 300, currency: 'eur', payment_method: otherCard.id, confirm: true });
    const shopCard = await shop.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' } });
    const paid = await shop.paymentIntents.create({ amount: 700, currency: 'eur', payment_method: shopCard.id, confirm: true });
    const event = await receiver.firstEvent;
    expect(event).toMatchObject({ type: 'payment_intent.succeeded', data: { object: { id: paid.id, amount_received: 700 } } });
  } finally {
    sandbox.child.kill('SIGINT');
    await receiver.close();
  }
  expect(await sandbox.closed).toBe(0);
});

test('a bad accounts file exits 2 naming the file and each bad setting, without echoing keys or a stack', async () => {
  // Eight processes, each loading TypeScript through tsx.
  test.setTimeout(90_000);
  const misspelt = configFile({ accounts: [{ publishableKey: 'pk_test_a', secretKy: 'sk_test_a', allowedOrigins: ['http://127.0.0.1:4243/'] }] });
  const result = await runToExit(['--port', '0', '--config', misspelt]);
  expect(result.status).toBe(2);
  expect(result.output).toContain(misspelt);
  expect(result.output).toContain('accounts[0].secretKy: unknown setting: expected one of id, publishableKey, secretKey, extraPublishableKeys, extraSecretKeys, allowedOrigins, webhookEndpoints');
  expect(result.output).toContain('accounts[0].secretKey:');
  expect(result.output).toMatch(/accounts\[0\]\.allowedOrigins\[0\]: "http:\/\/127\.0\.0\.1:4243\/": expected an origin/);
  expect(result.output).not.toContain('Sandbox gateway:');
  expectNoStack(result.output);

  const live = await runToExit(['--config', configFile({ accounts: [{ publishableKey: 'pk_live_SECRETISH', secretKey: 'sk_test_b' }], port: 4244 })]);
  expect(live.status).toBe(2);
  expect(live.output).toContain('accounts[0].publishableKey: expected a test publishable key');
  expect(live.output).toContain('port: unknown setting: expected one of accounts');
  expect(live.output).not.toContain('SECRETISH');
  expectNoStack(live.output);

  const duplicate = await runToExit(['--config', configFile({ accounts: [{ publishableKey: 'pk_test_a', secretKey: 'sk_test_a' }, { publishableKey: 'pk_test_b', secretKey: 'sk_test_a' }] })]);
  expect(duplicate.status).toBe(2);
  expect(duplicate.output).toContain('accounts[1].secretKey: the same value as accounts[0].secretKey');

  for (const [content, expected] of [
    ['{ "accounts": [', 'not valid JSON'],
    ['{ "accounts": [] }', 'accounts: expected at least one account'],
    ['[]', '(the whole file): expected a JSON object'],
  ] as const) {
    const bad = await runToExit(['--config', configFile(content)]);
    expect(bad.status, content).toBe(2);
    expect(bad.output).toContain(expected);
    expectNoStack(bad.output);
  }
  const missing = await runToExit(['--config', join(tmpdir(), 'payframe-no-such-dir', 'accounts.json')]);
  expect(missing.status).toBe(2);
  expect(missing.output).toContain('cannot read the configuration file (no such file)');
});

test('bad flags print the usage and exit 2; --help prints it and exits 0', async () => {
  test.setTimeout(90_000);
  for (const [args, expected] of [
    [['--prot', '1'], "Unknown option '--prot'"],
    [['--port', 'abc'], '--port must be a port number from 0 to 65535, got "abc"'],
    [['--port', '70000'], '--port must be a port number'],
    [['--allow-origin', 'http://127.0.0.1:4243/frames'], '--allow-origin "http://127.0.0.1:4243/frames" is not an origin'],
    [['serve'], 'Unexpected argument'],
  ] as const) {
    const result = await runToExit([...args]);
    expect(result.status, args.join(' ')).toBe(2);
    expect(result.output).toContain(expected);
    expect(result.output).toContain('Usage:\n  payframe sandbox [--port N]');
    expectNoStack(result.output);
  }
  const help = await runToExit(['--help']);
  expect(help.status).toBe(0);
  expect(help.output).toContain('--allow-origin ORIGIN');
});

/** GET /v1/payment_intents with `host` in the Host header, as a DNS-rebinding page's browser would name it. */
function askWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const request = http.request(`${url}/v1/payment_intents`, { headers: { Host: host, Authorization: 'Bearer sk_test_payframe_sandbox' } }, (response) => {
      response.resume();
      resolveStatus(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

test('it answers only to its own host names: loopback names and --allow-host ones pass, a rebinding page\'s name gets 421', async () => {
  const sandbox = startSandbox(['--port', '0', '--allow-host', 'sandbox.internal']);
  try {
    const url = await listeningUrl(sandbox);
    const port = new URL(url).port;
    expect(sandbox.output()).not.toContain('sandbox.internal:');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `sandbox.internal:${port}`]) expect(await askWithHost(url, host), host).toBe(200);
    for (const host of [`attacker.example:${port}`, `sandbox.internal.attacker.example:${port}`, 'localhost.attacker.example']) expect(await askWithHost(url, host), host).toBe(421);
  } finally {
    sandbox.child.kill('SIGTERM');
  }
  expect(await sandbox.closed).toBe(0);
  const bad = await runToExit(['--allow-host', 'http://sandbox.internal:4244']);
  expect(bad.status).toBe(2);
  expect(bad.output).toContain('--allow-host "http://sandbox.internal:4244" is not a host name');
  expectNoStack(bad.output);
});

test('a port already in use is a one-line error with status 1', async () => {
  const first = startSandbox(['--port', '0']);
  try {
    const port = new URL(await listeningUrl(first)).port;
    const second = await runToExit(['--port', port]);
    expect(second.status).toBe(1);
    expect(second.output).toContain(`payframe sandbox: cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
    expectNoStack(second.output);
  } finally {
    first.child.kill('SIGTERM');
  }
  expect(await first.closed).toBe(0);
});
