// Restarting `npm run demo` keeps the books reconciled: the backend's database and the sandbox
// gateway both keep what they knew (.data/pglite and .data/sandbox by default), so an order paid
// before the restart is still found at the gateway after it, and `npm run reconcile` reports zero
// mismatches. Real processes: demo/main.ts (what `npm run demo` runs) twice, then the reconcile CLI.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from './harness/free-port.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const OPS_PASSWORD = 'restart-test-ops-password';
const FUTURE_YEAR = String(new Date().getUTCFullYear() + 3);

interface Program {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startProgram(script: string, args: string[], env: Record<string, string>): Program {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env } });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Resolves once the demo printed its Demo: line (all its servers listen); fails if it exits first. */
async function demoReady(demo: Program): Promise<void> {
  await Promise.race([
    new Promise<void>((resolve) => {
      const check = () => {
        if (/^Demo: /m.test(demo.output())) resolve();
      };
      demo.child.stdout!.on('data', check);
      check();
    }),
    demo.exited.then((code) => {
      throw new Error(`the demo exited with ${code}:\n${demo.output()}`);
    }),
  ]);
}

async function stopDemo(demo: Program): Promise<void> {
  demo.child.kill('SIGTERM');
  expect(await demo.exited).toBe(0);
}

test('an order paid before restarting the demo reconciles with zero mismatches after it', async () => {
  // Two demo starts and a reconcile run, from source (tsx, PGlite).
  test.setTimeout(180_000);
  const since = new Date(Date.now() - 60_000).toISOString();
  const data = mkdtempSync(join(tmpdir(), 'payframe-demo-restart-'));
  const settings = {
    DEMO_PORT: String(await freePort()),
    FIELDS_PORT: String(await freePort()),
    GATEWAY_PORT: String(await freePort()),
    BACKEND_PORT: String(await freePort()),
    OPS_PASSWORD,
    // The demo's own defaults are .data/pglite and .data/sandbox; the test keeps its own.
    PGLITE_DATA_DIR: join(data, 'pglite'),
    SANDBOX_DATA_DIR: join(data, 'sandbox'),
  };
  const backendUrl = `http://localhost:${settings.BACKEND_PORT}`;
  const gatewayUrl = `http://127.0.0.1:${settings.GATEWAY_PORT}`;

  const first = startProgram('demo/main.ts', [], settings);
  try {
    await demoReady(first);
    const created = await fetch(`${backendUrl}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sku: 'tshirt' }) });
    expect(created.status).toBe(201);
    const { order, clientSecret, publishableKey } = (await created.json()) as { order: { id: string }; clientSecret: string; publishableKey: string };
    // What the card frame sends to the gateway.
    const confirmed = await fetch(`${gatewayUrl}/v1/payment_intents/${clientSecret.split('_secret_')[0]}/confirm`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_secret: clientSecret,
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': '4242424242424242',
        'payment_method_data[card][exp_month]': '12',
        'payment_method_data[card][exp_year]': FUTURE_YEAR,
        'payment_method_data[card][cvc]': '123',
      }),
    });
    expect(((await confirmed.json()) as { status: string }).status).toBe('succeeded');
    // The backend learns of the payment from the gateway's webhook.
    const login = await fetch(`${backendUrl}/api/ops/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'ops', password: OPS_PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';', 1)[0]!;
    await expect
      .poll(async () => ((await (await fetch(`${backendUrl}/api/ops/orders/${order.id}`, { headers: { Cookie: cookie } })).json()) as { order: { status: string } }).order.status, { timeout: 30_000 })
      .toBe('paid');
  } finally {
    await stopDemo(first);
  }

  const second = startProgram('demo/main.ts', [], settings);
  try {
    await demoReady(second);
    const reconcile = startProgram('demo/backend/reconcile-cli.ts', ['--since', since], { OPS_PASSWORD, BACKEND_URL: backendUrl, GATEWAY_URL: gatewayUrl });
    const code = await reconcile.exited;
    expect(reconcile.output()).toContain('OK: ledger and gateway agree.');
    expect(code).toBe(0);
  } finally {
    await stopDemo(second);
  }
});
