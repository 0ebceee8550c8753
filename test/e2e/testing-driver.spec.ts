// payframe/testing's driver (src/testing/) on the demo page, where its own choices show: which
// checkout it finds, inside shadow roots too; the states it reads are the page's payframe-change;
// its typed errors; and a card typed never shows in what it throws. (Typing, paying and 3-D Secure
// are proven by the suites whose harness delegates to it, and by the packed shop suite.)
import type { Page } from '@playwright/test';
import { findCheckout, PayframeTestingError, testCard } from '../../src/testing/index.ts';
import { expect, test } from './fixtures.ts';

/** What a promise rejected with. */
async function rejection(promise: Promise<unknown>): Promise<PayframeTestingError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PayframeTestingError);
  return error as PayframeTestingError;
}

/** A second drop-in, with billing inputs, inside an open shadow root of a shop's own element. */
async function addCheckoutInShadowRoot(page: Page, publishableKey: string): Promise<void> {
  await page.evaluate((key) => {
    const shop = document.createElement('div');
    shop.id = 'shop-widget';
    const checkout = document.createElement('payframe-checkout');
    checkout.setAttribute('publishable-key', key);
    checkout.setAttribute('billing-fields', 'name postal');
    checkout.setAttribute('billing-country', 'US');
    shop.attachShadow({ mode: 'open' }).append(checkout);
    document.body.prepend(shop);
  }, publishableKey);
}

test('on a page with two checkouts it asks for a locator (several_checkouts), and a locator picks the drop-in or the split fields', async ({ page, demo }) => {
  await page.goto(demo.merchantUrl);
  const several = await rejection(findCheckout(page));
  expect(several.code).toBe('several_checkouts');
  expect((await findCheckout(page.locator('payframe-checkout'))).layout).toBe('drop-in');
  expect((await findCheckout(page.locator('payframe-card-group'))).layout).toBe('split-fields');
});

test('no checkout is checkout_not_found; one that never gets ready is ready_timeout', async ({ page, demo }) => {
  await page.goto(`${demo.merchantUrl}/test-pages/blank.html`);
  expect((await rejection(findCheckout(page, { timeout: 500 }))).code).toBe('checkout_not_found');
  // No payframe.js on this page: the element never upgrades, never reports ready.
  await page.evaluate(() => document.body.append(document.createElement('payframe-checkout')));
  const notReady = await rejection(findCheckout(page, { timeout: 500 }));
  expect(notReady.code).toBe('ready_timeout');
  expect(notReady.message).toContain('500 ms');
});

test('a drop-in inside an open shadow root: found through the locator, billing inputs typed, the states the page got, tokenized', async ({ page, demo }) => {
  await page.goto(demo.merchantUrl);
  await addCheckoutInShadowRoot(page, demo.publishableKey);
  const checkout = await findCheckout(page.locator('#shop-widget'));
  expect(await checkout.fields()).toEqual(['number', 'expiry', 'cvc', 'name', 'postal']);
  await checkout.fillCard({ number: testCard('amex').number, expiry: '12/34', cvc: '1234', name: 'Ada Lovelace', postalCode: '94103' });
  const states = await checkout.fieldStates();
  expect(states).toMatchObject({ number: { complete: true, brand: 'amex' }, expiry: { complete: true }, cvc: { complete: true }, name: { complete: true }, postal: { complete: true } });
  const outcome = await checkout.pay();
  expect(outcome).toMatchObject({ status: 'tokenized', paymentMethod: { card: { brand: 'amex', last4: '0005' } } });
  // The billing inputs' values reached the gateway (the page never sees them).
  const id = outcome.status === 'tokenized' ? outcome.paymentMethod.id : '';
  const atGateway = await (await fetch(`${demo.gatewayUrl}/v1/payment_methods/${id}`, { headers: { Authorization: `Bearer ${demo.secretKey}` } })).json();
  expect(atGateway).toMatchObject({ billing_details: { name: 'Ada Lovelace', address: { postal_code: '94103' } } });
});

test('split fields with <payframe-card-name> and <payframe-card-postal>: the driver types the name and postal code into their own frames, and they reach the gateway', async ({ page, demo }) => {
  await page.goto(`${demo.merchantUrl}/test-pages/split-billing.html`);
  const group = await findCheckout(page);
  expect(group.layout).toBe('split-fields');
  expect(await group.fields()).toEqual(['number', 'expiry', 'cvc', 'name', 'postal']);
  await group.fillCard({ number: testCard('visa').number, expiry: '12/34', cvc: '123', name: 'Grace Hopper', postalCode: '94107' });
  expect(await group.fieldStates()).toMatchObject({ name: { complete: true }, postal: { complete: true }, number: { complete: true, brand: 'visa' } });
  const outcome = await group.tokenize();
  expect(outcome).toMatchObject({ status: 'tokenized', paymentMethod: { card: { brand: 'visa', last4: '4242' } } });
  const id = outcome.status === 'tokenized' ? outcome.paymentMethod.id : '';
  const atGateway = await (await fetch(`${demo.gatewayUrl}/v1/payment_methods/${id}`, { headers: { Authorization: `Bearer ${demo.secretKey}` } })).json();
  expect(atGateway).toMatchObject({ billing_details: { name: 'Grace Hopper', address: { postal_code: '94107', country: 'US' } } });
  // A group without them says how to get them, naming no value.
  await page.goto(demo.merchantUrl);
  const plain = await findCheckout(page.locator('payframe-card-group'));
  const missing = await rejection(plain.type('postal', '94107'));
  expect(missing.code).toBe('unknown_field');
  expect(missing.message).toContain('<payframe-card-postal>');
  expect(missing.message).not.toContain('94107');
});

test("fieldState is the page's payframe-change: an invalid number's error code once focus leaves it, then empty once cleared", async ({ page, demo }) => {
  await page.goto(demo.merchantUrl);
  const checkout = await findCheckout(page.locator('payframe-checkout'));
  expect(await checkout.fieldState('number')).toEqual({ empty: true, complete: false, valid: true });
  // 16 digits failing Luhn could still grow into a 19-digit Visa: no error while the shopper is in the field.
  await checkout.type('number', '4242424242424241');
  expect(await checkout.fieldState('number')).toMatchObject({ empty: false, complete: false, brand: 'visa' });
  expect(await checkout.fieldState('number')).not.toHaveProperty('error');
  await checkout.type('expiry', '1234');
  expect(await checkout.fieldState('number')).toMatchObject({ empty: false, complete: false, error: { code: 'invalid_number' } });
  await checkout.clear('number');
  expect(await checkout.fieldState('number')).toMatchObject({ empty: true, complete: false });
  const outcome = await checkout.tokenize();
  expect(outcome).toMatchObject({ status: 'failed', error: { code: 'incomplete_number' } });
});

test('misuse is a typed error that never repeats what was typed', async ({ page, demo }) => {
  await page.goto(demo.merchantUrl);
  const checkout = await findCheckout(page.locator('payframe-checkout'));
  const secret = '4000002760003184';
  const noName = await rejection(checkout.fillCard({ number: '', expiry: '', cvc: '', name: secret }));
  expect(noName.code).toBe('unknown_field');
  expect(noName.message).not.toContain(secret);
  expect(noName.message).toContain('billing-fields');

  const split = await findCheckout(page.locator('payframe-card-group'));
  expect(() => split.payButton()).toThrow(expect.objectContaining({ code: 'no_pay_button' }));
  expect(() => testCard('no-such-card')).toThrow(expect.objectContaining({ code: 'unknown_test_card' }));
});

test('a typing step that cannot reach its input fails as typing_failed, naming the field and not the card', async ({ page, demo }) => {
  await page.goto(demo.merchantUrl);
  const checkout = await findCheckout(page.locator('payframe-checkout'), { timeout: 1_000 });
  // The card frame goes away under the test (the merchant removed the checkout).
  await page.locator('payframe-checkout [part="card"] iframe').evaluate((iframe) => iframe.remove());
  const secret = testCard('visa').number;
  const failed = await rejection(checkout.type('number', secret));
  expect(failed.code).toBe('typing_failed');
  expect(failed.message).toContain('number field');
  expect(`${failed.message} ${failed.stack}`).not.toContain(secret);
});
