// The QA demo page as QA uses it: pick a scenario, type the card it shows into the real frames,
// pay the PaymentIntent the demo shop's backend created with the stripe SDK, and read the
// intent's statuses in the timeline. Results are checked at the gateway with the stripe SDK.
import { createRequire } from 'node:module';
import type { Page, Request, Response } from '@playwright/test';
import Stripe from 'stripe';
import type { DemoServers } from '../../demo/servers.ts';
import { expect, test } from './fixtures.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { findSecrets } from './harness/secrets.ts';
import { collectLoot, installSkimmer } from './harness/skimmer.ts';
import { completeChallenge, waitForChallenge } from './harness/three-d-secure-challenge.ts';
import { TEST_CARDS } from '../../src/testing/test-cards.ts';

/** Any CVC passes the sandbox; one the page never shows makes its absence meaningful. */
const CVC = '917';

function gatewayStripe(demo: DemoServers): Stripe {
  return new Stripe(demo.secretKey, { host: '127.0.0.1', port: Number(new URL(demo.gatewayUrl).port), protocol: 'http' });
}

/** The newest timeline group (one per PaymentIntent, newest first). */
function newestPayment(page: Page) {
  return page.locator('#timeline > li.timeline-group').first();
}

async function stepStatuses(page: Page): Promise<string[]> {
  return newestPayment(page)
    .locator('.step')
    .evaluateAll((steps) => steps.map((step) => (step as HTMLElement).dataset.status ?? ''));
}

/** Opens the demo page and switches it to paying a PaymentIntent; resolves with the intent's id. */
async function openInIntentMode(page: Page, demo: DemoServers, checkout: CardFieldsHarness): Promise<string> {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await page.getByRole('radio', { name: 'Pay a PaymentIntent' }).check();
  const created = newestPayment(page).locator('.step[data-status="requires_payment_method"]', { hasText: 'created' });
  await expect(created).toBeVisible();
  await expect(page.locator('#checkout-slot')).not.toHaveAttribute('inert');
  return (await newestPayment(page).getAttribute('data-intent'))!;
}

/** Picks a scenario and reads the card it tells the shopper to type, digits only. */
async function pickScenario(page: Page, name: RegExp): Promise<{ number: string; spaced: string; expiry: string }> {
  await page.getByRole('radio', { name }).check();
  const spaced = (await page.locator('#scenario-number').textContent())!.trim();
  const expiry = (await page.locator('#scenario-expiry').textContent())!.replace(/\D/g, '');
  return { number: spaced.replace(/\s/g, ''), spaced, expiry };
}

test('3-D Secure scenario 4000002760003184: challenge in the modal, Complete, the timeline ends succeeded; no card or key reaches the merchant side', async ({ page, demo, checkout }) => {
  await page.addInitScript(installSkimmer, demo.merchantUrl);
  const merchantRequests: Request[] = [];
  const merchantResponses: Promise<string>[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(demo.merchantUrl)) merchantRequests.push(request);
  });
  page.on('response', (response: Response) => {
    if (response.url().startsWith(demo.merchantUrl)) merchantResponses.push(response.text().catch(() => ''));
  });

  const intentId = await openInIntentMode(page, demo, checkout);
  const card = await pickScenario(page, /^Challenge, then succeeds ending 3184$/);
  expect(card.number).toBe('4000002760003184');
  await expect(page.locator('#scenario-expect')).toHaveText('requires_action, then succeeded');
  // Picking a scenario fills nothing in the frames.
  await expect(checkout.input('number')).toHaveValue('');

  await checkout.fillCard({ number: card.number, expiry: card.expiry, cvc: CVC });
  await checkout.payButton().click();
  const challenge = await waitForChallenge(page);
  // The backend, asked once the dialog opened, says what the dialog means.
  await expect(newestPayment(page).locator('.step[data-status="requires_action"]')).toContainText('redirect_to_url');
  await completeChallenge(challenge);
  await expect(challenge.dialog).toHaveCount(0);

  const succeeded = newestPayment(page).locator('.step[data-status="succeeded"]');
  await expect(succeeded).toContainText('€19.99 received');
  await expect(succeeded.locator('.verdict')).toHaveAttribute('data-verdict', 'pass');
  expect(await stepStatuses(page)).toEqual(['requires_payment_method', 'requires_action', 'authenticated', 'succeeded']);
  await expect(page.locator('#checkout-notice')).toContainText('Paid');

  const atGateway = await gatewayStripe(demo).paymentIntents.retrieve(intentId);
  expect(atGateway).toMatchObject({ status: 'succeeded', amount: 1999, amount_received: 1999, currency: 'eur', metadata: { source: 'payframe-demo' } });

  // The card number is shown once, as the hint to type; nothing else on the merchant side holds it.
  const loot = await page.evaluate(collectLoot);
  expect(loot.dom.split(card.spaced)).toHaveLength(2);
  expect(findSecrets(loot.dom.replace(card.spaced, ''), { number: card.number, cvc: CVC })).toEqual([]);
  expect(loot.records.some((entry) => entry.startsWith('dispatch payframe-payment'))).toBe(true);
  expect(findSecrets(loot.records.join('\n'), { number: card.number, cvc: CVC })).toEqual([]);
  const apiCalls = merchantRequests.filter((request) => new URL(request.url()).pathname.startsWith('/api/'));
  expect(apiCalls.map((request) => `${request.method()} ${new URL(request.url()).pathname}`)).toContain('POST /api/payment-intents');
  for (const request of merchantRequests) {
    expect(findSecrets(`${request.url()} ${request.postData() ?? ''}`, { number: card.number, cvc: CVC })).toEqual([]);
  }
  // The secret key stays on the shop's server: not in any answer, the page, or what it did.
  const bodies = await Promise.all(merchantResponses);
  expect(bodies.length).toBeGreaterThan(0);
  expect(bodies.filter((body) => body.includes(demo.secretKey))).toEqual([]);
  expect(loot.dom).not.toContain(demo.secretKey);
  expect(loot.records.join('\n')).not.toContain(demo.secretKey);
});

test('decline scenario 4000000000009995: insufficient_funds in the timeline, then the shopper retries with 4242 and pays', async ({ page, demo, checkout }) => {
  const intentId = await openInIntentMode(page, demo, checkout);
  const declining = await pickScenario(page, /^Insufficient funds ending 9995$/);
  expect(declining.number).toBe('4000000000009995');
  await checkout.fillCard({ number: declining.number, expiry: declining.expiry, cvc: CVC });
  await checkout.payButton().click();

  const declined = newestPayment(page).locator('.step[data-status="requires_payment_method"][data-tone="failure"]');
  await expect(declined).toContainText('card_declined / insufficient_funds');
  await expect(declined.locator('.verdict')).toHaveAttribute('data-verdict', 'pass');
  await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText('Your card has insufficient funds.');
  expect((await gatewayStripe(demo).paymentIntents.retrieve(intentId)).last_payment_error?.decline_code).toBe('insufficient_funds');

  // Same intent, fixed card.
  const visa = await pickScenario(page, /^Visa ending 4242$/);
  expect(visa.number).toBe('4242424242424242');
  await checkout.clear('number');
  await checkout.type('number', visa.number);
  await checkout.payButton().click();
  const succeeded = newestPayment(page).locator('.step[data-status="succeeded"]');
  await expect(succeeded.locator('.verdict')).toHaveAttribute('data-verdict', 'pass');
  expect(await stepStatuses(page)).toEqual(['requires_payment_method', 'requires_payment_method', 'succeeded']);
  expect(await page.locator('#timeline > li.timeline-group').count()).toBe(1);
  expect(await gatewayStripe(demo).paymentIntents.retrieve(intentId)).toMatchObject({ status: 'succeeded', amount_received: 1999 });

  // The declined card is no longer the hint: no trace of it anywhere on the merchant page.
  const loot = await page.evaluate(collectLoot);
  expect(loot.dom).toContain(visa.spaced);
  expect(findSecrets(loot.dom, { number: declining.number, cvc: CVC })).toEqual([]);
});

test('the timeline judges each attempt against the scenario picked: a Luhn failure, a challenge then a decline, and a card that does not match', async ({ page, demo, checkout }) => {
  await openInIntentMode(page, demo, checkout);
  const steps = newestPayment(page).locator('.step');

  const luhn = await pickScenario(page, /^Fails the Luhn check ending 4241$/);
  await checkout.fillCard({ number: luhn.number, expiry: luhn.expiry, cvc: CVC });
  await checkout.payButton().click();
  await expect(steps.nth(1)).toHaveAttribute('data-status', 'not_sent');
  await expect(steps.nth(1)).toContainText('invalid_number');
  await expect(steps.nth(1).locator('.verdict')).toHaveAttribute('data-verdict', 'pass');

  const challengeThenDecline = await pickScenario(page, /^Challenge, then declined ending 3178$/);
  await checkout.clear('number');
  await checkout.type('number', challengeThenDecline.number);
  await checkout.payButton().click();
  const challenge = await waitForChallenge(page);
  await expect(steps.nth(2)).toHaveAttribute('data-status', 'requires_action');
  await completeChallenge(challenge);
  await expect(steps.nth(4)).toHaveAttribute('data-status', 'requires_payment_method');
  await expect(steps.nth(4)).toContainText('card_declined / insufficient_funds');
  await expect(steps.nth(4).locator('.verdict')).toHaveAttribute('data-verdict', 'pass');

  // The scenario says a challenge comes; the card typed is the frictionless one: paid, but not as expected.
  await pickScenario(page, /^Challenge, then succeeds ending 3220$/);
  await checkout.clear('number');
  await checkout.type('number', '4000000000003055');
  await checkout.payButton().click();
  await expect(steps.nth(5)).toHaveAttribute('data-status', 'succeeded');
  await expect(steps.nth(5).locator('.verdict')).toHaveAttribute('data-verdict', 'fail');
  await expect(steps.nth(5).locator('.verdict')).toHaveText('✗ The scenario "Challenge, then succeeds" expects requires_action, then succeeded.');
  expect(await stepStatuses(page)).toEqual(['requires_payment_method', 'not_sent', 'requires_action', 'authenticated', 'requires_payment_method', 'succeeded']);
});

test('amount and currency controls: a wrong amount is explained, ¥500 creates a 500 JPY intent that pays ¥500', async ({ page, demo, checkout }) => {
  await openInIntentMode(page, demo, checkout);
  const amount = page.getByLabel('Amount');
  const currency = page.getByLabel('Currency');
  const newPayment = page.getByRole('button', { name: 'New payment', exact: true }).first();
  const groups = page.locator('#timeline > li.timeline-group');

  await currency.selectOption('jpy');
  await expect(page.locator('#amount-error')).toHaveText('JPY has no minor unit: enter a whole number, like 500.');
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await newPayment.click();
  await expect(amount).toBeFocused();
  for (const [typed, message] of [
    ['', 'Enter an amount.'],
    ['12a', 'Enter the amount as a number, like 500.'],
    ['0', 'The amount must be more than zero.'],
    ['100000000', 'The amount can be at most ¥99,999,999.'],
  ] as const) {
    await amount.fill(typed);
    await expect(page.locator('#amount-error')).toHaveText(message);
    await newPayment.click();
  }
  // None of those reached the shop's server.
  expect(await groups.count()).toBe(1);

  await amount.fill('500');
  await expect(page.locator('#amount-error')).toHaveText('');
  await expect(amount).toHaveAttribute('aria-invalid', 'false');
  await newPayment.click();
  await expect(groups).toHaveCount(2);
  await expect(newestPayment(page).locator('.group-meta')).toHaveText('¥500 · automatic capture');
  await expect(checkout.payButton()).toHaveText('Pay ¥500');
  const intentId = (await newestPayment(page).getAttribute('data-intent'))!;
  const stripe = gatewayStripe(demo);
  expect(await stripe.paymentIntents.retrieve(intentId)).toMatchObject({ amount: 500, currency: 'jpy', status: 'requires_payment_method' });

  const visa = await pickScenario(page, /^Visa ending 4242$/);
  await checkout.fillCard({ number: visa.number, expiry: visa.expiry, cvc: CVC });
  await checkout.payButton().click();
  await expect(newestPayment(page).locator('.step[data-status="succeeded"]')).toContainText('¥500 received');
  expect(await stripe.paymentIntents.retrieve(intentId)).toMatchObject({ status: 'succeeded', amount_received: 500, currency: 'jpy' });

  // Euros with a decimal comma, authorized only: 1250 cents, capture left to the server.
  await currency.selectOption('eur');
  await amount.fill('12,50');
  await page.getByLabel('Capture').selectOption('manual');
  await expect(page.locator('#order-pending')).toBeVisible();
  await page.locator('#notice-new-payment').click();
  await expect(groups).toHaveCount(3);
  const manualId = (await newestPayment(page).getAttribute('data-intent'))!;
  expect(await stripe.paymentIntents.retrieve(manualId)).toMatchObject({ amount: 1250, currency: 'eur', capture_method: 'manual' });
  await checkout.payButton().click();
  await expect(newestPayment(page).locator('.step[data-status="requires_capture"]')).toContainText('€12.50 authorized');
  expect((await stripe.paymentIntents.retrieve(manualId)).status).toBe('requires_capture');
});

test('token mode still only tokenizes, and the timeline says so', async ({ page, demo, checkout }) => {
  const apiCalls: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${demo.merchantUrl}/api/`)) apiCalls.push(request.url());
  });
  await page.goto(`${demo.merchantUrl}/?mode=token`);
  await checkout.waitReady();
  await expect(page.getByRole('radio', { name: 'Token only' })).toBeChecked();
  await expect(page.locator('payframe-checkout')).not.toHaveAttribute('client-secret');
  // Pay sits on the first screen at Playwright's default 1280×720 (faults.spec.ts clicks it by coordinates).
  const pay = (await checkout.payButton().boundingBox())!;
  expect(pay.y + pay.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  const visa = await pickScenario(page, /^Visa ending 4242$/);
  await checkout.fillCard({ number: visa.number, expiry: visa.expiry, cvc: CVC });
  await checkout.payButton().click();
  await expect(page.locator('#token-id')).toHaveText(/^pm_/);
  const token = newestPayment(page).locator('.step[data-status="token"]');
  await expect(token).toContainText(/^token.*pm_/);
  await expect(token.locator('.verdict')).toHaveAttribute('data-verdict', 'pass');
  expect(apiCalls).toEqual([]);
});

test('the shop backend validates with typed errors, keeps to its own intents, and refuses other origins', async ({ demo }) => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${demo.merchantUrl}/api/payment-intents`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  const answer = async (response: globalThis.Response) => ({ status: response.status, body: (await response.json()) as { error?: { code: string; message: string }; id?: string } });

  for (const [body, code, message] of [
    ['{"amount":19.99,"currency":"eur"}', 'invalid_request', /whole number/],
    ['{"amount":0,"currency":"eur"}', 'invalid_request', /at least 1/],
    ['{"amount":100,"currency":"euro"}', 'invalid_request', /three-letter/],
    ['{"amount":100,"currency":"eur","captureMethod":"later"}', 'invalid_request', /automatic.*manual/],
    ['{"amount":100,"currency":"eur","card":"4242424242424242"}', 'invalid_request', /Unknown field: card/],
    ['[1]', 'invalid_request', /JSON object/],
    ['{"amount":', 'invalid_json', /not valid JSON/],
    ['{"amount":100,"currency":"zzz"}', 'gateway_rejected', /Invalid currency: zzz/],
  ] as const) {
    const { status, body: result } = await answer(await post(body));
    expect(status, body).toBe(400);
    expect(result.error?.code, body).toBe(code);
    expect(result.error?.message, body).toMatch(message);
    // Whatever was sent, the answer never echoes a card number.
    expect(JSON.stringify(result)).not.toContain('4242424242424242');
  }
  expect(await answer(await post('{"amount":100,"currency":"eur"}', { Origin: 'http://attacker.invalid' }))).toEqual({ status: 403, body: { error: { code: 'forbidden_origin', message: expect.any(String) } } });
  expect((await answer(await fetch(`${demo.merchantUrl}/api/payment-intents`, { method: 'POST', body: 'amount=100' }))).body.error?.code).toBe('unsupported_media_type');
  expect((await answer(await fetch(`${demo.merchantUrl}/api/payment-intents`))).status).toBe(405);

  // An intent made elsewhere (here: straight at the gateway) reads like one that does not exist.
  const foreign = await gatewayStripe(demo).paymentIntents.create({ amount: 100, currency: 'eur' });
  expect(await answer(await fetch(`${demo.merchantUrl}/api/payment-intents/${foreign.id}`))).toEqual({ status: 404, body: { error: { code: 'payment_intent_not_found', message: expect.any(String) } } });
  const own = await answer(await post('{"amount":100,"currency":"EUR"}'));
  expect(own.status).toBe(201);
  const read = await answer(await fetch(`${demo.merchantUrl}/api/payment-intents/${own.body.id}`));
  expect(read).toMatchObject({ status: 200, body: { id: own.body.id, status: 'requires_payment_method', amount: 100, currency: 'eur' } });
  expect(read.body).not.toHaveProperty('clientSecret');
});

test('the demo page is accessible and fits a 360 px screen', async ({ page, demo, checkout }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await openInIntentMode(page, demo, checkout);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // Every control is labelled and reachable.
  for (const name of ['Amount', 'Currency', 'Capture']) await expect(page.getByLabel(name)).toBeVisible();
  await page.getByLabel('Amount').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('radio', { name: 'Pay a PaymentIntent' })).toBeFocused();

  // axe-core, evaluated by the test runner (the page's CSP rightly refuses injected scripts).
  const axeSource = (await import('node:fs')).readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  });
  expect(violations).toEqual([]);
});

test('the theme and language switchers restyle and relabel both checkouts at once, keeping what was typed', async ({ page, demo, checkout }) => {
  await page.goto(`${demo.merchantUrl}/?mode=token`);
  await checkout.waitReady();
  await checkout.input('number').pressSequentially('4242 4242');
  const numberLabel = checkout.fieldElement('number').locator('label');
  await expect(numberLabel).toHaveText('Card number');
  const numberBox = checkout.fieldElement('number').locator('.box');
  await expect(numberBox).toHaveCSS('background-color', 'rgb(255, 255, 255)');

  await page.getByLabel('Theme', { exact: true }).selectOption('dark');
  await page.getByLabel('Language', { exact: true }).selectOption('de');
  for (const selector of ['#checkout', '#split']) {
    await expect(page.locator(selector)).toHaveAttribute('theme', 'dark');
    await expect(page.locator(selector)).toHaveAttribute('locale', 'de');
  }
  await expect(numberLabel).toHaveText('Kartennummer');
  await expect(checkout.input('number')).toHaveValue('4242 4242');
  // Dark: the element takes the dark theme's background, and so does the field box inside the card frame.
  const background = await page.locator('#checkout').evaluate((element) => getComputedStyle(element).getPropertyValue('--payframe-color-background').trim());
  expect(background).toBe('#1c1f26');
  await expect(numberBox).toHaveCSS('background-color', 'rgb(28, 31, 38)');

  await page.getByLabel('Theme', { exact: true }).selectOption('');
  await page.getByLabel('Language', { exact: true }).selectOption('');
  await expect(page.locator('#checkout')).not.toHaveAttribute('theme');
  await expect(numberLabel).toHaveText('Card number');
  await expect(numberBox).toHaveCSS('background-color', 'rgb(255, 255, 255)');
});

test("the scenario list offers every sandbox test card (payframe/testing's TEST_CARDS), each showing its own number", async ({ page, demo, checkout }) => {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  const offered = await page.locator('input[name="scenario"]').evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).value));
  expect(offered.filter((id) => TEST_CARDS.some((card) => card.id === id)).sort()).toEqual(TEST_CARDS.map((card) => card.id).sort());
  for (const card of TEST_CARDS) {
    await page.locator(`input[name="scenario"][value="${card.id}"]`).check();
    expect((await page.locator('#scenario-number').textContent())!.replace(/\s/g, ''), card.id).toBe(card.number);
  }
});

test('Save a card mode: the shop creates a customer and a SetupIntent, 4000002500003155 is saved after its challenge, then paid again typing only its CVC; the timeline names the pm_ only, and the shop API refuses foreign SetupIntents', async ({ page, demo, checkout, request }) => {
  // Two card journeys (save, then pay with the saved card's CVC), each with a challenge.
  test.setTimeout(90_000);
  await page.addInitScript(installSkimmer, demo.merchantUrl);
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await page.getByRole('radio', { name: 'Save a card (SetupIntent)' }).check();
  const created = newestPayment(page).locator('.step[data-status="requires_payment_method"]', { hasText: 'created' });
  await expect(created).toContainText('usage off_session');
  await expect(page.locator('#checkout-slot')).not.toHaveAttribute('inert');
  await expect(page.locator('#checkout')).toHaveAttribute('mode', 'setup');
  await expect(checkout.payButton()).toHaveText('Save card');
  const setupIntentId = (await newestPayment(page).getAttribute('data-intent'))!;
  expect(setupIntentId).toMatch(/^seti_/);
  expect(new URL(page.url()).searchParams.get('mode')).toBe('setup');

  const card = await pickScenario(page, /^Challenge unless saved ending 3155$/);
  expect(card.number).toBe('4000002500003155');
  await expect(page.locator('#scenario-expect')).toContainText('the card saved');
  await checkout.fillCard({ number: card.number, expiry: card.expiry, cvc: CVC });
  await checkout.payButton().click();
  const challenge = await waitForChallenge(page);
  await expect(newestPayment(page).locator('.step[data-status="requires_action"]')).toContainText('redirect_to_url');
  await completeChallenge(challenge);

  const saved = newestPayment(page).locator('.step[data-status="succeeded"]');
  await expect(saved).toContainText(/card saved as pm_\w+ for cus_\w+/);
  expect(await stepStatuses(page)).toEqual(['requires_payment_method', 'requires_action', 'authenticated', 'succeeded']);
  await expect(page.locator('#checkout-notice')).toContainText('Card saved as pm_');

  const stripe = gatewayStripe(demo);
  const atGateway = await stripe.setupIntents.retrieve(setupIntentId);
  expect(atGateway).toMatchObject({ status: 'succeeded', usage: 'off_session', metadata: { source: 'payframe-demo' } });
  const cards = await stripe.customers.listPaymentMethods(atGateway.customer as string, { type: 'card' });
  expect(cards.data.map((method) => method.id)).toEqual([atGateway.payment_method]);
  expect(cards.data[0]!.card).toMatchObject({ last4: '3155' });

  // Nothing of the card on the merchant side but the hint.
  const loot = await page.evaluate(collectLoot);
  expect(findSecrets(loot.dom.replace(card.spaced, ''), { number: card.number, cvc: CVC })).toEqual([]);
  expect(findSecrets(loot.records.join('\n'), { number: card.number, cvc: CVC })).toEqual([]);

  // Pay with it: a new PaymentIntent for the saved card; the drop-in shows the card and asks for its CVC alone.
  await page.getByRole('button', { name: 'Pay with the saved card' }).click();
  await expect(page.getByRole('radio', { name: 'Pay a PaymentIntent' })).toBeChecked();
  await expect(page.locator('#checkout')).toHaveAttribute('payment-method', atGateway.payment_method as string);
  await expect(checkout.frameLocator('cvc').locator('#saved-card')).toHaveText(`Visa •••• 3155, expires 12/${card.expiry.slice(2)}`);
  await expect(checkout.input('number')).toBeHidden();
  const paymentId = (await newestPayment(page).getAttribute('data-intent'))!;
  await expect(newestPayment(page).locator('.step', { hasText: 'created' })).toContainText(`with the saved card ${atGateway.payment_method}`);
  await checkout.type('cvc', CVC);
  await checkout.payButton().click();
  // On session this card's bank asks again (only off-session payments skip it once it is set up).
  await completeChallenge(await waitForChallenge(page));
  const paid = newestPayment(page).locator('.step[data-status="succeeded"]');
  await expect(paid.locator('.verdict')).toHaveAttribute('data-verdict', 'pass');
  const payment = await stripe.paymentIntents.retrieve(paymentId);
  expect(payment).toMatchObject({ status: 'succeeded', customer: atGateway.customer, payment_method: atGateway.payment_method });
  const charge = await stripe.charges.retrieve(payment.latest_charge as string);
  expect(charge.payment_method_details?.card?.checks?.cvc_check).toBe('pass');
  const afterPaying = await page.evaluate(collectLoot);
  expect(findSecrets(afterPaying.records.join('\n'), { number: card.number, cvc: CVC })).toEqual([]);

  // The shop's API answers only for its own SetupIntents, and pays only with a card one of them saved.
  const foreign = await stripe.setupIntents.create({ usage: 'off_session' });
  const readForeign = await request.get(`${demo.merchantUrl}/api/setup-intents/${foreign.id}`);
  expect(readForeign.status()).toBe(404);
  expect(await readForeign.json()).toEqual({ error: { code: 'setup_intent_not_found', message: 'No SetupIntent with this id was created by this shop.' } });
  const payWithForeign = await request.post(`${demo.merchantUrl}/api/payment-intents`, { data: { amount: 500, currency: 'eur', savedCard: { setupIntent: foreign.id } } });
  expect(payWithForeign.status()).toBe(404);
  const payWithSaved = await request.post(`${demo.merchantUrl}/api/payment-intents`, { data: { amount: 500, currency: 'eur', savedCard: { setupIntent: setupIntentId } } });
  expect(payWithSaved.status()).toBe(201);
  const intent = await stripe.paymentIntents.retrieve((await payWithSaved.json()).id);
  expect(intent).toMatchObject({ customer: atGateway.customer, payment_method: atGateway.payment_method, status: 'requires_confirmation' });
});
