// <payframe-checkout client-secret>, end to end: the test's "server" creates a PaymentIntent with
// the secret key, the demo page (its real CSP) pays it through the fields origin, declines and
// 3-D Secure challenges included, and the result is checked on the gateway with the secret key.
import type { Page, Request } from '@playwright/test';
import type { DemoServers } from '../../demo/servers.ts';
import type { PaymentIntentSummary } from '../../src/index.ts';
import { waitForChallenge } from './harness/three-d-secure-challenge.ts';
import { expect, test } from './fixtures.ts';

const VISA = { number: '4242424242424242', expiry: '1234', cvc: '123' };
const INSUFFICIENT_FUNDS = { ...VISA, number: '4000000000009995' };
const THREE_D_SECURE = { ...VISA, number: '4000002760003184' };

interface ErrorDetail {
  error: { code: string; message: string; declineCode?: string };
}

/** What the merchant's server does: create the intent with the secret key, hand the page its client_secret. */
async function createIntent(demo: DemoServers): Promise<{ id: string; clientSecret: string }> {
  const response = await fetch(`${demo.gatewayUrl}/v1/payment_intents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${demo.secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ amount: '1999', currency: 'eur' }),
  });
  expect(response.status).toBe(200);
  const intent = (await response.json()) as { id: string; client_secret: string };
  return { id: intent.id, clientSecret: intent.client_secret };
}

async function intentStatusOnGateway(demo: DemoServers, id: string): Promise<string> {
  const response = await fetch(`${demo.gatewayUrl}/v1/payment_intents/${id}`, { headers: { Authorization: `Bearer ${demo.secretKey}` } });
  return ((await response.json()) as { status: string }).status;
}

/** Confirm requests reaching for the gateway, from any frame. */
function recordConfirms(page: Page, demo: DemoServers): () => Request[] {
  const confirms: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/v1\/payment_intents\/pi_[A-Za-z0-9]+\/confirm$/.test(request.url()) && request.url().startsWith(demo.gatewayUrl)) confirms.push(request);
  });
  return () => [...confirms];
}

let intent: { id: string; clientSecret: string };

test.beforeEach(async ({ page, demo, checkout }) => {
  intent = await createIntent(demo);
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await page.locator('payframe-checkout').evaluate((element, clientSecret) => element.setAttribute('client-secret', clientSecret), intent.clientSecret);
  await checkout.recordEvents(['payframe-payment', 'payframe-error', 'payframe-token']);
});

test('a Visa test card pays the intent: payframe-payment with succeeded, as the gateway says', async ({ page, demo, checkout }) => {
  const confirms = recordConfirms(page, demo);
  await checkout.fillCard(VISA);
  const payment = checkout.nextEvent<{ paymentIntent: PaymentIntentSummary }>('payframe-payment');
  await checkout.payButton().click();
  expect(await payment).toEqual({ paymentIntent: { id: intent.id, status: 'succeeded' } });
  expect((await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-payment']);
  expect(confirms()).toHaveLength(1);
  // The card went to the gateway only, from the fields origin, without a return_url.
  const body = new URLSearchParams(confirms()[0]!.postData() ?? '');
  expect(body.get('client_secret')).toBe(intent.clientSecret);
  expect(body.get('payment_method_data[type]')).toBe('card');
  expect(body.has('return_url')).toBe(false);
  expect(confirms()[0]!.frame().url().startsWith(demo.fieldsOrigin)).toBe(true);
  expect(await intentStatusOnGateway(demo, intent.id)).toBe('succeeded');
});

test('a decline shows the reason, keeps the card, and the fixed card then pays', async ({ demo, checkout }) => {
  await checkout.fillCard(INSUFFICIENT_FUNDS);
  const declined = checkout.nextEvent<ErrorDetail>('payframe-error');
  await checkout.payButton().click();
  const { error } = await declined;
  expect(error).toMatchObject({ code: 'card_declined', declineCode: 'insufficient_funds' });
  await expect(checkout.page.locator('payframe-checkout [part="form-error"]')).toHaveText(error.message);
  expect(error.message.length).toBeGreaterThan(0);
  await expect(checkout.input('number')).toHaveValue('4000 0000 0000 9995');
  await expect(checkout.input('cvc')).toHaveValue('123');
  expect(await intentStatusOnGateway(demo, intent.id)).toBe('requires_payment_method');

  await checkout.clear('number');
  await checkout.type('number', VISA.number);
  const payment = checkout.nextEvent<{ paymentIntent: PaymentIntentSummary }>('payframe-payment');
  await checkout.payButton().click();
  expect(await payment).toEqual({ paymentIntent: { id: intent.id, status: 'succeeded' } });
  await expect(checkout.page.locator('payframe-checkout [part="form-error"]')).toHaveText('');
  expect(await intentStatusOnGateway(demo, intent.id)).toBe('succeeded');
});

/** Pays with the 3-D Secure card and waits for the challenge modal. */
async function openChallenge(checkout: import('./harness/card-fields-harness.ts').CardFieldsHarness) {
  await checkout.fillCard(THREE_D_SECURE);
  await checkout.payButton().click();
  const { dialog, challenge } = await waitForChallenge(checkout.page);
  const iframe = dialog.locator('iframe');
  await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
  await expect(iframe).toHaveAttribute('title', /.+/);
  await expect(challenge.getByRole('button', { name: 'Complete authentication' })).toBeVisible();
  return { dialog, challenge };
}

test('a 3-D Secure card opens the challenge in a modal; the right code pays the intent', async ({ demo, checkout }) => {
  const { dialog, challenge } = await openChallenge(checkout);
  const src = (await dialog.locator('iframe').getAttribute('src'))!;
  expect(new URL(src).origin).toBe(new URL(demo.gatewayUrl).origin);
  expect(new URL(src).searchParams.get('parent_origin')).toBe(demo.merchantUrl);
  await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'true');

  const code = (await challenge.locator('.code').textContent())!.trim();
  expect(code).toMatch(/^\d{6}$/);
  await challenge.getByLabel('One-time code').fill(code);
  const seen = (await checkout.recordedEvents()).length;
  await challenge.getByRole('button', { name: 'Complete authentication' }).click();
  expect(await checkout.recordedEventAfter(seen, 'payframe-payment')).toEqual({ paymentIntent: { id: intent.id, status: 'succeeded' } });
  await expect(dialog).toHaveCount(0);
  expect(await intentStatusOnGateway(demo, intent.id)).toBe('succeeded');
});

test('failing the 3-D Secure challenge reports payment_intent_authentication_failure', async ({ demo, checkout }) => {
  const { dialog, challenge } = await openChallenge(checkout);
  const seen = (await checkout.recordedEvents()).length;
  await challenge.getByRole('button', { name: 'Fail authentication' }).click();
  const { error } = await checkout.recordedEventAfter<ErrorDetail>(seen, 'payframe-error');
  expect(error.code).toBe('payment_intent_authentication_failure');
  await expect(checkout.page.locator('payframe-checkout [part="form-error"]')).toHaveText(error.message);
  await expect(dialog).toHaveCount(0);
  expect(await intentStatusOnGateway(demo, intent.id)).toBe('requires_payment_method');
});

test('Escape cancels the challenge: the dialog closes with a readable error, and Pay works again', async ({ checkout }) => {
  const { dialog } = await openChallenge(checkout);
  await checkout.page.keyboard.press('Escape');
  // Read from the log beforeEach records: a listener added now could miss a fast close.
  await expect.poll(async () => (await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-error']);
  const { error } = (await checkout.recordedEvents())[0]!.detail as unknown as ErrorDetail;
  expect(error.code).toBe('payment_intent_authentication_failure');
  expect(error.message).toMatch(/closed the payment confirmation/);
  await expect(dialog).toHaveCount(0);
  await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'false');
  // Paying again asks the bank again.
  await checkout.payButton().click();
  await expect(checkout.page.getByRole('dialog', { name: 'Confirm your payment' })).toBeVisible();
});

test('Escape pressed while typing the code in the bank\'s page cancels too', async ({ demo, checkout }) => {
  const { dialog, challenge } = await openChallenge(checkout);
  // Keys go to the focused frame: the dialog hears this Escape only through the bank's page.
  await challenge.getByLabel('One-time code').fill('12');
  await checkout.page.keyboard.press('Escape');
  await expect.poll(async () => (await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-error']);
  const { error } = (await checkout.recordedEvents())[0]!.detail as unknown as ErrorDetail;
  expect(error.code).toBe('payment_intent_authentication_failure');
  await expect(dialog).toHaveCount(0);
  await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'false');
  expect(await intentStatusOnGateway(demo, intent.id)).toBe('requires_action');
});

test('a double click on Pay sends one confirm', async ({ page, demo, checkout }) => {
  const confirms = recordConfirms(page, demo);
  await checkout.fillCard(VISA);
  const payment = checkout.nextEvent<{ paymentIntent: PaymentIntentSummary }>('payframe-payment');
  await checkout.payButton().dblclick();
  await payment;
  expect(confirms()).toHaveLength(1);
  expect((await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-payment']);
});

test('in German, the 3-D Secure dialog speaks German, and so does the error when the shopper closes it', async ({ page, checkout }) => {
  await page.locator('payframe-checkout').evaluate((element) => element.setAttribute('locale', 'de'));
  await expect(checkout.fieldElement('number').locator('label')).toHaveText('Kartennummer');
  await checkout.fillCard(THREE_D_SECURE);
  await checkout.payButton().click();
  const dialog = page.getByRole('dialog', { name: 'Zahlung bestätigen' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Abbrechen' })).toBeVisible();
  await expect(dialog.locator('iframe')).toHaveAttribute('title', 'Ihre Bank: Zahlung bestätigen');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await expect.poll(async () => (await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-error']);
  const { error } = (await checkout.recordedEvents())[0]!.detail as unknown as ErrorDetail;
  expect(error).toMatchObject({ code: 'payment_intent_authentication_failure', message: expect.stringMatching(/^Sie haben die Zahlungsbestätigung geschlossen/) });
});
