// Co-badged cards in the drop-in, end to end in Chromium across the real origins: a Visa or
// Mastercard number that is also Cartes Bancaires (Stripe's test cards) shows a network chooser over
// the number's icon; the shopper picks with the keyboard, the merchant may prefer a network, the
// page hears the networks and the choice, and the gateway gets `card[networks][preferred]`, which
// the payment method (read back with stripe-node) and the charge carry. A card of one network loads
// no chooser and sends no preference. Split fields: the number frame does the same.
import type { Page, Request } from '@playwright/test';
import Stripe from 'stripe';
import type { DemoServers } from '../../demo/servers.ts';
import type { PayframeChangeDetail } from '../../src/events.ts';
import type { PaymentMethod, TokenizeResult } from '../../src/index.ts';
import { CARD_BRANDS } from '../../src/shared/card-brands.ts';
import { expect, test } from './fixtures.ts';
import { checkoutViolations, NO_VIOLATIONS } from './harness/axe.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { createIntent, readIntent } from './harness/intent-server.ts';

const VISA_CB = '4000002500001001';
const MASTERCARD_CB = '5555552500001001';
const CHUNK = /\/assets\/networks-[\w-]+\.js$/;

const cardFrame = (page: Page) => page.frameLocator('payframe-checkout [part="card"] iframe');
const chooser = (page: Page) => cardFrame(page).locator('#network');

function stripeFor(demo: DemoServers): Stripe {
  const gateway = new URL(demo.gatewayUrl);
  return new Stripe(demo.secretKey, { host: gateway.hostname, port: Number(gateway.port), protocol: 'http' });
}

/** The number field's state in the last `payframe-change` the page heard for it. */
async function lastNumberChange(checkout: CardFieldsHarness): Promise<PayframeChangeDetail | undefined> {
  const events = await checkout.recordedEvents();
  return events
    .filter((event) => event.type === 'payframe-change' && event.detail.field === 'number')
    .map((event) => event.detail as unknown as PayframeChangeDetail)
    .at(-1);
}

/** The sprite cell the number's icon shows (cells are 32 px wide, in the order of CARD_BRANDS). */
const iconCell = (page: Page) => cardFrame(page).locator('#number-icon').evaluate((icon) => -parseFloat(getComputedStyle(icon).backgroundPositionX) / 32 + 0);

/** The form body of each tokenization the page's frames sent. */
function tokenizationBodies(page: Page, demo: DemoServers): () => URLSearchParams[] {
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().startsWith(`${demo.gatewayUrl}/v1/`)) requests.push(request);
  });
  return () => requests.map((request) => new URLSearchParams(request.postData() ?? ''));
}

test.beforeEach(async ({ page, demo, checkout }) => {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await checkout.recordEvents(['payframe-change']);
});

test('Visa and Cartes Bancaires: the shopper picks Cartes Bancaires with the keyboard, and the payment method says so', async ({ page, demo, checkout }) => {
  const bodies = tokenizationBodies(page, demo);
  await checkout.type('number', VISA_CB);
  await expect(chooser(page)).toBeVisible();
  await expect(chooser(page)).toHaveAccessibleName('Card network');
  await expect(chooser(page).locator('option')).toHaveText(['Visa', 'Cartes Bancaires']);
  // Nothing chosen by the merchant: the card's own brand.
  await expect(chooser(page)).toHaveValue('visa');
  await expect.poll(async () => (await lastNumberChange(checkout))?.networks).toEqual({ available: ['visa', 'cartes_bancaires'], preferred: 'visa' });
  expect(await iconCell(page)).toBe(CARD_BRANDS.indexOf('visa'));

  // The number was complete, so focus moved on to the expiry; the chooser is one Shift+Tab back.
  await expect(checkout.input('expiry')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(chooser(page)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(chooser(page)).toHaveValue('cartes_bancaires');
  await expect.poll(async () => (await lastNumberChange(checkout))?.networks).toEqual({ available: ['visa', 'cartes_bancaires'], preferred: 'cartes_bancaires' });
  // The icon and the name read with the number follow the choice.
  await expect.poll(() => iconCell(page)).toBe(CARD_BRANDS.indexOf('cartes_bancaires'));
  await expect(checkout.input('number')).toHaveAccessibleDescription('Cartes Bancaires');
  // The brand stays the card's.
  expect((await lastNumberChange(checkout))?.brand).toBe('visa');

  await page.keyboard.press('Tab');
  await expect(checkout.input('expiry')).toBeFocused();
  await page.keyboard.type('1234123');
  const result = await checkout.tokenize();
  expect('paymentMethod' in result, JSON.stringify(result)).toBe(true);
  const { paymentMethod } = result as Extract<TokenizeResult, { paymentMethod: PaymentMethod }>;
  // The token says what Stripe's says: the networks (Stripe's order) and the choice.
  expect(paymentMethod.card).toMatchObject({ brand: 'visa', last4: '1001', networks: { available: ['cartes_bancaires', 'visa'], preferred: 'cartes_bancaires' } });
  expect(bodies().map((body) => body.get('card[networks][preferred]'))).toEqual(['cartes_bancaires']);
  const stored = await stripeFor(demo).paymentMethods.retrieve(paymentMethod.id);
  expect(stored.card?.networks).toEqual({ available: ['cartes_bancaires', 'visa'], preferred: 'cartes_bancaires' });
  // The page heard states and the networks, never the number.
  expect(JSON.stringify(await checkout.recordedEvents())).not.toContain('25000010');
});

test('the merchant prefers Cartes Bancaires: chosen for a Mastercard and Cartes Bancaires card, and the payment goes on it', async ({ page, demo, checkout }) => {
  const intent = await createIntent(demo);
  await page.locator('payframe-checkout').evaluate((element, clientSecret) => {
    // The first preferred network the card has wins: this card cannot go on Amex.
    element.setAttribute('preferred-network', 'amex cartes_bancaires');
    element.setAttribute('client-secret', clientSecret);
  }, intent.clientSecret);
  const bodies = tokenizationBodies(page, demo);
  await checkout.fillCard({ number: MASTERCARD_CB, expiry: '1234', cvc: '123' });
  await expect(chooser(page)).toHaveValue('cartes_bancaires');
  await expect(chooser(page).locator('option')).toHaveText(['Mastercard', 'Cartes Bancaires']);
  await expect.poll(async () => (await lastNumberChange(checkout))?.networks).toEqual({ available: ['mastercard', 'cartes_bancaires'], preferred: 'cartes_bancaires' });

  await checkout.recordEvents(['payframe-payment', 'payframe-error']);
  await checkout.payButton().click();
  await expect.poll(async () => (await checkout.recordedEvents()).find((event) => event.type === 'payframe-payment' || event.type === 'payframe-error')?.type).toBe('payframe-payment');
  expect(bodies().map((body) => body.get('payment_method_data[card][networks][preferred]'))).toEqual(['cartes_bancaires']);
  const paid = await readIntent(demo, intent.id);
  expect(paid.status).toBe('succeeded');
  const charge = await stripeFor(demo).charges.retrieve(paid.latest_charge!);
  expect(charge.payment_method_details?.card).toMatchObject({ brand: 'mastercard', network: 'cartes_bancaires' });
});

test('a card of one network loads no chooser, reports no networks and sends no preference', async ({ page, demo, checkout }) => {
  const chunkRequests: string[] = [];
  page.on('request', (request) => {
    if (CHUNK.test(new URL(request.url()).pathname)) chunkRequests.push(request.url());
  });
  const bodies = tokenizationBodies(page, demo);
  await checkout.fillCard({ number: '4242424242424242', expiry: '1234', cvc: '123' });
  const result = await checkout.tokenize();
  expect('paymentMethod' in result, JSON.stringify(result)).toBe(true);
  expect((result as Extract<TokenizeResult, { paymentMethod: PaymentMethod }>).paymentMethod.card.networks).toEqual({ available: ['visa'], preferred: null });
  await expect(chooser(page)).toHaveCount(0);
  expect(chunkRequests).toEqual([]);
  expect((await lastNumberChange(checkout))?.networks).toBeUndefined();
  expect(bodies()).toHaveLength(1);
  expect(bodies()[0]!.has('card[networks][preferred]')).toBe(false);
});

test('editing a co-badged number into another card hides the chooser and forgets the pick', async ({ page, checkout }) => {
  await checkout.type('number', VISA_CB);
  await chooser(page).selectOption('cartes_bancaires');
  await expect.poll(async () => (await lastNumberChange(checkout))?.networks?.preferred).toBe('cartes_bancaires');
  await checkout.input('number').fill('4242424242424242');
  await expect(chooser(page)).toBeHidden();
  await expect.poll(async () => (await lastNumberChange(checkout))?.networks).toBeUndefined();
  await expect.poll(() => iconCell(page)).toBe(CARD_BRANDS.indexOf('visa'));
  // Back to the co-badged card: the card's brand again, not the forgotten pick.
  await checkout.input('number').fill(VISA_CB);
  await expect(chooser(page)).toHaveValue('visa');
});

test('the chooser is named in the checkout\'s language', async ({ page, checkout }) => {
  await page.locator('payframe-checkout').evaluate((element) => element.setAttribute('locale', 'de'));
  await expect(checkout.input('number')).toHaveAccessibleName(/Kartennummer/);
  await checkout.type('number', VISA_CB);
  await expect(chooser(page)).toHaveAccessibleName('Kartennetzwerk');
});

test('axe finds no violation with the chooser shown, and with it focused', async ({ page, checkout }) => {
  await checkout.type('number', VISA_CB);
  await expect(chooser(page)).toBeVisible();
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
  await chooser(page).focus();
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
});

test('split fields: the number frame offers the networks, <payframe-card-number preferred-network> holds until the shopper picks, and the token says so', async ({ page, demo, split }) => {
  await split.waitReady();
  await page.locator('payframe-card-group payframe-card-number').evaluate((element) => element.setAttribute('preferred-network', 'cartes_bancaires'));
  await split.recordEvents(['payframe-change']);
  const bodies = tokenizationBodies(page, demo);
  await split.type('number', MASTERCARD_CB);
  const splitChooser = split.frameLocator('number').locator('#network');
  await expect(splitChooser).toHaveValue('cartes_bancaires');
  await expect(splitChooser).toHaveAccessibleName('Card network');
  await expect.poll(async () => (await lastNumberChange(split))?.networks).toEqual({ available: ['mastercard', 'cartes_bancaires'], preferred: 'cartes_bancaires' });
  // The shopper prefers Mastercard: keyboard only.
  await splitChooser.focus();
  await page.keyboard.press('ArrowUp');
  await expect(splitChooser).toHaveValue('mastercard');
  await expect.poll(async () => (await lastNumberChange(split))?.networks?.preferred).toBe('mastercard');
  await split.type('expiry', '1234');
  await split.type('cvc', '123');
  const result = await split.tokenize();
  expect('paymentMethod' in result, JSON.stringify(result)).toBe(true);
  const { paymentMethod } = result as Extract<TokenizeResult, { paymentMethod: PaymentMethod }>;
  expect(paymentMethod.card.networks).toEqual({ available: ['cartes_bancaires', 'mastercard'], preferred: 'mastercard' });
  expect(bodies().map((body) => body.get('card[networks][preferred]'))).toEqual(['mastercard']);
  expect((await stripeFor(demo).paymentMethods.retrieve(paymentMethod.id)).card?.networks?.preferred).toBe('mastercard');
});
