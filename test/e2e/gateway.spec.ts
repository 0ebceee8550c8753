// End-to-end tests of the sandbox payment gateway over real HTTP (no browser): Stripe's
// response shapes, error statuses, auth, CORS, idempotency and the no-card-data-out rule.
import { expect, test } from '@playwright/test';
import {
  DEFAULT_PUBLISHABLE_KEY,
  DEFAULT_SECRET_KEY,
  PaymentMethodStore,
  startSandboxGateway,
  type RunningSandboxGateway,
} from '../../src/node/sandbox/sandbox-gateway.ts';

const FIELDS_ORIGIN = 'http://127.0.0.1:4243';
const OTHER_ORIGIN = 'http://evil.example';
const FUTURE_YEAR = new Date().getUTCFullYear() + 3;

let gateway: RunningSandboxGateway;
const store = new PaymentMethodStore();

test.beforeAll(async () => {
  gateway = await startSandboxGateway({
    port: 0,
    publishableKey: DEFAULT_PUBLISHABLE_KEY,
    secretKey: DEFAULT_SECRET_KEY,
    allowedOrigins: [FIELDS_ORIGIN],
    store,
  });
});

test.afterAll(async () => {
  await gateway.close();
});

interface CardFields {
  number?: string;
  exp_month?: string;
  exp_year?: string;
  cvc?: string;
}

/** Form body with unencoded brackets, as stripe-node sends it. */
function cardForm(card: CardFields, extra: Record<string, string> = {}): string {
  const pairs: string[] = ['type=card'];
  for (const [field, value] of Object.entries(card)) {
    if (value !== undefined) pairs.push(`card[${field}]=${encodeURIComponent(value)}`);
  }
  for (const [name, value] of Object.entries(extra)) pairs.push(`${name}=${encodeURIComponent(value)}`);
  return pairs.join('&');
}

function visa(overrides: CardFields = {}): CardFields {
  return { number: '4242424242424242', exp_month: '12', exp_year: String(FUTURE_YEAR), cvc: '123', ...overrides };
}

async function post(
  body: string,
  { key = DEFAULT_PUBLISHABLE_KEY as string | null, headers = {} as Record<string, string> } = {},
) {
  const response = await fetch(`${gateway.url}/v1/payment_methods`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(key === null ? {} : { Authorization: `Bearer ${key}` }),
      ...headers,
    },
    body,
  });
  const text = await response.text();
  return { response, text, json: JSON.parse(text || 'null') };
}

async function get(path: string, key: string | null = DEFAULT_SECRET_KEY) {
  const response = await fetch(`${gateway.url}${path}`, {
    headers: key === null ? {} : { Authorization: `Bearer ${key}` },
  });
  const text = await response.text();
  return { response, text, json: JSON.parse(text) };
}

test('creates a Visa payment method in Stripe\'s shape without echoing the number or CVC', async () => {
  const { response, text, json } = await post(cardForm(visa({ cvc: '987' })));
  expect(response.status).toBe(200);
  expect(json.id).toMatch(/^pm_[A-Za-z0-9]{24}$/);
  expect(json).toMatchObject({
    object: 'payment_method',
    type: 'card',
    customer: null,
    livemode: false,
    metadata: {},
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
    },
    card: {
      brand: 'visa',
      display_brand: 'visa',
      last4: '4242',
      exp_month: 12,
      exp_year: FUTURE_YEAR,
      funding: 'credit',
      country: 'US',
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'unchecked' },
      networks: { available: ['visa'], preferred: null },
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
  });
  expect(json.card.fingerprint).toMatch(/^[A-Za-z0-9]{16}$/);
  expect(Math.abs(json.created - Date.now() / 1000)).toBeLessThan(60);
  expect(text).not.toContain('4242424242424242');
  // As a standalone token: the random id, fingerprint or timestamp may contain these digits.
  expect(text).not.toMatch(/\b987\b/);
});

test('fingerprint is stable per number; cvc_check is null without a CVC', async () => {
  const first = await post(cardForm(visa({ cvc: undefined })));
  const second = await post(cardForm(visa({ exp_month: '1' })));
  const other = await post(cardForm({ ...visa(), number: '5555555555554444' }));
  expect(first.json.card.checks.cvc_check).toBeNull();
  expect(first.json.card.fingerprint).toBe(second.json.card.fingerprint);
  expect(first.json.card.fingerprint).not.toBe(other.json.card.fingerprint);
  expect(first.json.id).not.toBe(second.json.id);
});

test('detects brands, funding and country of Stripe test cards', async () => {
  const cases = [
    { number: '378282246310005', cvc: '1234', brand: 'amex', display: 'american_express', last4: '0005' },
    { number: '2223003122003222', cvc: '123', brand: 'mastercard', display: 'mastercard', last4: '3222' },
    { number: '6205500000000000004', cvc: '123', brand: 'unionpay', display: 'union_pay', last4: '0004', country: 'CN' },
    { number: '36227206271667', cvc: '123', brand: 'diners', display: 'diners_club', last4: '1667' },
    { number: '3566002020360505', cvc: '123', brand: 'jcb', display: 'jcb', last4: '0505', country: 'JP' },
    { number: '5200828282828210', cvc: '123', brand: 'mastercard', display: 'mastercard', last4: '8210', funding: 'debit' },
  ];
  for (const c of cases) {
    const { response, json } = await post(cardForm(visa({ number: c.number, cvc: c.cvc })));
    expect(response.status, c.number).toBe(200);
    expect(json.card, c.number).toMatchObject({
      brand: c.brand,
      display_brand: c.display,
      last4: c.last4,
      country: c.country ?? 'US',
      funding: c.funding ?? 'credit',
      networks: { available: [c.brand] },
    });
  }
});

test('strips spaces and dashes from the number and reads a 2-digit year as 20YY', async () => {
  const twoDigitYear = String(FUTURE_YEAR % 100).padStart(2, '0');
  const { response, json } = await post(cardForm(visa({ number: '4242 4242-4242 4242', exp_month: '03', exp_year: twoDigitYear })));
  expect(response.status).toBe(200);
  expect(json.card.exp_year).toBe(FUTURE_YEAR);
  expect(json.card.exp_month).toBe(3);
  expect(json.card.last4).toBe('4242');
});

test('accepts percent-encoded and raw brackets, echoing billing_details and metadata', async () => {
  const raw = await post(
    cardForm(visa(), {
      'billing_details[name]': 'Jane Doe',
      'billing_details[address][postal_code]': '94107',
      'metadata[order_id]': '6735',
    }),
  );
  const encoded = await post(
    [
      'type=card',
      `card%5Bnumber%5D=4242424242424242`,
      `card%5Bexp_month%5D=12`,
      `card%5Bexp_year%5D=${FUTURE_YEAR}`,
      `billing_details%5Bemail%5D=jane%40example.com`,
      `metadata%5Border_id%5D=6735`,
    ].join('&'),
  );
  for (const { response, json } of [raw, encoded]) {
    expect(response.status).toBe(200);
    expect(json.card.last4).toBe('4242');
    expect(json.metadata).toEqual({ order_id: '6735' });
  }
  expect(raw.json.billing_details.name).toBe('Jane Doe');
  expect(raw.json.billing_details.address.postal_code).toBe('94107');
  expect(raw.json.billing_details.address.city).toBeNull();
  expect(encoded.json.billing_details.email).toBe('jane@example.com');
});

test('accepts HTTP Basic auth with the key as the username, as stripe-node can send', async () => {
  const basic = Buffer.from(`${DEFAULT_SECRET_KEY}:`).toString('base64');
  const { response } = await post(cardForm(visa()), { key: null, headers: { Authorization: `Basic ${basic}` } });
  expect(response.status).toBe(200);
});

test('401 without a key and with an unknown key, never echoing the key', async () => {
  const missing = await post(cardForm(visa()), { key: null });
  expect(missing.response.status).toBe(401);
  expect(missing.json.error.type).toBe('invalid_request_error');
  expect(missing.json.error.message).toMatch(/^You did not provide an API key\./);

  const wrongKey = 'pk_test_notthesandboxkey9876';
  const wrong = await post(cardForm(visa()), { key: wrongKey });
  expect(wrong.response.status).toBe(401);
  expect(wrong.json.error.type).toBe('invalid_request_error');
  expect(wrong.json.error.message).toBe('Invalid API Key provided: pk_test_****9876');
  expect(wrong.text).not.toContain(wrongKey);
});

test('400 parameter_missing names the missing param; 400 for a type the sandbox does not have', async () => {
  const cases: Array<[string, string]> = [
    ['card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2099', 'type'],
    [cardForm({ exp_month: '12', exp_year: String(FUTURE_YEAR) }), 'card[number]'],
    [cardForm({ number: '4242424242424242', exp_year: String(FUTURE_YEAR) }), 'card[exp_month]'],
    [cardForm({ number: '4242424242424242', exp_month: '12' }), 'card[exp_year]'],
  ];
  for (const [body, param] of cases) {
    const { response, json } = await post(body);
    expect(response.status, param).toBe(400);
    expect(json.error, param).toEqual({
      type: 'invalid_request_error',
      code: 'parameter_missing',
      param,
      message: `Missing required param: ${param}.`,
    });
  }
  // sepa_debit and us_bank_account exist too (test/e2e/sandbox/bank-debits.spec.ts); iDEAL does not.
  const ideal = await post('type=ideal&ideal[bank]=abn_amro');
  expect(ideal.response.status).toBe(400);
  expect(ideal.json.error).toMatchObject({ type: 'invalid_request_error', param: 'type' });
  expect(ideal.text).not.toContain('ideal');
});

test('402 card errors for bad numbers, with Stripe codes and no echo of the number', async () => {
  const incorrect = await post(cardForm(visa({ number: '4242424242424241' })));
  expect(incorrect.response.status).toBe(402);
  expect(incorrect.json.error).toEqual({
    type: 'card_error',
    code: 'incorrect_number',
    param: 'card[number]',
    message: 'Your card number is incorrect.',
  });
  expect(incorrect.text).not.toContain('4242424242424241');

  for (const number of ['4242x24242424242', '42424242424', '42424242424242424242', '']) {
    const { response, json } = await post(cardForm(visa({ number: number || ' ' })));
    expect(response.status, number).toBe(402);
    expect(json.error, number).toEqual({
      type: 'card_error',
      code: 'invalid_number',
      param: 'card[number]',
      message: 'Your card number is invalid.',
    });
  }
});

test('402 invalid_expiry_month for months outside 1..12', async () => {
  for (const month of ['0', '13', 'ab']) {
    const { response, json } = await post(cardForm(visa({ exp_month: month })));
    expect(response.status, month).toBe(402);
    expect(json.error, month).toEqual({
      type: 'card_error',
      code: 'invalid_expiry_month',
      param: 'card[exp_month]',
      message: "Your card's expiration month is invalid.",
    });
  }
});

test('402 invalid_expiry_year for past and implausibly far expiry dates', async () => {
  const now = new Date();
  const thisYear = now.getUTCFullYear();
  const bad: CardFields[] = [
    { exp_year: String(thisYear - 1) },
    { exp_year: String(thisYear + 51) },
    { exp_year: '123' },
  ];
  // A month already over this year (possible from February on).
  if (now.getUTCMonth() > 0) bad.push({ exp_month: String(now.getUTCMonth()), exp_year: String(thisYear) });
  for (const fields of bad) {
    const { response, json } = await post(cardForm(visa(fields)));
    expect(response.status, JSON.stringify(fields)).toBe(402);
    expect(json.error).toEqual({
      type: 'card_error',
      code: 'invalid_expiry_year',
      param: 'card[exp_year]',
      message: "Your card's expiration year is invalid.",
    });
  }
  // The current month is still valid.
  const current = await post(cardForm(visa({ exp_month: String(now.getUTCMonth() + 1), exp_year: String(thisYear) })));
  expect(current.response.status).toBe(200);
});

test('402 invalid_cvc when the CVC length does not fit the brand', async () => {
  for (const card of [visa({ number: '378282246310005', cvc: '123' }), visa({ cvc: '1234' }), visa({ cvc: '12a' })]) {
    const { response, json, text } = await post(cardForm(card));
    expect(response.status, card.number).toBe(402);
    expect(json.error).toEqual({
      type: 'card_error',
      code: 'invalid_cvc',
      param: 'card[cvc]',
      message: "Your card's security code is invalid.",
    });
    expect(text).not.toContain(card.number!);
  }
});

test('retrieves a payment method with the secret key only; 404 for unknown ids', async () => {
  const created = await post(cardForm(visa({ number: '4000056655665556' })));
  const retrieved = await get(`/v1/payment_methods/${created.json.id}`);
  expect(retrieved.response.status).toBe(200);
  expect(retrieved.json).toEqual(created.json);
  expect(retrieved.json.card.funding).toBe('debit');

  const withPublishable = await get(`/v1/payment_methods/${created.json.id}`, DEFAULT_PUBLISHABLE_KEY);
  expect(withPublishable.response.status).toBe(401);
  expect(withPublishable.json.error.message).toMatch(/^This API call cannot be made with a publishable API key/);

  const missing = await get('/v1/payment_methods/pm_doesnotexist000000000000');
  expect(missing.response.status).toBe(404);
  expect(missing.json.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing', param: 'id' });
});

test('stores the test-card outcome but never the number or CVC', async () => {
  const declined = await post(cardForm(visa({ number: '4000000000009995', cvc: '314' })));
  const challenged = await post(cardForm(visa({ number: '4000002760003184' })));
  const plain = await post(cardForm(visa()));
  expect(declined.response.status).toBe(200);
  expect(store.get(declined.json.id)?.outcome).toBe('insufficient_funds');
  expect(store.get(challenged.json.id)?.outcome).toBe('3ds_required');
  expect(store.get(plain.json.id)?.outcome).toBe('success');
  const stored = JSON.stringify(store.get(declined.json.id));
  expect(stored).not.toContain('4000000000009995');
  expect(stored).not.toMatch(/\b314\b/);
});

test('CORS: the allowed origin gets preflight and response headers', async () => {
  const preflight = await fetch(`${gateway.url}/v1/payment_methods`, {
    method: 'OPTIONS',
    headers: {
      Origin: FIELDS_ORIGIN,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key',
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(FIELDS_ORIGIN);
  expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST');
  expect(preflight.headers.get('access-control-allow-headers')).toBe(
    'Authorization, Content-Type, Idempotency-Key, Stripe-Version',
  );
  expect(preflight.headers.get('access-control-max-age')).toBe('600');
  expect(preflight.headers.get('vary')).toBe('Origin');

  const { response } = await post(cardForm(visa()), { headers: { Origin: FIELDS_ORIGIN } });
  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBe(FIELDS_ORIGIN);
  expect(response.headers.get('access-control-expose-headers')).toContain('Request-Id');
});

test('CORS: a disallowed origin gets 403, no CORS headers, and nothing is created', async () => {
  const before = store.size;
  const preflight = await fetch(`${gateway.url}/v1/payment_methods`, {
    method: 'OPTIONS',
    headers: { Origin: OTHER_ORIGIN, 'Access-Control-Request-Method': 'POST' },
  });
  expect(preflight.status).toBe(403);
  expect(preflight.headers.get('access-control-allow-origin')).toBeNull();

  const { response, json } = await post(cardForm(visa()), { headers: { Origin: OTHER_ORIGIN } });
  expect(response.status).toBe(403);
  expect(json.error).toMatchObject({ type: 'invalid_request_error', code: 'origin_not_allowed' });
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  expect(response.headers.get('access-control-allow-methods')).toBeNull();
  expect(store.size).toBe(before);
});

test('Idempotency-Key: same params replay the first response, per API key', async () => {
  const key = `idem-${Date.now()}-replay`;
  const first = await post(cardForm(visa()), { headers: { 'Idempotency-Key': key } });
  // Same params, raw vs encoded brackets: still the same request.
  const again = await post(cardForm(visa()).replace(/\[/g, '%5B').replace(/\]/g, '%5D'), {
    headers: { 'Idempotency-Key': key },
  });
  expect(first.response.status).toBe(200);
  expect(first.response.headers.get('idempotent-replayed')).toBeNull();
  expect(again.response.status).toBe(200);
  expect(again.text).toBe(first.text);
  expect(again.json.id).toBe(first.json.id);
  expect(again.response.headers.get('idempotent-replayed')).toBe('true');

  // The key is scoped to the API key: the secret key gets its own payment method.
  const otherApiKey = await post(cardForm(visa()), { key: DEFAULT_SECRET_KEY, headers: { 'Idempotency-Key': key } });
  expect(otherApiKey.response.status).toBe(200);
  expect(otherApiKey.json.id).not.toBe(first.json.id);

  // Card errors are replayed too, as Stripe does.
  const errorKey = `${key}-card-error`;
  const declined = await post(cardForm(visa({ number: '4242424242424241' })), { headers: { 'Idempotency-Key': errorKey } });
  const declinedAgain = await post(cardForm(visa({ number: '4242424242424241' })), { headers: { 'Idempotency-Key': errorKey } });
  expect(declinedAgain.response.status).toBe(402);
  expect(declinedAgain.text).toBe(declined.text);
  expect(declinedAgain.response.headers.get('idempotent-replayed')).toBe('true');
});

test('Idempotency-Key: other params with the same key give 400 idempotency_error', async () => {
  const key = `idem-${Date.now()}-mismatch`;
  const first = await post(cardForm(visa()), { headers: { 'Idempotency-Key': key } });
  expect(first.response.status).toBe(200);
  const before = store.size;
  const other = await post(cardForm(visa({ number: '5555555555554444' })), { headers: { 'Idempotency-Key': key } });
  expect(other.response.status).toBe(400);
  expect(other.json.error.type).toBe('idempotency_error');
  expect(other.json.error.message).toMatch(
    /^Keys for idempotent requests can only be used with the same parameters they were first used with\./,
  );
  expect(other.text).not.toContain('5555555555554444');
  expect(store.size).toBe(before);
});

test('404 for unknown routes and for wrong methods on known paths', async () => {
  const unknown = await get('/v1/foo');
  expect(unknown.response.status).toBe(404);
  expect(unknown.json.error).toEqual({
    type: 'invalid_request_error',
    message: 'Unrecognized request URL (GET: /v1/foo).',
  });
  const wrongMethod = await fetch(`${gateway.url}/v1/payment_methods`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${DEFAULT_SECRET_KEY}` },
  });
  expect(wrongMethod.status).toBe(404);
  expect((await wrongMethod.json()).error.message).toBe('Unrecognized request URL (DELETE: /v1/payment_methods).');
  // Stripe's list of payment methods exists; the sandbox lists a customer's saved cards only.
  const listing = await get('/v1/payment_methods');
  expect(listing.response.status).toBe(400);
  expect(listing.json.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_missing', param: 'customer' });
});

test('413 for a body over 64 KB, and the server keeps serving', async () => {
  const { response, json } = await post(cardForm(visa(), { 'metadata[padding]': 'x'.repeat(70 * 1024) }));
  expect(response.status).toBe(413);
  expect(json.error.type).toBe('invalid_request_error');
  expect(JSON.stringify(json)).not.toContain('4242424242424242');
  const after = await post(cardForm(visa()));
  expect(after.response.status).toBe(200);
});

test('400 for malformed percent-encoding and for non-form bodies', async () => {
  const malformed = await post(`${cardForm(visa())}&metadata[note]=%E0%A4%A`);
  expect(malformed.response.status).toBe(400);
  expect(malformed.json.error.type).toBe('invalid_request_error');
  expect(malformed.text).not.toContain('4242424242424242');

  const badUtf8 = await post(`${cardForm(visa())}&metadata[note]=%FF`);
  expect(badUtf8.response.status).toBe(400);

  const json = await post(JSON.stringify({ type: 'card' }), { headers: { 'Content-Type': 'application/json' } });
  expect(json.response.status).toBe(400);

  const nested = await post('type=card&card[number][]=4242424242424242&card[exp_month]=12&card[exp_year]=2099');
  expect(nested.response.status).toBe(400);
  expect(nested.json.error.param).toBe('card[number]');
});

test('every response carries Request-Id, JSON content type and no-store', async () => {
  const responses = [
    (await post(cardForm(visa()))).response,
    (await post(cardForm(visa()), { key: null })).response,
    (await post(cardForm(visa({ number: '4242424242424241' })))).response,
    (await get('/v1/foo')).response,
    await fetch(`${gateway.url}/v1/payment_methods`, { method: 'OPTIONS', headers: { Origin: FIELDS_ORIGIN } }),
    (await post(cardForm(visa()), { headers: { Origin: OTHER_ORIGIN } })).response,
  ];
  const ids = new Set<string>();
  for (const response of responses) {
    const requestId = response.headers.get('request-id');
    expect(requestId).toMatch(/^req_[A-Za-z0-9]+$/);
    ids.add(requestId!);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
  }
  expect(ids.size).toBe(responses.length);
});

test('Idempotency-Key: another request with a key whose first request is still running gets 409', async () => {
  // Needs a request that stays in flight: the fault-injection gateway's `slow` fault does that.
  const slowGateway = await startSandboxGateway({ port: 0, publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY, allowedOrigins: [FIELDS_ORIGIN], faultInjection: true });
  try {
    const admin = { Authorization: `Bearer ${DEFAULT_SECRET_KEY}`, 'Content-Type': 'application/json' };
    await fetch(`${slowGateway.url}/__sandbox/faults`, { method: 'POST', headers: admin, body: JSON.stringify({ fault: 'slow', times: 1, delay_ms: 1_000 }) });
    const send = (body: string) =>
      fetch(`${slowGateway.url}/v1/payment_methods`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${DEFAULT_PUBLISHABLE_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': 'idem-in-flight' },
        body,
      });
    const first = send(cardForm(visa()));
    // The first request is in flight once the gateway has counted it.
    await expect.poll(async () => (await (await fetch(`${slowGateway.url}/__sandbox/stats`, { headers: admin })).json()).tokenization_requests).toBe(1);

    const concurrent = await send(cardForm(visa()));
    expect(concurrent.status).toBe(409);
    const concurrentText = await concurrent.text();
    expect(JSON.parse(concurrentText).error).toEqual({
      type: 'idempotency_error',
      message: 'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.',
    });
    expect(concurrentText).not.toContain('idem-in-flight');
    const otherParams = await send(cardForm(visa({ number: '5555555555554444' })));
    expect(otherParams.status).toBe(400);
    expect((await otherParams.json()).error.type).toBe('idempotency_error');

    const firstResponse = await first;
    expect(firstResponse.status).toBe(200);
    const created = await firstResponse.json();
    const after = await send(cardForm(visa()));
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    expect((await after.json()).id).toBe(created.id);
    const stats = await (await fetch(`${slowGateway.url}/__sandbox/stats`, { headers: admin })).json();
    expect(stats.payment_methods_created).toBe(1);
  } finally {
    await slowGateway.close();
  }
});

test.describe('fault injection (test-only admin API)', () => {
  let faulty: RunningSandboxGateway;
  const faultyStore = new PaymentMethodStore();
  const adminHeaders = { Authorization: `Bearer ${DEFAULT_SECRET_KEY}`, 'Content-Type': 'application/json' };

  test.beforeAll(async () => {
    faulty = await startSandboxGateway({
      port: 0,
      publishableKey: DEFAULT_PUBLISHABLE_KEY,
      secretKey: DEFAULT_SECRET_KEY,
      allowedOrigins: [FIELDS_ORIGIN],
      store: faultyStore,
      faultInjection: true,
    });
  });

  test.afterAll(async () => {
    await faulty.close();
  });

  async function arm(fault: string, times = 1): Promise<Response> {
    return fetch(`${faulty.url}/__sandbox/faults`, { method: 'POST', headers: adminHeaders, body: JSON.stringify({ fault, times }) });
  }

  function tokenize(idempotencyKey?: string, signal?: AbortSignal): Promise<Response> {
    return fetch(`${faulty.url}/v1/payment_methods`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${DEFAULT_PUBLISHABLE_KEY}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      body: cardForm(visa()),
      ...(signal ? { signal } : {}),
    });
  }

  test('the admin API does not exist unless the gateway is created with faultInjection', async () => {
    const response = await fetch(`${gateway.url}/__sandbox/faults`, { method: 'POST', headers: adminHeaders, body: JSON.stringify({ fault: '500' }) });
    expect(response.status).toBe(404);
    expect((await get('/__sandbox/stats')).response.status).toBe(404);
  });

  test('the admin API refuses any request with an Origin, even with the secret key, and needs the secret key', async () => {
    for (const origin of [FIELDS_ORIGIN, OTHER_ORIGIN]) {
      const withOrigin = await fetch(`${faulty.url}/__sandbox/faults`, { method: 'POST', headers: { ...adminHeaders, Origin: origin }, body: JSON.stringify({ fault: '500' }) });
      expect(withOrigin.status).toBe(403);
      expect(withOrigin.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${faulty.url}/__sandbox/faults`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
    const noKey = await fetch(`${faulty.url}/__sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fault: '500' }) });
    expect(noKey.status).toBe(401);
    const publishable = await fetch(`${faulty.url}/__sandbox/stats`, { headers: { Authorization: `Bearer ${DEFAULT_PUBLISHABLE_KEY}` } });
    expect(publishable.status).toBe(401);
    const unknownFault = await fetch(`${faulty.url}/__sandbox/faults`, { method: 'POST', headers: adminHeaders, body: JSON.stringify({ fault: 'explode-4242424242424242' }) });
    expect(unknownFault.status).toBe(400);
    expect(await unknownFault.text()).not.toContain('4242424242424242');
    // Nothing was armed by any of those: the next tokenization goes through.
    expect((await tokenize()).status).toBe(200);
  });

  test('a form body arms faults too, and fault "none" disarms them', async () => {
    const armed = await fetch(`${faulty.url}/__sandbox/faults`, { method: 'POST', headers: { Authorization: `Bearer ${DEFAULT_SECRET_KEY}` }, body: 'fault=503&times=5' });
    expect(armed.status).toBe(200);
    expect((await armed.json()).armed).toEqual({ fault: '503', remaining: 5 });
    const disarmed = await arm('none');
    expect((await disarmed.json()).armed).toBeNull();
    expect((await tokenize()).status).toBe(200);
  });

  test('status faults answer the next N tokenizations with Stripe-like errors and create nothing', async () => {
    const cases = [
      { fault: '500', status: 500, type: 'api_error' },
      { fault: '503', status: 503, type: 'api_error' },
      { fault: '429', status: 429, type: 'invalid_request_error', code: 'rate_limit' },
    ];
    for (const { fault, status, type, code } of cases) {
      const before = faultyStore.createdCount;
      await arm(fault, 2);
      for (let i = 0; i < 2; i++) {
        const response = await tokenize(`idem-status-${fault}`);
        expect(response.status).toBe(status);
        expect(response.headers.get('retry-after')).toBe(fault === '429' ? '1' : null);
        expect((await response.json()).error).toMatchObject({ type, ...(code ? { code } : {}) });
      }
      expect(faultyStore.createdCount).toBe(before);
      // The faults are used up, and the failed key was not kept: it now creates one payment method.
      expect((await tokenize(`idem-status-${fault}`)).status).toBe(200);
      expect(faultyStore.createdCount).toBe(before + 1);
    }
    await arm('502');
    const proxyError = await tokenize();
    expect(proxyError.status).toBe(502);
    expect(proxyError.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await proxyError.text()).toContain('502 Bad Gateway');
  });

  test('the 429 fault exposes Retry-After to the fields origin', async () => {
    await arm('429');
    const response = await fetch(`${faulty.url}/v1/payment_methods`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEFAULT_PUBLISHABLE_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded', Origin: FIELDS_ORIGIN },
      body: cardForm(visa()),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('access-control-allow-origin')).toBe(FIELDS_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  test('reset destroys the connection and timeout never answers; neither creates anything', async () => {
    const before = faultyStore.createdCount;
    await arm('reset');
    await expect(tokenize('idem-reset')).rejects.toThrow();
    await arm('timeout');
    await expect(tokenize('idem-timeout', AbortSignal.timeout(500))).rejects.toThrow(expect.objectContaining({ name: 'TimeoutError' }));
    expect(faultyStore.createdCount).toBe(before);
    // Retrying with the same keys creates one payment method each.
    expect((await tokenize('idem-reset')).status).toBe(200);
    expect((await tokenize('idem-timeout')).status).toBe(200);
    expect(faultyStore.createdCount).toBe(before + 2);
  });

  test('timeout_after_create and malformed_json create the payment method; a retry with the key gets the same one', async () => {
    for (const fault of ['timeout_after_create', 'malformed_json']) {
      const before = faultyStore.createdCount;
      const key = `idem-${fault}`;
      await arm(fault);
      if (fault === 'timeout_after_create') {
        await expect(tokenize(key, AbortSignal.timeout(500))).rejects.toThrow(expect.objectContaining({ name: 'TimeoutError' }));
      } else {
        const garbled = await tokenize(key);
        expect(garbled.status).toBe(200);
        const text = await garbled.text();
        expect(() => JSON.parse(text)).toThrow();
        expect(text).not.toContain('4242424242424242');
      }
      expect(faultyStore.createdCount).toBe(before + 1);
      const retried = await tokenize(key);
      expect(retried.status).toBe(200);
      expect(retried.headers.get('idempotent-replayed')).toBe('true');
      const paymentMethod = await retried.json();
      expect(faultyStore.get(paymentMethod.id)).toBeDefined();
      expect(faultyStore.createdCount).toBe(before + 1);
    }
  });

  test('stats count tokenization requests and created payment methods', async () => {
    const stats = async () => (await (await fetch(`${faulty.url}/__sandbox/stats`, { headers: adminHeaders })).json());
    const before = await stats();
    await arm('500');
    await tokenize();
    await tokenize();
    const after = await stats();
    expect(after).toMatchObject({ object: 'sandbox_stats', armed_fault: null });
    expect(after.tokenization_requests - before.tokenization_requests).toBe(2);
    expect(after.payment_methods_created - before.payment_methods_created).toBe(1);
  });
});
