// The drop-in checkout, end to end: the demo page on the merchant origin, card fields in frames
// on the fields origin, tokens from the sandbox gateway. Real Chromium, nothing mocked.
import type { PaymentMethod } from '../../src/index.ts';
import { expect, test } from './fixtures.ts';

const VISA = { number: '4242424242424242', expiry: '1234', cvc: '123' };

test.beforeEach(async ({ page, demo, checkout }) => {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
});

test('mounts one sandboxed card frame from the fields origin holding the three inputs, and no controller', async ({ page, demo, checkout }) => {
  const frames = page.locator('payframe-checkout iframe');
  await expect(frames).toHaveCount(1);
  const iframe = checkout.cardIframe();
  await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
  await expect(iframe).toHaveAttribute('title', 'Secure card details input');
  const src = new URL((await iframe.getAttribute('src'))!);
  expect(src.origin).toBe(demo.fieldsOrigin);
  expect(src.pathname).toMatch(/^\/frames\/pk_[A-Za-z0-9_]+\/card\.html$/);
  for (const kind of ['number', 'expiry', 'cvc'] as const) await expect(checkout.input(kind)).toBeVisible();
  // The merchant page cannot reach into the card frame.
  const reach = await page.evaluate(() => {
    const iframe = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector('iframe')!;
    let documentAccess = 'allowed';
    try {
      void iframe.contentWindow!.document;
    } catch (error) {
      documentAccess = (error as Error).name;
    }
    return { contentDocument: iframe.contentDocument, documentAccess };
  });
  expect(reach).toEqual({ contentDocument: null, documentAccess: 'SecurityError' });
});

test('typing a whole card with no delay between keys loses and misplaces nothing', async ({ page, checkout }) => {
  for (const [index, type] of ['pressSequentially', 'keyboard.type'].entries()) {
    if (index > 0) await page.evaluate(() => (document.querySelector('payframe-checkout') as unknown as { clear(): void }).clear());
    await expect(checkout.input('number')).toHaveValue('');
    await checkout.input('number').focus();
    if (type === 'pressSequentially') await checkout.input('number').pressSequentially('4242424242424242' + '1234' + '123', { delay: 0 });
    else await page.keyboard.type('4242424242424242' + '1234' + '123');
    await expect(checkout.input('number')).toHaveValue('4242 4242 4242 4242');
    await expect(checkout.input('expiry')).toHaveValue('12 / 34');
    await expect(checkout.input('cvc')).toHaveValue('123');
  }
});

test('the pay button shows the amount in the currency, and the inputs carry autofill hints', async ({ checkout }) => {
  await expect(checkout.payButton()).toHaveText('Pay €19.99');
  await expect(checkout.payButton()).toBeEnabled();
  await expect(checkout.input('number')).toHaveAttribute('autocomplete', 'cc-number');
  await expect(checkout.input('expiry')).toHaveAttribute('autocomplete', 'cc-exp');
  await expect(checkout.input('cvc')).toHaveAttribute('autocomplete', 'cc-csc');
  for (const kind of ['number', 'expiry', 'cvc'] as const) await expect(checkout.input(kind)).toHaveAttribute('inputmode', 'numeric');
});

test('typing a Visa test card and pressing Pay gives the merchant page a pm_ token', async ({ page, demo, checkout, gatewayTraffic }) => {
  await checkout.recordEvents(['payframe-token', 'payframe-error']);
  await checkout.type('number', VISA.number);
  await checkout.waitForFocus('expiry');
  await checkout.type('expiry', VISA.expiry);
  await checkout.waitForFocus('cvc');
  await checkout.type('cvc', VISA.cvc);
  await expect(checkout.input('number')).toHaveValue('4242 4242 4242 4242');
  await expect(checkout.input('expiry')).toHaveValue('12 / 34');
  await checkout.payButton().click();

  await expect(page.locator('#token-id')).toHaveText(/^pm_[A-Za-z0-9]{24}$/);
  const events = await checkout.recordedEvents();
  expect(events.map((event) => event.type)).toEqual(['payframe-token']);
  const paymentMethod = events[0]!.detail.paymentMethod as PaymentMethod;
  expect(paymentMethod.card).toMatchObject({ brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 });
  expect(gatewayTraffic.tokenizations()).toHaveLength(1);

  // The gateway really holds that payment method (retrieved server-side with the secret key).
  const stored = await fetch(`${demo.gatewayUrl}/v1/payment_methods/${paymentMethod.id}`, { headers: { Authorization: `Bearer ${demo.secretKey}` } });
  expect(stored.status).toBe(200);
  expect((await stored.json()).card.last4).toBe('4242');
});

test('an Amex number groups 4-6-5 and needs a 4-digit CVC', async ({ checkout }) => {
  await checkout.recordEvents(['payframe-change', 'payframe-token']);
  await checkout.type('number', '378282246310005');
  await expect(checkout.input('number')).toHaveValue('3782 822463 10005');
  await checkout.type('expiry', '1234');
  await checkout.type('cvc', '123');
  await checkout.input('number').focus();
  await expect(checkout.errorLine('cvc')).toHaveText("Your card's security code is incomplete.");
  await checkout.type('cvc', '4');
  await expect(checkout.input('cvc')).toHaveValue('1234');
  await expect(checkout.errorLine('cvc')).toHaveText('');
  await checkout.payButton().click();
  await expect.poll(async () => (await checkout.recordedEvents()).some((event) => event.type === 'payframe-token')).toBe(true);
  const events = await checkout.recordedEvents();
  const numberChanges = events.filter((event) => event.type === 'payframe-change' && event.detail.field === 'number');
  expect(numberChanges.at(-1)!.detail).toMatchObject({ brand: 'amex', complete: true });
  const token = events.find((event) => event.type === 'payframe-token')!.detail.paymentMethod as PaymentMethod;
  expect(token.card).toMatchObject({ brand: 'amex', last4: '0005' });
});

test('a number failing the Luhn check shows invalid_number and requests no token', async ({ checkout, gatewayTraffic }) => {
  await checkout.recordEvents(['payframe-change', 'payframe-error']);
  await checkout.type('number', '4242424242424241');
  await checkout.type('expiry', '1234');
  await checkout.type('cvc', '123');
  await expect(checkout.errorLine('number')).toHaveText('Your card number is invalid.');
  const result = await checkout.tokenize();
  expect(result).toEqual({ error: { code: 'invalid_number', message: 'Your card number is invalid.', field: 'number' } });
  await checkout.payButton().click();
  await expect(checkout.input('number')).toHaveAttribute('aria-invalid', 'true');
  expect(gatewayTraffic.tokenizations()).toHaveLength(0);
  const changes = (await checkout.recordedEvents()).filter((event) => event.type === 'payframe-change' && event.detail.field === 'number');
  expect(changes.at(-1)!.detail).toMatchObject({ complete: false, error: { code: 'invalid_number' } });
});

test('a past expiry shows invalid_expiry_year_past at once and requests no token', async ({ checkout, gatewayTraffic }) => {
  await checkout.type('number', VISA.number);
  await checkout.type('expiry', '1220');
  await expect(checkout.input('expiry')).toHaveValue('12 / 20');
  await expect(checkout.errorLine('expiry')).toHaveText("Your card's expiration year is in the past.");
  await checkout.type('cvc', '123');
  const result = await checkout.tokenize();
  expect('error' in result && result.error).toMatchObject({ code: 'invalid_expiry_year_past', field: 'expiry' });
  expect(gatewayTraffic.tokenizations()).toHaveLength(0);
});

test('pressing Pay with unfinished fields shows each field its incomplete error and requests no token', async ({ checkout, gatewayTraffic }) => {
  await checkout.recordEvents(['payframe-error']);
  await checkout.type('number', '4242');
  await checkout.payButton().click();
  await expect(checkout.errorLine('number')).toHaveText('Your card number is incomplete.');
  await expect(checkout.errorLine('expiry')).toHaveText("Your card's expiration date is incomplete.");
  await expect(checkout.errorLine('cvc')).toHaveText("Your card's security code is incomplete.");
  const errors = await checkout.recordedEvents();
  expect(errors.map((event) => event.detail.error)).toEqual([{ code: 'incomplete_number', message: 'Your card number is incomplete.', field: 'number' }]);
  expect(gatewayTraffic.tokenizations()).toHaveLength(0);
});

test('an empty field shows no error on blur, only after a submit attempt', async ({ checkout }) => {
  await checkout.input('number').focus();
  await checkout.input('expiry').focus();
  await expect(checkout.errorLine('number')).toHaveText('');
  await checkout.type('number', '42');
  await checkout.input('expiry').focus();
  await expect(checkout.errorLine('number')).toHaveText('Your card number is incomplete.');
});

test('focus moves on by itself when the number and the expiry are complete', async ({ checkout }) => {
  await checkout.type('number', VISA.number);
  await checkout.waitForFocus('expiry');
  await checkout.type('expiry', '1234');
  await checkout.waitForFocus('cvc');
});

test('Tab goes number -> expiry -> CVC -> Pay, and Shift+Tab comes back', async ({ page, checkout }) => {
  await checkout.input('number').focus();
  await checkout.waitForFocus('number');
  await page.keyboard.press('Tab');
  await checkout.waitForFocus('expiry');
  await page.keyboard.press('Tab');
  await checkout.waitForFocus('cvc');
  await page.keyboard.press('Tab');
  await checkout.waitForFocus('button');
  await page.keyboard.press('Shift+Tab');
  await checkout.waitForFocus('cvc');
});

test('Enter inside a field pays', async ({ page, checkout }) => {
  await checkout.fillCard(VISA);
  await checkout.input('cvc').press('Enter');
  await expect(page.locator('#token-id')).toHaveText(/^pm_/);
});

test('Escape in an input of the card frame fires payframe-escape naming that input, and closes, clears and pays nothing', async ({ checkout, gatewayTraffic }) => {
  await checkout.recordEvents(['payframe-escape', 'payframe-submit', 'payframe-token', 'payframe-error']);
  await checkout.fillCard(VISA);
  await checkout.input('number').press('Escape');
  await checkout.input('cvc').press('Escape');
  await expect.poll(async () => (await checkout.recordedEvents()).map(({ type, detail }) => [type, detail])).toEqual([
    ['payframe-escape', { field: 'number' }],
    ['payframe-escape', { field: 'cvc' }],
  ]);
  await expect(checkout.input('number')).toHaveValue('4242 4242 4242 4242');
  await expect(checkout.input('cvc')).toBeFocused();
  expect(gatewayTraffic.tokenizations()).toHaveLength(0);
});

test('clicking Pay many times while busy creates one payment method', async ({ page, checkout, gatewayTraffic }) => {
  await checkout.fillCard(VISA);
  const results = await page.evaluate(async () => {
    const element = document.querySelector('payframe-checkout')!;
    const button = element.shadowRoot!.querySelector('button')!;
    const calls = [element.tokenize(), element.tokenize()];
    for (let i = 0; i < 5; i++) button.click();
    return Promise.all(calls);
  });
  const ids = results.map((result) => ('paymentMethod' in result ? result.paymentMethod.id : result.error.code));
  expect(ids[0]).toMatch(/^pm_/);
  expect(ids[1]).toBe(ids[0]);
  await expect(page.locator('#token-id')).toHaveText(ids[0]!);
  expect(gatewayTraffic.tokenizations()).toHaveLength(1);
});

test('the card frame fetches its payment steps after ready; when that file cannot be fetched, tokenize() answers network_error and the next try pays', async ({ page, demo, checkout }) => {
  // The frame's first load carries only what typing needs; the payment steps are a file of their own.
  const fetched: string[] = [];
  await page.context().route(/\/assets\/payments-[\w-]+\.js/, (route) => {
    fetched.push(new URL(route.request().url()).search);
    return route.abort('internetdisconnected');
  });
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await checkout.fillCard(VISA);
  const tokenize = () =>
    page.evaluate(async () => {
      const result = await (document.querySelector('payframe-checkout') as unknown as { tokenize(): Promise<{ paymentMethod?: { id: string }; error?: { code: string } }> }).tokenize();
      return result.paymentMethod ? result.paymentMethod.id.slice(0, 3) : result.error?.code;
    });
  expect(await tokenize()).toBe('network_error');
  // Fetched once after ready and once more for the request, each under a new URL (a browser keeps a module's failed fetch).
  expect(fetched).toEqual(['', '?try=1']);
  // What was typed stays, and once the file can be fetched the same card pays.
  await page.context().unroute(/\/assets\/payments-[\w-]+\.js/);
  await expect(checkout.input('number')).toHaveValue('4242 4242 4242 4242');
  expect(await tokenize()).toBe('pm_');
});

test('the pay button shows a busy state while tokenizing', async ({ page, checkout }) => {
  await checkout.fillCard(VISA);
  const states = await page.evaluate(async () => {
    const element = document.querySelector('payframe-checkout')!;
    const pending = element.tokenize();
    await element.updateComplete;
    const button = element.shadowRoot!.querySelector('button')!;
    const during = { busy: element.busy, text: button.textContent!.trim(), ariaDisabled: button.getAttribute('aria-disabled') };
    await pending;
    await element.updateComplete;
    return { during, after: { busy: element.busy, text: button.textContent!.trim() } };
  });
  expect(states.during).toEqual({ busy: true, text: 'Processing…', ariaDisabled: 'true' });
  expect(states.after).toEqual({ busy: false, text: 'Pay €19.99' });
});

test('the checkout reserves its height: nothing moves when the frames become ready', async ({ page, demo }) => {
  // Measure right after the element is created (frames still loading) and again once ready.
  const heights = await page.evaluate(async (publishableKey) => {
    const element = document.createElement('payframe-checkout');
    element.setAttribute('publishable-key', publishableKey);
    document.body.prepend(element);
    await element.updateComplete;
    const loading = element.getBoundingClientRect().height;
    await new Promise((resolve) => element.addEventListener('payframe-ready', resolve, { once: true }));
    await element.updateComplete;
    return { loading, ready: element.getBoundingClientRect().height };
  }, demo.publishableKey);
  expect(heights.loading).toBeGreaterThan(200);
  expect(heights.ready).toBe(heights.loading);
});
