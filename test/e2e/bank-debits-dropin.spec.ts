// The drop-in's bank debits, end to end on the demo's real origins: `payment-methods` lays out a
// choice inside the card frame, the SEPA and US bank account panels confirm the merchant's
// PaymentIntent with the mandate, the intent goes `processing` and the sandbox's bank answers when
// the test advances its clock (no sleeps), judged with stripe-node. Bad accounts are refused in the
// field, and nothing reaches the gateway for them. Keyboard, axe and right to left in Arabic too.
import type { FrameLocator, Page, Request } from '@playwright/test';
import Stripe from 'stripe';
import type { DemoServers } from '../../demo/servers.ts';
import { demoServersFixture, expect, test as base } from './fixtures.ts';
import { checkoutViolations, NO_VIOLATIONS } from './harness/axe.ts';
import { ACCOUNT_SUCCEEDS, IBAN_FAILS, ROUTING } from './harness/bank-test-accounts.ts';

// The sandbox's clock admin API (POST /__sandbox/clock/advance) comes with its fault injection.
const test = base.extend<object, { demo: DemoServers }>({ demo: demoServersFixture({ gatewayFaultInjection: true }) });

/** Stripe's German test IBAN that succeeds. */
const IBAN_SUCCEEDS = 'DE89370400440532013000';
/** IBAN_SUCCEEDS with its check digits changed: the mod-97 check refuses it. */
const IBAN_BAD_CHECK_DIGITS = 'DE88370400440532013000';
const ROUTING_BAD_CHECKSUM = '110000001';
const HOLDER = { name: 'Jenny Rosen', email: 'jenny@example.com' };
const BUSINESS = 'Payframe Demo Shop';

interface ErrorDetail {
  error: { code: string; message: string; field?: string };
}

function stripeFor(demo: DemoServers): Stripe {
  const { port } = new URL(demo.gatewayUrl);
  return new Stripe(demo.secretKey, { host: '127.0.0.1', port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
}

async function advanceClock(demo: DemoServers, seconds: number): Promise<void> {
  const response = await fetch(`${demo.gatewayUrl}/__sandbox/clock/advance`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${demo.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ seconds }),
  });
  expect(response.status).toBe(200);
}

/** Every request the page (any frame) sent to the gateway. */
function recordGatewayRequests(page: Page, demo: DemoServers): () => Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(demo.gatewayUrl)) requests.push(request);
  });
  return () => [...requests];
}

const card = (page: Page): FrameLocator => page.frameLocator('payframe-checkout [part="card"] iframe');

/** The checkout with these attributes, its new card frame ready with the choice laid out. */
async function mountCheckout(page: Page, attributes: Record<string, string>): Promise<void> {
  await page.locator('payframe-checkout').evaluate((element, wanted) => {
    for (const [name, value] of Object.entries(wanted)) element.setAttribute(name, value);
  }, attributes);
  await expect(card(page).getByRole('radio').first()).toBeVisible();
  await expect.poll(() => page.locator('payframe-checkout').evaluate((element) => (element as unknown as { ready: boolean }).ready)).toBe(true);
}

async function choose(page: Page, name: string): Promise<void> {
  await card(page).getByRole('radio', { name }).check();
}

async function fillHolder(page: Page): Promise<void> {
  await card(page).locator('#account_holder_name').pressSequentially(HOLDER.name);
  await card(page).locator('#email').pressSequentially(HOLDER.email);
}

/** Clicks Pay; resolves with the detail of the `type` event, or fails with the other outcome's detail. */
async function payAndWait<T>(page: Page, type: 'payframe-payment' | 'payframe-error'): Promise<T> {
  // Listening before the click, so an outcome that comes at once (a field's error) is not missed.
  await page.locator('payframe-checkout').evaluate((element) => {
    const holder = window as unknown as { payOutcome?: { type: string; detail: unknown } };
    delete holder.payOutcome;
    for (const type of ['payframe-payment', 'payframe-error']) element.addEventListener(type, (event) => (holder.payOutcome ??= { type, detail: (event as CustomEvent).detail }), { once: true });
  });
  await page.locator('payframe-checkout [part="button"]').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { payOutcome?: unknown }).payOutcome !== undefined)).toBe(true);
  const { type: happened, detail } = (await page.evaluate(() => (window as unknown as { payOutcome: { type: string; detail: unknown } }).payOutcome))!;
  expect({ type: happened, detail }).toMatchObject({ type });
  return detail as T;
}

// A merchant page holding only the checkout: the demo page's own scripts drive its attributes too.
test.beforeEach(async ({ page, demo, checkout }) => {
  await page.goto(`${demo.merchantUrl}/test-pages/merchant.html`);
  await checkout.waitReady();
});

test('a SEPA test IBAN that succeeds: processing on confirm, succeeded once the bank answers', async ({ page, demo }) => {
  const stripe = stripeFor(demo);
  const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'eur', payment_method_types: ['sepa_debit'] } as Stripe.PaymentIntentCreateParams);
  await mountCheckout(page, { 'payment-methods': 'card sepa_debit', 'business-name': BUSINESS, 'client-secret': intent.client_secret! });
  const requests = recordGatewayRequests(page, demo);
  await choose(page, 'SEPA Direct Debit');
  await card(page).locator('#iban').pressSequentially(IBAN_SUCCEEDS);
  await expect(card(page).locator('#iban')).toHaveValue('DE89 3704 0044 0532 0130 00');
  // The bank's name where the table knows its code (37040044: Commerzbank).
  await expect(card(page).locator('#iban-bank')).not.toHaveText('');
  await fillHolder(page);
  // The mandate names the merchant, before paying.
  await expect(card(page).locator('#mandate')).toContainText(BUSINESS);

  const payment = await payAndWait<{ paymentIntent: { id: string; status: string } }>(page, 'payframe-payment');
  expect(payment).toEqual({ paymentIntent: { id: intent.id, status: 'processing' } });
  const confirms = requests().filter((request) => request.method() === 'POST' && request.url().endsWith(`/v1/payment_intents/${intent.id}/confirm`));
  expect(confirms).toHaveLength(1);
  expect(confirms[0]!.frame().url().startsWith(demo.fieldsOrigin)).toBe(true);
  const body = new URLSearchParams(confirms[0]!.postData() ?? '');
  expect(Object.fromEntries(body)).toMatchObject({
    'payment_method_data[type]': 'sepa_debit',
    'payment_method_data[sepa_debit][iban]': IBAN_SUCCEEDS,
    'payment_method_data[billing_details][name]': HOLDER.name,
    'payment_method_data[billing_details][email]': HOLDER.email,
    'mandate_data[customer_acceptance][type]': 'online',
    'mandate_data[customer_acceptance][online][infer_from_client]': 'true',
  });
  expect(body.has('payment_method_data[card][number]')).toBe(false);

  // The gateway inferred the acceptance from the shopper's browser: its User-Agent is on the mandate.
  const processing = await stripe.paymentIntents.retrieve(intent.id);
  expect(processing.status).toBe('processing');
  const charge = await stripe.charges.retrieve(processing.latest_charge as string);
  const mandateId = charge.payment_method_details?.sepa_debit?.mandate;
  const mandate = await stripe.mandates.retrieve(mandateId!);
  expect(mandate.customer_acceptance.type).toBe('online');
  expect(mandate.customer_acceptance.online?.user_agent).toBe(await page.evaluate(() => navigator.userAgent));

  await advanceClock(demo, 60);
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
});

test('a SEPA test IBAN that fails: processing, then requires_payment_method with the bank\'s code', async ({ page, demo }) => {
  const stripe = stripeFor(demo);
  const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'eur', payment_method_types: ['sepa_debit'] } as Stripe.PaymentIntentCreateParams);
  await mountCheckout(page, { 'payment-methods': 'sepa_debit card', 'business-name': BUSINESS, 'client-secret': intent.client_secret! });
  // The first method listed is chosen.
  await expect(card(page).getByRole('radio', { name: 'SEPA Direct Debit' })).toBeChecked();
  await card(page).locator('#iban').pressSequentially(IBAN_FAILS);
  await fillHolder(page);
  const payment = await payAndWait<{ paymentIntent: { status: string } }>(page, 'payframe-payment');
  expect(payment.paymentIntent.status).toBe('processing');
  await advanceClock(demo, 60);
  const failed = await stripe.paymentIntents.retrieve(intent.id);
  expect(failed.status).toBe('requires_payment_method');
  expect(failed.last_payment_error?.code).toBe('generic_could_not_process');
});

test('an IBAN with wrong check digits is refused in the field, typed, and nothing reaches the gateway', async ({ page, demo }) => {
  const stripe = stripeFor(demo);
  const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'eur', payment_method_types: ['sepa_debit'] } as Stripe.PaymentIntentCreateParams);
  await mountCheckout(page, { 'payment-methods': 'card sepa_debit', 'business-name': BUSINESS, 'client-secret': intent.client_secret! });
  await page.locator('payframe-checkout').evaluate((element) => {
    const states: unknown[] = [];
    (window as unknown as { ibanStates: unknown[] }).ibanStates = states;
    element.addEventListener('payframe-change', (event) => {
      const detail = (event as CustomEvent<{ field: string }>).detail;
      if (detail.field === 'iban') states.push(detail);
    });
  });
  const requests = recordGatewayRequests(page, demo);
  await choose(page, 'SEPA Direct Debit');
  await card(page).locator('#iban').pressSequentially(IBAN_BAD_CHECK_DIGITS);
  await fillHolder(page);
  await expect(card(page).locator('#iban-error')).toHaveText('Your IBAN is invalid. Check that you typed it correctly.');
  await expect(card(page).locator('#iban')).toHaveAttribute('aria-invalid', 'true');
  const states = await page.evaluate(() => (window as unknown as { ibanStates: Record<string, unknown>[] }).ibanStates);
  expect(states.at(-1)).toEqual({
    field: 'iban',
    empty: false,
    complete: false,
    valid: false,
    error: { code: 'iban_invalid_checksum', message: 'Your IBAN is invalid. Check that you typed it correctly.' },
    paymentMethodType: 'sepa_debit',
  });

  const refused = await payAndWait<ErrorDetail>(page, 'payframe-error');
  expect(refused.error).toMatchObject({ code: 'iban_invalid_checksum', field: 'iban' });
  // Shown under the field, not above the button.
  await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText('');
  expect(requests()).toEqual([]);
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_payment_method');
});

test('a routing number with a bad checksum is refused in the field, typed, and nothing reaches the gateway', async ({ page, demo }) => {
  const stripe = stripeFor(demo);
  const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd', payment_method_types: ['us_bank_account'] } as Stripe.PaymentIntentCreateParams);
  await mountCheckout(page, { 'payment-methods': 'card us_bank_account', 'business-name': BUSINESS, 'client-secret': intent.client_secret! });
  const requests = recordGatewayRequests(page, demo);
  await choose(page, 'US bank account');
  await card(page).locator('#routing_number').pressSequentially(ROUTING_BAD_CHECKSUM);
  await expect(card(page).locator('#routing_number-error')).toHaveText('Your routing number is invalid.');
  const refused = await payAndWait<ErrorDetail>(page, 'payframe-error');
  expect(refused.error).toMatchObject({ code: 'routing_number_invalid', field: 'routing_number' });
  expect(requests()).toEqual([]);
});

test('a US bank account pays: processing, then succeeded', async ({ page, demo }) => {
  const stripe = stripeFor(demo);
  const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd', payment_method_types: ['us_bank_account'] } as Stripe.PaymentIntentCreateParams);
  await mountCheckout(page, { 'payment-methods': 'card us_bank_account', 'business-name': BUSINESS, 'client-secret': intent.client_secret! });
  const requests = recordGatewayRequests(page, demo);
  await choose(page, 'US bank account');
  await card(page).locator('#routing_number').pressSequentially(ROUTING);
  await card(page).locator('#account_number').pressSequentially(ACCOUNT_SUCCEEDS);
  await card(page).locator('#account_number_confirmation').pressSequentially(ACCOUNT_SUCCEEDS);
  await card(page).getByRole('radio', { name: 'Checking' }).check();
  await card(page).getByRole('radio', { name: 'Individual' }).check();
  await fillHolder(page);
  await expect(card(page).locator('#mandate')).toContainText(BUSINESS);
  const payment = await payAndWait<{ paymentIntent: { status: string } }>(page, 'payframe-payment');
  expect(payment.paymentIntent.status).toBe('processing');
  const body = new URLSearchParams(requests().find((request) => request.url().endsWith('/confirm'))!.postData() ?? '');
  expect(Object.fromEntries(body)).toMatchObject({
    'payment_method_data[type]': 'us_bank_account',
    'payment_method_data[us_bank_account][routing_number]': ROUTING,
    'payment_method_data[us_bank_account][account_number]': ACCOUNT_SUCCEEDS,
    'payment_method_data[us_bank_account][account_type]': 'checking',
    'payment_method_data[us_bank_account][account_holder_type]': 'individual',
  });
  await advanceClock(demo, 60);
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
});

test('the method is chosen with the keyboard only, and payframe-change says which', async ({ page, demo }) => {
  const intent = await stripeFor(demo).paymentIntents.create({ amount: 1999, currency: 'eur', payment_method_types: ['sepa_debit', 'card'] } as Stripe.PaymentIntentCreateParams);
  await mountCheckout(page, { 'payment-methods': 'card sepa_debit us_bank_account', 'business-name': BUSINESS, 'client-secret': intent.client_secret! });
  await page.locator('payframe-checkout').evaluate((element) => {
    const chosen: unknown[] = [];
    (window as unknown as { chosen: unknown[] }).chosen = chosen;
    element.addEventListener('payframe-change', (event) => {
      const detail = (event as CustomEvent<{ field: string; paymentMethodType?: string }>).detail;
      if (detail.field === 'payment_method') chosen.push(detail.paymentMethodType);
    });
  });
  // Into the frame from the page (nothing focusable before it): the choice is its first stop, on the checked option.
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  await expect(card(page).getByRole('radio', { name: 'Card' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(card(page).getByRole('radio', { name: 'SEPA Direct Debit' })).toBeChecked();
  await expect(card(page).locator('#iban')).toBeVisible();
  await expect(card(page).locator('#number')).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(card(page).getByRole('radio', { name: 'US bank account' })).toBeChecked();
  await expect(card(page).locator('#routing_number')).toBeVisible();
  // Tab leaves the group for the panel's first input.
  await page.keyboard.press('Tab');
  await expect(card(page).locator('#routing_number')).toBeFocused();
  await expect.poll(() => page.evaluate(() => (window as unknown as { chosen: string[] }).chosen)).toEqual(['sepa_debit', 'us_bank_account']);
});

test('a bank debit needs a PaymentIntent: without client-secret, paying is a typed setup error', async ({ page }) => {
  await mountCheckout(page, { 'payment-methods': 'card sepa_debit', 'business-name': BUSINESS });
  await choose(page, 'SEPA Direct Debit');
  await card(page).locator('#iban').pressSequentially(IBAN_SUCCEEDS);
  await fillHolder(page);
  const refused = await payAndWait<ErrorDetail>(page, 'payframe-error');
  expect(refused.error).toMatchObject({ code: 'payment_method_requires_client_secret', field: 'payment_method' });
  await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText(refused.error.message);
});

test('an unknown payment method is a typed setup error', async ({ page }) => {
  const failed = page.locator('payframe-checkout').evaluate(
    (element) => new Promise<ErrorDetail>((resolve) => element.addEventListener('payframe-error', (event) => resolve((event as CustomEvent<ErrorDetail>).detail), { once: true })),
  );
  await page.locator('payframe-checkout').evaluate((element) => element.setAttribute('payment-methods', 'card paypal'));
  expect((await failed).error.code).toBe('invalid_payment_methods');
});

for (const locale of ['en', 'ar'] as const) {
  test(`axe finds no WCAG 2.2 AA violation in the choice and in each bank panel, empty and with errors (${locale})`, async ({ page, demo, checkout }) => {
    await page.goto(`${demo.merchantUrl}/test-pages/a11y.html?payment-methods=card+sepa_debit+us_bank_account&business-name=Shop&locale=${locale}`);
    await checkout.waitReady();
    const frame = card(page);
    if (locale === 'ar') {
      // Right to left, in Arabic: the frame's document, its labels; the IBAN itself stays left to right.
      await expect(frame.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(frame.locator('#payment_method-sepa_debit-text')).toHaveText('الخصم المباشر SEPA');
    }
    expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);

    await frame.locator('#payment_method-sepa_debit').check();
    await expect(frame.locator('#iban')).toBeVisible();
    expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
    await frame.locator('#iban').pressSequentially(IBAN_BAD_CHECK_DIGITS);
    await frame.locator('#email').pressSequentially('jenny@');
    await frame.locator('#account_holder_name').focus();
    await expect(frame.locator('#iban')).toHaveAttribute('aria-invalid', 'true');
    await expect(frame.locator('#email')).toHaveAttribute('aria-invalid', 'true');
    if (locale === 'ar') {
      expect(await frame.locator('#iban').evaluate((input) => getComputedStyle(input).direction)).toBe('ltr');
      await expect(frame.locator('#iban-label')).toHaveText('رقم IBAN');
    }
    expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);

    await frame.locator('#payment_method-us_bank_account').check();
    await expect(frame.locator('#routing_number')).toBeVisible();
    expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
    await frame.locator('#routing_number').pressSequentially(ROUTING_BAD_CHECKSUM);
    await frame.locator('#account_number').pressSequentially('1234');
    await frame.locator('#account_number_confirmation').pressSequentially('9');
    await frame.locator('#account_holder_name').focus();
    await expect(frame.locator('#routing_number')).toHaveAttribute('aria-invalid', 'true');
    await expect(frame.locator('#account_number_confirmation')).toHaveAttribute('aria-invalid', 'true');
    expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
  });
}

test('with bank-account-entry="masked", the US account number is typed once and shown masked', async ({ page, demo }) => {
  const intent = await stripeFor(demo).paymentIntents.create({ amount: 1999, currency: 'usd', payment_method_types: ['us_bank_account'] } as Stripe.PaymentIntentCreateParams);
  await mountCheckout(page, { 'payment-methods': 'us_bank_account', 'bank-account-entry': 'masked', 'business-name': BUSINESS, 'client-secret': intent.client_secret! });
  const requests = recordGatewayRequests(page, demo);
  // One method: no choice to make, its panel at once.
  await expect(card(page).locator('#payment_method-field')).toBeHidden();
  await expect(card(page).locator('#account_number_confirmation')).toBeHidden();
  await card(page).locator('#routing_number').pressSequentially(ROUTING);
  await card(page).locator('#account_number').pressSequentially(ACCOUNT_SUCCEEDS);
  await card(page).getByRole('radio', { name: 'Savings' }).check();
  await expect(card(page).locator('#account_number')).toHaveValue('••••••••6789');
  // Back in it, the shopper sees what was typed.
  await card(page).locator('#account_number').focus();
  await expect(card(page).locator('#account_number')).toHaveValue(ACCOUNT_SUCCEEDS);
  await card(page).getByRole('radio', { name: 'Company' }).check();
  await fillHolder(page);
  const payment = await payAndWait<{ paymentIntent: { status: string } }>(page, 'payframe-payment');
  expect(payment.paymentIntent.status).toBe('processing');
  const body = new URLSearchParams(requests().find((request) => request.url().endsWith('/confirm'))!.postData() ?? '');
  expect(body.get('payment_method_data[us_bank_account][account_number]')).toBe(ACCOUNT_SUCCEEDS);
  expect(body.get('payment_method_data[us_bank_account][account_type]')).toBe('savings');
  expect(body.get('payment_method_data[us_bank_account][account_holder_type]')).toBe('company');
});
