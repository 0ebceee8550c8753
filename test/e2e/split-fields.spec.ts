// Split fields in the merchant's own layout (<payframe-card-group>), on the demo page.
import type { PaymentMethod } from '../../src/index.ts';
import { expect, test } from './fixtures.ts';

test.beforeEach(async ({ page, demo, split }) => {
  await page.goto(demo.merchantUrl);
  await split.waitReady();
});

test('split fields tokenize together with one tokenize() call', async ({ split, gatewayTraffic }) => {
  await split.type('number', '5555555555554444');
  await split.waitForFocus('expiry');
  await split.type('expiry', '0230');
  await split.waitForFocus('cvc');
  await split.type('cvc', '321');
  const result = await split.tokenize();
  expect(result).toMatchObject({ paymentMethod: expect.anything() });
  const { card } = (result as { paymentMethod: PaymentMethod }).paymentMethod;
  expect(card).toMatchObject({ brand: 'mastercard', last4: '4444', exp_month: 2, exp_year: 2030 });
  expect(gatewayTraffic.tokenizations()).toHaveLength(1);
});

test('Enter in a split field fires payframe-submit, and the demo saves the card', async ({ page, split }) => {
  await split.recordEvents(['payframe-submit']);
  await split.fillCard({ number: '4242424242424242', expiry: '1234', cvc: '123' });
  await split.input('cvc').press('Enter');
  await expect(page.locator('#token-id')).toHaveText(/^pm_/);
  await expect(page.locator('#token')).toContainText('from split fields');
  expect((await split.recordedEvents()).map((event) => event.type)).toEqual(['payframe-submit']);
});

test('Escape in a split field fires payframe-escape naming the field, and clears nothing', async ({ split }) => {
  await split.recordEvents(['payframe-escape', 'payframe-submit']);
  await split.type('number', '4242424242424242');
  await split.input('number').press('Escape');
  await split.input('expiry').press('Escape');
  await expect.poll(async () => (await split.recordedEvents()).map(({ type, detail }) => [type, detail])).toEqual([
    ['payframe-escape', { field: 'number' }],
    ['payframe-escape', { field: 'expiry' }],
  ]);
  await expect(split.input('number')).toHaveValue('4242 4242 4242 4242');
});

test('clicking a split field label focuses its frame', async ({ split }) => {
  await split.fieldElement('cvc').locator('[part="label"]').click();
  await split.waitForFocus('cvc');
});

test('the split fields and the drop-in on one page do not cross-talk', async ({ checkout, split }) => {
  await split.type('number', '378282246310005');
  await checkout.type('number', '4242424242424242');
  await checkout.type('expiry', '1234');
  await checkout.type('cvc', '123');
  // The drop-in's CVC follows the drop-in's Visa, not the split group's Amex.
  await expect(checkout.input('cvc')).toHaveValue('123');
  const result = await checkout.tokenize();
  expect('paymentMethod' in result && result.paymentMethod.card.brand).toBe('visa');
  const splitResult = await split.tokenize();
  expect('error' in splitResult && splitResult.error.code).toBe('incomplete_expiry');
});
