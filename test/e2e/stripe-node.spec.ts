// The official stripe-node SDK, unchanged, against the sandbox gateway (no browser): payment
// intents through every test card, captures, cancels, refunds, lists, error classes, idempotency.
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { rejection } from './sandbox/stripe-rejection.ts';
import {
  DEFAULT_PUBLISHABLE_KEY,
  DEFAULT_SECRET_KEY,
  startSandboxGateway,
  type RunningSandboxGateway,
} from '../../src/node/sandbox/sandbox-gateway.ts';

const FUTURE_YEAR = new Date().getUTCFullYear() + 3;

let gateway: RunningSandboxGateway;
let stripe: Stripe;

function stripeClient(key: string, port = gateway.port): Stripe {
  return new Stripe(key, { host: '127.0.0.1', port, protocol: 'http' });
}

test.beforeAll(async () => {
  gateway = await startSandboxGateway({ port: 0, publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY, allowedOrigins: [] });
  stripe = stripeClient(DEFAULT_SECRET_KEY);
});

test.afterAll(async () => {
  await gateway.close();
});

async function card(number: string): Promise<Stripe.PaymentMethod> {
  const cvc = number.startsWith('37') ? '1234' : '123';
  return stripe.paymentMethods.create({ type: 'card', card: { number, exp_month: 12, exp_year: FUTURE_YEAR, cvc } });
}

test('creates a PaymentIntent in Stripe\'s shape', async () => {
  const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'EUR', metadata: { order: 'A-1' }, description: 'Two mugs' });
  expect(intent).toMatchObject({
    object: 'payment_intent',
    amount: 1999,
    amount_capturable: 0,
    amount_received: 0,
    currency: 'eur',
    capture_method: 'automatic',
    confirmation_method: 'automatic',
    status: 'requires_payment_method',
    payment_method: null,
    latest_charge: null,
    last_payment_error: null,
    next_action: null,
    canceled_at: null,
    cancellation_reason: null,
    description: 'Two mugs',
    metadata: { order: 'A-1' },
    payment_method_types: ['card'],
    livemode: false,
  });
  expect(intent.id).toMatch(/^pi_[A-Za-z0-9]{24}$/);
  expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_[A-Za-z0-9]{25}$`));
  expect(Math.abs(intent.created - Date.now() / 1000)).toBeLessThan(60);
  expect(await stripe.paymentIntents.retrieve(intent.id)).toEqual(intent);
});

test('updates amount, currency, payment method, description and metadata (merged) before payment', async () => {
  const visa = await card('4242424242424242');
  const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', metadata: { keep: 'yes', drop: 'me' } });
  const updated = await stripe.paymentIntents.update(intent.id, {
    amount: 2500,
    currency: 'usd',
    payment_method: visa.id,
    description: 'Updated',
    metadata: { drop: '', added: 'new' },
  });
  expect(updated).toMatchObject({ amount: 2500, currency: 'usd', payment_method: visa.id, description: 'Updated', status: 'requires_confirmation' });
  expect(updated.metadata).toEqual({ keep: 'yes', added: 'new' });

  const paid = await stripe.paymentIntents.confirm(intent.id);
  expect(paid).toMatchObject({ status: 'succeeded', amount_received: 2500 });
  const tooLate = await rejection(stripe.paymentIntents.update(intent.id, { amount: 1 }));
  expect(tooLate).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(tooLate.code).toBe('payment_intent_unexpected_state');
  // Metadata stays editable after payment, as in Stripe.
  expect((await stripe.paymentIntents.update(intent.id, { metadata: { shipped: 'true' } })).metadata).toEqual({ keep: 'yes', added: 'new', shipped: 'true' });
});

const SUCCESS_CARDS = [
  ['4242424242424242', 'visa'],
  ['5555555555554444', 'mastercard'],
  ['2223003122003222', 'mastercard'],
  ['378282246310005', 'amex'],
  ['6011111111111117', 'discover'],
  ['36227206271667', 'diners'],
  ['3566002020360505', 'jcb'],
  ['6205500000000000004', 'unionpay'],
] as const;

test('every brand\'s success card pays: succeeded, amount received, a captured charge', async () => {
  for (const [number, brand] of SUCCESS_CARDS) {
    const method = await card(number);
    const intent = await stripe.paymentIntents.create({ amount: 1500, currency: 'eur', payment_method: method.id });
    expect(intent.status).toBe('requires_confirmation');
    const paid = await stripe.paymentIntents.confirm(intent.id);
    expect(paid, number).toMatchObject({ status: 'succeeded', amount_received: 1500, amount_capturable: 0, payment_method: method.id, last_payment_error: null });
    expect(paid.latest_charge).toMatch(/^ch_[A-Za-z0-9]{24}$/);
    const charge = await stripe.charges.retrieve(paid.latest_charge as string);
    expect(charge).toMatchObject({ status: 'succeeded', paid: true, captured: true, amount_captured: 1500, payment_intent: intent.id });
    expect(charge.payment_method_details?.card).toMatchObject({ brand, last4: number.slice(-4) });
    expect(JSON.stringify([paid, charge])).not.toContain(number);
  }
});

const DECLINE_CARDS = [
  ['4000000000000002', 'card_declined', 'generic_decline', 'Your card was declined.'],
  ['4000000000009995', 'card_declined', 'insufficient_funds', 'Your card has insufficient funds.'],
  ['4000000000009987', 'card_declined', 'lost_card', 'Your card was declined.'],
  ['4000000000009979', 'card_declined', 'stolen_card', 'Your card was declined.'],
  ['4000000000000069', 'expired_card', 'expired_card', 'Your card has expired.'],
  ['4000000000000127', 'incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."],
  ['4000000000000119', 'processing_error', 'processing_error', 'An error occurred while processing your card. Try again in a little bit.'],
] as const;

test('declining cards raise StripeCardError with Stripe\'s code, decline_code and message; the intent goes back to requires_payment_method', async () => {
  for (const [number, code, declineCode, message] of DECLINE_CARDS) {
    const method = await card(number);
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
    const error = await rejection(stripe.paymentIntents.confirm(intent.id, { payment_method: method.id }));
    expect(error, number).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error.statusCode).toBe(402);
    expect({ code: error.code, decline_code: error.decline_code, message: error.message }).toEqual({ code, decline_code: declineCode, message });
    expect(error.payment_intent).toMatchObject({ id: intent.id, status: 'requires_payment_method' });
    expect(error.payment_method?.id).toBe(method.id);
    expect(error.charge).toMatch(/^ch_/);

    const after = await stripe.paymentIntents.retrieve(intent.id);
    expect(after).toMatchObject({ status: 'requires_payment_method', payment_method: null, amount_received: 0, latest_charge: error.charge });
    expect(after.last_payment_error).toMatchObject({ type: 'card_error', code, decline_code: declineCode, message, charge: error.charge });
    expect(after.last_payment_error?.payment_method?.id).toBe(method.id);
    expect(await stripe.charges.retrieve(error.charge!)).toMatchObject({ status: 'failed', paid: false, captured: false, failure_code: code });
  }
});

test('a declined intent can be paid with another card', async () => {
  const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: (await card('4000000000009995')).id });
  await rejection(stripe.paymentIntents.confirm(intent.id));
  const paid = await stripe.paymentIntents.confirm(intent.id, { payment_method: (await card('4242424242424242')).id });
  expect(paid).toMatchObject({ status: 'succeeded', last_payment_error: null, amount_received: 1000 });
});

test('3-D Secure cards wait for a challenge on the gateway\'s own page; 4000000000003055 passes frictionless', async () => {
  for (const number of ['4000002760003184', '4000000000003220', '4000008260003178']) {
    const intent = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'eur',
      payment_method: (await card(number)).id,
      confirm: true,
      return_url: 'https://shop.example/order/7?step=done',
    });
    expect(intent, number).toMatchObject({ status: 'requires_action', latest_charge: null, amount_received: 0 });
    expect(intent.next_action).toEqual({
      type: 'redirect_to_url',
      redirect_to_url: { url: expect.stringMatching(new RegExp(`^${gateway.url}/3ds/challenge/payatt_[A-Za-z0-9]{24}$`)), return_url: 'https://shop.example/order/7?step=done' },
    });
  }
  const frictionless = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: (await card('4000000000003055')).id, confirm: true });
  expect(frictionless).toMatchObject({ status: 'succeeded', next_action: null });
  const charge = await stripe.charges.retrieve(frictionless.latest_charge as string);
  expect(charge.payment_method_details?.card?.three_d_secure).toMatchObject({ authentication_flow: 'frictionless', result: 'authenticated' });
});

test('manual capture: requires_capture, then the full amount is captured', async () => {
  const intent = await stripe.paymentIntents.create({ amount: 3000, currency: 'eur', capture_method: 'manual', payment_method: (await card('4242424242424242')).id, confirm: true });
  expect(intent).toMatchObject({ status: 'requires_capture', amount_capturable: 3000, amount_received: 0 });
  const charge = await stripe.charges.retrieve(intent.latest_charge as string);
  expect(charge).toMatchObject({ captured: false, amount_captured: 0, status: 'succeeded' });

  const captured = await stripe.paymentIntents.capture(intent.id);
  expect(captured).toMatchObject({ status: 'succeeded', amount_capturable: 0, amount_received: 3000 });
  expect(await stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ captured: true, amount_captured: 3000, amount_refunded: 0 });
});

test('partial capture takes part of the authorization and releases the rest', async () => {
  const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', capture_method: 'manual', payment_method: (await card('5555555555554444')).id, confirm: true });
  const tooMuch = await rejection(stripe.paymentIntents.capture(intent.id, { amount_to_capture: 1001 }));
  expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(tooMuch).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount_to_capture' });

  const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 600 });
  expect(captured).toMatchObject({ status: 'succeeded', amount_received: 600, amount_capturable: 0 });
  // Stripe shows the released remainder as refunded on the charge.
  expect(await stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ amount_captured: 600, amount_refunded: 400, refunded: false });
  const overRefund = await rejection(stripe.refunds.create({ payment_intent: intent.id, amount: 601 }));
  expect(overRefund.code).toBe('amount_too_large');
  expect((await stripe.refunds.create({ payment_intent: intent.id })).amount).toBe(600);
});

test('Stripe\'s state rules: confirm without a payment method, capture twice or uncapturable, confirm a paid intent', async () => {
  const bare = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
  const noMethod = await rejection(stripe.paymentIntents.confirm(bare.id));
  expect(noMethod).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(noMethod.statusCode).toBe(400);
  expect(noMethod.message).toMatch(/missing a payment method/);

  const notCapturable = await rejection(stripe.paymentIntents.capture(bare.id));
  expect(notCapturable).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });

  const paid = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: (await card('4242424242424242')).id, confirm: true });
  expect((await rejection(stripe.paymentIntents.capture(paid.id))).code).toBe('payment_intent_unexpected_state');
  const confirmAgain = await rejection(stripe.paymentIntents.confirm(paid.id));
  expect(confirmAgain).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
  expect(confirmAgain.message).toMatch(/status of succeeded/);
});

test('cancel: with a reason before payment, releasing an authorization, never once paid', async () => {
  const open = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
  const canceled = await stripe.paymentIntents.cancel(open.id, { cancellation_reason: 'requested_by_customer' });
  expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer' });
  expect(Math.abs(canceled.canceled_at! - Date.now() / 1000)).toBeLessThan(60);
  expect((await rejection(stripe.paymentIntents.confirm(open.id, { payment_method: (await card('4242424242424242')).id }))).code).toBe('payment_intent_unexpected_state');

  const authorized = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', capture_method: 'manual', payment_method: (await card('4242424242424242')).id, confirm: true });
  expect(await stripe.paymentIntents.cancel(authorized.id)).toMatchObject({ status: 'canceled', amount_capturable: 0, amount_received: 0 });
  expect(await stripe.charges.retrieve(authorized.latest_charge as string)).toMatchObject({ captured: false, amount_refunded: 1000, refunded: true });

  const paid = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: (await card('4242424242424242')).id, confirm: true });
  const notCancelable = await rejection(stripe.paymentIntents.cancel(paid.id));
  expect(notCancelable).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(notCancelable).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
});

test('refunds: partial, repeated, then full; never above what was captured', async () => {
  const paid = await stripe.paymentIntents.create({ amount: 5000, currency: 'eur', payment_method: (await card('4242424242424242')).id, confirm: true });
  const first = await stripe.refunds.create({ payment_intent: paid.id, amount: 1000, reason: 'requested_by_customer', metadata: { ticket: 'T-9' } });
  expect(first).toMatchObject({ object: 'refund', amount: 1000, currency: 'eur', status: 'succeeded', payment_intent: paid.id, charge: paid.latest_charge, reason: 'requested_by_customer', metadata: { ticket: 'T-9' } });
  expect(first.id).toMatch(/^re_[A-Za-z0-9]{24}$/);
  const second = await stripe.refunds.create({ charge: paid.latest_charge as string, amount: 1500 });

  const over = await rejection(stripe.refunds.create({ payment_intent: paid.id, amount: 2501 }));
  expect(over).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(over).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
  expect(over.message).toBe('Refund amount (€25.01) is greater than unrefunded amount on charge (€25.00).');

  const rest = await stripe.refunds.create({ payment_intent: paid.id });
  expect(rest.amount).toBe(2500);
  const again = await rejection(stripe.refunds.create({ payment_intent: paid.id, amount: 1 }));
  expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });
  expect(await stripe.charges.retrieve(paid.latest_charge as string)).toMatchObject({ amount_refunded: 5000, refunded: true });

  expect(await stripe.refunds.retrieve(first.id)).toEqual(first);
  const listed = await stripe.refunds.list({ payment_intent: paid.id });
  expect(listed.data.map((refund) => refund.id)).toEqual([rest.id, second.id, first.id]);

  const unpaid = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
  expect((await rejection(stripe.refunds.create({ payment_intent: unpaid.id }))).code).toBe('charge_not_refundable');
});

test("lists charges by payment intent and customer, and a charge's refunds at its refunds.url", async () => {
  const customer = await stripe.customers.create({ email: 'charges@example.com' });
  const visa = await card('4242424242424242');
  await stripe.paymentMethods.attach(visa.id, { customer: customer.id });
  const first = await stripe.paymentIntents.create({ amount: 1200, currency: 'eur', customer: customer.id, payment_method: visa.id, confirm: true });
  const second = await stripe.paymentIntents.create({ amount: 3400, currency: 'eur', customer: customer.id, payment_method: visa.id, confirm: true });
  const declined = await rejection(stripe.paymentIntents.create({ amount: 500, currency: 'eur', payment_method: (await card('4000000000000002')).id, confirm: true }));

  const customers = await stripe.charges.list({ customer: customer.id });
  expect(customers).toMatchObject({ object: 'list', url: '/v1/charges', has_more: false });
  expect(customers.data.map((charge) => charge.id)).toEqual([second.latest_charge, first.latest_charge]);
  const paged = await stripe.charges.list({ customer: customer.id, limit: 1, starting_after: second.latest_charge as string });
  expect(paged.data.map((charge) => charge.id)).toEqual([first.latest_charge]);
  const failed = (await stripe.charges.list({ payment_intent: declined.payment_intent!.id })).data;
  expect(failed).toEqual([expect.objectContaining({ status: 'failed', paid: false, failure_code: 'card_declined' })]);
  expect(await stripe.charges.list({ limit: 3 }).autoPagingToArray({ limit: 1000 })).toEqual(expect.arrayContaining([expect.objectContaining({ id: first.latest_charge })]));

  const charge = await stripe.charges.retrieve(second.latest_charge as string);
  const refund = await stripe.refunds.create({ charge: charge.id, amount: 400 });
  const refunds = await stripe.refunds.list({ charge: charge.id });
  expect(refunds.data.map((entry) => entry.id)).toEqual([refund.id]);
  // The SDK's own call for a charge's refunds list (the path charge.refunds.url names).
  const atUrl = (await stripe.rawRequest('GET', charge.refunds!.url, {})) as unknown as { data: { id: string }[]; url: string };
  expect(atUrl).toMatchObject({ object: 'list', url: charge.refunds!.url });
  expect(atUrl.data.map((entry) => entry.id)).toEqual([refund.id]);
  expect(await rejection(stripe.rawRequest('GET', '/v1/charges/ch_unknown/refunds', {}))).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  expect(await rejection(stripe.charges.list({ payment_intent: 'not_an_intent' }))).toMatchObject({ statusCode: 404, param: 'payment_intent' });
});

test('lists intents newest first, with limit, starting_after pages, created[gte] and auto-pagination', async () => {
  // A gateway of its own, so the list holds exactly what this test made.
  const own = await startSandboxGateway({ port: 0, publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY, allowedOrigins: [] });
  try {
    const client = stripeClient(DEFAULT_SECRET_KEY, own.port);
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await client.paymentIntents.create({ amount: 100 + i, currency: 'eur' })).id);
    const newestFirst = [...created].reverse();

    const firstPage = await client.paymentIntents.list({ limit: 2 });
    expect(firstPage).toMatchObject({ object: 'list', url: '/v1/payment_intents', has_more: true });
    expect(firstPage.data.map((intent) => intent.id)).toEqual(newestFirst.slice(0, 2));
    const secondPage = await client.paymentIntents.list({ limit: 2, starting_after: firstPage.data[1]!.id });
    expect(secondPage.data.map((intent) => intent.id)).toEqual(newestFirst.slice(2, 4));
    const lastPage = await client.paymentIntents.list({ limit: 2, starting_after: secondPage.data[1]!.id });
    expect(lastPage.data.map((intent) => intent.id)).toEqual(newestFirst.slice(4));
    expect(lastPage.has_more).toBe(false);
    const before = await client.paymentIntents.list({ limit: 2, ending_before: newestFirst[3]! });
    expect(before.data.map((intent) => intent.id)).toEqual(newestFirst.slice(1, 3));

    expect(await client.paymentIntents.list({ limit: 3 }).autoPagingToArray({ limit: 10 })).toHaveLength(5);
    const since = Math.floor(Date.now() / 1000) - 60;
    expect((await client.paymentIntents.list({ created: { gte: since } })).data).toHaveLength(5);
    expect((await client.paymentIntents.list({ created: { gt: since + 3600 } })).data).toHaveLength(0);

    const badLimit = await rejection(client.paymentIntents.list({ limit: 101 }));
    expect(badLimit).toMatchObject({ statusCode: 400, param: 'limit' });
  } finally {
    await own.close();
  }
});

test('the SDK raises Stripe\'s error classes: authentication, invalid request, not found, card', async () => {
  const wrongKey = await rejection(stripeClient('sk_test_not_the_sandbox_key').paymentIntents.create({ amount: 1000, currency: 'eur' }));
  expect(wrongKey).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  expect(wrongKey.message).not.toContain('not_the_sandbox_key');

  const publishable = await rejection(stripeClient(DEFAULT_PUBLISHABLE_KEY).paymentIntents.create({ amount: 1000, currency: 'eur' }));
  expect(publishable).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);

  const missing = await rejection(stripe.paymentIntents.create({ currency: 'eur' } as Stripe.PaymentIntentCreateParams));
  expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(missing).toMatchObject({ code: 'parameter_missing', param: 'amount' });

  const unknownParam = await rejection(stripe.paymentIntents.create({ amount: 1000, currency: 'eur', amonut: 5 } as Stripe.PaymentIntentCreateParams));
  expect(unknownParam).toMatchObject({ code: 'parameter_unknown', param: 'amonut' });

  const notFound = await rejection(stripe.paymentIntents.retrieve('pi_doesnotexist0000000000000'));
  expect(notFound).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(notFound).toMatchObject({ statusCode: 404, code: 'resource_missing', message: "No such payment_intent: 'pi_doesnotexist0000000000000'" });

  const declined = await rejection(stripe.paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: (await card('4000000000000002')).id, confirm: true }));
  expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
  expect((declined as Stripe.errors.StripeCardError).decline_code).toBe('generic_decline');
});

test('idempotencyKey: the same key twice gives the same intent; other params give StripeIdempotencyError', async () => {
  const idempotencyKey = `order-${Date.now()}`;
  const first = await stripe.paymentIntents.create({ amount: 4200, currency: 'eur' }, { idempotencyKey });
  const again = await stripe.paymentIntents.create({ amount: 4200, currency: 'eur' }, { idempotencyKey });
  expect(again.id).toBe(first.id);
  expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');

  const mismatch = await rejection(stripe.paymentIntents.create({ amount: 4300, currency: 'eur' }, { idempotencyKey }));
  expect(mismatch).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);

  // A declined confirm is replayed too: one charge, not two.
  const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: (await card('4000000000009995')).id });
  const confirmKey = `${idempotencyKey}-confirm`;
  const declined = await rejection(stripe.paymentIntents.confirm(intent.id, {}, { idempotencyKey: confirmKey }));
  const replayed = await rejection(stripe.paymentIntents.confirm(intent.id, {}, { idempotencyKey: confirmKey }));
  expect(replayed).toBeInstanceOf(Stripe.errors.StripeCardError);
  expect(replayed.charge).toBe(declined.charge);
  expect((await stripe.paymentIntents.retrieve(intent.id)).latest_charge).toBe(declined.charge);

  // Captures and refunds are covered by the same layer.
  const authorized = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', capture_method: 'manual', payment_method: (await card('4242424242424242')).id, confirm: true });
  const captureKey = `${idempotencyKey}-capture`;
  await stripe.paymentIntents.capture(authorized.id, { amount_to_capture: 700 }, { idempotencyKey: captureKey });
  expect((await stripe.paymentIntents.capture(authorized.id, { amount_to_capture: 700 }, { idempotencyKey: captureKey })).amount_received).toBe(700);
  const refundKey = `${idempotencyKey}-refund`;
  const refund = await stripe.refunds.create({ payment_intent: authorized.id, amount: 300 }, { idempotencyKey: refundKey });
  expect((await stripe.refunds.create({ payment_intent: authorized.id, amount: 300 }, { idempotencyKey: refundKey })).id).toBe(refund.id);
  expect((await stripe.refunds.list({ payment_intent: authorized.id })).data).toHaveLength(1);
});
