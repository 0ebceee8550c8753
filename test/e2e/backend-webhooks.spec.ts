// Webhooks end to end, on PGlite and on PostgreSQL: the sandbox gateway signs every event like
// Stripe (stripe.webhooks.constructEvent verifies it), retries an endpoint that fails, replays;
// the backend refuses tampered, wrongly signed and stale deliveries, and processes each event
// once whether it arrives twice at the same moment or after newer news.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import Stripe from 'stripe';
import { startSandboxGateway, WebhookDispatcher } from '../../src/node/sandbox/sandbox-gateway.ts';
import { BackendStack, DATABASE_TARGETS, expect, skipWithoutPostgres, startStack, test, VISA } from './backend/backend-stack.ts';

const FUTURE_YEAR = new Date().getUTCFullYear() + 3;

test.describe('the sandbox gateway as a webhook sender', () => {
  test('signs events like Stripe, retries a failing endpoint with backoff a bounded number of times, and replays', async () => {
    const webhooks = new WebhookDispatcher({ retryDelaysMs: [10, 20, 40] });
    const gateway = await startSandboxGateway({ port: 0, publishableKey: 'pk_test_w', secretKey: 'sk_test_w', allowedOrigins: [], webhooks, faultInjection: true });
    const stripe = new Stripe('sk_test_w', { host: '127.0.0.1', port: gateway.port, protocol: 'http' });
    // The receiver fails the first two attempts at each event, then verifies and keeps it.
    const received: Stripe.Event[] = [];
    const attempts = new Map<string, number>();
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const id = (JSON.parse(Buffer.concat(chunks).toString()) as { id: string }).id;
        attempts.set(id, (attempts.get(id) ?? 0) + 1);
        if (attempts.get(id)! <= 2) return void res.writeHead(503).end();
        received.push(stripe.webhooks.constructEvent(Buffer.concat(chunks), String(req.headers['stripe-signature']), endpoint.secret));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    // Registered through the admin API, as a test or tool in another process would.
    const registered = await fetch(`${gateway.url}/__sandbox/webhook_endpoints`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_w', 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook` }),
    });
    const endpoint = (await registered.json()) as { id: string; secret: string };
    expect(endpoint.secret).toMatch(/^whsec_/);
    try {
      const card = { number: VISA, exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' };
      const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', capture_method: 'manual', confirm: true, payment_method_data: { type: 'card', card } as never });
      await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 600 });
      await stripe.refunds.create({ payment_intent: intent.id, amount: 100 });
      const other = await stripe.paymentIntents.create({ amount: 500, currency: 'eur', capture_method: 'manual' });
      await stripe.paymentIntents.cancel(other.id);
      await stripe.paymentIntents.create({ amount: 500, currency: 'eur', confirm: true, payment_method_data: { type: 'card', card: { ...card, number: '4000000000009995' } } as never }).catch(() => undefined);
      await webhooks.idle();

      expect(received.map((event) => event.type).sort()).toEqual(
        ['charge.refunded', 'payment_intent.amount_capturable_updated', 'payment_intent.canceled', 'payment_intent.payment_failed', 'payment_intent.succeeded', 'refund.updated'].sort(),
      );
      const succeeded = received.find((event) => event.type === 'payment_intent.succeeded')!;
      expect(succeeded).toMatchObject({ object: 'event', id: expect.stringMatching(/^evt_/), livemode: false, data: { object: { id: intent.id, status: 'succeeded', amount_received: 600 }, previous_attributes: { status: 'requires_capture' } } });
      expect(received.find((event) => event.type === 'refund.updated')!.data.object).toMatchObject({ object: 'refund', amount: 100, status: 'succeeded', payment_intent: intent.id });
      const deliveries = webhooks.listDeliveries();
      // Every delivery needed three attempts (503, 503, 200).
      expect(deliveries).toHaveLength(6);
      for (const delivery of deliveries) expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([503, 503, 200]);

      // A dead endpoint gets 1 + 3 attempts, then the delivery is failed.
      const dead = webhooks.addEndpoint('http://127.0.0.1:9/nothing-listens-here');
      const replayed = await fetch(`${gateway.url}/__sandbox/events/${succeeded.id}/replay`, { method: 'POST', headers: { Authorization: 'Bearer sk_test_w' } });
      expect(replayed.status).toBe(200);
      await webhooks.idle();
      const toDead = webhooks.listDeliveries().filter((delivery) => delivery.endpointId === dead.id);
      expect(toDead).toHaveLength(1);
      expect(toDead[0]).toMatchObject({ state: 'failed', attempts: [{ status: 0 }, { status: 0 }, { status: 0 }, { status: 0 }] });
      // The replay reached the live endpoint again (first try this time): same event id, fresh signature.
      expect(received.filter((event) => event.id === succeeded.id)).toHaveLength(2);
      // The admin API is not for browsers.
      const fromPage = await fetch(`${gateway.url}/__sandbox/events`, { headers: { Authorization: 'Bearer sk_test_w', Origin: 'http://localhost:1' } });
      expect(fromPage.status).toBe(403);
    } finally {
      receiver.close();
      await gateway.close();
    }
  });
});

/** Signs `payload` as the gateway would, at `timestamp`, with `secret`. */
function sign(secret: string, payload: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')}`;
}

for (const target of DATABASE_TARGETS) {
  test.describe(`the backend's webhook endpoint on ${target}`, () => {
    let stack: BackendStack;

    test.beforeAll(async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      stack = await startStack(target, postgres, { name: 'webhooks' });
      await stack.login();
    });
    test.afterAll(async () => {
      await stack?.close();
    });

    async function failures(reason: string): Promise<number> {
      const metrics = await (await fetch(`${stack.url}/metrics`)).text();
      return Number(new RegExp(`payframe_webhook_failures_total\\{reason="${reason}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    }

    test('tampered, wrongly signed, stale and unsigned deliveries get 400 and change nothing', async () => {
      const { order, clientSecret } = await stack.createOrder('mug');
      stack.demo.webhooks.hold();
      await stack.confirm(clientSecret);
      const intentId = clientSecret.split('_secret_')[0];
      const event = stack.demo.webhooks.listEvents().find((candidate) => candidate.type === 'payment_intent.succeeded' && (candidate.data.object as { id: string }).id === intentId)!;
      const secret = stack.demo.webhooks.listEndpoints()[0]!.secret;
      const payload = JSON.stringify(event);
      const now = Math.floor(Date.now() / 1000);
      const post = (body: string, signature?: string) =>
        fetch(`${stack.url}/webhooks/stripe`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(signature ? { 'Stripe-Signature': signature } : {}) }, body });
      const before = { bad: await failures('bad_signature'), stale: await failures('stale_timestamp') };

      const tampered = await post(payload.replace('"amount": 1200', '"amount": 1').replace('"amount":1200', '"amount":1'), sign(secret, payload, now));
      expect(tampered.status).toBe(400);
      expect(await tampered.json()).toMatchObject({ error: { code: 'bad_signature' } });
      expect((await post(payload, sign('whsec_someoneelse0000000000000000', payload, now))).status).toBe(400);
      const stale = await post(payload, sign(secret, payload, now - 600));
      expect(stale.status).toBe(400);
      expect(await stale.json()).toMatchObject({ error: { code: 'stale_timestamp' } });
      expect((await post(payload)).status).toBe(400);
      expect(await failures('bad_signature')).toBe(before.bad + 2);
      expect(await failures('stale_timestamp')).toBe(before.stale + 1);
      expect((await stack.order(order.id)).status).toBe('pending');
      const stored = await stack.backend.db.query('SELECT 1 FROM webhook_events WHERE id = $1', [event.id]);
      expect(stored.rows).toHaveLength(0);

      // The genuine delivery, correctly signed and fresh, is accepted.
      const genuine = await post(payload, sign(secret, payload, now));
      expect(genuine.status).toBe(200);
      expect(await genuine.json()).toEqual({ received: true, outcome: 'applied' });
      expect((await stack.order(order.id)).status).toBe('paid');
      await stack.demo.webhooks.release();
    });

    test('the same event twice at the same moment, and replayed later, is processed once', async () => {
      const { order, clientSecret } = await stack.createOrder('hoodie');
      stack.demo.webhooks.duplicateNext(10);
      await stack.confirm(clientSecret);
      await stack.webhooksDelivered();
      stack.demo.webhooks.duplicateNext(0);
      const intentId = clientSecret.split('_secret_')[0];
      const event = stack.demo.webhooks.listEvents().find((candidate) => candidate.type === 'payment_intent.succeeded' && (candidate.data.object as { id: string }).id === intentId)!;
      const toBackend = stack.demo.webhooks.listDeliveries().filter((delivery) => delivery.eventId === event.id);
      expect(toBackend.length).toBeGreaterThanOrEqual(2);
      expect(toBackend.every((delivery) => delivery.state === 'succeeded')).toBe(true);
      stack.demo.webhooks.replay(event.id);
      await stack.webhooksDelivered();
      const outcomes = await stack.backend.db.query<{ outcome: string }>('SELECT outcome FROM webhook_events WHERE id = $1', [event.id]);
      expect(outcomes.rows).toEqual([{ outcome: 'applied' }]);
      expect(await stack.ledger(order.id)).toEqual([expect.objectContaining({ kind: 'capture', amount: 4900 })]);
      expect((await stack.order(order.id)).status).toBe('paid');
      const metrics = await (await fetch(`${stack.url}/metrics`)).text();
      expect(metrics).toMatch(/payframe_webhooks_received_total\{type="payment_intent.succeeded",outcome="duplicate"\} [1-9]/);
    });

    test('events out of order: a late authorization never moves a paid order back, late refund news lands right', async () => {
      const { order, clientSecret } = await stack.createOrder('tshirt', 'manual');
      stack.demo.webhooks.hold();
      await stack.confirm(clientSecret);
      await stack.operate(order.id, 'capture', 1500);
      // Newest first: succeeded arrives before amount_capturable_updated.
      await stack.demo.webhooks.release({ order: 'reverse' });
      await stack.webhooksDelivered();
      expect(await stack.order(order.id)).toMatchObject({ status: 'paid', captured: 1500, authorized: 1999 });
      const stale = await stack.backend.db.query<{ type: string; outcome: string }>("SELECT type, outcome FROM webhook_events WHERE object_id = $1 AND type = 'payment_intent.amount_capturable_updated'", [
        (await stack.order(order.id)).paymentIntentId,
      ]);
      expect(stale.rows).toEqual([{ type: 'payment_intent.amount_capturable_updated', outcome: 'stale' }]);

      stack.demo.webhooks.hold();
      await stack.operate(order.id, 'refund', 200);
      await stack.operate(order.id, 'refund', 300);
      await stack.demo.webhooks.release({ order: 'reverse', copies: 2 });
      await stack.webhooksDelivered();
      expect(await stack.order(order.id)).toMatchObject({ status: 'partially_refunded', refunded: 500 });
      const ledger = await stack.ledger(order.id);
      expect(ledger.slice(0, 3).map(({ kind, amount }) => [kind, amount])).toEqual([
        ['authorization', 1999],
        ['capture', 1500],
        ['authorization_release', 499],
      ]);
      const refunds = (await stack.ledger(order.id)).filter((entry) => entry.kind === 'refund').map((entry) => entry.amount);
      expect(refunds.sort((a, b) => a - b)).toEqual([200, 300]);
    });

    test('an authorization arriving after its cancellation (late, replayed, twice) puts no money back on hold', async () => {
      const held = async (orderId: string) => {
        const ledger = await stack.ledger(orderId);
        const sum = (kind: string) => ledger.filter((entry) => entry.kind === kind).reduce((total, entry) => total + entry.amount, 0);
        return { onHold: sum('authorization') - sum('authorization_release'), captured: sum('capture'), entries: ledger.length };
      };
      const eventsOf = (intentId: string, type: string) =>
        stack.demo.webhooks.listEvents().filter((event) => event.type === type && (event.data.object as { id: string }).id === intentId);

      // Cancellation first, authorization after (twice each, newest first).
      const late = await stack.createOrder('mug', 'manual');
      stack.demo.webhooks.hold();
      await stack.confirm(late.clientSecret);
      expect((await stack.operate(late.order.id, 'cancel')).status).toBe(200);
      await stack.demo.webhooks.release({ order: 'reverse', copies: 2 });
      await stack.webhooksDelivered();
      expect(await stack.order(late.order.id)).toMatchObject({ status: 'canceled', captured: 0 });
      expect(await held(late.order.id)).toMatchObject({ onHold: 0, captured: 0 });

      // In order, then the authorization replayed long after the cancellation (a gateway retry, an operator's replay).
      const replayed = await stack.createOrder('mug', 'manual');
      await stack.confirm(replayed.clientSecret);
      await stack.webhooksDelivered();
      expect(await held(replayed.order.id)).toMatchObject({ onHold: 1200 });
      expect((await stack.operate(replayed.order.id, 'cancel')).status).toBe(200);
      await stack.webhooksDelivered();
      const settled = await held(replayed.order.id);
      expect(settled).toMatchObject({ onHold: 0, captured: 0 });
      const intentId = replayed.clientSecret.split('_secret_')[0]!;
      for (const event of eventsOf(intentId, 'payment_intent.amount_capturable_updated')) stack.demo.webhooks.replay(event.id);
      await stack.webhooksDelivered();
      expect(await held(replayed.order.id)).toEqual(settled);
      expect(await stack.order(replayed.order.id)).toMatchObject({ status: 'canceled', captured: 0 });
    });

    test('an event for a payment with no order is recorded, not booked', async () => {
      const intent = await stack.backend.stripe.paymentIntents.create({ amount: 777, currency: 'eur', confirm: true, payment_method_data: { type: 'card', card: { number: VISA, exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' } } as never });
      await stack.webhooksDelivered();
      const stored = await stack.backend.db.query<{ outcome: string }>('SELECT outcome FROM webhook_events WHERE object_id = $1', [intent.id]);
      expect(stored.rows).toEqual([{ outcome: 'no_order' }]);
      const booked = await stack.backend.db.query('SELECT 1 FROM ledger_entries WHERE payment_intent_id = $1', [intent.id]);
      expect(booked.rows).toHaveLength(0);
    });
  });
}
