// Co-badged cards in the sandbox gateway, judged by the official stripe SDK (no browser): Stripe's
// Cartes Bancaires test cards list both networks, the shopper's preferred network is stored (from
// POST /v1/payment_methods or payment_method_data on confirm), shown in display_brand and used for
// the charge; a network the card cannot go on is a 400 naming the param.
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { rejection } from './stripe-rejection.ts';
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY, startSandboxGateway, type RunningSandboxGateway } from '../../../src/node/sandbox/sandbox-gateway.ts';

const FUTURE_YEAR = new Date().getUTCFullYear() + 3;
const CB_VISA = '4000002500001001';
const CB_MASTERCARD = '5555552500001001';

let gateway: RunningSandboxGateway;
let stripe: Stripe;

test.beforeAll(async () => {
  gateway = await startSandboxGateway({ port: 0, publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY, allowedOrigins: [] });
  stripe = new Stripe(DEFAULT_SECRET_KEY, { host: '127.0.0.1', port: gateway.port, protocol: 'http', maxNetworkRetries: 0 });
});

test.afterAll(async () => {
  await gateway.close();
});

type Network = 'cartes_bancaires' | 'mastercard' | 'visa';

function cardParams(number: string, preferred?: Network) {
  return { number, exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123', ...(preferred === undefined ? {} : { networks: { preferred } }) };
}

async function card(number: string, preferred?: Network): Promise<Stripe.PaymentMethod> {
  return stripe.paymentMethods.create({ type: 'card', card: cardParams(number, preferred) });
}

async function chargeFor(method: Stripe.PaymentMethod): Promise<Stripe.Charge> {
  const intent = await stripe.paymentIntents.create({ amount: 5000, currency: 'eur', payment_method: method.id, confirm: true });
  expect(intent.status).toBe('succeeded');
  return stripe.charges.retrieve(intent.latest_charge as string);
}

test('4000 0025 0000 1001 lists cartes_bancaires and visa, as Stripe does; with no preference it is a Visa card and pays on Visa', async () => {
  const method = await card(CB_VISA);
  expect(method.card).toMatchObject({ brand: 'visa', display_brand: 'visa', country: 'FR', networks: { available: ['cartes_bancaires', 'visa'], preferred: null } });
  expect((await chargeFor(method)).payment_method_details?.card).toMatchObject({ brand: 'visa', network: 'visa' });
});

test('card[networks][preferred]=cartes_bancaires is stored, shown in display_brand and used for the charge', async () => {
  const method = await card(CB_VISA, 'cartes_bancaires');
  const expected = { brand: 'visa', display_brand: 'cartes_bancaires', networks: { available: ['cartes_bancaires', 'visa'], preferred: 'cartes_bancaires' } };
  expect(method.card).toMatchObject(expected);
  expect((await stripe.paymentMethods.retrieve(method.id)).card).toMatchObject(expected);
  expect((await chargeFor(method)).payment_method_details?.card).toMatchObject({ brand: 'visa', network: 'cartes_bancaires' });
});

test('the shopper may prefer the international network: 5555 5525 0000 1001 with mastercard preferred pays on Mastercard', async () => {
  const method = await card(CB_MASTERCARD, 'mastercard');
  expect(method.card).toMatchObject({ brand: 'mastercard', display_brand: 'mastercard', networks: { available: ['cartes_bancaires', 'mastercard'], preferred: 'mastercard' } });
  expect((await chargeFor(method)).payment_method_details?.card?.network).toBe('mastercard');
});

test('payment_method_data[card][networks][preferred] on confirm is stored on the new payment method and used for the charge', async () => {
  const intent = await stripe.paymentIntents.create({ amount: 5000, currency: 'eur' });
  const paid = await stripe.paymentIntents.confirm(intent.id, {
    payment_method_data: { type: 'card', card: cardParams(CB_MASTERCARD, 'cartes_bancaires') } as Stripe.PaymentIntentConfirmParams.PaymentMethodData,
  });
  expect(paid.status).toBe('succeeded');
  const method = await stripe.paymentMethods.retrieve(paid.payment_method as string);
  expect(method.card).toMatchObject({ brand: 'mastercard', display_brand: 'cartes_bancaires', networks: { preferred: 'cartes_bancaires' } });
  expect((await stripe.charges.retrieve(paid.latest_charge as string)).payment_method_details?.card?.network).toBe('cartes_bancaires');
});

test('a preferred network the card cannot go on is a 400 invalid_request_error naming the param', async () => {
  for (const [number, preferred] of [
    [CB_VISA, 'mastercard'],
    ['4242424242424242', 'cartes_bancaires'],
  ] as const) {
    const error = await rejection(card(number, preferred));
    expect(error, number).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect({ status: error.statusCode, code: error.code, param: error.param }, number).toEqual({ status: 400, code: 'parameter_invalid_string', param: 'card[networks][preferred]' });
    expect(error.message).toContain('card[networks][preferred]');
  }
  const intent = await stripe.paymentIntents.create({ amount: 5000, currency: 'eur' });
  const error = await rejection(
    stripe.paymentIntents.confirm(intent.id, {
      payment_method_data: { type: 'card', card: cardParams(CB_VISA, 'mastercard') } as Stripe.PaymentIntentConfirmParams.PaymentMethodData,
    }),
  );
  expect({ status: error.statusCode, type: error.type, param: error.param }).toEqual({ status: 400, type: 'StripeInvalidRequestError', param: 'payment_method_data[card][networks][preferred]' });
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_payment_method');
});
