// The reference backend's order lifecycle at API level, on PGlite and on PostgreSQL: the price
// comes from the server, the order moves only from the gateway's webhooks, captures (full and
// partial), cancels and refunds (partial, repeated, too large) each move money once, whatever
// the retries, and the ledger records every movement and refuses to be rewritten.
import { randomUUID } from 'node:crypto';
import { BackendStack, DATABASE_TARGETS, DECLINED, expect, skipWithoutPostgres, startStack, test } from './backend/backend-stack.ts';
import { loadMigrations } from '../../demo/backend/db/migrations.ts';

for (const target of DATABASE_TARGETS) {
  test.describe(`orders on ${target}`, () => {
    let stack: BackendStack;

    test.beforeAll(async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      stack = await startStack(target, postgres, { name: 'orders' });
      await stack.login();
    });
    test.afterAll(async () => {
      await stack?.close();
    });

    test('the database is migrated and ready; /healthz and /readyz say so', async () => {
      const ready = await fetch(`${stack.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', database: target });
      expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
      const migrations = await stack.backend.db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
      // Every file of demo/backend/migrations/, in order.
      expect(migrations.rows.map((row) => row.version)).toEqual(loadMigrations().map((migration) => migration.version));
      expect(migrations.rows[0]?.version).toBe('001');
    });

    test('the price is the catalogue\'s: the browser names an item, and an amount it sends is refused', async () => {
      const { order, clientSecret } = await stack.createOrder('mug');
      expect(order).toMatchObject({ amount: 1200, currency: 'eur', status: 'pending' });
      expect(clientSecret).toMatch(/^pi_\w+_secret_\w+$/);
      const intent = await stack.backend.stripe.paymentIntents.retrieve(clientSecret.split('_secret_')[0]!);
      expect(intent).toMatchObject({ amount: 1200, currency: 'eur', metadata: { order_id: order.id } });
      const withAmount = await fetch(`${stack.url}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sku: 'mug', amount: 1 }) });
      expect(withAmount.status).toBe(400);
      const unknown = await fetch(`${stack.url}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sku: 'yacht' }) });
      expect(await unknown.json()).toEqual({ error: { code: 'unknown_item', message: expect.any(String) } });
    });

    test('a paid intent makes the order paid through the webhook, with one capture in the ledger', async () => {
      const { order, clientSecret } = await stack.createOrder('tshirt');
      expect((await stack.confirm(clientSecret)).body.status).toBe('succeeded');
      await stack.webhooksDelivered();
      expect(await stack.order(order.id)).toMatchObject({ status: 'paid', captured: 1999, refunded: 0 });
      expect(await stack.ledger(order.id)).toEqual([expect.objectContaining({ kind: 'capture', amount: 1999 })]);
    });

    test('a declined card fails the order; paying again with a good card makes it paid', async () => {
      const { order, clientSecret } = await stack.createOrder('stickers');
      expect((await stack.confirm(clientSecret, DECLINED)).status).toBe(402);
      await stack.webhooksDelivered();
      expect((await stack.order(order.id)).status).toBe('failed');
      expect(await stack.ledger(order.id)).toEqual([]);
      await stack.confirm(clientSecret);
      await stack.webhooksDelivered();
      expect((await stack.order(order.id)).status).toBe('paid');
    });

    test('manual capture: authorized, then a partial capture pays part and releases the rest', async () => {
      const { order, clientSecret } = await stack.createOrder('hoodie', 'manual');
      expect((await stack.confirm(clientSecret)).body.status).toBe('requires_capture');
      await stack.webhooksDelivered();
      expect(await stack.order(order.id)).toMatchObject({ status: 'authorized', authorized: 4900, captured: 0 });
      const capture = await stack.operate(order.id, 'capture', 3000);
      expect(capture.status).toBe(200);
      await stack.webhooksDelivered();
      expect(await stack.order(order.id)).toMatchObject({ status: 'paid', captured: 3000 });
      expect((await stack.ledger(order.id)).map(({ kind, amount }) => [kind, amount])).toEqual([
        ['authorization', 4900],
        ['capture', 3000],
        ['authorization_release', 1900],
      ]);
    });

    test('cancel releases an uncaptured authorization; a captured payment cannot be canceled', async () => {
      const { order, clientSecret } = await stack.createOrder('mug', 'manual');
      await stack.confirm(clientSecret);
      await stack.webhooksDelivered();
      expect((await stack.operate(order.id, 'cancel')).status).toBe(200);
      await stack.webhooksDelivered();
      expect(await stack.order(order.id)).toMatchObject({ status: 'canceled', captured: 0 });
      expect((await stack.ledger(order.id)).map(({ kind, amount }) => [kind, amount])).toEqual([
        ['authorization', 1200],
        ['authorization_release', 1200],
      ]);
      const again = await stack.operate(order.id, 'capture');
      expect(again.status).toBe(400);
      expect(again.body).toMatchObject({ error: { code: 'payment_intent_unexpected_state' } });
    });

    test('refunds: partial, repeated, one too large refused, then the rest: the order ends refunded', async () => {
      const { order, clientSecret } = await stack.createOrder('tshirt');
      await stack.confirm(clientSecret);
      await stack.webhooksDelivered();
      expect((await stack.operate(order.id, 'refund', 500)).status).toBe(200);
      await stack.webhooksDelivered();
      expect(await stack.order(order.id)).toMatchObject({ status: 'partially_refunded', refunded: 500 });
      expect((await stack.operate(order.id, 'refund', 700)).status).toBe(200);
      const tooMuch = await stack.operate(order.id, 'refund', 1000);
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.body).toMatchObject({ error: { code: 'amount_too_large' } });
      expect((await stack.operate(order.id, 'refund')).status).toBe(200);
      await stack.webhooksDelivered();
      expect(await stack.order(order.id)).toMatchObject({ status: 'refunded', captured: 1999, refunded: 1999 });
      const refunds = (await stack.ledger(order.id)).filter((entry) => entry.kind === 'refund').map((entry) => entry.amount);
      expect(refunds.sort((a, b) => a - b)).toEqual([500, 700, 799]);
    });

    test('one Idempotency-Key moves money once: a retry replays, a double click in parallel refunds once, another amount is refused', async () => {
      const { order, clientSecret } = await stack.createOrder('hoodie');
      await stack.confirm(clientSecret);
      await stack.webhooksDelivered();
      const key = randomUUID();
      const first = await stack.operate(order.id, 'refund', 100, key);
      const retry = await stack.operate(order.id, 'refund', 100, key);
      expect(first.status).toBe(200);
      expect(retry).toEqual({ ...first, replayed: true });
      const otherAmount = await stack.operate(order.id, 'refund', 200, key);
      expect(otherAmount.status).toBe(422);

      const doubleClick = randomUUID();
      const answers = await Promise.all([stack.operate(order.id, 'refund', 300, doubleClick), stack.operate(order.id, 'refund', 300, doubleClick)]);
      // One ran; the other either replayed it or was told it is still running.
      expect(answers.filter((answer) => answer.status === 200 && !answer.replayed)).toHaveLength(1);
      expect(answers.every((answer) => answer.status === 200 || answer.status === 409)).toBe(true);

      const missingKey = await stack.ops(`/api/ops/orders/${order.id}/refund`, { method: 'POST', body: '{}' });
      expect(missingKey.status).toBe(400);
      await stack.webhooksDelivered();
      const intentId = (await stack.order(order.id)).paymentIntentId;
      const atGateway = await stack.backend.stripe.refunds.list({ payment_intent: intentId, limit: 100 });
      expect(atGateway.data.map((refund) => refund.amount).sort((a, b) => a - b)).toEqual([100, 300]);
      expect((await stack.order(order.id)).refunded).toBe(400);
    });

    test('operations need the login: no session, a wrong password or another origin are refused', async () => {
      const anonymous = await fetch(`${stack.url}/api/ops/orders`);
      expect(anonymous.status).toBe(401);
      const wrong = await fetch(`${stack.url}/api/ops/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'ops', password: 'guess' }) });
      expect(wrong.status).toBe(401);
      const { order } = await stack.createOrder('mug');
      const crossSite = await stack.ops(`/api/ops/orders/${order.id}/cancel`, { method: 'POST', headers: { Origin: 'http://evil.example', 'Idempotency-Key': randomUUID() }, body: '{}' });
      expect(crossSite.status).toBe(403);
    });

    test('the ledger is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
      const { order, clientSecret } = await stack.createOrder('mug');
      await stack.confirm(clientSecret);
      await stack.webhooksDelivered();
      const db = stack.backend.db;
      await expect(db.query('UPDATE ledger_entries SET amount = 1 WHERE order_id = $1', [order.id])).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM ledger_entries WHERE order_id = $1', [order.id])).rejects.toThrow(/append-only/);
      await expect(db.query('TRUNCATE ledger_entries')).rejects.toThrow(/append-only|foreign key/);
      expect(await stack.ledger(order.id)).toEqual([expect.objectContaining({ kind: 'capture', amount: 1200 })]);
    });
  });
}
