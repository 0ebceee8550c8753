// Saved cards on the sandbox gateway, judged by the official stripe SDK (no browser): customers
// (create, retrieve, update, list), attaching and detaching cards, SetupIntents with and without a
// 3-D Secure challenge (passed over HTTP, as the page's own form would), setup_future_usage,
// off-session payments (4000002500003155 after setup; 4000002760003184 authentication_required),
// their webhook events, Stripe's errors for bad input, and one account never seeing another's.
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { sandboxConfigFile, sandboxUrl, startSandboxProcess, startWebhookReceiver } from './sandbox-process.ts';
import { rejection } from './stripe-rejection.ts';
import { answerSandboxChallenge } from '../harness/sandbox-challenge-over-http.ts';
import {
  DEFAULT_PUBLISHABLE_KEY,
  DEFAULT_SECRET_KEY,
  startSandboxGateway,
  WebhookDispatcher,
  type GatewayAccount,
  type RunningSandboxGateway,
} from '../../../src/node/sandbox/sandbox-gateway.ts';

const OTHER = { id: 'acct_other_shop', publishableKey: 'pk_test_other_shop_01', secretKey: 'sk_test_other_shop_01' };
const LISTS = { id: 'acct_lists_only', publishableKey: 'pk_test_lists_only_01', secretKey: 'sk_test_lists_only_01' };
const STRICT_CVC = { id: 'acct_strict_cvc', publishableKey: 'pk_test_strict_cvc_01', secretKey: 'sk_test_strict_cvc_01', declineOn: { cvcFailure: true } };
const FUTURE_YEAR = new Date().getUTCFullYear() + 3;
const VISA = '4242424242424242';
const SETUP_THEN_OFF_SESSION = '4000002500003155';
const ALWAYS_AUTHENTICATE = '4000002760003184';

let gateway: RunningSandboxGateway;
let stripe: Stripe;
let browser: Stripe;
let other: Stripe;

function client(key: string): Stripe {
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
    allowedOrigins: [],
    webhooks: new WebhookDispatcher({ retryDelaysMs: [] }),
    accounts: [OTHER, LISTS, STRICT_CVC],
  });
  stripe = client(DEFAULT_SECRET_KEY);
  browser = client(DEFAULT_PUBLISHABLE_KEY);
  other = client(OTHER.secretKey);
});

test.afterAll(async () => {
  await gateway.close();
});

async function card(number: string, using = stripe): Promise<Stripe.PaymentMethod> {
  return using.paymentMethods.create({ type: 'card', card: { number, exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' } });
}

/** The merchant account's events about one object, in the order they happened. */
function eventsAbout(objectId: string): string[] {
  return gateway.accounts[0]!.webhooks
    .listEvents()
    .filter((event) => (event.data.object as { id: string }).id === objectId)
    .map((event) => event.type);
}

/** Passes (or fails) the sandbox bank's challenge the way its page's form does: the one-time code, then Complete. */
function answerChallenge(nextAction: Stripe.SetupIntent.NextAction | Stripe.PaymentIntent.NextAction | null, outcome: 'complete' | 'fail' = 'complete'): Promise<string> {
  return answerSandboxChallenge(gateway.url, nextAction, outcome);
}

test.describe('customers', () => {
  test("a customer in Stripe's shape: created, retrieved, updated (metadata merged), announced", async () => {
    const created = await stripe.customers.create({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      phone: '+44 20 7946 0000',
      description: 'Returning shopper',
      address: { line1: '12 St James Sq', city: 'London', postal_code: 'SW1Y 4JH', country: 'GB' },
      metadata: { shopper: 'S-1', tier: 'gold' },
    });
    expect(created.id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    expect(created).toMatchObject({
      object: 'customer',
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      phone: '+44 20 7946 0000',
      description: 'Returning shopper',
      address: { line1: '12 St James Sq', line2: null, city: 'London', postal_code: 'SW1Y 4JH', state: null, country: 'GB' },
      metadata: { shopper: 'S-1', tier: 'gold' },
      invoice_settings: { default_payment_method: null, custom_fields: null, footer: null, rendering_options: null },
      balance: 0,
      delinquent: false,
      livemode: false,
      default_source: null,
      tax_exempt: 'none',
      preferred_locales: [],
    });
    expect(Math.abs(created.created - Date.now() / 1000)).toBeLessThan(60);
    expect(await stripe.customers.retrieve(created.id)).toEqual(created);

    const updated = await stripe.customers.update(created.id, { email: 'ada@lovelace.example', metadata: { tier: '', since: '2026' } });
    expect(updated).toMatchObject({ email: 'ada@lovelace.example', name: 'Ada Lovelace', metadata: { shopper: 'S-1', since: '2026' } });
    expect(updated.metadata).not.toHaveProperty('tier');
    // Nothing changed: no event.
    await stripe.customers.update(created.id, { name: 'Ada Lovelace' });
    expect(eventsAbout(created.id)).toEqual(['customer.created', 'customer.updated']);
    const update = gateway.accounts[0]!.webhooks.listEvents().find((event) => event.type === 'customer.updated' && (event.data.object as { id: string }).id === created.id)!;
    expect(update.data.previous_attributes).toEqual({ email: 'ada@example.com', metadata: { shopper: 'S-1', tier: 'gold' } });
  });

  test('a deleted customer still answers a retrieve with deleted: true, takes nothing more, and its cards are detached', async () => {
    const visa = await card(VISA);
    const shopper = await stripe.customers.create({ payment_method: visa.id, invoice_settings: { default_payment_method: visa.id } });
    const deleted = await stripe.customers.del(shopper.id);
    expect(deleted).toEqual({ id: shopper.id, object: 'customer', deleted: true });
    expect(await stripe.customers.retrieve(shopper.id)).toEqual({ id: shopper.id, object: 'customer', deleted: true });
    expect((await stripe.paymentMethods.retrieve(visa.id)).customer).toBeNull();
    const notFound = { statusCode: 404, code: 'resource_missing' };
    expect(await rejection(stripe.customers.update(shopper.id, { name: 'Again' }))).toMatchObject(notFound);
    expect(await rejection(stripe.customers.del(shopper.id))).toMatchObject(notFound);
    expect(await rejection(stripe.setupIntents.create({ customer: shopper.id }))).toMatchObject({ ...notFound, param: 'customer' });
    expect(await rejection(stripe.customers.listPaymentMethods(shopper.id))).toMatchObject(notFound);
    expect((await stripe.customers.list({ limit: 100 })).data.map((customer) => customer.id)).not.toContain(shopper.id);
    expect(eventsAbout(shopper.id)).toEqual(['customer.created', 'customer.deleted']);
    expect(eventsAbout(visa.id)).toEqual(['payment_method.attached', 'payment_method.detached']);
  });

  test("lists newest first with Stripe's limit, starting_after / ending_before cursors, email filter and auto-pagination", async () => {
    const lists = client(LISTS.secretKey);
    const made: Stripe.Customer[] = [];
    for (let index = 0; index < 5; index += 1) made.push(await lists.customers.create({ email: index === 2 ? 'two@example.com' : `c${index}@example.com` }));
    const newestFirst = made.map((customer) => customer.id).reverse();

    const first = await lists.customers.list({ limit: 2 });
    expect(first).toMatchObject({ object: 'list', url: '/v1/customers', has_more: true });
    expect(first.data.map((customer) => customer.id)).toEqual(newestFirst.slice(0, 2));
    const second = await lists.customers.list({ limit: 2, starting_after: first.data[1]!.id });
    expect(second.data.map((customer) => customer.id)).toEqual(newestFirst.slice(2, 4));
    const before = await lists.customers.list({ limit: 2, ending_before: newestFirst[3]! });
    expect(before.data.map((customer) => customer.id)).toEqual(newestFirst.slice(1, 3));
    expect((await lists.customers.list({ limit: 2, starting_after: newestFirst[3]! })).has_more).toBe(false);
    expect((await lists.customers.list({ limit: 3 }).autoPagingToArray({ limit: 100 })).map((customer) => customer.id)).toEqual(newestFirst);
    expect((await lists.customers.list({ email: 'two@example.com' })).data.map((customer) => customer.id)).toEqual([made[2]!.id]);

    const unknownCursor = await rejection(lists.customers.list({ starting_after: 'cus_00000000000000' }));
    expect(unknownCursor).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'starting_after' });
  });

  test("bad input gets Stripe's error shape (type, code, param, message), never a 500", async () => {
    const cases: Array<[Promise<unknown>, { statusCode: number; type: string; code?: string; param?: string }]> = [
      [stripe.customers.create({ email: 'not-an-email' }), { statusCode: 400, type: 'StripeInvalidRequestError', code: 'email_invalid', param: 'email' }],
      [stripe.customers.create({ name: 'x'.repeat(257) }), { statusCode: 400, type: 'StripeInvalidRequestError', code: 'parameter_invalid_string', param: 'name' }],
      [stripe.customers.create({ nickname: 'ada' } as Stripe.CustomerCreateParams), { statusCode: 400, type: 'StripeInvalidRequestError', code: 'parameter_unknown', param: 'nickname' }],
      [stripe.customers.create({ payment_method: 'pm_000000000000000000000000' }), { statusCode: 404, type: 'StripeInvalidRequestError', code: 'resource_missing', param: 'payment_method' }],
      [stripe.customers.retrieve('cus_00000000000000'), { statusCode: 404, type: 'StripeInvalidRequestError', code: 'resource_missing', param: 'id' }],
      [stripe.customers.update('cus_00000000000000', { name: 'x' }), { statusCode: 404, type: 'StripeInvalidRequestError', code: 'resource_missing', param: 'id' }],
      [stripe.customers.list({ limit: 101 }), { statusCode: 400, type: 'StripeInvalidRequestError', param: 'limit' }],
      [stripe.paymentMethods.attach('pm_000000000000000000000000', { customer: 'cus_00000000000000' }), { statusCode: 404, type: 'StripeInvalidRequestError', code: 'resource_missing', param: 'id' }],
      [stripe.setupIntents.retrieve('seti_000000000000000000000000'), { statusCode: 404, type: 'StripeInvalidRequestError', code: 'resource_missing', param: 'id' }],
      [stripe.setupIntents.create({ usage: 'sometimes' as 'off_session' }), { statusCode: 400, type: 'StripeInvalidRequestError', param: 'usage' }],
      [stripe.setupIntents.create({ customer: 'cus_00000000000000' }), { statusCode: 404, type: 'StripeInvalidRequestError', code: 'resource_missing', param: 'customer' }],
      [stripe.paymentIntents.create({ amount: 100, currency: 'eur', off_session: true }), { statusCode: 400, type: 'StripeInvalidRequestError', param: 'off_session' }],
      [stripe.paymentIntents.create({ amount: 100, currency: 'eur', setup_future_usage: 'always' as 'off_session' }), { statusCode: 400, type: 'StripeInvalidRequestError', param: 'setup_future_usage' }],
    ];
    for (const [call, expected] of cases) {
      const error = await rejection(call);
      expect(error, JSON.stringify(expected)).toMatchObject(expected);
      expect(error.message.length).toBeGreaterThan(10);
    }
    const noCustomer = await rejection(stripe.paymentMethods.attach((await card(VISA)).id, {} as Stripe.PaymentMethodAttachParams));
    expect(noCustomer).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'customer' });
    // A card number typed into the wrong place is never echoed back.
    const leaked = await rejection(stripe.customers.create({ email: VISA }));
    expect(JSON.stringify(leaked.raw)).not.toContain(VISA);
  });
});

test('malformed params on every new endpoint answer 400 or 404 with an error body, never a 500', async () => {
  const customer = (await stripe.customers.create({})).id;
  const method = (await card(VISA)).id;
  const setup = (await stripe.setupIntents.create({})).id;
  const endpoints: Array<[string, string]> = [
    ['POST', '/v1/customers'],
    ['GET', '/v1/customers'],
    ['GET', `/v1/customers/${customer}`],
    ['POST', `/v1/customers/${customer}`],
    ['GET', `/v1/customers/${customer}/payment_methods`],
    ['GET', '/v1/payment_methods'],
    ['POST', `/v1/payment_methods/${method}/attach`],
    ['POST', '/v1/setup_intents'],
    ['GET', '/v1/setup_intents'],
    ['POST', `/v1/setup_intents/${setup}`],
    ['POST', `/v1/setup_intents/${setup}/confirm`],
    ['POST', `/v1/setup_intents/${setup}/cancel`],
    ['POST', '/v1/payment_intents'],
  ];
  const bodies = [
    'email[0]=x&name[a]=b',
    'customer[a]=b&payment_method[]=x',
    'address=street&invoice_settings=x',
    'invoice_settings[default_payment_method][x]=1&metadata=abc',
    'usage[]=off_session&confirm=maybe',
    'limit=abc&starting_after[]=x',
    'off_session=sometimes&setup_future_usage[x]=1&amount=1&currency=eur&confirm=true',
    'customer=cus_%00%ff&payment_method=pm_\u0000',
    'a'.repeat(300) + '=1',
    '%%%',
  ];
  for (const [method, path] of endpoints) {
    for (const body of bodies) {
      const url = method === 'GET' ? `${gateway.url}${path}?${body}` : `${gateway.url}${path}`;
      const response = await fetch(url, {
        method,
        headers: { Authorization: `Bearer ${DEFAULT_SECRET_KEY}`, ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
        ...(method === 'POST' ? { body } : {}),
      });
      const label = `${method} ${path} ${body.slice(0, 40)}`;
      expect([400, 402, 404], label).toContain(response.status);
      expect((await response.json()).error, label).toMatchObject({ type: expect.stringMatching(/^(invalid_request_error|card_error)$/), message: expect.any(String) });
    }
  }
});

test.describe('saved cards', () => {
  test("attach, list (both of Stripe's lists), default, detach for good, with Stripe's refusals", async () => {
    const shopper = await stripe.customers.create({ email: 'grace@example.com' });
    const visa = await card(VISA);
    const mastercard = await card('5555555555554444');
    const attached = await stripe.paymentMethods.attach(visa.id, { customer: shopper.id });
    expect(attached).toMatchObject({ id: visa.id, customer: shopper.id, card: { last4: '4242', brand: 'visa' } });
    expect((await stripe.paymentMethods.retrieve(visa.id)).customer).toBe(shopper.id);
    await stripe.paymentMethods.attach(mastercard.id, { customer: shopper.id });

    const listed = await stripe.customers.listPaymentMethods(shopper.id, { type: 'card' });
    expect(listed).toMatchObject({ object: 'list', url: `/v1/customers/${shopper.id}/payment_methods`, has_more: false });
    expect(listed.data.map((method) => method.id)).toEqual([mastercard.id, visa.id]);
    const page = await stripe.paymentMethods.list({ customer: shopper.id, type: 'card', limit: 1 });
    expect(page).toMatchObject({ has_more: true, url: '/v1/payment_methods' });
    expect(page.data.map((method) => method.id)).toEqual([mastercard.id]);
    expect(JSON.stringify(listed)).not.toContain(VISA);

    const withDefault = await stripe.customers.update(shopper.id, { invoice_settings: { default_payment_method: visa.id } });
    expect(withDefault.invoice_settings.default_payment_method).toBe(visa.id);
    const stranger = await card(VISA);
    const notTheirs = await rejection(stripe.customers.update(shopper.id, { invoice_settings: { default_payment_method: stranger.id } }));
    expect(notTheirs).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'invoice_settings[default_payment_method]' });

    // Another customer cannot take a saved card.
    const someoneElse = await stripe.customers.create({ name: 'Someone else' });
    const taken = await rejection(stripe.paymentMethods.attach(visa.id, { customer: someoneElse.id }));
    expect(taken).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', code: 'payment_method_unexpected_state' });
    const missingCustomer = await rejection(stripe.paymentMethods.attach(stranger.id, { customer: 'cus_00000000000000' }));
    expect(missingCustomer).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'customer' });

    const detached = await stripe.paymentMethods.detach(visa.id);
    expect(detached.customer).toBeNull();
    expect((await stripe.customers.retrieve(shopper.id) as Stripe.Customer).invoice_settings.default_payment_method).toBeNull();
    expect((await stripe.customers.listPaymentMethods(shopper.id)).data.map((method) => method.id)).toEqual([mastercard.id]);
    // Detaching is for good: no re-attaching, no paying.
    const reattach = await rejection(stripe.paymentMethods.attach(visa.id, { customer: shopper.id }));
    expect(reattach).toMatchObject({ statusCode: 400, code: 'payment_method_unexpected_state' });
    expect(reattach.message).toMatch(/detached from a Customer, and may not be used again/);
    const payDetached = await rejection(stripe.paymentIntents.create({ amount: 500, currency: 'eur', payment_method: visa.id, confirm: true }));
    expect(payDetached).toMatchObject({ statusCode: 400, code: 'payment_method_unexpected_state', param: 'payment_method' });
    const detachAgain = await rejection(stripe.paymentMethods.detach(visa.id));
    expect(detachAgain).toMatchObject({ statusCode: 400, code: 'payment_method_unexpected_state' });

    // A card paid with once, with no customer to keep it, cannot be saved afterwards.
    const usedOnce = await card(VISA);
    await stripe.paymentIntents.create({ amount: 500, currency: 'eur', payment_method: usedOnce.id, confirm: true });
    expect(await rejection(stripe.paymentMethods.attach(usedOnce.id, { customer: shopper.id }))).toMatchObject({ statusCode: 400, code: 'payment_method_unexpected_state' });

    // A saved card pays only for its own customer.
    const wrongCustomer = await rejection(stripe.paymentIntents.create({ amount: 500, currency: 'eur', customer: someoneElse.id, payment_method: mastercard.id, confirm: true }));
    expect(wrongCustomer).toMatchObject({ statusCode: 400, param: 'payment_method' });
    const noCustomer = await rejection(stripe.paymentIntents.create({ amount: 500, currency: 'eur', payment_method: mastercard.id, confirm: true }));
    expect(noCustomer).toMatchObject({ statusCode: 400, param: 'payment_method' });

    expect(eventsAbout(visa.id)).toEqual(['payment_method.attached', 'payment_method.detached']);
    const detachEvent = gateway.accounts[0]!.webhooks.listEvents().find((event) => event.type === 'payment_method.detached' && (event.data.object as { id: string }).id === visa.id)!;
    expect(detachEvent.data.previous_attributes).toEqual({ customer: shopper.id });
    // Its default went with it, announced as Stripe does.
    expect(eventsAbout(shopper.id)).toEqual(['customer.created', 'customer.updated', 'customer.updated']);
  });

  test('a customer created with payment_method and a default gets the card attached', async () => {
    const visa = await card(VISA);
    const shopper = await stripe.customers.create({ payment_method: visa.id, invoice_settings: { default_payment_method: visa.id } });
    expect(shopper.invoice_settings.default_payment_method).toBe(visa.id);
    expect((await stripe.paymentMethods.retrieve(visa.id)).customer).toBe(shopper.id);
    expect(eventsAbout(visa.id)).toEqual(['payment_method.attached']);
  });
});

test.describe('SetupIntents', () => {
  test('without 3-D Secure: created, confirmed, succeeded; the card is saved to the customer', async () => {
    const shopper = await stripe.customers.create({ email: 'linus@example.com' });
    const visa = await card(VISA);
    const setup = await stripe.setupIntents.create({ customer: shopper.id, usage: 'off_session', metadata: { flow: 'account-page' } });
    expect(setup.id).toMatch(/^seti_[A-Za-z0-9]{24}$/);
    expect(setup.client_secret).toMatch(new RegExp(`^${setup.id}_secret_[A-Za-z0-9]{25}$`));
    expect(setup).toMatchObject({
      object: 'setup_intent',
      status: 'requires_payment_method',
      customer: shopper.id,
      usage: 'off_session',
      payment_method: null,
      last_setup_error: null,
      next_action: null,
      payment_method_types: ['card'],
      metadata: { flow: 'account-page' },
      livemode: false,
    });

    // The browser reads and confirms it with the publishable key and the client_secret, and sees less.
    const seen = await browser.setupIntents.retrieve(setup.id, { client_secret: setup.client_secret! });
    expect(seen).toMatchObject({ id: setup.id, status: 'requires_payment_method', usage: 'off_session' });
    expect(seen).not.toHaveProperty('customer');
    expect(seen).not.toHaveProperty('metadata');
    const wrongSecret = await rejection(browser.setupIntents.retrieve(setup.id, { client_secret: `${setup.id}_secret_wrong` }));
    expect(wrongSecret).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect((await rejection(browser.setupIntents.retrieve(setup.id))).statusCode).toBe(401);
    expect((await rejection(browser.setupIntents.create({}))).statusCode).toBe(401);

    const confirmed = await browser.setupIntents.confirm(setup.id, { client_secret: setup.client_secret!, payment_method: visa.id } as Stripe.SetupIntentConfirmParams);
    expect(confirmed).toMatchObject({ status: 'succeeded', payment_method: visa.id });
    expect((await stripe.paymentMethods.retrieve(visa.id)).customer).toBe(shopper.id);
    expect(eventsAbout(setup.id)).toEqual(['setup_intent.created', 'setup_intent.succeeded']);
    expect(eventsAbout(visa.id)).toEqual(['payment_method.attached']);

    // As the card frame will: confirm with the card itself (payment_method_data), kept as last4 only.
    const fromFrame = await stripe.setupIntents.create({ customer: shopper.id });
    const framed = await browser.setupIntents.confirm(fromFrame.id, {
      client_secret: fromFrame.client_secret!,
      payment_method_data: { type: 'card', card: { number: '5555555555554444', exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' } },
    } as unknown as Stripe.SetupIntentConfirmParams);
    expect(framed.status).toBe('succeeded');
    expect(JSON.stringify(framed)).not.toContain('5555555555554444');
    const saved = await stripe.paymentMethods.retrieve(framed.payment_method as string);
    expect(saved).toMatchObject({ customer: shopper.id, card: { last4: '4444', brand: 'mastercard', checks: { cvc_check: 'pass' } } });

    const again = await rejection(stripe.setupIntents.confirm(setup.id));
    expect(again).toMatchObject({ statusCode: 400, code: 'setup_intent_unexpected_state' });
    expect((await stripe.setupIntents.list({ customer: shopper.id })).data.map((each) => each.id)).toEqual([fromFrame.id, setup.id]);
  });

  test('with 3-D Secure: requires_action, the challenge passed over HTTP, then succeeded and saved', async () => {
    for (const number of [ALWAYS_AUTHENTICATE, SETUP_THEN_OFF_SESSION]) {
      const shopper = await stripe.customers.create({ name: number });
      const method = await card(number);
      const setup = await stripe.setupIntents.create({ customer: shopper.id, payment_method: method.id, confirm: true, return_url: 'https://shop.example/saved' });
      expect(setup, number).toMatchObject({ status: 'requires_action', next_action: { type: 'redirect_to_url', redirect_to_url: { return_url: 'https://shop.example/saved' } } });
      expect((await stripe.paymentMethods.retrieve(method.id)).customer).toBeNull();
      const page = await (await fetch(setup.next_action!.redirect_to_url!.url!)).text();
      expect(page).toContain('<h1>Confirm your card</h1>');
      expect(page).toContain('Nothing now: the card is saved for later payments');
      expect(page).not.toContain(number);
      const result = await answerChallenge(setup.next_action);
      // Back to the shop with Stripe's SetupIntent params.
      const back = new URL(/data-return-url="([^"]+)"/.exec(result)![1]!.replace(/&#38;/g, '&'));
      expect(Object.fromEntries(back.searchParams)).toEqual({ setup_intent: setup.id, setup_intent_client_secret: setup.client_secret, redirect_status: 'succeeded' });
      const done = await stripe.setupIntents.retrieve(setup.id);
      expect(done, number).toMatchObject({ status: 'succeeded', next_action: null, payment_method: method.id });
      expect((await stripe.paymentMethods.retrieve(method.id)).customer).toBe(shopper.id);
      expect(eventsAbout(setup.id)).toEqual(['setup_intent.created', 'setup_intent.requires_action', 'setup_intent.succeeded']);
    }
  });

  test('a failed challenge and a declined card fail the setup: setup_failed, nothing saved', async () => {
    const shopper = await stripe.customers.create({});
    const method = await card(ALWAYS_AUTHENTICATE);
    const setup = await stripe.setupIntents.create({ customer: shopper.id, payment_method: method.id, confirm: true });
    await answerChallenge(setup.next_action, 'fail');
    const failed = await stripe.setupIntents.retrieve(setup.id);
    expect(failed).toMatchObject({ status: 'requires_payment_method', payment_method: null, last_setup_error: { code: 'setup_intent_authentication_failure', type: 'invalid_request_error' } });
    expect(failed.last_setup_error?.payment_method?.id).toBe(method.id);
    expect((await stripe.paymentMethods.retrieve(method.id)).customer).toBeNull();
    expect(eventsAbout(setup.id)).toEqual(['setup_intent.created', 'setup_intent.requires_action', 'setup_intent.setup_failed']);

    const declining = await card('4000000000000002');
    const declined = await rejection(stripe.setupIntents.confirm(setup.id, { payment_method: declining.id }));
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
    expect(declined.setup_intent).toMatchObject({ id: setup.id, status: 'requires_payment_method' });
    expect((await stripe.customers.listPaymentMethods(shopper.id)).data).toEqual([]);

    // A good card then saves; a canceled SetupIntent cannot be confirmed.
    const good = await stripe.setupIntents.confirm(setup.id, { payment_method: (await card(VISA)).id });
    expect(good.status).toBe('succeeded');
    const open = await stripe.setupIntents.create({});
    expect(await stripe.setupIntents.cancel(open.id, { cancellation_reason: 'abandoned' })).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(eventsAbout(open.id)).toEqual(['setup_intent.created', 'setup_intent.canceled']);
    expect(await rejection(stripe.setupIntents.confirm(open.id, { payment_method: (await card(VISA)).id }))).toMatchObject({ statusCode: 400, code: 'setup_intent_unexpected_state' });
  });
});

test.describe('off-session payments', () => {
  /** A customer with `number` saved by a SetupIntent (its challenge passed when it asks for one). */
  async function savedCard(number: string, usage: 'off_session' | 'on_session' = 'off_session'): Promise<{ customer: string; paymentMethod: string }> {
    const customer = (await stripe.customers.create({})).id;
    const paymentMethod = (await card(number)).id;
    const setup = await stripe.setupIntents.create({ customer, payment_method: paymentMethod, usage, confirm: true });
    if (setup.status === 'requires_action') await answerChallenge(setup.next_action);
    expect((await stripe.setupIntents.retrieve(setup.id)).status).toBe('succeeded');
    return { customer, paymentMethod };
  }

  test('4000002500003155 pays off session once a SetupIntent set it up; on session it still authenticates', async () => {
    const saved = await savedCard(SETUP_THEN_OFF_SESSION);
    const paid = await stripe.paymentIntents.create({ amount: 2500, currency: 'eur', customer: saved.customer, payment_method: saved.paymentMethod, off_session: true, confirm: true });
    expect(paid).toMatchObject({ status: 'succeeded', customer: saved.customer, amount_received: 2500, next_action: null });
    const onSession = await stripe.paymentIntents.create({ amount: 2500, currency: 'eur', customer: saved.customer, payment_method: saved.paymentMethod, confirm: true });
    expect(onSession.status).toBe('requires_action');

    // Only the merchant's server may say the shopper is away: a browser's confirm cannot.
    const open = await stripe.paymentIntents.create({ amount: 2500, currency: 'eur', customer: saved.customer });
    const fromBrowser = await rejection(
      browser.paymentIntents.confirm(open.id, { client_secret: open.client_secret!, payment_method: saved.paymentMethod, off_session: true } as Stripe.PaymentIntentConfirmParams),
    );
    expect(fromBrowser).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'off_session' });
    expect((await stripe.paymentIntents.retrieve(open.id)).status).toBe('requires_payment_method');

    // Set up for on-session use only, it still needs the shopper off session.
    const onSessionOnly = await savedCard(SETUP_THEN_OFF_SESSION, 'on_session');
    const notForOffSession = await rejection(
      stripe.paymentIntents.create({ amount: 2500, currency: 'eur', customer: onSessionOnly.customer, payment_method: onSessionOnly.paymentMethod, off_session: true, confirm: true }),
    );
    expect(notForOffSession).toMatchObject({ statusCode: 402, code: 'authentication_required' });

    // Attached without a SetupIntent, it was never set up: off session it needs authentication.
    const customer = (await stripe.customers.create({})).id;
    const bare = await card(SETUP_THEN_OFF_SESSION);
    await stripe.paymentMethods.attach(bare.id, { customer });
    const notSetUp = await rejection(stripe.paymentIntents.create({ amount: 2500, currency: 'eur', customer, payment_method: bare.id, off_session: true, confirm: true }));
    expect(notSetUp).toMatchObject({ statusCode: 402, code: 'authentication_required' });
  });

  test("4000002760003184 fails off session with authentication_required, as Stripe documents, even after setup", async () => {
    const saved = await savedCard(ALWAYS_AUTHENTICATE);
    const error = await rejection(stripe.paymentIntents.create({ amount: 4000, currency: 'eur', customer: saved.customer, payment_method: saved.paymentMethod, off_session: true, confirm: true }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, type: 'StripeCardError', code: 'authentication_required', decline_code: 'authentication_required' });
    expect(error.message).toBe('Your card was declined. This transaction requires authentication.');
    const intent = error.payment_intent!;
    expect(intent).toMatchObject({ status: 'requires_payment_method', customer: saved.customer, last_payment_error: { code: 'authentication_required', decline_code: 'authentication_required' } });
    // What Stripe tells merchants to use to bring the shopper back: the card from the error.
    expect(intent.last_payment_error?.payment_method?.id).toBe(saved.paymentMethod);
    expect(error.payment_method?.id).toBe(saved.paymentMethod);
    expect(eventsAbout(intent.id)).toEqual(['payment_intent.payment_failed']);

    // The shopper comes back: on session, the same card authenticates and pays.
    const back = await stripe.paymentIntents.confirm(intent.id, { payment_method: saved.paymentMethod, return_url: 'https://shop.example/back' });
    expect(back.status).toBe('requires_action');
    await answerChallenge(back.next_action);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  test('setup_future_usage saves the card to the customer when the payment succeeds (after a challenge too)', async () => {
    const customer = (await stripe.customers.create({})).id;
    const visa = await card(VISA);
    const paid = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', customer, payment_method: visa.id, setup_future_usage: 'off_session', confirm: true });
    expect(paid).toMatchObject({ status: 'succeeded', setup_future_usage: 'off_session', customer });
    expect((await stripe.paymentMethods.retrieve(visa.id)).customer).toBe(customer);
    expect(eventsAbout(visa.id)).toEqual(['payment_method.attached']);

    const challenged = await card(SETUP_THEN_OFF_SESSION);
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', customer, payment_method: challenged.id, setup_future_usage: 'off_session', confirm: true, return_url: 'https://shop.example/done' });
    expect(intent.status).toBe('requires_action');
    expect((await stripe.paymentMethods.retrieve(challenged.id)).customer).toBeNull();
    await answerChallenge(intent.next_action);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
    expect((await stripe.paymentMethods.retrieve(challenged.id)).customer).toBe(customer);
    // Set up by that payment: the next one goes through with nobody there.
    const later = await stripe.paymentIntents.create({ amount: 700, currency: 'eur', customer, payment_method: challenged.id, off_session: true, confirm: true });
    expect(later.status).toBe('succeeded');

    // A declined payment saves nothing.
    const declining = await card('4000000000009995');
    await rejection(stripe.paymentIntents.create({ amount: 1000, currency: 'eur', customer, payment_method: declining.id, setup_future_usage: 'on_session', confirm: true }));
    expect((await stripe.paymentMethods.retrieve(declining.id)).customer).toBeNull();
  });
});

test.describe('paying again with a re-collected CVC (CVC update tokens)', () => {
  async function cvcToken(cvc: string, using = browser): Promise<Stripe.Token> {
    return using.tokens.create({ cvc_update: { cvc } } as Stripe.TokenCreateParams);
  }

  test('the browser turns a CVC into a single-use cvctok_, and the payment checks it: pass for 4242, fail for 0101', async () => {
    const token = await cvcToken('123');
    expect(token.id).toMatch(/^cvctok_[A-Za-z0-9]{24}$/);
    expect(token).toMatchObject({ object: 'token', type: 'cvc_update', used: false, livemode: false });
    expect(JSON.stringify(token)).not.toContain('123"');

    const customer = (await stripe.customers.create({})).id;
    // Saved without a CVC check on file: only the re-collected CVC is checked.
    const saved = await stripe.paymentMethods.create({ type: 'card', card: { number: VISA, exp_month: 12, exp_year: FUTURE_YEAR } });
    await stripe.paymentMethods.attach(saved.id, { customer });
    const without = await stripe.paymentIntents.create({ amount: 900, currency: 'eur', customer, payment_method: saved.id, confirm: true });
    expect((await stripe.charges.retrieve(without.latest_charge as string)).payment_method_details?.card?.checks?.cvc_check).toBeNull();

    // From the browser, as the CVC frame will: the intent's client_secret, the saved card and the token.
    const open = await stripe.paymentIntents.create({ amount: 900, currency: 'eur', customer, payment_method: saved.id });
    const paid = await browser.paymentIntents.confirm(open.id, {
      client_secret: open.client_secret!,
      payment_method: saved.id,
      payment_method_options: { card: { cvc_token: token.id } },
    } as Stripe.PaymentIntentConfirmParams);
    expect(paid.status).toBe('succeeded');
    const charge = await stripe.charges.retrieve((await stripe.paymentIntents.retrieve(open.id)).latest_charge as string);
    expect(charge.payment_method_details?.card?.checks?.cvc_check).toBe('pass');

    const reused = await rejection(stripe.paymentIntents.create({ amount: 900, currency: 'eur', customer, payment_method: saved.id, confirm: true, payment_method_options: { card: { cvc_token: token.id } } }));
    expect(reused).toMatchObject({ statusCode: 400, code: 'token_already_used', param: 'payment_method_options[card][cvc_token]' });
    const unknown = await rejection(stripe.paymentIntents.create({ amount: 900, currency: 'eur', customer, payment_method: saved.id, confirm: true, payment_method_options: { card: { cvc_token: 'cvctok_000000000000000000000000' } } }));
    expect(unknown).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'payment_method_options[card][cvc_token]' });
    // Another account's token is no token at all.
    const foreign = await cvcToken('123', client(OTHER.publishableKey));
    expect(await rejection(stripe.paymentIntents.create({ amount: 900, currency: 'eur', customer, payment_method: saved.id, confirm: true, payment_method_options: { card: { cvc_token: foreign.id } } }))).toMatchObject({ statusCode: 404, code: 'resource_missing' });

    // 4000000000000101: the issuer says the CVC does not match; the payment goes on (no decline_on).
    const wrongCvcCard = await stripe.paymentMethods.create({ type: 'card', card: { number: '4000000000000101', exp_month: 12, exp_year: FUTURE_YEAR } });
    await stripe.paymentMethods.attach(wrongCvcCard.id, { customer });
    const failedCheck = await stripe.paymentIntents.create({ amount: 900, currency: 'eur', customer, payment_method: wrongCvcCard.id, confirm: true, payment_method_options: { card: { cvc_token: (await cvcToken('999')).id } } });
    expect((await stripe.charges.retrieve(failedCheck.latest_charge as string)).payment_method_details?.card?.checks?.cvc_check).toBe('fail');
    expect((await stripe.paymentMethods.retrieve(wrongCvcCard.id)).card?.checks?.cvc_check).toBe('fail');

    // An account that declines on CVC failure declines it: incorrect_cvc, as Stripe answers.
    const strict = client(STRICT_CVC.secretKey);
    const strictCustomer = (await strict.customers.create({})).id;
    const strictCard = await strict.paymentMethods.create({ type: 'card', card: { number: '4000000000000101', exp_month: 12, exp_year: FUTURE_YEAR } });
    await strict.paymentMethods.attach(strictCard.id, { customer: strictCustomer });
    const strictToken = await cvcToken('999', client(STRICT_CVC.publishableKey));
    const declined = await rejection(strict.paymentIntents.create({ amount: 900, currency: 'eur', customer: strictCustomer, payment_method: strictCard.id, confirm: true, payment_method_options: { card: { cvc_token: strictToken.id } } }));
    expect(declined).toMatchObject({ statusCode: 402, code: 'incorrect_cvc', decline_code: 'incorrect_cvc' });
  });

  test("a token takes only cvc_update[cvc] of 3 or 4 digits, and only a publishable or secret key of the account", async () => {
    expect(await rejection(cvcToken('12'))).toMatchObject({ statusCode: 402, code: 'invalid_cvc', param: 'cvc_update[cvc]' });
    expect(await rejection(cvcToken('12a4'))).toMatchObject({ statusCode: 402, code: 'invalid_cvc' });
    expect(await rejection(browser.tokens.create({} as Stripe.TokenCreateParams))).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'cvc_update' });
    const withNumber = await rejection(browser.tokens.create({ cvc_update: { cvc: '123', number: VISA } } as unknown as Stripe.TokenCreateParams));
    expect(withNumber).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'cvc_update[number]' });
    expect(JSON.stringify(withNumber.raw)).not.toContain(VISA);
    expect(await rejection(browser.tokens.create({ card: { number: VISA } } as unknown as Stripe.TokenCreateParams))).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'card' });
    expect((await rejection(client('pk_test_nobody_at_all').tokens.create({ cvc_update: { cvc: '123' } } as Stripe.TokenCreateParams))).statusCode).toBe(401);
  });

  test("the browser reads which saved card an intent pays with (expand[]=payment_method): brand, last4 and expiry only", async () => {
    const customer = (await stripe.customers.create({})).id;
    const saved = await card(VISA);
    await stripe.paymentMethods.attach(saved.id, { customer });
    const open = await stripe.paymentIntents.create({ amount: 900, currency: 'eur', customer, payment_method: saved.id });
    const seen = await browser.paymentIntents.retrieve(open.id, { client_secret: open.client_secret!, expand: ['payment_method'] } as Stripe.PaymentIntentRetrieveParams);
    expect(seen.payment_method).toEqual({ id: saved.id, object: 'payment_method', type: 'card', card: { brand: 'visa', exp_month: 12, exp_year: FUTURE_YEAR, last4: '4242' } });
    // The merchant's key sees the whole object, as Stripe's does.
    expect(((await stripe.paymentIntents.retrieve(open.id, { expand: ['payment_method'] })).payment_method as Stripe.PaymentMethod).customer).toBe(customer);
    // Without a payment method, nothing to expand; anything else is refused; another account's key finds no intent.
    const empty = await stripe.paymentIntents.create({ amount: 900, currency: 'eur', customer });
    expect((await browser.paymentIntents.retrieve(empty.id, { client_secret: empty.client_secret!, expand: ['payment_method'] } as Stripe.PaymentIntentRetrieveParams)).payment_method).toBeNull();
    expect(await rejection(browser.paymentIntents.retrieve(open.id, { client_secret: open.client_secret!, expand: ['customer'] } as Stripe.PaymentIntentRetrieveParams))).toMatchObject({ statusCode: 400, param: 'expand' });
    expect(await rejection(client(OTHER.publishableKey).paymentIntents.retrieve(open.id, { client_secret: open.client_secret!, expand: ['payment_method'] } as Stripe.PaymentIntentRetrieveParams))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});

test("one account's keys never see another's customers, saved cards or SetupIntents", async () => {
  const shopper = await stripe.customers.create({ email: 'private@example.com' });
  const visa = await card(VISA);
  await stripe.paymentMethods.attach(visa.id, { customer: shopper.id });
  const setup = await stripe.setupIntents.create({ customer: shopper.id });

  const notFound = { statusCode: 404, code: 'resource_missing' };
  expect(await rejection(other.customers.retrieve(shopper.id))).toMatchObject({ ...notFound, message: `No such customer: '${shopper.id}'` });
  expect(await rejection(other.customers.update(shopper.id, { name: 'Mallory' }))).toMatchObject(notFound);
  expect(await rejection(other.customers.listPaymentMethods(shopper.id))).toMatchObject(notFound);
  expect(await rejection(other.paymentMethods.list({ customer: shopper.id, type: 'card' }))).toMatchObject({ ...notFound, param: 'customer' });
  expect(await rejection(other.setupIntents.retrieve(setup.id))).toMatchObject(notFound);
  expect(await rejection(other.paymentMethods.detach(visa.id))).toMatchObject(notFound);
  const ownCard = await card(VISA, other);
  expect(await rejection(other.paymentMethods.attach(ownCard.id, { customer: shopper.id }))).toMatchObject({ ...notFound, param: 'customer' });
  expect(await rejection(other.paymentIntents.create({ amount: 100, currency: 'eur', customer: shopper.id }))).toMatchObject({ ...notFound, param: 'customer' });
  expect(await rejection(other.setupIntents.create({ customer: shopper.id }))).toMatchObject({ ...notFound, param: 'customer' });
  expect((await other.customers.list({ limit: 100 })).data.map((customer) => customer.id)).not.toContain(shopper.id);
  // The publishable key of the other account cannot read the SetupIntent even with its client_secret.
  const otherBrowser = client(OTHER.publishableKey);
  expect(await rejection(otherBrowser.setupIntents.retrieve(setup.id, { client_secret: setup.client_secret! }))).toMatchObject(notFound);
  // And none of it reached the other account's webhooks.
  expect(JSON.stringify(account(OTHER.id).webhooks.listEvents())).not.toContain(shopper.id);
});

test('the whole lifecycle against `payframe sandbox` as a real process, announced by signed webhooks', async () => {
  const secret = 'whsec_savedCardsLifecycle0001';
  const receiver = await startWebhookReceiver(secret);
  const config = sandboxConfigFile({ accounts: [{ id: 'acct_saved_cards', publishableKey: 'pk_test_saved_cards', secretKey: 'sk_test_saved_cards', webhookEndpoints: [{ url: receiver.url, secret }] }] });
  const sandbox = startSandboxProcess(['--port', '0', '--config', config]);
  try {
    const url = await sandboxUrl(sandbox);
    const shop = new Stripe('sk_test_saved_cards', { host: new URL(url).hostname, port: Number(new URL(url).port), protocol: 'http', maxNetworkRetries: 0 });
    const shopper = await shop.customers.create({ email: 'returning@example.com' });
    const method = await card(SETUP_THEN_OFF_SESSION, shop);
    const setup = await shop.setupIntents.create({ customer: shopper.id, payment_method: method.id, confirm: true });
    expect(setup.status).toBe('requires_action');
    const challengeUrl = setup.next_action!.redirect_to_url!.url!;
    expect(challengeUrl.startsWith(`${url}/3ds/challenge/`)).toBe(true);
    const code = /Enter <strong class="code">(\d{6})<\/strong>/.exec(await (await fetch(challengeUrl)).text())![1]!;
    expect((await fetch(challengeUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ code, outcome: 'complete' }) })).status).toBe(200);
    expect((await shop.setupIntents.retrieve(setup.id)).status).toBe('succeeded');
    expect((await shop.customers.listPaymentMethods(shopper.id)).data.map((saved) => saved.id)).toEqual([method.id]);

    const offSession = await shop.paymentIntents.create({ amount: 1200, currency: 'eur', customer: shopper.id, payment_method: method.id, off_session: true, confirm: true });
    expect(offSession.status).toBe('succeeded');
    const always = await card(ALWAYS_AUTHENTICATE, shop);
    await shop.paymentMethods.attach(always.id, { customer: shopper.id });
    const refused = await rejection(shop.paymentIntents.create({ amount: 1200, currency: 'eur', customer: shopper.id, payment_method: always.id, off_session: true, confirm: true }));
    expect(refused).toMatchObject({ statusCode: 402, code: 'authentication_required', decline_code: 'authentication_required' });
    await shop.paymentMethods.detach(always.id);

    const expected = [
      'customer.created',
      'setup_intent.created',
      'setup_intent.requires_action',
      'setup_intent.succeeded',
      'payment_method.attached',
      'payment_intent.succeeded',
      'payment_method.attached',
      'payment_intent.payment_failed',
      'payment_method.detached',
    ];
    // Deliveries run concurrently, so they may arrive in any order: compared as a sorted list.
    const events = await receiver.received(expected.length);
    expect(events.map((event) => event.type).sort()).toEqual([...expected].sort());
    const attached = events.filter((event) => event.type === 'payment_method.attached').map((event) => (event.data.object as Stripe.PaymentMethod).id);
    expect(attached.sort()).toEqual([method.id, always.id].sort());
    expect(JSON.stringify(events)).not.toContain(SETUP_THEN_OFF_SESSION);
    expect(sandbox.output()).not.toContain(SETUP_THEN_OFF_SESSION);
  } finally {
    sandbox.child.kill('SIGTERM');
    await receiver.close();
  }
  expect(await sandbox.closed).toBe(0);
});
