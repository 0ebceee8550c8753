// The browser-facing rules of the sandbox's PaymentIntents over plain HTTP (no browser): what the
// publishable key may do with a client_secret, what it may never do, and the challenge page's guards.
import { expect, test } from '@playwright/test';
import {
  DEFAULT_PUBLISHABLE_KEY,
  DEFAULT_SECRET_KEY,
  PaymentMethodStore,
  startSandboxGateway,
  type RunningSandboxGateway,
} from '../../src/node/sandbox/sandbox-gateway.ts';

const FIELDS_ORIGIN = 'http://127.0.0.1:4243';
const FUTURE_YEAR = String(new Date().getUTCFullYear() + 3);

let gateway: RunningSandboxGateway;
const paymentMethods = new PaymentMethodStore();

test.beforeAll(async () => {
  gateway = await startSandboxGateway({ port: 0, publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY, allowedOrigins: [FIELDS_ORIGIN], store: paymentMethods });
});

test.afterAll(async () => {
  await gateway.close();
});

interface CallOptions {
  key?: string;
  /** Sent as a form body (POST) or query string (GET). */
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

async function call(method: 'GET' | 'POST', path: string, { key = DEFAULT_SECRET_KEY, params = {}, headers = {} }: CallOptions = {}) {
  const form = new URLSearchParams(params).toString();
  const url = method === 'GET' && form !== '' ? `${gateway.url}${path}?${form}` : `${gateway.url}${path}`;
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}), ...headers },
    ...(method === 'POST' ? { body: form } : {}),
  });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text), headers: response.headers };
}

const asBrowser = { key: DEFAULT_PUBLISHABLE_KEY };

async function paymentMethod(number: string): Promise<string> {
  const { json } = await call('POST', '/v1/payment_methods', {
    ...asBrowser,
    params: { type: 'card', 'card[number]': number, 'card[exp_month]': '12', 'card[exp_year]': FUTURE_YEAR, 'card[cvc]': '123' },
  });
  return json.id;
}

async function newIntent(params: Record<string, string> = {}) {
  return (await call('POST', '/v1/payment_intents', { params: { amount: '1999', currency: 'eur', 'metadata[order]': 'A-7', ...params } })).json;
}

test('a browser reads its own intent with the publishable key and client_secret, without the merchant-only fields', async () => {
  const intent = await newIntent();
  const { status, json } = await call('GET', `/v1/payment_intents/${intent.id}`, { ...asBrowser, params: { client_secret: intent.client_secret } });
  expect(status).toBe(200);
  expect(json).toMatchObject({ id: intent.id, object: 'payment_intent', amount: 1999, currency: 'eur', status: 'requires_payment_method', client_secret: intent.client_secret, livemode: false });
  for (const merchantOnly of ['metadata', 'amount_received', 'amount_capturable', 'latest_charge', 'customer']) expect(json).not.toHaveProperty(merchantOnly);
});

test('a wrong client_secret gets the same 404 as an unknown intent; none at all gets 401', async () => {
  const intent = await newIntent();
  const other = await newIntent();
  const unknownId = 'pi_doesnotexist0000000000000';
  const wrongSecret = await call('GET', `/v1/payment_intents/${intent.id}`, { ...asBrowser, params: { client_secret: `${intent.id}_secret_wrong` } });
  const othersSecret = await call('GET', `/v1/payment_intents/${intent.id}`, { ...asBrowser, params: { client_secret: other.client_secret } });
  const unknown = await call('GET', `/v1/payment_intents/${unknownId}`, { ...asBrowser, params: { client_secret: other.client_secret } });
  for (const answer of [wrongSecret, othersSecret]) {
    expect(answer.status).toBe(404);
    expect(answer.json.error).toEqual({ type: 'invalid_request_error', code: 'resource_missing', param: 'id', message: `No such payment_intent: '${intent.id}'` });
    expect(answer.text).not.toContain(other.id);
  }
  expect(unknown.json.error).toEqual({ ...wrongSecret.json.error, message: `No such payment_intent: '${unknownId}'` });

  const confirmWithOthersSecret = await call('POST', `/v1/payment_intents/${intent.id}/confirm`, {
    ...asBrowser,
    params: { client_secret: other.client_secret, payment_method: await paymentMethod('4242424242424242') },
  });
  expect(confirmWithOthersSecret.status).toBe(404);
  expect((await call('GET', `/v1/payment_intents/${intent.id}`)).json.status).toBe('requires_payment_method');

  const noSecret = await call('GET', `/v1/payment_intents/${intent.id}`, asBrowser);
  expect(noSecret.status).toBe(401);
});

test('a browser confirms with payment_method and its client_secret, from the fields origin', async () => {
  const intent = await newIntent();
  const { status, json, headers } = await call('POST', `/v1/payment_intents/${intent.id}/confirm`, {
    ...asBrowser,
    params: { client_secret: intent.client_secret, payment_method: await paymentMethod('5555555555554444') },
    headers: { Origin: FIELDS_ORIGIN },
  });
  expect(status).toBe(200);
  expect(headers.get('access-control-allow-origin')).toBe(FIELDS_ORIGIN);
  expect(json).toMatchObject({ id: intent.id, status: 'succeeded' });
  expect(json).not.toHaveProperty('metadata');
  expect((await call('GET', `/v1/payment_intents/${intent.id}`)).json).toMatchObject({ status: 'succeeded', amount_received: 1999, metadata: { order: 'A-7' } });
});

test('a browser confirms with payment_method_data as Stripe.js does: the card is checked, kept as last4 only, never echoed', async () => {
  const intent = await newIntent();
  const card = { 'payment_method_data[type]': 'card', 'payment_method_data[card][exp_month]': '12', 'payment_method_data[card][exp_year]': FUTURE_YEAR, 'payment_method_data[card][cvc]': '737' };

  const badNumber = await call('POST', `/v1/payment_intents/${intent.id}/confirm`, {
    ...asBrowser,
    params: { client_secret: intent.client_secret, ...card, 'payment_method_data[card][number]': '4242424242424241' },
  });
  expect(badNumber.status).toBe(402);
  expect(badNumber.json.error).toMatchObject({ type: 'card_error', code: 'incorrect_number', param: 'payment_method_data[card][number]' });
  expect(badNumber.text).not.toContain('4242424242424241');

  const paid = await call('POST', `/v1/payment_intents/${intent.id}/confirm`, {
    ...asBrowser,
    params: { client_secret: intent.client_secret, ...card, 'payment_method_data[card][number]': '4242424242424242' },
  });
  expect(paid.status).toBe(200);
  expect(paid.json.status).toBe('succeeded');
  expect(paid.text).not.toContain('4242424242424242');
  expect(paid.text).not.toMatch(/\b737\b/);
  const stored = paymentMethods.get(paid.json.payment_method);
  expect(stored?.paymentMethod.type === 'card' && stored.paymentMethod.card.last4).toBe('4242');
  expect(JSON.stringify(stored)).not.toContain('4242424242424242');
  expect(JSON.stringify(stored)).not.toMatch(/\b737\b/);
});

test('a browser\'s declined confirm is a 402 card_error carrying the browser\'s view of the intent', async () => {
  const intent = await newIntent();
  const { status, json } = await call('POST', `/v1/payment_intents/${intent.id}/confirm`, {
    ...asBrowser,
    params: { client_secret: intent.client_secret, payment_method: await paymentMethod('4000000000009987') },
  });
  expect(status).toBe(402);
  expect(json.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'lost_card', message: 'Your card was declined.' });
  expect(json.error.payment_intent).toMatchObject({ id: intent.id, status: 'requires_payment_method', last_payment_error: { decline_code: 'lost_card' } });
  expect(json.error.payment_intent).not.toHaveProperty('metadata');
  expect(json.error.payment_method.card.last4).toBe('9987');
});

test('the 3-D Secure support card 4000000000003055 pays from the browser with no challenge', async () => {
  const intent = await newIntent();
  const { json } = await call('POST', `/v1/payment_intents/${intent.id}/confirm`, {
    ...asBrowser,
    params: { client_secret: intent.client_secret, payment_method: await paymentMethod('4000000000003055'), return_url: 'https://shop.example/done' },
  });
  expect(json).toMatchObject({ status: 'succeeded', next_action: null });
});

test('the publishable key can never create, update, capture, cancel, refund or list, even with a client_secret', async () => {
  const intent = await newIntent({ capture_method: 'manual', payment_method: await paymentMethod('4242424242424242'), confirm: 'true' });
  const withSecret = { client_secret: intent.client_secret };
  const attempts = [
    call('POST', '/v1/payment_intents', { ...asBrowser, params: { amount: '1', currency: 'eur' } }),
    call('POST', `/v1/payment_intents/${intent.id}`, { ...asBrowser, params: { ...withSecret, amount: '1' } }),
    call('POST', `/v1/payment_intents/${intent.id}/capture`, { ...asBrowser, params: withSecret }),
    call('POST', `/v1/payment_intents/${intent.id}/cancel`, { ...asBrowser, params: withSecret }),
    call('POST', '/v1/refunds', { ...asBrowser, params: { payment_intent: intent.id } }),
    call('GET', '/v1/refunds', asBrowser),
    call('GET', '/v1/payment_intents', asBrowser),
    call('GET', `/v1/charges/${intent.latest_charge}`, asBrowser),
  ];
  for (const answer of await Promise.all(attempts)) {
    expect(answer.status).toBe(401);
    expect(answer.json.error.message).toMatch(/^This API call cannot be made with a publishable API key/);
  }
  expect((await call('GET', `/v1/payment_intents/${intent.id}`)).json).toMatchObject({ status: 'requires_capture', amount: 1999 });
});

test('a browser cannot slip in fields confirm does not take (amount, capture_method)', async () => {
  const intent = await newIntent();
  for (const [name, value] of [['amount', '1'], ['capture_method', 'manual']]) {
    const { status, json } = await call('POST', `/v1/payment_intents/${intent.id}/confirm`, {
      ...asBrowser,
      params: { client_secret: intent.client_secret, payment_method: await paymentMethod('4242424242424242'), [name!]: value! },
    });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: 'parameter_unknown', param: name });
  }
  expect((await call('GET', `/v1/payment_intents/${intent.id}`)).json).toMatchObject({ amount: 1999, status: 'requires_payment_method' });
});

test('Idempotency-Key covers a browser confirm: a retry replays the first answer', async () => {
  const intent = await newIntent();
  const params = { client_secret: intent.client_secret, payment_method: await paymentMethod('4242424242424242') };
  const headers = { 'Idempotency-Key': `confirm-${intent.id}` };
  const first = await call('POST', `/v1/payment_intents/${intent.id}/confirm`, { ...asBrowser, params, headers });
  const retry = await call('POST', `/v1/payment_intents/${intent.id}/confirm`, { ...asBrowser, params, headers });
  expect(retry.headers.get('idempotent-replayed')).toBe('true');
  expect(retry.text).toBe(first.text);
  expect(retry.status).toBe(200);
});

test('a superseded or finished challenge is gone: a new confirm voids the old page', async () => {
  const intent = await newIntent({ payment_method: await paymentMethod('4000002760003184'), confirm: 'true' });
  const firstPage = intent.next_action.redirect_to_url.url as string;
  expect((await fetch(firstPage)).status).toBe(200);

  const reconfirmed = (await call('POST', `/v1/payment_intents/${intent.id}/confirm`)).json;
  const secondPage = reconfirmed.next_action.redirect_to_url.url as string;
  expect(secondPage).not.toBe(firstPage);
  const stale = await fetch(firstPage);
  expect(stale.status).toBe(410);
  expect(stale.headers.get('content-type')).toBe('text/html; charset=utf-8');

  // Changing the amount means confirming again: the pending challenge is voided too.
  await call('POST', `/v1/payment_intents/${intent.id}`, { params: { amount: '2500' } });
  expect((await fetch(secondPage)).status).toBe(410);
  expect((await call('GET', `/v1/payment_intents/${intent.id}`)).json).toMatchObject({ status: 'requires_confirmation', next_action: null, amount: 2500 });
});

test('the challenge form refuses posts from other origins, and unknown challenges are 404 pages', async () => {
  const intent = await newIntent({ payment_method: await paymentMethod('4000002760003184'), confirm: 'true' });
  const url = intent.next_action.redirect_to_url.url as string;
  const html = await (await fetch(url)).text();
  const code = /Enter <strong class="code">(\d{6})<\/strong>/.exec(html)![1]!;

  const forged = await fetch(url, {
    method: 'POST',
    headers: { Origin: 'http://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ code, outcome: 'complete' }),
  });
  expect(forged.status).toBe(403);
  // Browsers mark a form posted from another site, whatever its Origin says.
  const crossSite = await fetch(url, {
    method: 'POST',
    headers: { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ code, outcome: 'complete' }),
  });
  expect(crossSite.status).toBe(403);
  expect((await call('GET', `/v1/payment_intents/${intent.id}`)).json.status).toBe('requires_action');

  const unknown = await fetch(`${gateway.url}/3ds/challenge/payatt_000000000000000000000000`);
  expect(unknown.status).toBe(404);
  expect(await unknown.text()).toContain('<h1>Authentication not found</h1>');
  const badParent = await fetch(`${url}?parent_origin=${encodeURIComponent('https://shop.example/path')}`);
  expect(badParent.status).toBe(400);
});
