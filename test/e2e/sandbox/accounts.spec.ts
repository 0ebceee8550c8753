// The sandbox gateway's accounts, judged by the official stripe SDK with two clients (no browser):
// each account's keys see only its own payment methods, intents, charges, refunds and events, and
// another account's object gets exactly Stripe's 404 for an unknown id.
import http from 'node:http';
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { rejection } from './stripe-rejection.ts';
import {
  DEFAULT_PUBLISHABLE_KEY,
  DEFAULT_SECRET_KEY,
  SandboxAccountsError,
  startSandboxGateway,
  WebhookDispatcher,
  type GatewayAccount,
  type RunningSandboxGateway,
} from '../../../src/node/sandbox/sandbox-gateway.ts';
import { startDemoServers } from '../../../demo/servers.ts';

const FIELDS_ORIGIN = 'http://127.0.0.1:4243';
const ATTACKER_FIELDS_ORIGIN = 'http://127.0.0.1:4999';
const ATTACKER = { id: 'acct_attacker', publishableKey: 'pk_test_attacker_0001', secretKey: 'sk_test_attacker_0001' };
const FUTURE_YEAR = new Date().getUTCFullYear() + 3;
const VISA = '4242424242424242';

let gateway: RunningSandboxGateway;
let merchant: Stripe;
let attacker: Stripe;

function stripeClient(key: string): Stripe {
  return new Stripe(key, { host: '127.0.0.1', port: gateway.port, protocol: 'http', maxNetworkRetries: 0 });
}

function account(id: string): GatewayAccount {
  return gateway.accounts.find((candidate) => candidate.id === id)!;
}

test.beforeAll(async () => {
  gateway = await startSandboxGateway({
    port: 0,
    publishableKey: DEFAULT_PUBLISHABLE_KEY,
    secretKey: DEFAULT_SECRET_KEY,
    allowedOrigins: [FIELDS_ORIGIN],
    webhooks: new WebhookDispatcher({ retryDelaysMs: [] }),
    accounts: [{ ...ATTACKER, allowedOrigins: [ATTACKER_FIELDS_ORIGIN], webhooks: new WebhookDispatcher({ retryDelaysMs: [] }) }],
    faultInjection: true,
  });
  merchant = stripeClient(DEFAULT_SECRET_KEY);
  attacker = stripeClient(ATTACKER.secretKey);
});

test.afterAll(async () => {
  await gateway.close();
});

async function card(client: Stripe, number = VISA): Promise<Stripe.PaymentMethod> {
  return client.paymentMethods.create({ type: 'card', card: { number, exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' } });
}

/** What Stripe answers for an id the caller's account does not have. */
function resourceMissing(message: string) {
  return { statusCode: 404, type: 'StripeInvalidRequestError', code: 'resource_missing', message };
}

async function adminStats(secretKey: string): Promise<{ account: string; payment_methods_created: number }> {
  const response = await fetch(`${gateway.url}/__sandbox/stats`, { headers: { Authorization: `Bearer ${secretKey}` } });
  expect(response.status).toBe(200);
  return response.json();
}

test('the first account comes from the single-account options; the others keep the ids they were given', () => {
  expect(gateway.accounts.map(({ publishableKey, secretKey }) => ({ publishableKey, secretKey }))).toEqual([
    { publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY },
    { publishableKey: ATTACKER.publishableKey, secretKey: ATTACKER.secretKey },
  ]);
  expect(gateway.accounts[0]!.id).toMatch(/^acct_[A-Za-z0-9]{16}$/);
  expect(gateway.accounts[1]!.id).toBe('acct_attacker');
  expect(gateway.webhooks).toBe(gateway.accounts[0]!.webhooks);
});

test("another account's secret key gets Stripe's 404 for an intent: retrieve, update, confirm, capture, cancel, refund", async () => {
  const visa = await card(merchant);
  const intent = await merchant.paymentIntents.create({ amount: 2500, currency: 'eur', capture_method: 'manual', payment_method: visa.id, confirm: true });
  expect(intent.status).toBe('requires_capture');
  const unknownId = 'pi_000000000000000000000000';
  // The baseline: what the attacker's key gets for an id that exists nowhere.
  expect(await rejection(attacker.paymentIntents.retrieve(unknownId))).toMatchObject(resourceMissing(`No such payment_intent: '${unknownId}'`));

  const missing = resourceMissing(`No such payment_intent: '${intent.id}'`);
  const attackerVisa = await card(attacker);
  expect(await rejection(attacker.paymentIntents.retrieve(intent.id))).toMatchObject(missing);
  expect(await rejection(attacker.paymentIntents.update(intent.id, { metadata: { taken: 'yes' } }))).toMatchObject(missing);
  expect(await rejection(attacker.paymentIntents.confirm(intent.id, { payment_method: attackerVisa.id }))).toMatchObject(missing);
  expect(await rejection(attacker.paymentIntents.capture(intent.id))).toMatchObject(missing);
  expect(await rejection(attacker.paymentIntents.cancel(intent.id))).toMatchObject(missing);
  expect(await rejection(attacker.refunds.create({ payment_intent: intent.id }))).toMatchObject({ ...missing, param: 'payment_intent' });
  expect((await attacker.paymentIntents.list({ limit: 100 })).data.map(({ id }) => id)).not.toContain(intent.id);

  // Nothing the attacker tried touched it: the merchant still captures the whole authorization.
  const unchanged = await merchant.paymentIntents.retrieve(intent.id);
  expect(unchanged).toMatchObject({ status: 'requires_capture', amount_capturable: 2500, metadata: {}, payment_method: visa.id });
  expect((await merchant.paymentIntents.capture(intent.id)).status).toBe('succeeded');
});

test("another account's secret key gets Stripe's 404 for its charges, refunds and payment methods", async () => {
  const visa = await card(merchant);
  const paid = await merchant.paymentIntents.create({ amount: 1200, currency: 'eur', payment_method: visa.id, confirm: true });
  const refund = await merchant.refunds.create({ payment_intent: paid.id, amount: 200 });
  const chargeId = paid.latest_charge as string;

  expect(await rejection(attacker.charges.retrieve(chargeId))).toMatchObject(resourceMissing(`No such charge: '${chargeId}'`));
  expect(await rejection(attacker.refunds.create({ charge: chargeId }))).toMatchObject({ ...resourceMissing(`No such charge: '${chargeId}'`), param: 'charge' });
  expect(await rejection(attacker.refunds.retrieve(refund.id))).toMatchObject(resourceMissing(`No such refund: '${refund.id}'`));
  expect((await attacker.refunds.list({ payment_intent: paid.id })).data).toEqual([]);
  expect((await attacker.charges.list({ payment_intent: paid.id })).data).toEqual([]);
  expect(await rejection(attacker.rawRequest('GET', `/v1/charges/${chargeId}/refunds`, {}))).toMatchObject(resourceMissing(`No such charge: '${chargeId}'`));
  expect(await rejection(attacker.paymentMethods.retrieve(visa.id))).toMatchObject(resourceMissing(`No such PaymentMethod: '${visa.id}'`));
  // The merchant's own key still sees all of it.
  expect((await merchant.refunds.retrieve(refund.id)).amount).toBe(200);
  expect((await merchant.charges.retrieve(chargeId)).amount_refunded).toBe(200);
  expect((await merchant.charges.list({ payment_intent: paid.id })).data.map((charge) => charge.id)).toEqual([chargeId]);
});

test("another account's payment method cannot pay an intent: create and confirm get No such PaymentMethod", async () => {
  const merchantVisa = await card(merchant);
  const missing = { ...resourceMissing(`No such PaymentMethod: '${merchantVisa.id}'`), param: 'payment_method' };
  expect(await rejection(attacker.paymentIntents.create({ amount: 5000, currency: 'eur', payment_method: merchantVisa.id, confirm: true }))).toMatchObject(missing);
  const attackerIntent = await attacker.paymentIntents.create({ amount: 5000, currency: 'eur' });
  expect(await rejection(attacker.paymentIntents.confirm(attackerIntent.id, { payment_method: merchantVisa.id }))).toMatchObject(missing);
  expect(await rejection(attacker.paymentIntents.update(attackerIntent.id, { payment_method: merchantVisa.id }))).toMatchObject(missing);
  const after = await attacker.paymentIntents.retrieve(attackerIntent.id);
  expect(after).toMatchObject({ status: 'requires_payment_method', latest_charge: null, amount_received: 0 });
});

test("a publishable key confirming with another account's client_secret gets the 404, and the card is never charged", async () => {
  const intent = await merchant.paymentIntents.create({ amount: 3100, currency: 'eur' });
  const attackerBrowser = stripeClient(ATTACKER.publishableKey);
  const attackerCreatedBefore = (await adminStats(ATTACKER.secretKey)).payment_methods_created;
  const merchantCreatedBefore = (await adminStats(DEFAULT_SECRET_KEY)).payment_methods_created;
  // What Stripe.js sends on confirm: the client_secret and the card as payment_method_data.
  const confirmParams = {
    client_secret: intent.client_secret,
    payment_method_data: { type: 'card', card: { number: VISA, exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' } },
  } as unknown as Stripe.PaymentIntentConfirmParams;
  const missing = resourceMissing(`No such payment_intent: '${intent.id}'`);
  expect(await rejection(attackerBrowser.paymentIntents.confirm(intent.id, confirmParams))).toMatchObject(missing);
  expect(await rejection(attackerBrowser.paymentIntents.retrieve(intent.id, { client_secret: intent.client_secret } as Stripe.PaymentIntentRetrieveParams))).toMatchObject(missing);

  // The card went nowhere: no payment method in either account, no charge on the intent.
  expect((await adminStats(ATTACKER.secretKey)).payment_methods_created).toBe(attackerCreatedBefore);
  expect((await adminStats(DEFAULT_SECRET_KEY)).payment_methods_created).toBe(merchantCreatedBefore);
  expect(await merchant.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'requires_payment_method', latest_charge: null, payment_method: null, amount_received: 0 });

  // The same confirm with the merchant's own publishable key pays: the 404 above was the account, not the request.
  const paid = await stripeClient(DEFAULT_PUBLISHABLE_KEY).paymentIntents.confirm(intent.id, confirmParams);
  expect(paid.status).toBe('succeeded');
  expect((await adminStats(DEFAULT_SECRET_KEY)).payment_methods_created).toBe(merchantCreatedBefore + 1);
});

test("an account's extra (rolled) keys act for it and see its objects; they see no other account's", async () => {
  const rolled = await startSandboxGateway({
    port: 0,
    accounts: [
      { id: 'acct_rolling', publishableKey: 'pk_test_new', secretKey: 'sk_test_new', extraPublishableKeys: ['pk_test_old'], extraSecretKeys: ['sk_test_old'] },
      { id: 'acct_else', publishableKey: 'pk_test_else', secretKey: 'sk_test_else' },
    ],
  });
  try {
    const client = (key: string) => new Stripe(key, { host: '127.0.0.1', port: rolled.port, protocol: 'http', maxNetworkRetries: 0 });
    expect(rolled.accounts[0]).toMatchObject({ publishableKeys: ['pk_test_new', 'pk_test_old'], secretKeys: ['sk_test_new', 'sk_test_old'] });
    const intent = await client('sk_test_new').paymentIntents.create({ amount: 640, currency: 'eur' });
    expect((await client('sk_test_old').paymentIntents.retrieve(intent.id)).id).toBe(intent.id);
    const browserView = await client('pk_test_old').paymentIntents.retrieve(intent.id, { client_secret: intent.client_secret } as Stripe.PaymentIntentRetrieveParams);
    expect(browserView.status).toBe('requires_payment_method');
    expect(await rejection(client('sk_test_else').paymentIntents.retrieve(intent.id))).toMatchObject(resourceMissing(`No such payment_intent: '${intent.id}'`));
    // A publishable key stays a publishable key, however many an account has.
    expect(await rejection(client('pk_test_old').paymentIntents.list())).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  } finally {
    await rolled.close();
  }
});

test('one idempotency key in two accounts makes two objects, one in each', async () => {
  const idempotencyKey = `order-shared-${Date.now()}`;
  const mine = await merchant.paymentIntents.create({ amount: 700, currency: 'eur' }, { idempotencyKey });
  const theirs = await attacker.paymentIntents.create({ amount: 700, currency: 'eur' }, { idempotencyKey });
  expect(theirs.id).not.toBe(mine.id);
  expect(theirs.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  expect((await attacker.paymentIntents.retrieve(theirs.id)).id).toBe(theirs.id);
  expect(await rejection(attacker.paymentIntents.retrieve(mine.id))).toMatchObject({ statusCode: 404 });
});

test("a browser may use a key only from its own account's fields origins", async () => {
  const tokenize = (key: string, origin: string) =>
    fetch(`${gateway.url}/v1/payment_methods`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
      body: new URLSearchParams({ type: 'card', 'card[number]': VISA, 'card[exp_month]': '12', 'card[exp_year]': String(FUTURE_YEAR), 'card[cvc]': '123' }),
    });
  const before = (await adminStats(DEFAULT_SECRET_KEY)).payment_methods_created;
  const fromAttackerOrigin = await tokenize(DEFAULT_PUBLISHABLE_KEY, ATTACKER_FIELDS_ORIGIN);
  expect(fromAttackerOrigin.status).toBe(403);
  expect((await fromAttackerOrigin.json()).error).toMatchObject({ code: 'origin_not_allowed' });
  expect((await adminStats(DEFAULT_SECRET_KEY)).payment_methods_created).toBe(before);

  const fromOwnOrigin = await tokenize(DEFAULT_PUBLISHABLE_KEY, FIELDS_ORIGIN);
  expect(fromOwnOrigin.status).toBe(200);
  expect(fromOwnOrigin.headers.get('access-control-allow-origin')).toBe(FIELDS_ORIGIN);
  expect((await tokenize(ATTACKER.publishableKey, FIELDS_ORIGIN)).status).toBe(403);
  expect((await tokenize(ATTACKER.publishableKey, ATTACKER_FIELDS_ORIGIN)).status).toBe(200);
  // A preflight carries no key: any account's origin passes it, an origin no account lists does not.
  const preflight = (origin: string) => fetch(`${gateway.url}/v1/payment_methods`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
  expect((await preflight(ATTACKER_FIELDS_ORIGIN)).headers.get('access-control-allow-origin')).toBe(ATTACKER_FIELDS_ORIGIN);
  expect((await preflight('http://127.0.0.1:1')).status).toBe(403);
});

interface Receiver {
  url: string;
  events: Stripe.Event[];
  close(): Promise<void>;
}

/** A webhook endpoint that keeps each event it can verify with `secret()`. */
async function webhookReceiver(secret: () => string): Promise<Receiver> {
  const events: Stripe.Event[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        events.push(merchant.webhooks.constructEvent(Buffer.concat(chunks), String(req.headers['stripe-signature']), secret()));
        res.end('ok');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, events, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function registerEndpoint(secretKey: string, url: string): Promise<{ id: string; secret: string }> {
  const response = await fetch(`${gateway.url}/__sandbox/webhook_endpoints`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ url }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

test("webhooks go to the owning account's endpoints only, signed with that endpoint's secret", async () => {
  let merchantSecret = '';
  let attackerSecret = '';
  const merchantReceiver = await webhookReceiver(() => merchantSecret);
  const attackerReceiver = await webhookReceiver(() => attackerSecret);
  const merchantEndpoint = await registerEndpoint(DEFAULT_SECRET_KEY, merchantReceiver.url);
  const attackerEndpoint = await registerEndpoint(ATTACKER.secretKey, attackerReceiver.url);
  merchantSecret = merchantEndpoint.secret;
  attackerSecret = attackerEndpoint.secret;
  try {
    const mine = await merchant.paymentIntents.create({ amount: 900, currency: 'eur', payment_method: (await card(merchant)).id, confirm: true });
    const theirs = await attacker.paymentIntents.create({ amount: 800, currency: 'eur', payment_method: (await card(attacker)).id, confirm: true });
    await Promise.all(gateway.accounts.map((each) => each.webhooks.idle()));

    const intentIds = (receiver: Receiver) => receiver.events.map((event) => (event.data.object as { id: string }).id);
    expect(merchantReceiver.events.map((event) => event.type)).toEqual(['payment_intent.succeeded']);
    expect(intentIds(merchantReceiver)).toEqual([mine.id]);
    expect(attackerReceiver.events.map((event) => event.type)).toEqual(['payment_intent.succeeded']);
    expect(intentIds(attackerReceiver)).toEqual([theirs.id]);

    // The admin API lists each account's own endpoints and events.
    const listed = async (secretKey: string, path: string) => (await (await fetch(`${gateway.url}${path}`, { headers: { Authorization: `Bearer ${secretKey}` } })).json()).data as { id: string }[];
    expect((await listed(ATTACKER.secretKey, '/__sandbox/webhook_endpoints')).map(({ id }) => id)).toEqual([attackerEndpoint.id]);
    const attackerEvents = await listed(ATTACKER.secretKey, '/__sandbox/events');
    expect(attackerEvents.length).toBeGreaterThan(0);
    expect(attackerEvents.map((event) => (event as unknown as Stripe.Event).data.object)).not.toContainEqual(expect.objectContaining({ id: mine.id }));
    const merchantEventId = merchantReceiver.events[0]!.id;
    const replay = await fetch(`${gateway.url}/__sandbox/events/${merchantEventId}/replay`, { method: 'POST', headers: { Authorization: `Bearer ${ATTACKER.secretKey}` } });
    expect(replay.status).toBe(404);
    expect(account('acct_attacker').webhooks.event(merchantEventId)).toBeUndefined();
  } finally {
    account('acct_attacker').webhooks.removeEndpoint(attackerEndpoint.id);
    gateway.webhooks.removeEndpoint(merchantEndpoint.id);
    await Promise.all([merchantReceiver.close(), attackerReceiver.close()]);
  }
});

test('accounts that cannot be told apart, or hold live keys, are refused at start with a typed error', async () => {
  const refusal = async (accounts: Parameters<typeof startSandboxGateway>[0]['accounts']) => {
    const error = await startSandboxGateway({ port: 0, publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY, accounts }).then(
      (started) => started.close(),
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(SandboxAccountsError);
    return error as SandboxAccountsError;
  };
  expect(await refusal([{ publishableKey: 'pk_test_other', secretKey: DEFAULT_SECRET_KEY }])).toMatchObject({ code: 'duplicate_api_key', message: expect.stringContaining('accounts[1]: one of its secret keys') });
  expect(await refusal([{ publishableKey: 'pk_test_other', secretKey: 'sk_test_other', extraPublishableKeys: [DEFAULT_PUBLISHABLE_KEY] }])).toMatchObject({ code: 'duplicate_api_key', message: expect.not.stringContaining(DEFAULT_PUBLISHABLE_KEY) });
  expect(await refusal([{ publishableKey: 'pk_live_Abc_9', secretKey: 'sk_test_other' }])).toMatchObject({ code: 'invalid_api_key', message: expect.not.stringContaining('Abc_9') });
  expect(await refusal([{ id: 'acct_x', publishableKey: 'pk_test_a', secretKey: 'sk_test_a' }, { id: 'acct_x', publishableKey: 'pk_test_b', secretKey: 'sk_test_b' }])).toMatchObject({ code: 'duplicate_account_id' });
  expect(await refusal([{ publishableKey: 'pk_test_a', secretKey: 'sk_test_a', allowedOrigins: ['http://127.0.0.1:4243/'] }])).toMatchObject({ code: 'invalid_origin' });
});

test("the demo's servers hold extra gateway accounts, allowed from the fields origin, apart from the demo's", async () => {
  const demo = await startDemoServers({ merchantPort: 0, fieldsPort: 0, gatewayPort: 0, extraGatewayAccounts: [ATTACKER] });
  try {
    expect(demo.gatewayAccounts.map(({ publishableKey, allowedOrigins }) => ({ publishableKey, allowedOrigins }))).toEqual([
      { publishableKey: demo.publishableKey, allowedOrigins: [demo.fieldsOrigin] },
      { publishableKey: ATTACKER.publishableKey, allowedOrigins: [demo.fieldsOrigin] },
    ]);
    const client = (key: string) => new Stripe(key, { host: '127.0.0.1', port: Number(new URL(demo.gatewayUrl).port), protocol: 'http', maxNetworkRetries: 0 });
    const shop = client(demo.secretKey);
    const intent = await shop.paymentIntents.create({ amount: 1500, currency: 'eur' });
    expect(await rejection(client(ATTACKER.secretKey).paymentIntents.retrieve(intent.id))).toMatchObject(resourceMissing(`No such payment_intent: '${intent.id}'`));
    // The attacker's key is served from the fields origin like the demo's (the hostile suite's premise).
    const tokenized = await fetch(`${demo.gatewayUrl}/v1/payment_methods`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ATTACKER.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded', Origin: demo.fieldsOrigin },
      body: new URLSearchParams({ type: 'card', 'card[number]': VISA, 'card[exp_month]': '12', 'card[exp_year]': String(FUTURE_YEAR), 'card[cvc]': '123' }),
    });
    expect(tokenized.status).toBe(200);
    expect(demo.gatewayAccounts[1]!.paymentMethods.createdCount).toBe(1);
    expect(demo.gatewayAccounts[0]!.paymentMethods.createdCount).toBe(0);
  } finally {
    await demo.close();
  }
});
