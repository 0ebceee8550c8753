// Billing details and Stripe's card verification checks in the sandbox gateway, judged by the
// official stripe SDK (no browser): billing_details stored on the payment method and copied to the
// charge; card.checks `unchecked` until a payment, then Stripe's test cards' results; a failed check
// succeeds by default and declines with incorrect_zip / incorrect_cvc on an account that declines on it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { rejection } from './stripe-rejection.ts';
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY, startSandboxGateway, type RunningSandboxGateway } from '../../../src/node/sandbox/sandbox-gateway.ts';
import { SandboxConfigError, readSandboxConfigFile } from '../../../src/node/sandbox/sandbox-config-file.ts';

const STRICT = { id: 'acct_strict_checks', publishableKey: 'pk_test_strict_checks', secretKey: 'sk_test_strict_checks' };
const FUTURE_YEAR = new Date().getUTCFullYear() + 3;
const POSTAL_FAILS = '4000000000000036';
const CVC_FAILS = '4000000000000101';
const LINE1_FAILS = '4000000000000028';
const LINE1_AND_POSTAL_FAIL = '4000000000000010';
const CHECKS_UNAVAILABLE = '4000000000000044';

const BILLING: Stripe.PaymentMethodCreateParams.BillingDetails = {
  name: 'Jane Doe',
  email: 'jane@example.com',
  phone: '+33 1 23 45 67 89',
  address: { line1: '1 Rue de Rivoli', line2: 'Bât. B', city: 'Paris', state: 'IDF', postal_code: '75001', country: 'FR' },
};

let gateway: RunningSandboxGateway;
let merchant: Stripe;
let strict: Stripe;

function stripeClient(key: string): Stripe {
  return new Stripe(key, { host: '127.0.0.1', port: gateway.port, protocol: 'http', maxNetworkRetries: 0 });
}

test.beforeAll(async () => {
  gateway = await startSandboxGateway({
    port: 0,
    publishableKey: DEFAULT_PUBLISHABLE_KEY,
    secretKey: DEFAULT_SECRET_KEY,
    allowedOrigins: [],
    accounts: [{ ...STRICT, declineOn: { cvcFailure: true, avsFailure: true } }],
  });
  merchant = stripeClient(DEFAULT_SECRET_KEY);
  strict = stripeClient(STRICT.secretKey);
});

test.afterAll(async () => {
  await gateway.close();
});

interface CardOptions {
  /** null: no CVC sent. */
  cvc?: string | null;
  billing?: Stripe.PaymentMethodCreateParams.BillingDetails;
}

async function card(client: Stripe, number: string, { cvc = '123', billing = { address: { line1: '1 Main St', postal_code: '94107' } } }: CardOptions = {}): Promise<Stripe.PaymentMethod> {
  return client.paymentMethods.create({
    type: 'card',
    card: { number, exp_month: 12, exp_year: FUTURE_YEAR, ...(cvc === null ? {} : { cvc }) },
    billing_details: billing,
  });
}

async function pay(client: Stripe, method: Stripe.PaymentMethod): Promise<Stripe.PaymentIntent> {
  return client.paymentIntents.create({ amount: 1200, currency: 'eur', payment_method: method.id, confirm: true });
}

async function chargeOf(client: Stripe, intent: Stripe.PaymentIntent): Promise<Stripe.Charge> {
  return client.charges.retrieve(intent.latest_charge as string);
}

test('billing_details given to POST /v1/payment_methods are stored on the payment method and copied to the charge', async () => {
  const method = await card(merchant, '4242424242424242', { billing: BILLING });
  // tax_id is for Boleto only: always null on a card.
  const expected = { ...BILLING, address: { ...BILLING.address }, tax_id: null };
  expect(method.billing_details).toEqual(expected);
  expect((await merchant.paymentMethods.retrieve(method.id)).billing_details).toEqual(expected);
  const charge = await chargeOf(merchant, await pay(merchant, method));
  expect(charge.billing_details).toEqual(expected);
});

test('billing_details in payment_method_data on confirm are stored on the new payment method and copied to the charge', async () => {
  const intent = await merchant.paymentIntents.create({ amount: 900, currency: 'eur' });
  const paid = await merchant.paymentIntents.confirm(intent.id, {
    payment_method_data: { type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' }, billing_details: BILLING } as Stripe.PaymentIntentConfirmParams.PaymentMethodData,
  });
  expect(paid.status).toBe('succeeded');
  const method = await merchant.paymentMethods.retrieve(paid.payment_method as string);
  expect(method.billing_details).toEqual({ ...BILLING, tax_id: null });
  expect((await chargeOf(merchant, paid)).billing_details).toEqual({ ...BILLING, tax_id: null });
});

test('a new payment method\'s checks are unchecked for each input given and null for the others', async () => {
  const full = await card(merchant, '4242424242424242', { billing: BILLING });
  expect(full.card?.checks).toEqual({ address_line1_check: 'unchecked', address_postal_code_check: 'unchecked', cvc_check: 'unchecked' });
  const postalOnly = await card(merchant, '4242424242424242', { cvc: null, billing: { address: { postal_code: '75001' } } });
  expect(postalOnly.card?.checks).toEqual({ address_line1_check: null, address_postal_code_check: 'unchecked', cvc_check: null });
});

test('after a payment the charge and the payment method show the checks\' results: pass for an ordinary card', async () => {
  const method = await card(merchant, '4242424242424242');
  const charge = await chargeOf(merchant, await pay(merchant, method));
  const passed = { address_line1_check: 'pass', address_postal_code_check: 'pass', cvc_check: 'pass' };
  expect(charge.payment_method_details?.card?.checks).toEqual(passed);
  expect((await merchant.paymentMethods.retrieve(method.id)).card?.checks).toEqual(passed);
});

test('4000000000000036 with a postal code: the postal code check fails and the payment succeeds by default', async () => {
  const method = await card(merchant, POSTAL_FAILS);
  const intent = await pay(merchant, method);
  expect(intent.status).toBe('succeeded');
  const charge = await chargeOf(merchant, intent);
  expect(charge).toMatchObject({ status: 'succeeded', paid: true });
  expect(charge.payment_method_details?.card?.checks).toEqual({ address_line1_check: 'pass', address_postal_code_check: 'fail', cvc_check: 'pass' });
  expect((await merchant.paymentMethods.retrieve(method.id)).card?.checks?.address_postal_code_check).toBe('fail');
});

test('4000000000000036 without a postal code has nothing to check: null, and the payment succeeds even where a failure declines', async () => {
  const method = await card(strict, POSTAL_FAILS, { billing: { name: 'Jane Doe' } });
  const intent = await pay(strict, method);
  expect(intent.status).toBe('succeeded');
  expect((await chargeOf(strict, intent)).payment_method_details?.card?.checks).toEqual({ address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' });
});

test('4000000000000036 on an account that declines on a failed postal code check: incorrect_zip, as Stripe answers', async () => {
  const method = await card(strict, POSTAL_FAILS);
  const intent = await strict.paymentIntents.create({ amount: 1200, currency: 'eur' });
  const error = await rejection(strict.paymentIntents.confirm(intent.id, { payment_method: method.id }));
  expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
  expect({ status: error.statusCode, type: error.type, code: error.code, decline_code: error.decline_code, message: error.message, param: error.param }).toEqual({
    status: 402,
    type: 'StripeCardError',
    code: 'incorrect_zip',
    decline_code: 'incorrect_zip',
    message: 'The zip code you supplied failed validation.',
    param: 'address_zip',
  });
  expect(error.payment_method?.card?.checks?.address_postal_code_check).toBe('fail');

  const after = await strict.paymentIntents.retrieve(intent.id);
  expect(after).toMatchObject({ status: 'requires_payment_method', payment_method: null, amount_received: 0 });
  expect(after.last_payment_error).toMatchObject({ type: 'card_error', code: 'incorrect_zip', decline_code: 'incorrect_zip', charge: error.charge });
  const charge = await strict.charges.retrieve(error.charge!);
  expect(charge).toMatchObject({ status: 'failed', paid: false, failure_code: 'incorrect_zip', outcome: { reason: 'incorrect_zip' } });
  expect(charge.payment_method_details?.card?.checks?.address_postal_code_check).toBe('fail');
});

test('4000000000000101 with a CVC: the CVC check fails and the payment succeeds by default', async () => {
  const method = await card(merchant, CVC_FAILS);
  const intent = await pay(merchant, method);
  expect(intent.status).toBe('succeeded');
  expect((await chargeOf(merchant, intent)).payment_method_details?.card?.checks).toEqual({ address_line1_check: 'pass', address_postal_code_check: 'pass', cvc_check: 'fail' });
  expect((await merchant.paymentMethods.retrieve(method.id)).card?.checks?.cvc_check).toBe('fail');
});

test('4000000000000101 on an account that declines on a failed CVC check: incorrect_cvc, as Stripe answers', async () => {
  const intent = await strict.paymentIntents.create({ amount: 1200, currency: 'eur' });
  const error = await rejection(strict.paymentIntents.confirm(intent.id, { payment_method: (await card(strict, CVC_FAILS)).id }));
  expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
  expect({ status: error.statusCode, code: error.code, decline_code: error.decline_code, message: error.message, param: error.param }).toEqual({
    status: 402,
    code: 'incorrect_cvc',
    decline_code: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
    param: 'cvc',
  });
  const after = await strict.paymentIntents.retrieve(intent.id);
  expect(after.last_payment_error).toMatchObject({ type: 'card_error', code: 'incorrect_cvc', decline_code: 'incorrect_cvc' });
  expect(after.last_payment_error?.payment_method?.card?.checks?.cvc_check).toBe('fail');
});

test('4000000000000101 without a CVC: no CVC check, and the payment succeeds even where a failure declines', async () => {
  const intent = await pay(strict, await card(strict, CVC_FAILS, { cvc: null }));
  expect(intent.status).toBe('succeeded');
  expect((await chargeOf(strict, intent)).payment_method_details?.card?.checks?.cvc_check).toBeNull();
});

test('4000000000000028 fails the line 1 check only, which no setting declines on; 4000000000000010 fails line 1 and postal code', async () => {
  const line1 = await pay(strict, await card(strict, LINE1_FAILS));
  expect(line1.status).toBe('succeeded');
  expect((await chargeOf(strict, line1)).payment_method_details?.card?.checks).toEqual({ address_line1_check: 'fail', address_postal_code_check: 'pass', cvc_check: 'pass' });

  const both = await pay(merchant, await card(merchant, LINE1_AND_POSTAL_FAIL));
  expect(both.status).toBe('succeeded');
  expect((await chargeOf(merchant, both)).payment_method_details?.card?.checks).toEqual({ address_line1_check: 'fail', address_postal_code_check: 'fail', cvc_check: 'pass' });
  const error = await rejection(pay(strict, await card(strict, LINE1_AND_POSTAL_FAIL)));
  expect(error.code).toBe('incorrect_zip');
});

test('4000000000000044: the address checks are unavailable and the payment succeeds, even where a failure declines', async () => {
  const intent = await pay(strict, await card(strict, CHECKS_UNAVAILABLE));
  expect(intent.status).toBe('succeeded');
  expect((await chargeOf(strict, intent)).payment_method_details?.card?.checks).toEqual({ address_line1_check: 'unavailable', address_postal_code_check: 'unavailable', cvc_check: 'pass' });
});

test('the accounts file takes declineOn per account and refuses a misspelt setting in it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'payframe-checks-'));
  try {
    const path = join(dir, 'accounts.json');
    writeFileSync(path, JSON.stringify({ accounts: [{ ...STRICT, declineOn: { cvcFailure: true } }] }));
    expect(readSandboxConfigFile(path)[0]?.declineOn).toEqual({ cvcFailure: true });

    writeFileSync(path, JSON.stringify({ accounts: [{ ...STRICT, declineOn: { cvcFailures: true } }] }));
    let error: unknown;
    try {
      readSandboxConfigFile(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SandboxConfigError);
    expect((error as SandboxConfigError).message).toContain('accounts[0].declineOn.cvcFailures: unknown setting: expected one of cvcFailure, avsFailure');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
