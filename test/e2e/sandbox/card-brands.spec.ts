// Every brand through the sandbox gateway, judged by the official stripe SDK (no browser): each
// per-brand test card (BRAND_TEST_CARDS, which the browser tests import too) tokenizes with its
// brand and pays; a Maestro card needs no CVC.
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY, startSandboxGateway, type RunningSandboxGateway } from '../../../src/node/sandbox/sandbox-gateway.ts';
import { BRAND_TEST_CARDS } from '../../../src/node/sandbox/test-cards.ts';

const FUTURE_YEAR = new Date().getUTCFullYear() + 3;
// Stripe's display_brand names where it has one; the brands Stripe does not name display as `other`.
const DISPLAY_BRAND: Record<string, string> = { amex: 'american_express', diners: 'diners_club', unionpay: 'union_pay' };
const STRIPE_NAMED = new Set(['visa', 'mastercard', 'amex', 'discover', 'diners', 'jcb', 'unionpay']);

let gateway: RunningSandboxGateway;
let stripe: Stripe;

test.beforeAll(async () => {
  gateway = await startSandboxGateway({ port: 0, publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY, allowedOrigins: [] });
  stripe = new Stripe(DEFAULT_SECRET_KEY, { host: '127.0.0.1', port: gateway.port, protocol: 'http', maxNetworkRetries: 0 });
});

test.afterAll(async () => {
  await gateway.close();
});

for (const card of BRAND_TEST_CARDS) {
  test(`the ${card.brand} test card of ${card.number.length} digits ending ${card.number.slice(-4)} tokenizes as ${card.brand} and pays`, async () => {
    const method = await stripe.paymentMethods.create({
      type: 'card',
      card: { number: card.number, exp_month: 12, exp_year: FUTURE_YEAR, cvc: '1234'.slice(0, card.cvcLength) },
    });
    expect(method.card).toMatchObject({
      brand: card.brand,
      display_brand: STRIPE_NAMED.has(card.brand) ? (DISPLAY_BRAND[card.brand] ?? card.brand) : 'other',
      last4: card.number.slice(-4),
      networks: { available: card.networks ?? [card.brand], preferred: null },
    });
    const intent = await stripe.paymentIntents.create({ amount: 500, currency: 'eur', payment_method: method.id, confirm: true });
    expect(intent.status).toBe('succeeded');
    const charge = await stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge.payment_method_details?.card).toMatchObject({ brand: card.brand, network: card.brand });
  });
}

test('a Maestro card needs no CVC: it tokenizes without one (cvc_check null) and pays', async () => {
  const maestro = BRAND_TEST_CARDS.find((card) => card.cvcOptional)!;
  const method = await stripe.paymentMethods.create({ type: 'card', card: { number: maestro.number, exp_month: 12, exp_year: FUTURE_YEAR } });
  expect(method.card).toMatchObject({ brand: 'maestro', checks: { cvc_check: null } });
  const intent = await stripe.paymentIntents.create({ amount: 500, currency: 'eur', payment_method: method.id, confirm: true });
  expect(intent.status).toBe('succeeded');
});

test('a 19-digit Verve number is Verve, with a 3-digit CVC', async () => {
  const method = await stripe.paymentMethods.create({ type: 'card', card: { number: '5078650000000000004', exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' } });
  expect(method.card?.brand).toBe('verve');
  const error = await stripe.paymentMethods.create({ type: 'card', card: { number: '5078650000000000004', exp_month: 12, exp_year: FUTURE_YEAR, cvc: '1234' } }).then(
    () => undefined,
    (reason: unknown) => reason as Stripe.errors.StripeError,
  );
  expect(error).toMatchObject({ type: 'StripeCardError', code: 'invalid_cvc', param: 'card[cvc]' });
});
