// One name per setting across `npm run demo`, the reference backend and `npm run reconcile` (no
// browser): a demo started with moved ports and keys is found by reconcile given the same settings,
// and renamed, misspelt or contradicting settings stop each program with status 2 and a message.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { freePort } from './harness/free-port.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FUTURE_YEAR = new Date().getUTCFullYear() + 3;

interface Program {
  child: ChildProcess;
  output: () => string;
  closed: Promise<number | null>;
}

/** A program of the demo run as `npm run …` runs it (node + tsx), with only `settings` on top of a clean environment. */
function startProgram(script: string, args: string[], settings: Record<string, string>): Program {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PAYFRAME_DIST_DIR: process.env.PAYFRAME_DIST_DIR ?? 'dist', ...settings };
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<number | null>((resolveClose) => child.once('close', (code) => resolveClose(code)));
  return { child, output: () => output, closed };
}

async function runToExit(script: string, args: string[], settings: Record<string, string>): Promise<{ status: number | null; output: string }> {
  const program = startProgram(script, args, settings);
  return { status: await program.closed, output: program.output() };
}

async function printed(program: Program, pattern: RegExp): Promise<RegExpExecArray> {
  const match = new Promise<RegExpExecArray>((resolveMatch) => {
    const check = () => {
      const found = pattern.exec(program.output());
      if (found) resolveMatch(found);
    };
    program.child.stdout!.on('data', check);
    check();
  });
  const exited = program.closed.then((code) => {
    throw new Error(`exited with ${code} before printing ${pattern}:\n${program.output()}`);
  });
  return Promise.race([match, exited]);
}

const today = new Date().toISOString().slice(0, 10);

test('npm run reconcile finds a demo started with moved ports and keys when given the same settings', async () => {
  // Three programs each opening an embedded database: the demo and two reconcile runs.
  test.setTimeout(180_000);
  const settings = {
    DEMO_PORT: String(await freePort()),
    FIELDS_PORT: String(await freePort()),
    GATEWAY_PORT: String(await freePort()),
    BACKEND_PORT: String(await freePort()),
    STRIPE_PUBLISHABLE_KEY: 'pk_test_moved_demo',
    STRIPE_SECRET_KEY: 'sk_test_moved_demo',
    OPS_PASSWORD: 'moved-demo-ops',
    PGLITE_DATA_DIR: mkdtempSync(join(tmpdir(), 'payframe-settings-demo-db-')),
    SANDBOX_DATA_DIR: mkdtempSync(join(tmpdir(), 'payframe-settings-demo-sandbox-')),
  };
  const demo = startProgram('demo/main.ts', [], settings);
  try {
    await printed(demo, /^Demo: /m);
    expect(demo.output()).toContain(`Sandbox gateway: http://127.0.0.1:${settings.GATEWAY_PORT}`);
    expect(demo.output()).toContain('secret key:      sk_test_moved_demo');
    // The printed reconcile command carries the moved backend port.
    expect(demo.output()).toContain(`reconcile:  BACKEND_PORT=${settings.BACKEND_PORT} OPS_PASSWORD=moved-demo-ops npm run reconcile`);

    // A payment at the demo's gateway that no order knows: a mismatch only reconcile talking to this gateway can see.
    const stripe = new Stripe(settings.STRIPE_SECRET_KEY, { host: '127.0.0.1', port: Number(settings.GATEWAY_PORT), protocol: 'http' });
    const card = await stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' } });
    const stray = await stripe.paymentIntents.create({ amount: 4321, currency: 'eur', payment_method: card.id, confirm: true });

    // Through the running backend (OPS_PASSWORD), found by BACKEND_PORT.
    const viaBackend = await runToExit('demo/backend/reconcile-cli.ts', ['--since', today], { BACKEND_PORT: settings.BACKEND_PORT, OPS_PASSWORD: settings.OPS_PASSWORD });
    expect(viaBackend.output).toContain(stray.id);
    expect(viaBackend.status).toBe(1);

    // Reading a database itself, it asks the gateway found by GATEWAY_PORT with STRIPE_SECRET_KEY.
    const direct = { GATEWAY_PORT: settings.GATEWAY_PORT, STRIPE_SECRET_KEY: settings.STRIPE_SECRET_KEY, PGLITE_DATA_DIR: mkdtempSync(join(tmpdir(), 'payframe-settings-ledger-')) };
    const directRun = await runToExit('demo/backend/reconcile-cli.ts', ['--since', today], direct);
    expect(directRun.output).toContain(stray.id);
    expect(directRun.status).toBe(1);
    // With the demo's port but the sandbox's default key, the same gateway refuses: the key is part of finding it.
    const wrongKey = await runToExit('demo/backend/reconcile-cli.ts', ['--since', today], { ...direct, STRIPE_SECRET_KEY: '' });
    expect(wrongKey.status).toBe(2);
    expect(wrongKey.output).toContain('Invalid API Key provided');
  } finally {
    demo.child.kill('SIGTERM');
  }
  expect(await demo.closed).toBe(0);
});

test('renamed, misspelt or contradicting settings stop the demo, the backend and reconcile with status 2', async () => {
  test.setTimeout(90_000);
  const cases: { script: string; settings: Record<string, string>; message: string }[] = [
    { script: 'demo/backend/reconcile-cli.ts', settings: { GATEWAY_SECRET_KEY: 'sk_test_old_name' }, message: 'GATEWAY_SECRET_KEY is now called STRIPE_SECRET_KEY' },
    { script: 'demo/backend/reconcile-cli.ts', settings: { GATEWAY_PROT: '5000' }, message: 'GATEWAY_PROT is not a setting: did you mean GATEWAY_PORT?' },
    { script: 'demo/backend/reconcile-cli.ts', settings: { GATEWAY_URL: 'http://127.0.0.1:5000', GATEWAY_PORT: '6000' }, message: 'GATEWAY_URL (http://127.0.0.1:5000) and GATEWAY_PORT (6000) name different ports' },
    { script: 'demo/backend/main.ts', settings: { STRIPE_SECRET_KY: 'sk_test_typo' }, message: 'STRIPE_SECRET_KY is not a setting: did you mean STRIPE_SECRET_KEY?' },
    { script: 'demo/main.ts', settings: { GATEWAY_PUBLISHABLE_KEY: 'pk_test_old_name' }, message: 'GATEWAY_PUBLISHABLE_KEY is now called STRIPE_PUBLISHABLE_KEY' },
    { script: 'demo/main.ts', settings: { GATEWAY_URL: 'https://api.stripe.com' }, message: 'GATEWAY_URL is https://api.stripe.com, but npm run demo serves this itself' },
    { script: 'demo/main.ts', settings: { BACKEND_PORT: 'eighty' }, message: 'BACKEND_PORT must be a port number (0-65535), got "eighty"' },
  ];
  for (const { script, settings, message } of cases) {
    const result = await runToExit(script, script.endsWith('reconcile-cli.ts') ? ['--since', today] : [], settings);
    expect(result.output, `${script} ${JSON.stringify(settings)}`).toContain(message);
    expect(result.status).toBe(2);
    expect(result.output).not.toMatch(/^\s+at /m);
  }
});
