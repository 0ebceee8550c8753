// The drop-in's opt-in billing inputs, end to end in Chromium across the real origins: cardholder
// name, country and postal code in the card frame, checked there, sent to the gateway with the card
// as the payment method's billing_details (read back with stripe-node), never to the page.
import Stripe from 'stripe';
import type { TokenizeResult } from '../../src/index.ts';
import { checkoutViolations, NO_VIOLATIONS } from './harness/axe.ts';
import { expect, test } from './fixtures.ts';

const VISA = { number: '4242424242424242', expiry: '1234', cvc: '123' };

/** Turns the demo's drop-in into one with billing inputs, and waits for its new frame. */
async function withBilling(page: import('@playwright/test').Page, attributes: Record<string, string>): Promise<void> {
  await page.evaluate(async (attributes) => {
    const element = document.querySelector('payframe-checkout') as HTMLElement & { updateComplete: Promise<boolean> };
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    await element.updateComplete;
  }, attributes);
}

test.beforeEach(async ({ page, demo, checkout }) => {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
});

test('name, country and postal code typed in the card frame arrive in the payment method\'s billing_details', async ({ page, demo, checkout, gatewayTraffic }) => {
  await withBilling(page, { 'billing-fields': 'name country postal', 'billing-country': 'US' });
  await checkout.waitReady();
  const frame = page.frameLocator('payframe-checkout [part="card"] iframe');
  await expect(frame.locator('#name')).toHaveAttribute('autocomplete', 'cc-name');
  await expect(frame.locator('#postal')).toHaveAttribute('autocomplete', 'postal-code');
  await expect(frame.locator('#country')).toHaveAttribute('autocomplete', 'country');
  await expect(frame.locator('#country')).toHaveValue('US');
  await expect(frame.locator('label[for="name"]')).toHaveText('Name on card');
  await checkout.fillCard(VISA);
  // Past the CVC, the next input is the name.
  await expect(frame.locator('#name')).toBeFocused();
  await page.keyboard.type('Jenny Rosen');
  await frame.locator('#postal').fill('94103');
  const result = await checkout.tokenize();
  expect('paymentMethod' in result, JSON.stringify(result)).toBe(true);
  const id = (result as Extract<TokenizeResult, { paymentMethod: unknown }>).paymentMethod.id;
  const gateway = new URL(demo.gatewayUrl);
  const stripe = new Stripe(demo.secretKey, { host: gateway.hostname, port: Number(gateway.port), protocol: 'http' });
  const paymentMethod = await stripe.paymentMethods.retrieve(id);
  expect(paymentMethod.billing_details).toMatchObject({ name: 'Jenny Rosen', address: { postal_code: '94103', country: 'US' } });
  expect(gatewayTraffic.tokenizations()).toHaveLength(1);
});

test('an empty name and a ZIP code in the wrong format are refused in the frame, with their errors, and nothing reaches the gateway', async ({ page, checkout, gatewayTraffic }) => {
  await withBilling(page, { 'billing-fields': 'name postal', 'billing-country': 'US' });
  await checkout.waitReady();
  await checkout.recordEvents(['payframe-change', 'payframe-error']);
  const frame = page.frameLocator('payframe-checkout [part="card"] iframe');
  await checkout.fillCard(VISA);
  await frame.locator('#postal').fill('9410');
  const result = await checkout.tokenize();
  expect(result).toEqual({ error: { code: 'incomplete_name', message: 'Enter the name shown on your card.', field: 'name' } });
  await expect(frame.locator('#name-error')).toHaveText('Enter the name shown on your card.');
  await expect(frame.locator('#postal-error')).toHaveText('Your postal code is invalid.');
  await expect(frame.locator('#postal')).toHaveAttribute('aria-invalid', 'true');
  // The form-level line stays empty: the inputs show their own errors.
  await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText('');
  expect(gatewayTraffic.tokenizations()).toHaveLength(0);
  // The page heard states, never what was typed.
  const events = await checkout.recordedEvents();
  const postal = events.filter(({ type, detail }) => type === 'payframe-change' && detail.field === 'postal').at(-1);
  expect(postal?.detail).toEqual({ field: 'postal', empty: false, complete: false, valid: false, error: { code: 'invalid_postal', message: 'Your postal code is invalid.' } });
  expect(JSON.stringify(events)).not.toContain('9410');
  await frame.locator('#postal').fill('94103-1234');
  await frame.locator('#name').fill('Jenny Rosen');
  expect('paymentMethod' in (await checkout.tokenize())).toBe(true);
});

test('the postal code\'s format follows the country chosen with the keyboard, and the merchant\'s name is filled in', async ({ page, checkout }) => {
  await withBilling(page, { 'billing-fields': 'name country postal', 'cardholder-name': 'Jenny Rosen' });
  await checkout.waitReady();
  const frame = page.frameLocator('payframe-checkout [part="card"] iframe');
  await expect(frame.locator('#name')).toHaveValue('Jenny Rosen');
  await checkout.fillCard(VISA);
  await frame.locator('#postal').fill('SW1A 1AA');
  expect(await checkout.tokenize()).toMatchObject({ error: { code: 'incomplete_country', field: 'country' } });
  await frame.locator('#country').focus();
  await frame.locator('#country').selectOption('US');
  // A UK postcode is no US ZIP code.
  await frame.locator('#postal').focus();
  await frame.locator('#country').focus();
  await expect(frame.locator('#postal-error')).toHaveText('Your postal code is invalid.');
  await frame.locator('#country').selectOption('GB');
  await expect(frame.locator('#postal-error')).toHaveText('');
  expect('paymentMethod' in (await checkout.tokenize())).toBe(true);
});

test('in German, the billing inputs\' labels, errors and country names are German', async ({ page, checkout }) => {
  await withBilling(page, { 'billing-fields': 'name country postal', locale: 'de', 'billing-country': 'DE' });
  await checkout.waitReady();
  const frame = page.frameLocator('payframe-checkout [part="card"] iframe');
  await expect(frame.locator('label[for="name"]')).toHaveText('Name auf der Karte');
  await expect(frame.locator('label[for="postal"]')).toHaveText('Postleitzahl');
  await expect(frame.locator('#country option:checked')).toHaveText('Deutschland');
  await checkout.fillCard(VISA);
  expect(await checkout.tokenize()).toMatchObject({ error: { code: 'incomplete_name', message: 'Geben Sie den Namen auf Ihrer Karte ein.' } });
});

test('axe finds no violation with the billing inputs shown, empty and with errors', async ({ page, checkout }) => {
  await withBilling(page, { 'billing-fields': 'name country postal' });
  await checkout.waitReady();
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
  await checkout.tokenize();
  await expect(page.frameLocator('payframe-checkout [part="card"] iframe').locator('#name-error')).not.toHaveText('');
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
});

test('the element reserves the billing rows before the frame is ready, so nothing below it moves', async ({ page, checkout }) => {
  await withBilling(page, { 'billing-fields': 'name country postal' });
  const reserved = await page.evaluate(() => (document.querySelector('payframe-checkout')!.shadowRoot!.querySelector('[part="card"]') as HTMLElement).getBoundingClientRect().height);
  await checkout.waitReady();
  await expect.poll(() => page.evaluate(() => (document.querySelector('payframe-checkout')!.shadowRoot!.querySelector('[part="card"]') as HTMLElement).getBoundingClientRect().height)).toBeCloseTo(reserved, 0);
});
