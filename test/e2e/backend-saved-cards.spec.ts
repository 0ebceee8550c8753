// Shopper accounts and cards on file at the reference backend, on PGlite and on PostgreSQL: sign up
// (a customer at the gateway), log in and out; "Save my card" at checkout and paying again with the
// saved card; the operations team charging a saved card off session (one charge per
// Idempotency-Key), and the card that always asks for authentication (4000002760003184): the order
// waits in requires_authentication until its shopper comes back and passes the challenge. The books
// reconcile with zero mismatches. Attackers: another site's request, and another shopper.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type Stripe from 'stripe';
import { answerSandboxChallenge } from './harness/sandbox-challenge-over-http.ts';
import { BackendStack, DATABASE_TARGETS, expect, skipWithoutPostgres, startStack, test, VISA } from './backend/backend-stack.ts';
import { ShopperClient } from './backend/shopper-client.ts';

const ALWAYS_AUTHENTICATE = '4000002760003184';

function sign(secret: string, payload: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')}`;
}

for (const target of DATABASE_TARGETS) {
  test.describe(`saved cards and off-session charges on ${target}`, () => {
    let stack: BackendStack;
    const since = new Date(Date.now() - 60_000);

    test.beforeAll(async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      stack = await startStack(target, postgres, { name: 'saved-cards' });
      await stack.login();
    });
    test.afterAll(async () => {
      await stack?.close();
    });

    /** The card frame's confirm (publishable key) of the order's intent with a saved card and its re-collected CVC, as a CVC token. */
    async function confirmWithSavedCard(clientSecret: string, paymentMethod: string, cvc = '123'): Promise<Stripe.PaymentIntent> {
      const intentId = clientSecret.split('_secret_')[0];
      const browser = { Authorization: `Bearer ${stack.demo.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': randomUUID() };
      const token = await fetch(`${stack.demo.gatewayUrl}/v1/tokens`, { method: 'POST', headers: browser, body: new URLSearchParams({ 'cvc_update[cvc]': cvc }) });
      expect(token.status, await token.clone().text()).toBe(200);
      const cvcToken = ((await token.json()) as { id: string }).id;
      const response = await fetch(`${stack.demo.gatewayUrl}/v1/payment_intents/${intentId}/confirm`, {
        method: 'POST',
        headers: { ...browser, 'Idempotency-Key': randomUUID() },
        body: new URLSearchParams({ client_secret: clientSecret, payment_method: paymentMethod, 'payment_method_options[card][cvc_token]': cvcToken, return_url: `${stack.url}/shop` }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as Stripe.PaymentIntent;
    }

    /** A shopper who paid once with `number` and "Save my card" (passing the challenge when the card asks). */
    async function shopperWithSavedCard(name: string, number: string): Promise<{ shopper: ShopperClient; card: string }> {
      const shopper = ShopperClient.fresh(stack, name);
      await shopper.signUp();
      const { order, clientSecret } = await shopper.createOrder({ sku: 'mug', saveCard: true });
      const confirmed = await stack.confirm(clientSecret!, number);
      if (confirmed.body.status === 'requires_action') await answerSandboxChallenge(stack.demo.gatewayUrl, (confirmed.body as Stripe.PaymentIntent).next_action);
      await stack.webhooksDelivered();
      expect((await stack.order(order.id)).status).toBe('paid');
      const cards = await shopper.cards();
      expect(cards).toEqual([expect.objectContaining({ brand: 'visa', last4: number.slice(-4) })]);
      return { shopper, card: cards[0]!.id };
    }

    function charge(shopperId: string, body: { sku: string; paymentMethod: string }, key = randomUUID()): Promise<Response> {
      return stack.ops(`/api/ops/shoppers/${shopperId}/charges`, { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify(body) });
    }

    async function shopperId(email: string): Promise<string> {
      const response = await stack.ops('/api/ops/shoppers');
      expect(response.status).toBe(200);
      const { shoppers } = (await response.json()) as { shoppers: { id: string; email: string }[] };
      return shoppers.find((candidate) => candidate.email === email)!.id;
    }

    test('sign up (a customer at the gateway), log out, log in; the demo account logs in; wrong passwords and taken addresses are refused', async () => {
      const shopper = ShopperClient.fresh(stack, 'ada');
      await shopper.signUp();
      expect(shopper.cookie).toMatch(/^payframe_shopper=[\w-]+$/);
      const me = (await (await shopper.call('/api/shopper/me')).json()) as { shopper: { email: string }; cards: unknown[] };
      expect(me).toMatchObject({ shopper: { email: shopper.email }, cards: [] });
      const row = await stack.backend.db.query<{ customer_id: string; password_hash: string }>('SELECT customer_id, password_hash FROM shoppers WHERE email = $1', [shopper.email]);
      expect(row.rows[0]!.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(row.rows[0]!.password_hash).not.toContain(shopper.password);
      expect((await stack.backend.stripe.customers.retrieve(row.rows[0]!.customer_id)) as Stripe.Customer).toMatchObject({ email: shopper.email });

      const again = await fetch(`${stack.url}/api/shopper/signup`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: shopper.email.toUpperCase(), password: 'another password' }) });
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ error: { code: 'email_taken' } });

      expect((await shopper.call('/api/shopper/logout', { method: 'POST', body: '{}' })).status).toBe(200);
      expect((await shopper.call('/api/shopper/me')).status).toBe(401);
      const wrong = new ShopperClient(stack, shopper.email, 'not the password');
      const refused = await wrong.call('/api/shopper/login', { method: 'POST', body: JSON.stringify({ email: shopper.email, password: 'not the password' }) });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: 'invalid_credentials' } });
      await shopper.logIn();
      expect((await shopper.call('/api/shopper/me')).status).toBe(200);

      const demo = (await (await fetch(`${stack.url}/api/shopper/demo`)).json()) as { email: string; password: string };
      await new ShopperClient(stack, demo.email, demo.password).logIn();
    });

    test('"Save my card" at checkout keeps the card at the gateway; paying again with it needs only its CVC', async () => {
      const { shopper, card } = await shopperWithSavedCard('save', VISA);
      const { order, clientSecret, paymentMethod } = await shopper.createOrder({ sku: 'tshirt', paymentMethod: card });
      expect(paymentMethod).toBe(card);
      // The order's intent already names the card; the card frame sends only the CVC, as a token.
      const intentId = clientSecret.split('_secret_')[0]!;
      const before = await fetch(`${stack.demo.gatewayUrl}/v1/payment_intents/${intentId}`, { headers: { Authorization: `Bearer ${stack.demo.secretKey}` } });
      expect(await before.json()).toMatchObject({ payment_method: card, status: 'requires_confirmation' });
      const confirmed = await confirmWithSavedCard(clientSecret, card);
      expect(confirmed.status).toBe('succeeded');
      await stack.webhooksDelivered();
      expect(await stack.order(order.id)).toMatchObject({ status: 'paid', captured: 1999 });
      expect((await shopper.orders()).map((entry) => [entry.id, entry.status])).toContainEqual([order.id, 'paid']);
    });

    test("a shopper's order sent twice with one Idempotency-Key is one order and one intent, made the shopper's at once; another shopper's request with that key is refused", async () => {
      const shopper = ShopperClient.fresh(stack, 'retry');
      await shopper.signUp();
      const key = `order-${randomUUID()}`;
      const body = JSON.stringify({ sku: 'mug', saveCard: true });
      const send = (client: ShopperClient, requestBody = body) => client.call('/api/shopper/orders', { method: 'POST', headers: { 'Idempotency-Key': key }, body: requestBody });
      const first = await send(shopper);
      expect(first.status, await first.clone().text()).toBe(201);
      const again = await send(shopper);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const [a, b] = (await Promise.all([first.json(), again.json()])) as { order: { id: string }; clientSecret: string }[];
      expect(b!.order.id).toBe(a!.order.id);
      expect(b!.clientSecret).toBe(a!.clientSecret);
      expect((await shopper.orders()).filter((entry) => entry.id === a!.order.id)).toHaveLength(1);
      // The intent is the shopper's from its creation: their customer, and the card kept for later.
      const intent = await stack.backend.stripe.paymentIntents.retrieve(a!.clientSecret.split('_secret_')[0]!);
      const customer = (await stack.backend.db.query<{ customer_id: string }>('SELECT customer_id FROM shoppers WHERE email = $1', [shopper.email])).rows[0]!.customer_id;
      expect(intent).toMatchObject({ customer, setup_future_usage: 'off_session', metadata: { order_id: a!.order.id } });
      // The same key for another body, or from another shopper, is another request: refused, and nothing of the first leaks.
      const otherBody = await send(shopper, JSON.stringify({ sku: 'hoodie' }));
      expect(otherBody.status).toBe(422);
      expect(await otherBody.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
      const mallory = ShopperClient.fresh(stack, 'mallory-key');
      await mallory.signUp();
      const stolen = await send(mallory);
      expect(stolen.status).toBe(422);
      expect(JSON.stringify(await stolen.json())).not.toContain(a!.order.id);
    });

    test('operations charge a saved card off session: paid, booked, and a retried click is one charge', async () => {
      const { shopper, card } = await shopperWithSavedCard('offsession', VISA);
      const id = await shopperId(shopper.email);
      const listed = (await (await stack.ops('/api/ops/shoppers')).json()) as { shoppers: { id: string; cards: { id: string; last4: string }[] }[] };
      expect(listed.shoppers.find((entry) => entry.id === id)!.cards).toEqual([expect.objectContaining({ id: card, last4: '4242' })]);

      const key = randomUUID();
      const first = await charge(id, { sku: 'hoodie', paymentMethod: card }, key);
      expect(first.status).toBe(200);
      const answer = (await first.json()) as { order: { id: string }; paymentIntent: { id: string; status: string } };
      expect(answer.paymentIntent.status).toBe('succeeded');
      const retry = await charge(id, { sku: 'hoodie', paymentMethod: card }, key);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await retry.json()).toEqual(answer);
      // Even with the first answer lost (the key's record gone), the same key is the same order and charge.
      await stack.backend.db.query('DELETE FROM operation_requests WHERE idempotency_key = $1', [key]);
      const afterCrash = (await (await charge(id, { sku: 'hoodie', paymentMethod: card }, key)).json()) as typeof answer;
      expect(afterCrash.order.id).toBe(answer.order.id);
      expect(afterCrash.paymentIntent.id).toBe(answer.paymentIntent.id);
      await stack.webhooksDelivered();
      const customer = (await stack.backend.db.query<{ customer_id: string }>('SELECT customer_id FROM shoppers WHERE id = $1', [id])).rows[0]!.customer_id;
      const hoodies = (await stack.backend.stripe.paymentIntents.list({ limit: 100 })).data.filter((intent) => intent.customer === customer && intent.amount === 4900);
      expect(hoodies).toHaveLength(1);
      expect(await stack.order(answer.order.id)).toMatchObject({ status: 'paid', captured: 4900 });
      expect(await stack.ledger(answer.order.id)).toEqual([expect.objectContaining({ kind: 'capture', amount: 4900 })]);
      const mine = await shopper.orders();
      expect(mine.find((entry) => entry.id === answer.order.id)).toMatchObject({ status: 'paid', offSession: true });
    });

    test('4000002760003184 off session: requires_authentication (a late payment_intent.created changes nothing), the shopper authenticates, paid', async () => {
      const { shopper, card } = await shopperWithSavedCard('authenticate', ALWAYS_AUTHENTICATE);
      const id = await shopperId(shopper.email);
      const charged = await charge(id, { sku: 'tshirt', paymentMethod: card });
      expect(charged.status).toBe(402);
      const answer = (await charged.json()) as { order: { id: string }; paymentIntent: { id: string; status: string }; error: { code: string } };
      expect(answer).toMatchObject({ paymentIntent: { status: 'requires_payment_method' }, error: { code: 'authentication_required' } });
      await stack.webhooksDelivered();
      expect((await stack.order(answer.order.id)).status).toBe('requires_authentication');

      // Stripe sends payment_intent.created too, in no particular order: arriving last, in the same second, it is old news.
      const failed = stack.demo.webhooks.listEvents().find((event) => event.type === 'payment_intent.payment_failed' && (event.data.object as { id: string }).id === answer.paymentIntent.id)!;
      const created = { ...failed, id: `evt_late${randomUUID().replace(/-/g, '').slice(0, 20)}`, type: 'payment_intent.created', data: { object: { ...(failed.data.object as object), last_payment_error: null } } };
      const payload = JSON.stringify(created);
      const secret = stack.demo.webhooks.listEndpoints()[0]!.secret;
      const late = await fetch(`${stack.url}/webhooks/stripe`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': sign(secret, payload, Math.floor(Date.now() / 1000)) }, body: payload });
      expect(await late.json()).toEqual({ received: true, outcome: 'stale' });
      expect((await stack.order(answer.order.id)).status).toBe('requires_authentication');
      expect((await shopper.orders()).find((entry) => entry.id === answer.order.id)).toMatchObject({ status: 'requires_authentication', offSession: true });

      // The shopper comes back: the challenge on session, then the webhook books it.
      const authenticate = await shopper.authenticate(answer.order.id);
      expect(authenticate.status).toBe(200);
      const { clientSecret, paymentMethod } = (await authenticate.json()) as { clientSecret: string; paymentMethod: string };
      expect(paymentMethod).toBe(card);
      const confirmed = await confirmWithSavedCard(clientSecret, card);
      expect(confirmed.status).toBe('requires_action');
      await answerSandboxChallenge(stack.demo.gatewayUrl, confirmed.next_action);
      await stack.webhooksDelivered();
      expect(await stack.order(answer.order.id)).toMatchObject({ status: 'paid', captured: 1999 });
      expect((await shopper.authenticate(answer.order.id)).status).toBe(409);

      // Paying with this saved card on session asks too: the drop-in confirms with the CVC and shows the challenge.
      const again = await shopper.createOrder({ sku: 'stickers', paymentMethod: card });
      expect(again.paymentMethod).toBe(card);
      expect((await confirmWithSavedCard(again.clientSecret, card)).status).toBe('requires_action');
    });

    test('the books reconcile with zero mismatches after all of it', async () => {
      await stack.webhooksDelivered();
      const report = await stack.reconcile(since);
      expect(report.rows.filter((row) => row.result !== 'matched')).toEqual([]);
      expect(report.mismatches).toBe(0);
      expect(report.counts.matched).toBeGreaterThanOrEqual(6);
    });

    test('the run\'s logs hold no shopper password, card number, client secret or session token', async () => {
      const shopper = ShopperClient.fresh(stack, 'logs');
      await shopper.signUp();
      await new ShopperClient(stack, shopper.email, 'wrong-password-q').call('/api/shopper/login', { method: 'POST', body: JSON.stringify({ email: shopper.email, password: 'wrong-password-q' }) });
      const { clientSecret } = await shopper.createOrder({ sku: 'mug', saveCard: true });
      await stack.confirm(clientSecret!);
      await stack.webhooksDelivered();
      stack.backend.logger.flush?.();
      const logs = readFileSync(stack.logFile, 'utf8');
      expect(logs).toContain('shopper login failed');
      for (const secret of [shopper.password, 'wrong-password-q', VISA, ALWAYS_AUTHENTICATE, clientSecret!, shopper.cookie.split('=')[1]!, shopper.csrfToken]) expect(logs).not.toContain(secret);
      expect(logs).not.toMatch(/_secret_|scrypt\$/);
    });

    test('attacker: another site\'s request to the account API is refused, with the shopper\'s cookie and token', async () => {
      const shopper = ShopperClient.fresh(stack, 'victim');
      await shopper.signUp();
      // The shop's neighbour on the same site (another port), as a browser would label it, and by Origin.
      for (const headers of [{ 'Sec-Fetch-Site': 'same-site' }, { 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'http://localhost:1' }] as Record<string, string>[]) {
        const read = await shopper.call('/api/shopper/me', { headers });
        expect(read.status).toBe(403);
        expect(await read.json()).toMatchObject({ error: { code: 'cross_origin' } });
        const order = await shopper.call('/api/shopper/orders', { method: 'POST', headers, body: JSON.stringify({ sku: 'mug' }) });
        expect(order.status).toBe(403);
      }
      // Same origin but without the session's CSRF token: refused too.
      const noToken = await fetch(`${stack.url}/api/shopper/orders`, { method: 'POST', headers: { Cookie: shopper.cookie, 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' }, body: JSON.stringify({ sku: 'mug' }) });
      expect(noToken.status).toBe(403);
      expect(await noToken.json()).toMatchObject({ error: { code: 'csrf_token_invalid' } });
      expect(await shopper.orders()).toEqual([]);
    });

    test('attacker: one shopper can neither see, authenticate nor pay with another\'s order or card', async () => {
      const { shopper: victim, card } = await shopperWithSavedCard('victim2', ALWAYS_AUTHENTICATE);
      const charged = (await (await charge(await shopperId(victim.email), { sku: 'stickers', paymentMethod: card })).json()) as { order: { id: string } };
      await stack.webhooksDelivered();
      expect((await stack.order(charged.order.id)).status).toBe('requires_authentication');

      const mallory = ShopperClient.fresh(stack, 'mallory');
      await mallory.signUp();
      expect((await mallory.orders()).map((entry) => entry.id)).not.toContain(charged.order.id);
      const stolen = await mallory.authenticate(charged.order.id);
      expect(stolen.status).toBe(404);
      expect(JSON.stringify(await stolen.json())).not.toContain('_secret_');
      const pay = await mallory.call('/api/shopper/orders', { method: 'POST', body: JSON.stringify({ sku: 'hoodie', paymentMethod: card }) });
      expect(pay.status).toBe(404);
      // Nor can the operations team charge one shopper's card to another.
      expect((await charge(await shopperId(mallory.email), { sku: 'mug', paymentMethod: card })).status).toBe(404);
      expect((await stack.order(charged.order.id)).status).toBe('requires_authentication');
    });
  });
}
