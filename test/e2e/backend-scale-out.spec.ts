// The reference backend scaled out, on PostgreSQL: 3 backend processes (demo/backend/main.ts) on
// one database behind a round-robin proxy, one sandbox gateway process whose webhooks go through
// the proxy, which delays some (they overtake each other) and sends copies of others to another
// instance. 1,000 checkouts are created through the instances and paid at the gateway (the
// browser is not what is under test here); captures, cancels and refunds are each sent twice at
// once to two different instances with one Idempotency-Key; one instance is SIGKILLed mid-run and
// started again. Afterwards every order has its status, each event is one row, each money
// movement one ledger entry, and reconciliation finds nothing to report.
// SCALE_OUT_REPORT=1 adds a throughput run (1 vs 3 instances) that prints a table.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import Stripe from 'stripe';
import { CATALOGUE } from '../../demo/backend/catalogue.ts';
import { DEAD_CLAIM_SECONDS } from '../../demo/backend/order-requests.ts';
import { DATABASE_TARGETS, expect, LOG_DIR, OPS_PASSWORD, skipWithoutPostgres, test, VISA } from './backend/backend-stack.ts';
import { ScaleOutCluster, waitUntil, type ChaosOptions } from './backend/scale-out-cluster.ts';

const CHECKOUTS = Number(process.env.SCALE_OUT_CHECKOUTS ?? 1000);
const CONCURRENCY = 12;
const CHAOS: ChaosOptions = { duplicateShare: 0.3, delayShare: 0.3, maxDelayMs: 40 };
const FUTURE_YEAR = String(new Date().getUTCFullYear() + 3);

/** What happens to checkout i after it is paid, and the order status that must come of it. */
type Plan = 'paid' | 'authorized' | 'captured' | 'canceled' | 'partially_refunded' | 'refunded';
const PLANS: Plan[] = ['paid', 'paid', 'paid', 'paid', 'paid', 'authorized', 'partially_refunded', 'refunded', 'captured', 'canceled'];
const FINAL_STATUS: Record<Plan, string> = { paid: 'paid', authorized: 'authorized', captured: 'paid', canceled: 'canceled', partially_refunded: 'partially_refunded', refunded: 'refunded' };
/** Instances starting together make the demo shopper's gateway customer once (one idempotency key): one event. */
const DEMO_ACCOUNT_EVENTS = 1;

/** The gateway's events per plan: what the webhook_events table must hold, once each. */
const EVENTS: Record<Plan, number> = { paid: 1, authorized: 1, captured: 2, canceled: 2, partially_refunded: 3, refunded: 3 };
const PARTIAL_REFUND = 500;

interface Checkout {
  index: number;
  plan: Plan;
  sku: string;
  amount: number;
  key: string;
  orderId?: string;
  /** Milliseconds from asking for the order to the gateway's answer to the payment. */
  latencyMs?: number;
}

function checkoutFor(index: number, plans: readonly Plan[]): Checkout {
  const item = CATALOGUE[index % CATALOGUE.length]!;
  return { index, plan: plans[index % plans.length]!, sku: item.sku, amount: item.amount, key: `order-${randomUUID()}` };
}

const make_interval_seconds = (seconds: number) => `interval '${Math.trunc(seconds)} seconds'`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The shopper's side and the operator's side of the run, through the proxy or straight to an instance. */
class Driver {
  private cookie = '';
  private csrfToken = '';
  readonly stuck: Checkout[] = [];
  readonly stuckOperations: { checkout: Checkout; action: 'capture' | 'cancel' | 'refund'; body: object; key: string }[] = [];
  readonly doubleAnswers = { operations: 0, replayed: 0, waited: 0 };

  constructor(private readonly cluster: ScaleOutCluster) {}

  async login(): Promise<void> {
    const response = await fetch(`${this.cluster.proxyUrl}/api/ops/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'ops', password: OPS_PASSWORD }) });
    expect(response.status).toBe(200);
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';', 1)[0]!;
    this.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /**
   * Asks for the order with the checkout's key until it has an answer, as the shop page does: a
   * lost request or a 502 (the instance died) is asked again with the same key. A key whose claim
   * stays in progress belongs to the killed instance: it is parked (undefined) and finished later.
   */
  async createOrder(checkout: Checkout): Promise<{ id: string; clientSecret: string } | undefined> {
    const captureMethod = ['authorized', 'captured', 'canceled'].includes(checkout.plan) ? 'manual' : 'automatic';
    let inProgressSince: number | undefined;
    for (let attempt = 0; attempt < 400; attempt++) {
      const response = await fetch(`${this.cluster.proxyUrl}/api/orders`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': checkout.key },
        body: JSON.stringify({ sku: checkout.sku, captureMethod }),
      }).catch(() => undefined);
      if (response?.status === 201) {
        const body = (await response.json()) as { order: { id: string }; clientSecret: string };
        return { id: body.order.id, clientSecret: body.clientSecret };
      }
      const error = response ? ((await response.json().catch(() => ({}))) as { error?: { code: string } }).error : undefined;
      if (response && ![409, 502].includes(response.status)) throw new Error(`POST /api/orders answered ${response.status} ${JSON.stringify(error)}`);
      if (error?.code === 'request_in_progress') {
        inProgressSince ??= Date.now();
        if (Date.now() - inProgressSince > 3_000) {
          this.stuck.push(checkout);
          return undefined;
        }
      }
      await pause(20);
    }
    throw new Error('POST /api/orders never answered');
  }

  /** What the card frame sends the gateway; the same key on a retry. */
  async pay(clientSecret: string): Promise<string> {
    const key = randomUUID();
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${this.cluster.gatewayUrl}/v1/payment_intents/${clientSecret.split('_secret_')[0]}/confirm`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.cluster.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': key },
        body: new URLSearchParams({
          client_secret: clientSecret,
          'payment_method_data[type]': 'card',
          'payment_method_data[card][number]': VISA,
          'payment_method_data[card][exp_month]': '12',
          'payment_method_data[card][exp_year]': FUTURE_YEAR,
          'payment_method_data[card][cvc]': '123',
        }),
      }).catch(() => undefined);
      if (response?.status === 200) return ((await response.json()) as { status: string }).status;
      if (attempt > 50 || (response && response.status !== 409 && response.status < 500)) throw new Error(`confirm answered ${response?.status}`);
      await pause(20);
    }
  }

  /**
   * One operation at one instance, asked again while it is in progress or the instance is down
   * (then at the next one). A key that stays in progress was claimed by the killed instance: 'stuck'.
   */
  private async operateAt(instance: number, orderId: string, action: string, key: string, body: object): Promise<{ status: number; body: unknown; replayed: boolean } | 'stuck'> {
    let inProgressSince: number | undefined;
    for (let attempt = 0; attempt < 400; attempt++) {
      const target = (instance + Math.floor(attempt / 3)) % this.cluster.ports.length;
      const response = await fetch(`${this.cluster.backendUrl(target)}/api/ops/orders/${orderId}/${action}`, {
        method: 'POST',
        headers: { Cookie: this.cookie, 'X-CSRF-Token': this.csrfToken, 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
      }).catch(() => undefined);
      if (response && response.status !== 409 && response.status !== 502) {
        return { status: response.status, body: await response.json(), replayed: response.headers.get('idempotent-replayed') === 'true' };
      }
      if (response?.status === 409) {
        this.doubleAnswers.waited += 1;
        inProgressSince ??= Date.now();
        if (Date.now() - inProgressSince > 3_000) return 'stuck';
      }
      await pause(20);
    }
    throw new Error(`${action} never answered`);
  }

  /** The operator's click arriving twice, at two different instances at the same moment, with one key. */
  async operateTwice(checkout: Checkout, action: 'capture' | 'cancel' | 'refund', body: object = {}, key: string = randomUUID()): Promise<void> {
    const first = checkout.index % this.cluster.ports.length;
    const [one, other] = await Promise.all([this.operateAt(first, checkout.orderId!, action, key, body), this.operateAt(first + 1, checkout.orderId!, action, key, body)]);
    if (one === 'stuck' || other === 'stuck') {
      this.stuckOperations.push({ checkout, action, body, key });
      return;
    }
    expect([one.status, other.status]).toEqual([200, 200]);
    expect(other.body).toEqual(one.body);
    this.doubleAnswers.operations += 1;
    this.doubleAnswers.replayed += [one, other].filter((answer) => answer.replayed).length;
  }

  /**
   * What the killed instance left claimed, finished the way a shopper or operator asking again
   * after the claims' expiry would (the claims are aged here rather than waited for).
   */
  async finishStuck(db: pg.Pool): Promise<number> {
    const orders = this.stuck.splice(0);
    const operations = this.stuckOperations.splice(0);
    const aged = make_interval_seconds(DEAD_CLAIM_SECONDS + 1);
    await db.query(`UPDATE order_requests SET claimed_at = now() - ${aged} WHERE idempotency_key = ANY($1) AND state = 'in_progress'`, [orders.map((checkout) => checkout.key)]);
    await db.query(`UPDATE operation_requests SET updated_at = now() - ${aged} WHERE idempotency_key = ANY($1) AND state = 'in_progress'`, [operations.map((operation) => operation.key)]);
    for (const checkout of orders) expect(await this.run(checkout)).toBe(true);
    for (const { checkout, action, body, key } of operations) await this.operateTwice(checkout, action, body, key);
    expect(this.stuckOperations).toEqual([]);
    return orders.length + operations.length;
  }

  async reconcile(instanceUrl: string, since: Date): Promise<Response> {
    return fetch(`${instanceUrl}/api/ops/reconciliation`, {
      method: 'POST',
      headers: { Cookie: this.cookie, 'X-CSRF-Token': this.csrfToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ since: since.toISOString() }),
    });
  }

  /** One checkout from the order to what its plan does after the payment. */
  async run(checkout: Checkout): Promise<boolean> {
    const started = performance.now();
    const order = await this.createOrder(checkout);
    if (order === undefined) return false;
    checkout.orderId = order.id;
    const status = await this.pay(order.clientSecret);
    checkout.latencyMs = performance.now() - started;
    expect(status).toBe(['authorized', 'captured', 'canceled'].includes(checkout.plan) ? 'requires_capture' : 'succeeded');
    if (checkout.plan === 'captured') await this.operateTwice(checkout, 'capture');
    if (checkout.plan === 'canceled') await this.operateTwice(checkout, 'cancel');
    if (checkout.plan === 'partially_refunded') await this.operateTwice(checkout, 'refund', { amount: PARTIAL_REFUND });
    if (checkout.plan === 'refunded') await this.operateTwice(checkout, 'refund');
    return true;
  }
}

/** Runs `work` over `items` with `concurrency` workers. */
async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

for (const target of DATABASE_TARGETS) {
  test.describe(`the reference backend scaled out on ${target}`, () => {
    test.skip(target === 'pglite', 'PGlite is an embedded database: one process opens it (its folder is locked), so there is no second instance to scale out to. PGlite stays single-instance; scale-out runs on PostgreSQL.');
    // About a minute on an idle 2-core machine; the bound leaves room for a busy CI runner.
    test.describe.configure({ timeout: 300_000 });

    test(`3 instances, ${CHECKOUTS} checkouts, webhooks duplicated and reordered, operations sent twice to two instances, one instance SIGKILLed and restarted: the books are exact`, async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      const logPrefix = join(LOG_DIR, `scale-out-${Date.now()}`);
      mkdirSync(LOG_DIR, { recursive: true });
      const databaseUrl = await postgres!.createDatabase();
      const cluster = new ScaleOutCluster({ instances: 3, databaseUrl, chaos: CHAOS, logPrefix, opsPassword: OPS_PASSWORD });
      const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
      const since = new Date(Date.now() - 60_000);
      try {
        const startedAt = performance.now();
        await cluster.start();
        const driver = new Driver(cluster);
        await driver.login();
        const checkouts = Array.from({ length: CHECKOUTS }, (_, index) => checkoutFor(index, PLANS));

        // One instance dies (SIGKILL: no clean-up, requests in flight lost) a third of the way in, and comes back.
        let done = 0;
        let restarted: Promise<void> | undefined;
        let requestsBeforeKill = 0;
        await inParallel(checkouts, CONCURRENCY, async (checkout) => {
          await driver.run(checkout);
          done += 1;
          if (done === Math.floor(CHECKOUTS / 3) && restarted === undefined) {
            requestsBeforeKill = cluster.proxy.stats.requests;
            restarted = cluster.backends[1]!.kill('SIGKILL').then(() => cluster.startBackend(1));
          }
        });
        await restarted;
        // The run went on past the kill, and the instance is back (same port, same database).
        expect(cluster.proxy.stats.requests).toBeGreaterThan(requestsBeforeKill);
        expect((await fetch(`${cluster.backendUrl(1)}/readyz`)).status).toBe(200);

        // Keys the killed instance had claimed: finished by a live instance once their claims expire.
        const finishedAfterKill = await driver.finishStuck(db);
        const ranMs = performance.now() - startedAt;

        // The webhooks (and their copies) settle: every order reaches its status, every event is in.
        // Plus one customer.created: the demo shopper's account, made once by whichever instance started first.
        const expectedEvents = checkouts.reduce((total, checkout) => total + EVENTS[checkout.plan], 0) + DEMO_ACCOUNT_EVENTS;
        await waitUntil(
          'every event is recorded and every order has its final status',
          async () => {
            const events = Number((await db.query<{ count: string }>('SELECT count(*) AS count FROM webhook_events')).rows[0]!.count);
            if (events < expectedEvents) return false;
            const statuses = await db.query<{ id: string; status: string }>('SELECT id, status FROM orders');
            const byId = new Map(statuses.rows.map((row) => [row.id, row.status]));
            return checkouts.every((checkout) => byId.get(checkout.orderId!) === FINAL_STATUS[checkout.plan]);
          },
          90_000,
          200,
        );
        await cluster.proxy.idle();

        // Every order: one, in its status.
        const orders = await db.query<{ id: string; status: string; amount: number }>('SELECT id, status, amount FROM orders');
        expect(orders.rows).toHaveLength(CHECKOUTS);
        const orderById = new Map(orders.rows.map((row) => [row.id, row]));
        for (const checkout of checkouts) expect(orderById.get(checkout.orderId!)?.status, `order ${checkout.index} (${checkout.plan})`).toBe(FINAL_STATUS[checkout.plan]);

        // Each event processed once: one row per event the gateway sent, none left half-done.
        const events = await db.query<{ outcome: string; count: string }>('SELECT outcome, count(*) AS count FROM webhook_events GROUP BY outcome');
        const outcomes = Object.fromEntries(events.rows.map((row) => [row.outcome, Number(row.count)]));
        expect(Object.values(outcomes).reduce((a, b) => a + b, 0)).toBe(expectedEvents);
        expect(cluster.proxy.eventIds.size).toBe(expectedEvents);
        // Every payment event applied or stale; the demo shopper's customer.created is recorded and ignored (no order is about it).
        expect(Object.keys(outcomes).filter((outcome) => !['applied', 'stale', 'ignored'].includes(outcome))).toEqual([]);
        expect(outcomes.ignored ?? 0).toBe(DEMO_ACCOUNT_EVENTS);
        expect(cluster.proxy.stats.webhookCopies).toBeGreaterThan(0);

        // Each money movement once, with its amount.
        const entries = await db.query<{ order_id: string; kind: string; count: string; amount: string }>(
          'SELECT order_id, kind, count(*) AS count, sum(amount) AS amount FROM ledger_entries GROUP BY order_id, kind',
        );
        const ledger = new Map<string, Record<string, { count: number; amount: number }>>();
        for (const row of entries.rows) ledger.set(row.order_id, { ...ledger.get(row.order_id), [row.kind]: { count: Number(row.count), amount: Number(row.amount) } });
        for (const checkout of checkouts) {
          const books = ledger.get(checkout.orderId!) ?? {};
          const once = (amount: number) => ({ count: 1, amount });
          const expected: Record<Plan, Record<string, { count: number; amount: number }>> = {
            paid: { capture: once(checkout.amount) },
            authorized: { authorization: once(checkout.amount) },
            captured: { authorization: once(checkout.amount), capture: once(checkout.amount) },
            // The hold and its release, or nothing at all when the cancellation was heard first.
            canceled: books.authorization ? { authorization: once(checkout.amount), authorization_release: once(checkout.amount) } : {},
            partially_refunded: { capture: once(checkout.amount), refund: once(PARTIAL_REFUND) },
            refunded: { capture: once(checkout.amount), refund: once(checkout.amount) },
          };
          expect(books, `ledger of order ${checkout.index} (${checkout.plan})`).toEqual(expected[checkout.plan]);
        }

        // At the gateway too: one PaymentIntent per order, one refund per refund asked for twice.
        const stripe = new Stripe(cluster.secretKey, { host: '127.0.0.1', port: Number(new URL(cluster.gatewayUrl).port), protocol: 'http' });
        const intentsPerOrder = new Map<string, number>();
        for await (const intent of stripe.paymentIntents.list({ limit: 100 })) intentsPerOrder.set(intent.metadata.order_id!, (intentsPerOrder.get(intent.metadata.order_id!) ?? 0) + 1);
        expect(intentsPerOrder.size).toBe(CHECKOUTS);
        expect([...intentsPerOrder.values()].every((count) => count === 1)).toBe(true);
        let refunds = 0;
        for await (const _refund of stripe.refunds.list({ limit: 100 })) refunds += 1;
        expect(refunds).toBe(checkouts.filter((checkout) => checkout.plan === 'partially_refunded' || checkout.plan === 'refunded').length);

        // And reconciliation, at any instance, finds the books and the gateway in agreement.
        const report = await driver.reconcile(cluster.backendUrl(2), since);
        expect(report.status).toBe(200);
        const reconciliation = (await report.json()) as { mismatches: number; counts: Record<string, number> };
        expect(reconciliation).toMatchObject({ mismatches: 0 });
        expect(reconciliation.counts.matched).toBeGreaterThanOrEqual(CHECKOUTS);

        const latencies = checkouts.map((checkout) => checkout.latencyMs!).filter((ms) => ms !== undefined);
        console.log(
          `scale-out: ${CHECKOUTS} checkouts in ${(ranMs / 1000).toFixed(1)} s through 3 instances; p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms; ` +
            `proxy ${JSON.stringify(cluster.proxy.stats)}; claims of the killed instance finished later: ${finishedAfterKill}; operations sent twice ${JSON.stringify(driver.doubleAnswers)}; events ${JSON.stringify(outcomes)}`,
        );
      } finally {
        await db.end();
        await cluster.stop();
      }
    });

    test('throughput report: 1 vs 3 instances (SCALE_OUT_REPORT=1)', async ({ postgres }) => {
      test.skip(process.env.SCALE_OUT_REPORT !== '1', 'A measurement, not a check: run with SCALE_OUT_REPORT=1 to print the table.');
      skipWithoutPostgres(target, postgres);
      const checkoutsPerRun = Number(process.env.SCALE_OUT_REPORT_CHECKOUTS ?? 120);
      const concurrency = 8;
      const rows: string[] = [];
      for (const instances of [1, 3]) {
        const databaseUrl = await postgres!.createDatabase();
        const cluster = new ScaleOutCluster({ instances, databaseUrl, logPrefix: join(LOG_DIR, `scale-out-report-${instances}`), opsPassword: OPS_PASSWORD });
        const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
        try {
          await cluster.start();
          const driver = new Driver(cluster);
          const checkouts = Array.from({ length: checkoutsPerRun }, (_, index) => checkoutFor(index, ['paid']));
          // A warm-up checkout per instance (JIT, connection pools) is not measured.
          await inParallel(Array.from({ length: instances }, (_, index) => checkoutFor(index, ['paid'])), instances, async (checkout) => void (await driver.run(checkout)));
          const loadAtStart = loadavg()[0]!;
          const started = performance.now();
          await inParallel(checkouts, concurrency, async (checkout) => void (await driver.run(checkout)));
          // A checkout is done when the shop has the gateway's word (the webhook), not when the card is charged.
          await waitUntil(
            'every measured order is paid',
            async () => Number((await db.query<{ count: string }>("SELECT count(*) AS count FROM orders WHERE status = 'paid'")).rows[0]!.count) >= checkoutsPerRun + instances,
            60_000,
            20,
          );
          const seconds = (performance.now() - started) / 1000;
          const latencies = checkouts.map((checkout) => checkout.latencyMs!);
          rows.push(`| ${instances} | ${checkoutsPerRun} | ${concurrency} | ${(checkoutsPerRun / seconds).toFixed(1)} | ${percentile(latencies, 50).toFixed(0)} | ${percentile(latencies, 99).toFixed(0)} | ${loadAtStart.toFixed(1)} |`);
        } finally {
          await db.end();
          await cluster.stop();
        }
      }
      console.log(
        [
          `scale-out throughput, ${new Date().toISOString()}, ${cpus().length} cores, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`,
          '| instances | checkouts | concurrency | checkouts/s | p50 ms | p99 ms | load avg (1 min) at start |',
          '| --- | --- | --- | --- | --- | --- | --- |',
          ...rows,
        ].join('\n'),
      );
    });
  });
}
