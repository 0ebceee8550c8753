// Faults, on PGlite and on PostgreSQL: the backend killed (SIGKILL) while a shopper pays comes
// back and ends the order right from the gateway's webhook retries, and when the retries ran out
// while it was down, reconciliation shows the gap and a replay closes it. Then a bounded loopback
// load test: 500 concurrent checkouts (create order -> confirm as the card frame does ->
// webhook) lose nothing, and ledger and gateway reconcile with zero mismatches.
import { spawn, type ChildProcess } from 'node:child_process';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY, startSandboxGateway, WebhookDispatcher } from '../../src/node/sandbox/sandbox-gateway.ts';
import { newWebhookSecret } from '../../src/node/sandbox/webhook-signature.ts';
import { DATABASE_TARGETS, databaseFor, expect, OPS_PASSWORD, skipWithoutPostgres, startStack, test, VISA } from './backend/backend-stack.ts';
import { freePort } from './harness/free-port.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const FUTURE_YEAR = String(new Date().getUTCFullYear() + 3);

/** Starts demo/backend/main.ts as its own process and resolves once /readyz says ready. */
async function spawnBackend(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/backend/main.ts'], { cwd: ROOT, env: { ...process.env, ...env, BACKEND_PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const ready = async () => {
    if (child.exitCode !== null) throw new Error(`backend exited with ${child.exitCode}: ${errors.slice(-2000)}`);
    return fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.status, () => 0);
  };
  // The first start creates the embedded database, which takes a while on a busy machine.
  await expect.poll(ready, { timeout: 60_000 }).toBe(200);
  return child;
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

for (const target of DATABASE_TARGETS) {
  test.describe(`faults on ${target}`, () => {
    test('the backend killed mid-payment restarts and ends the order right: from retries, or from reconciliation and a replay', async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      test.setTimeout(150_000);
      // Retries span about 12 s: long enough to outlive a restart, short enough to run out in the second case.
      const webhooks = new WebhookDispatcher({ retryDelaysMs: [200, 400, 800, 1600, 3200, 6400] });
      const gateway = await startSandboxGateway({ port: 0, publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY, allowedOrigins: [], webhooks });
      const database = await databaseFor(target, postgres);
      const dataDir = mkdtempSync(join(tmpdir(), 'payframe-kill-'));
      const port = await freePort();
      const secret = newWebhookSecret();
      webhooks.addEndpoint(`http://127.0.0.1:${port}/webhooks/stripe`, secret);
      const env = {
        GATEWAY_URL: gateway.url,
        STRIPE_WEBHOOK_SECRET: secret,
        OPS_PASSWORD,
        LOG_LEVEL: 'warn',
        ...(database.kind === 'postgres' ? { DATABASE_URL: database.url } : { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir }),
      };
      const backendUrl = `http://127.0.0.1:${port}`;
      const stripe = new Stripe(DEFAULT_SECRET_KEY, { host: '127.0.0.1', port: gateway.port, protocol: 'http' });
      const createOrder = async () => (await (await fetch(`${backendUrl}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"sku":"tshirt"}' })).json()) as { order: { id: string }; clientSecret: string };
      const pay = (clientSecret: string) =>
        fetch(`${gateway.url}/v1/payment_intents/${clientSecret.split('_secret_')[0]}/confirm`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${DEFAULT_PUBLISHABLE_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ client_secret: clientSecret, 'payment_method_data[type]': 'card', 'payment_method_data[card][number]': VISA, 'payment_method_data[card][exp_month]': '12', 'payment_method_data[card][exp_year]': FUTURE_YEAR, 'payment_method_data[card][cvc]': '123' }),
        });
      const opsSession = async () => {
        const login = await fetch(`${backendUrl}/api/ops/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'ops', password: OPS_PASSWORD }) });
        const { csrfToken } = (await login.json()) as { csrfToken: string };
        return { cookie: (login.headers.get('set-cookie') ?? '').split(';', 1)[0]!, csrfToken };
      };
      const orderStatus = async ({ cookie }: { cookie: string }, id: string) => ((await (await fetch(`${backendUrl}/api/ops/orders/${id}`, { headers: { Cookie: cookie } })).json()) as { order: { status: string } }).order.status;
      const since = new Date(Date.now() - 60_000);
      const reconcileMismatches = async ({ cookie, csrfToken }: { cookie: string; csrfToken: string }) =>
        (await (
          await fetch(`${backendUrl}/api/ops/reconciliation`, { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' }, body: JSON.stringify({ since: since.toISOString() }) })
        ).json()) as { mismatches: number; rows: { result: string; orderId: string }[] };

      let backend = await spawnBackend(env, port);
      try {
        // 1. Killed after the order was made, while the shopper pays: the gateway keeps retrying.
        const first = await createOrder();
        await kill(backend);
        expect((await pay(first.clientSecret)).status).toBe(200);
        // The first attempt has failed against the dead backend before it comes back.
        await expect.poll(() => webhooks.listDeliveries().some((delivery) => delivery.attempts.some((attempt) => attempt.status === 0))).toBe(true);
        backend = await spawnBackend(env, port);
        await webhooks.idle();
        let cookie = await opsSession();
        expect(await orderStatus(cookie, first.order.id)).toBe('paid');
        expect((await reconcileMismatches(cookie)).mismatches).toBe(0);

        // 2. Down for longer than the retries last: reconciliation finds the gap, a replay closes it.
        const second = await createOrder();
        await kill(backend);
        expect((await pay(second.clientSecret)).status).toBe(200);
        await webhooks.idle();
        const lost = webhooks.listDeliveries().filter((delivery) => delivery.state === 'failed');
        expect(lost.length).toBeGreaterThan(0);
        backend = await spawnBackend(env, port);
        cookie = await opsSession();
        expect(await orderStatus(cookie, second.order.id)).toBe('pending');
        const gap = await reconcileMismatches(cookie);
        expect(gap.mismatches).toBe(1);
        // The gateway captured what the ledger never booked.
        expect(gap.rows[0]).toMatchObject({ result: 'amount_mismatch', orderId: second.order.id });
        for (const delivery of lost) webhooks.replay(delivery.eventId);
        await webhooks.idle();
        expect(await orderStatus(cookie, second.order.id)).toBe('paid');
        expect((await reconcileMismatches(cookie)).mismatches).toBe(0);
        expect((await stripe.paymentIntents.retrieve(second.clientSecret.split('_secret_')[0]!)).status).toBe('succeeded');
      } finally {
        await kill(backend);
        await gateway.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    test('load: 500 concurrent checkouts through backend and sandbox lose nothing and reconcile', async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      test.setTimeout(120_000);
      const stack = await startStack(target, postgres, { name: 'load', logLevel: 'warn' });
      try {
        await stack.login();
        const since = new Date(Date.now() - 60_000);
        const CHECKOUTS = 500;
        const started = performance.now();
        const latencies: number[] = [];
        const results = await Promise.all(
          Array.from({ length: CHECKOUTS }, async () => {
            const t0 = performance.now();
            const created = await fetch(`${stack.url}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"sku":"mug"}' });
            const { order, clientSecret } = (await created.json()) as { order: { id: string }; clientSecret: string };
            const confirmed = await stack.confirm(clientSecret);
            latencies.push(performance.now() - t0);
            return { orderId: order.id, status: confirmed.body.status };
          }),
        );
        await stack.webhooksDelivered();
        const seconds = (performance.now() - started) / 1000;
        expect(results.filter((result) => result.status === 'succeeded')).toHaveLength(CHECKOUTS);

        const orders = await stack.backend.db.query<{ status: string; count: number }>('SELECT status, count(*)::bigint AS count FROM orders GROUP BY status');
        expect(orders.rows.map((row) => [row.status, Number(row.count)])).toEqual([['paid', CHECKOUTS]]);
        const captures = await stack.backend.db.query<{ count: number }>("SELECT count(*)::bigint AS count FROM ledger_entries WHERE kind = 'capture'");
        expect(Number(captures.rows[0]!.count)).toBe(CHECKOUTS);
        const failedDeliveries = stack.demo.webhooks.listDeliveries().filter((delivery) => delivery.state !== 'succeeded');
        expect(failedDeliveries).toEqual([]);
        const report = await stack.reconcile(since);
        expect(report.counts.matched).toBe(CHECKOUTS);
        expect(report.mismatches).toBe(0);

        latencies.sort((a, b) => a - b);
        const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(0);
        console.log(
          `[load ${target}] ${CHECKOUTS} concurrent checkouts in ${seconds.toFixed(1)} s (to the last webhook): ${(CHECKOUTS / seconds).toFixed(0)} checkouts/s; ` +
            `create+confirm latency p50 ${percentile(50)} ms, p99 ${percentile(99)} ms; lost: 0, reconciliation mismatches: ${report.mismatches}`,
        );
      } finally {
        await stack.close();
      }
    });
  });
}

