// <payframe-checkout mode="setup">, end to end: the test's "server" creates a customer and a
// SetupIntent with the official stripe SDK, the demo page (its real CSP) saves the card through the
// fields origin, 3-D Secure challenges and declines included, and stripe-node then checks on the
// gateway that the SetupIntent succeeded and the card is (or is not) attached to the customer.
import type { Page, Request } from '@playwright/test';
import Stripe from 'stripe';
import type { DemoServers } from '../../demo/servers.ts';
import type { PayframeSetupDetail } from '../../src/events.ts';
import { checkoutViolations, NO_VIOLATIONS } from './harness/axe.ts';
import { completeChallenge, waitForChallenge } from './harness/three-d-secure-challenge.ts';
import { findSecrets, SECRET_CARD } from './harness/secrets.ts';
import { collectLoot, installSkimmer } from './harness/skimmer.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { expect, test } from './fixtures.ts';

const VISA = { number: '4242424242424242', expiry: '1234', cvc: '123' };
const DECLINED = { ...VISA, number: '4000000000000002' };
const ALWAYS_AUTHENTICATE = { ...VISA, number: '4000002760003184' };
const AUTHENTICATE_ON_SETUP = { ...VISA, number: '4000002500003155' };

interface ErrorDetail {
  error: { code: string; message: string; declineCode?: string };
}

function stripeFor(demo: DemoServers): Stripe {
  const url = new URL(demo.gatewayUrl);
  return new Stripe(demo.secretKey, { host: url.hostname, port: Number(url.port), protocol: 'http', maxNetworkRetries: 0 });
}

/** What the merchant's server does: a customer, a SetupIntent for it, the client_secret for the page. */
async function createSetupIntent(stripe: Stripe): Promise<{ customer: string; id: string; clientSecret: string }> {
  const customer = await stripe.customers.create({ email: 'shopper@example.com' });
  const setupIntent = await stripe.setupIntents.create({ customer: customer.id });
  expect(setupIntent.status).toBe('requires_payment_method');
  return { customer: customer.id, id: setupIntent.id, clientSecret: setupIntent.client_secret! };
}

async function savedCards(stripe: Stripe, customer: string): Promise<{ id: string; last4: string | undefined }[]> {
  const list = await stripe.paymentMethods.list({ customer, type: 'card' });
  return list.data.map((method) => ({ id: method.id, last4: method.card?.last4 }));
}

/** Confirm requests reaching for the gateway's SetupIntent endpoint, from any frame. */
function recordSetupConfirms(page: Page, demo: DemoServers): () => Request[] {
  const confirms: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().startsWith(`${demo.gatewayUrl}/v1/setup_intents/`) && request.url().endsWith('/confirm')) confirms.push(request);
  });
  return () => [...confirms];
}

/** Opens the demo page and turns its checkout into a setup checkout for `clientSecret`. */
async function openSetupCheckout(page: Page, demo: DemoServers, checkout: CardFieldsHarness, clientSecret: string, locale?: string): Promise<void> {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await page.locator('payframe-checkout').evaluate(
    (element, [secret, lang]) => {
      element.setAttribute('mode', 'setup');
      element.setAttribute('client-secret', secret!);
      if (lang) element.setAttribute('locale', lang);
    },
    [clientSecret, locale] as const,
  );
  await checkout.recordEvents(['payframe-setup', 'payframe-payment', 'payframe-error', 'payframe-token']);
}

let stripe: Stripe;
let setup: { customer: string; id: string; clientSecret: string };

test.beforeEach(async ({ demo }) => {
  stripe = stripeFor(demo);
  setup = await createSetupIntent(stripe);
});

test('saving a Visa: "Save card" confirms the SetupIntent, payframe-setup names it and the card, attached to the customer', async ({ page, demo, checkout }) => {
  const confirms = recordSetupConfirms(page, demo);
  await openSetupCheckout(page, demo, checkout, setup.clientSecret);
  await expect(checkout.payButton()).toHaveText('Save card');
  await checkout.fillCard(VISA);
  const saved = checkout.nextEvent<PayframeSetupDetail>('payframe-setup');
  await checkout.payButton().click();
  const detail = await saved;
  expect(detail).toEqual({ setupIntent: { id: setup.id, status: 'succeeded' }, paymentMethod: expect.stringMatching(/^pm_/) });
  expect((await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-setup']);

  // One confirm, from the fields origin, with the publishable key and the client_secret, as Stripe.js does.
  expect(confirms()).toHaveLength(1);
  const [confirm] = confirms();
  expect(confirm!.url()).toBe(`${demo.gatewayUrl}/v1/setup_intents/${setup.id}/confirm`);
  expect(confirm!.frame().url().startsWith(demo.fieldsOrigin)).toBe(true);
  expect((await confirm!.allHeaders())['authorization']).toBe(`Bearer ${demo.publishableKey}`);
  const body = new URLSearchParams(confirm!.postData() ?? '');
  expect(body.get('client_secret')).toBe(setup.clientSecret);
  expect(body.get('payment_method_data[type]')).toBe('card');

  // The gateway, through the merchant's secret key: succeeded, and the card is the customer's.
  const setupIntent = await stripe.setupIntents.retrieve(setup.id);
  expect(setupIntent.status).toBe('succeeded');
  expect(setupIntent.payment_method).toBe(detail.paymentMethod);
  expect(await savedCards(stripe, setup.customer)).toEqual([{ id: detail.paymentMethod, last4: '4242' }]);
  await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText('');
});

for (const card of [ALWAYS_AUTHENTICATE, AUTHENTICATE_ON_SETUP]) {
  test(`a 3-D Secure card (${card.number.slice(-4)}) passes the challenge in the modal and is saved`, async ({ page, demo, checkout }) => {
    await openSetupCheckout(page, demo, checkout, setup.clientSecret);
    await checkout.fillCard(card);
    await checkout.payButton().click();
    const challenge = await waitForChallenge(page);
    expect(new URL((await challenge.dialog.locator('iframe').getAttribute('src'))!).origin).toBe(new URL(demo.gatewayUrl).origin);
    expect((await stripe.setupIntents.retrieve(setup.id)).status).toBe('requires_action');
    const seen = (await checkout.recordedEvents()).length;
    await completeChallenge(challenge);
    const detail = await checkout.recordedEventAfter<PayframeSetupDetail>(seen, 'payframe-setup');
    expect(detail.setupIntent).toEqual({ id: setup.id, status: 'succeeded' });
    await expect(challenge.dialog).toHaveCount(0);
    expect((await stripe.setupIntents.retrieve(setup.id)).status).toBe('succeeded');
    expect(await savedCards(stripe, setup.customer)).toEqual([{ id: detail.paymentMethod, last4: card.number.slice(-4) }]);
  });
}

test('a failed challenge reports setup_intent_authentication_failure, and the card is not attached', async ({ page, demo, checkout }) => {
  await openSetupCheckout(page, demo, checkout, setup.clientSecret);
  await checkout.fillCard(ALWAYS_AUTHENTICATE);
  await checkout.payButton().click();
  const { dialog, challenge } = await waitForChallenge(page);
  const seen = (await checkout.recordedEvents()).length;
  await challenge.getByRole('button', { name: 'Fail authentication' }).click();
  const { error } = await checkout.recordedEventAfter<ErrorDetail>(seen, 'payframe-error');
  expect(error).toEqual({ code: 'setup_intent_authentication_failure', message: 'Your card was not authenticated, so it was not saved. Please try again or use another card.' });
  await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText(error.message);
  await expect(dialog).toHaveCount(0);
  expect((await checkout.recordedEvents()).map((event) => event.type)).not.toContain('payframe-setup');
  const setupIntent = await stripe.setupIntents.retrieve(setup.id);
  expect(setupIntent.status).toBe('requires_payment_method');
  expect(setupIntent.last_setup_error?.code).toBe('setup_intent_authentication_failure');
  expect(await savedCards(stripe, setup.customer)).toEqual([]);
});

test('Escape cancels the challenge with setup_intent_authentication_failure; Save card asks the bank again', async ({ page, demo, checkout }) => {
  await openSetupCheckout(page, demo, checkout, setup.clientSecret);
  await checkout.fillCard(ALWAYS_AUTHENTICATE);
  await checkout.payButton().click();
  const { dialog } = await waitForChallenge(page);
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-error']);
  const { error } = (await checkout.recordedEvents())[0]!.detail as unknown as ErrorDetail;
  expect(error.code).toBe('setup_intent_authentication_failure');
  await expect(dialog).toHaveCount(0);
  expect(await savedCards(stripe, setup.customer)).toEqual([]);
  await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'false');
  await checkout.payButton().click();
  await expect(page.getByRole('dialog', { name: 'Confirm your payment' })).toBeVisible();
});

test('a declined card gives card_declined in the shopper\'s language (de), and nothing is saved', async ({ page, demo, checkout }) => {
  await openSetupCheckout(page, demo, checkout, setup.clientSecret, 'de');
  await expect(checkout.payButton()).toHaveText('Karte speichern');
  await checkout.fillCard(DECLINED);
  const declined = checkout.nextEvent<ErrorDetail>('payframe-error');
  await checkout.payButton().click();
  const { error } = await declined;
  expect(error).toEqual({ code: 'card_declined', declineCode: 'generic_decline', message: 'Ihre Karte wurde abgelehnt.' });
  await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText('Ihre Karte wurde abgelehnt.');
  // The card stays typed, to fix and save again.
  await expect(checkout.input('number')).toHaveValue('4000 0000 0000 0002');
  expect((await stripe.setupIntents.retrieve(setup.id)).status).toBe('requires_payment_method');
  expect(await savedCards(stripe, setup.customer)).toEqual([]);
});

test('a PaymentIntent\'s client_secret in setup mode is refused before anything reaches the gateway', async ({ page, demo, checkout }) => {
  const confirms = recordSetupConfirms(page, demo);
  const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'eur' });
  await openSetupCheckout(page, demo, checkout, intent.client_secret!);
  await checkout.fillCard(VISA);
  const failed = checkout.nextEvent<ErrorDetail>('payframe-error');
  await checkout.payButton().click();
  expect((await failed).error.code).toBe('invalid_client_secret');
  expect(confirms()).toHaveLength(0);
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_payment_method');
});

test('axe finds no WCAG 2.2 AA violation on a setup checkout, empty and filled', async ({ page, demo, checkout }) => {
  await openSetupCheckout(page, demo, checkout, setup.clientSecret);
  await expect(checkout.payButton()).toHaveText('Save card');
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
  await checkout.fillCard(VISA);
  await expect(checkout.input('cvc')).toHaveValue('123');
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
});

test('a skimmer on the merchant page sees the saved card\'s ids, never its number or CVC', async ({ page, demo, checkout }) => {
  const requests: Request[] = [];
  const consoleLines: string[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('console', (message) => consoleLines.push(message.text()));
  await page.addInitScript(installSkimmer, demo.merchantUrl);
  await openSetupCheckout(page, demo, checkout, setup.clientSecret);
  await checkout.fillCard(SECRET_CARD);
  const saved = checkout.nextEvent<PayframeSetupDetail>('payframe-setup');
  await checkout.payButton().click();
  const detail = await saved;
  expect(detail.setupIntent.status).toBe('succeeded');

  const loot = await page.evaluate(collectLoot);
  // The skimmer did hear things: the test would notice if it were deaf.
  expect(loot.records.some((entry) => entry.startsWith('port in:') && entry.includes('"change"'))).toBe(true);
  expect(loot.records.some((entry) => entry.startsWith('dispatch payframe-setup') && entry.includes(detail.paymentMethod))).toBe(true);
  expect(findSecrets(loot.records.join('\n'))).toEqual([]);
  expect(findSecrets(loot.dom)).toEqual([]);
  expect(findSecrets(consoleLines.join('\n'))).toEqual([]);

  // Exactly one request carried the card: the card frame's confirm, to the gateway.
  const carryingCard = requests.filter((request) => findSecrets([request.url(), JSON.stringify(request.headers()), request.postData() ?? ''].join(' ')).length > 0);
  expect(carryingCard.map((request) => request.url())).toEqual([`${demo.gatewayUrl}/v1/setup_intents/${setup.id}/confirm`]);
  expect(carryingCard[0]!.frame().url().startsWith(`${demo.fieldsOrigin}/frames/${demo.publishableKey}/card.html#`)).toBe(true);
  expect(await savedCards(stripe, setup.customer)).toEqual([{ id: detail.paymentMethod, last4: '1111' }]);
});
