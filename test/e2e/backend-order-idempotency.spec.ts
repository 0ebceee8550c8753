// Order creation by Idempotency-Key, on PGlite and on PostgreSQL, with two backend instances on
// one database: a repeat gets the same order and PaymentIntent, two instances racing on one key
// make one order, another body under the key is refused with 422, and a claim left by a process
// that died is taken over (same order id), while a live one answers 409.
import { createHash, randomUUID } from 'node:crypto';
import { startBackend, type RunningBackend } from '../../demo/backend/backend-server.ts';
import { DEAD_CLAIM_SECONDS } from '../../demo/backend/order-requests.ts';
import { newOrderId } from '../../demo/backend/ids.ts';
import { BackendStack, DATABASE_TARGETS, databaseFor, expect, OPS_PASSWORD, skipWithoutPostgres, startStack, test } from './backend/backend-stack.ts';

interface Answer {
  status: number;
  replayed: boolean;
  body: { order?: { id: string; status: string }; clientSecret?: string; error?: { code: string } };
}

async function order(url: string, key: string, body: object): Promise<Answer> {
  const response = await fetch(`${url}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', body: (await response.json()) as Answer['body'] };
}

for (const target of DATABASE_TARGETS) {
  test.describe(`order creation by Idempotency-Key on ${target}, two instances`, () => {
    let stack: BackendStack;
    let second: RunningBackend;

    test.beforeAll(async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      const database = await databaseFor(target, postgres);
      stack = await startStack(target, postgres, { name: 'order-idempotency', database });
      // The second instance: its own connection pool on the same PostgreSQL database; on PGlite
      // (one process per database) the same embedded database, which is as shared as it gets there.
      second = await startBackend({
        port: 0,
        database: target === 'postgres' ? database : stack.backend.db,
        gatewayUrl: stack.demo.gatewayUrl,
        secretKey: stack.demo.secretKey,
        publishableKey: stack.demo.publishableKey,
        webhookSecret: 'whsec_unused_by_this_spec_000000',
        fieldsOrigin: stack.demo.fieldsOrigin,
        opsUser: 'ops',
        opsPassword: OPS_PASSWORD,
        logger: stack.backend.logger,
      });
    });
    test.afterAll(async () => {
      await second?.close();
      await stack?.close();
    });

    async function ordersFor(id: string): Promise<number> {
      return (await stack.backend.db.query('SELECT 1 FROM orders WHERE id = $1', [id])).rows.length;
    }
    async function intentsFor(id: string): Promise<string[]> {
      const intents = await stack.backend.stripe.paymentIntents.list({ limit: 100 });
      return intents.data.filter((intent) => intent.metadata.order_id === id).map((intent) => intent.id);
    }

    test('the same key twice, at either instance, gives one order and one PaymentIntent', async () => {
      const key = `order-${randomUUID()}`;
      const first = await order(stack.url, key, { sku: 'mug' });
      const again = await order(second.url, key, { sku: 'mug' });
      const third = await order(stack.url, key, { sku: 'mug' });
      expect([first.status, again.status, third.status]).toEqual([201, 201, 201]);
      expect([first.replayed, again.replayed, third.replayed]).toEqual([false, true, true]);
      expect(again.body.order!.id).toBe(first.body.order!.id);
      expect(again.body.clientSecret).toBe(first.body.clientSecret);
      expect(third.body).toEqual(first.body);
      expect(await ordersFor(first.body.order!.id)).toBe(1);
      expect(await intentsFor(first.body.order!.id)).toEqual([first.body.clientSecret!.split('_secret_')[0]]);
      // A new key is a new order.
      const other = await order(second.url, `order-${randomUUID()}`, { sku: 'mug' });
      expect(other.body.order!.id).not.toBe(first.body.order!.id);
    });

    test('the same key at two instances at the same moment makes one order; the loser waits (409) or gets it replayed', async () => {
      for (let round = 0; round < 5; round++) {
        const key = `order-${randomUUID()}`;
        const answers = await Promise.all([order(stack.url, key, { sku: 'hoodie' }), order(second.url, key, { sku: 'hoodie' })]);
        for (const answer of answers) {
          expect([201, 409]).toContain(answer.status);
          if (answer.status === 409) expect(answer.body.error!.code).toBe('request_in_progress');
        }
        expect(answers.filter((answer) => answer.status === 201 && !answer.replayed)).toHaveLength(1);
        const id = answers.find((answer) => !answer.replayed && answer.status === 201)!.body.order!.id;
        // The one that waited asks again (as the shop page does) and gets the same order.
        await expect.poll(async () => (await order(second.url, key, { sku: 'hoodie' })).body.order?.id).toBe(id);
        expect(await ordersFor(id)).toBe(1);
        expect(await intentsFor(id)).toHaveLength(1);
      }
      const claims = await stack.backend.db.query<{ count: number }>('SELECT count(*)::int AS count FROM order_requests WHERE state = $1', ['in_progress']);
      expect(claims.rows[0]!.count).toBe(0);
    });

    test('the same key with another body is refused with a typed 422, and the first order is untouched', async () => {
      const key = `order-${randomUUID()}`;
      const first = await order(stack.url, key, { sku: 'tshirt' });
      expect(first.status).toBe(201);
      for (const [url, body] of [
        [second.url, { sku: 'mug' }],
        [stack.url, { sku: 'tshirt', captureMethod: 'manual' }],
      ] as const) {
        const reused = await order(url, key, body);
        expect(reused.status).toBe(422);
        expect(reused.body).toEqual({ error: { code: 'idempotency_key_reused', message: expect.stringContaining('Idempotency-Key') } });
      }
      expect((await order(second.url, key, { sku: 'tshirt' })).body.order!.id).toBe(first.body.order!.id);
      const malformed = await order(stack.url, 'short', { sku: 'tshirt' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error!.code).toBe('idempotency_key_required');
    });

    test('the shop page sends an Idempotency-Key and, when an answer is lost on the way, asks again with the same key: one order', async ({ page }) => {
      const keys: string[] = [];
      let lost = 0;
      await page.route('**/api/orders', async (route) => {
        keys.push(route.request().headers()['idempotency-key'] ?? '');
        // The first request reaches the backend (the order is made), its answer never comes back.
        if (lost++ === 0) {
          await route.fetch();
          return route.abort('connectionreset');
        }
        return route.continue();
      });
      await page.goto(`${stack.url}/shop`);
      await page.getByLabel(/mug/i).check();
      await page.getByRole('button', { name: 'Continue to payment' }).click();
      await expect(page.locator('#order-id')).toHaveText(/^ord_/);
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/^order-[0-9a-f]{32}$/);
      expect(keys[1]).toBe(keys[0]);
      const orderId = (await page.locator('#order-id').textContent())!;
      const made = await stack.backend.db.query<{ order_id: string }>('SELECT order_id FROM order_requests WHERE idempotency_key = $1', [keys[0]]);
      expect(made.rows).toEqual([{ order_id: orderId }]);
      expect(await intentsFor(orderId)).toHaveLength(1);
    });

    test(`a live claim answers 409; a claim whose process died (older than ${DEAD_CLAIM_SECONDS} s) is taken over and finishes the same order`, async () => {
      // What an instance leaves behind when it is killed between claiming a key and answering:
      // the claim (with the order id it chose) and maybe the order row, but no PaymentIntent yet.
      const key = `order-${randomUUID()}`;
      const orphanId = newOrderId();
      const hash = createHash('sha256').update(JSON.stringify({ sku: 'mug', captureMethod: 'automatic' })).digest('hex');
      await stack.backend.db.query("INSERT INTO order_requests (idempotency_key, request_hash, order_id, state) VALUES ($1, $2, $3, 'in_progress')", [key, hash, orphanId]);
      await stack.backend.db.query("INSERT INTO orders (id, sku, description, amount, currency, capture_method) VALUES ($1, 'mug', 'Mug', 1200, 'eur', 'automatic')", [orphanId]);

      const whileAlive = await order(second.url, key, { sku: 'mug' });
      expect(whileAlive.status).toBe(409);
      expect(whileAlive.body.error!.code).toBe('request_in_progress');
      // Another body is refused even while the key is claimed.
      expect((await order(second.url, key, { sku: 'hoodie' })).status).toBe(422);

      // The process is gone: its claim has aged past the expiry (moved back in time rather than waited for).
      await stack.backend.db.query(`UPDATE order_requests SET claimed_at = now() - interval '${DEAD_CLAIM_SECONDS + 1} seconds' WHERE idempotency_key = $1`, [key]);
      const takenOver = await order(second.url, key, { sku: 'mug' });
      expect(takenOver.status).toBe(201);
      expect(takenOver.replayed).toBe(false);
      expect(takenOver.body.order).toMatchObject({ id: orphanId, status: 'pending' });
      expect(await ordersFor(orphanId)).toBe(1);
      expect(await intentsFor(orphanId)).toHaveLength(1);
      const replay = await order(stack.url, key, { sku: 'mug' });
      expect(replay).toMatchObject({ status: 201, replayed: true, body: { order: { id: orphanId }, clientSecret: takenOver.body.clientSecret } });
    });
  });
}
