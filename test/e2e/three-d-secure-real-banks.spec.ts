// 3-D Secure challenge pages as real gateways serve them, end to end on the demo page (its real
// CSP): a bank's page that says nothing (the sandbox's `silent` switch: no "shown", no result
// message) stays in the modal until the intent's status says the challenge is over; a challenge
// URL on an origin the fields origin's configuration does not list is refused by the drop-in's card
// frame (which confirms and reads the intent's status itself) before the page hears of it, and one
// on a listed origin other than the gateway's works.
import type { Page, Request } from '@playwright/test';
import type { DemoServers } from '../../demo/servers.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { createIntent, readIntent, type CreatedIntent } from './harness/intent-server.ts';
import { completeChallenge, waitForChallenge } from './harness/three-d-secure-challenge.ts';
import { expect, test } from './harness/three-d-secure-fixtures.ts';

const THREE_D_SECURE = { number: '4000002760003184', expiry: '1234', cvc: '123' };
const NOT_SHOWING = "My bank's page is not showing";

interface ErrorDetail {
  error: { code: string; message: string };
}

/** Every `payframe-3ds-*` message the merchant page receives, from its first script on. */
async function recordChallengeMessages(page: Page): Promise<() => Promise<unknown[]>> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { challengeMessages: unknown[] }).challengeMessages = seen;
    window.addEventListener('message', (event) => {
      const type = (event.data as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && type.startsWith('payframe-3ds')) seen.push(event.data);
    });
  });
  return () => page.evaluate(() => (window as unknown as { challengeMessages: unknown[] }).challengeMessages);
}

/** The reads of this intent's status (GET), from any frame (the drop-in's card frame makes them). */
function recordStatusReads(page: Page, demo: DemoServers, intentId: string): () => Request[] {
  const reads: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'GET' && request.url().startsWith(`${demo.gatewayUrl}/v1/payment_intents/${intentId}?`)) reads.push(request);
  });
  return () => [...reads];
}

let intent: CreatedIntent;

async function openCheckout(page: Page, url: string, checkout: CardFieldsHarness): Promise<void> {
  await page.goto(url);
  await checkout.waitReady();
  await page.locator('payframe-checkout').evaluate((element, clientSecret) => element.setAttribute('client-secret', clientSecret), intent.clientSecret);
  await checkout.recordEvents(['payframe-payment', 'payframe-error']);
}

test.beforeEach(async ({ demo }) => {
  intent = await createIntent(demo);
});

test('a bank page that says nothing stays in the modal, and the payment completes once the shopper passes it', async ({ page, demo, checkout, threeDSecure }) => {
  await threeDSecure.set({ silent: true });
  const challengeMessages = await recordChallengeMessages(page);
  const statusReads = recordStatusReads(page, demo, intent.id);
  await openCheckout(page, demo.merchantUrl, checkout);
  await checkout.fillCard(THREE_D_SECURE);
  await checkout.payButton().click();
  const opened = await waitForChallenge(page);

  // Two status reads of the waiting intent are 8 s of silence: the old modal gave up 3 s after load.
  await expect.poll(() => statusReads().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  // Read by the card frame on the fields origin, the frame that confirmed: no controller frame for the drop-in.
  for (const read of statusReads()) expect(new URL(read.frame().url())).toMatchObject({ origin: demo.fieldsOrigin, pathname: expect.stringMatching(/\/card\.html$/) });
  await expect(opened.dialog).toBeVisible();
  await expect(opened.challenge.getByRole('button', { name: 'Complete authentication' })).toBeVisible();
  // A page that said nothing gets the shopper's way out, in case it is not really showing.
  await expect(opened.dialog.getByRole('button', { name: NOT_SHOWING })).toBeVisible();
  expect(await checkout.recordedEvents()).toEqual([]);
  expect(page.url()).toBe(`${demo.merchantUrl}/`);
  expect((await readIntent(demo, intent.id)).status).toBe('requires_action');

  const seen = (await checkout.recordedEvents()).length;
  await completeChallenge(opened);
  // The bank's page posted nothing: the frame's next load had the card frame read the status.
  expect(await checkout.recordedEventAfter(seen, 'payframe-payment')).toEqual({ paymentIntent: { id: intent.id, status: 'succeeded' } });
  await expect(opened.dialog).toHaveCount(0);
  expect(await challengeMessages()).toEqual([]);
  expect((await readIntent(demo, intent.id)).status).toBe('succeeded');
});

test('a silent bank page, Fail: the intent\'s own error ends the modal with payment_intent_authentication_failure', async ({ page, demo, checkout, threeDSecure }) => {
  await threeDSecure.set({ silent: true });
  const challengeMessages = await recordChallengeMessages(page);
  await openCheckout(page, demo.merchantUrl, checkout);
  await checkout.fillCard(THREE_D_SECURE);
  await checkout.payButton().click();
  const { dialog, challenge } = await waitForChallenge(page);
  await challenge.getByRole('button', { name: 'Fail authentication' }).click();
  const { error } = await checkout.recordedEventAfter<ErrorDetail>(0, 'payframe-error');
  expect(error.code).toBe('payment_intent_authentication_failure');
  await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText(error.message);
  await expect(dialog).toHaveCount(0);
  expect(await challengeMessages()).toEqual([]);
  expect((await readIntent(demo, intent.id)).status).toBe('requires_payment_method');
  await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'false');
});

test('a challenge URL on an origin the fields origin does not list is refused: typed error, no dialog, the page never sees it', async ({ page, demo, checkout, threeDSecure }) => {
  // The same sandbox reached by another origin: a bank page the configuration does not name.
  const unlisted = `http://localhost:${new URL(demo.gatewayUrl).port}`;
  await threeDSecure.set({ challenge_origin: unlisted });
  const toUnlisted: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(unlisted)) toUnlisted.push(request.url());
  });
  await openCheckout(page, demo.merchantUrl, checkout);
  await checkout.fillCard(THREE_D_SECURE);
  await checkout.payButton().click();
  const { error } = await checkout.recordedEventAfter<ErrorDetail>(0, 'payframe-error');
  expect(error.code).toBe('challenge_unavailable');
  await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText(error.message);
  expect(JSON.stringify(await checkout.recordedEvents())).not.toMatch(/3ds|payatt_|localhost:\d+\/|127\.0\.0\.1/);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(toUnlisted).toEqual([]);
  // The gateway did ask for the challenge: only the card frame kept it from the page.
  const onGateway = await readIntent(demo, intent.id);
  expect(onGateway.status).toBe('requires_action');
  await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'false');
});

test('a challenge page on a listed origin other than the gateway\'s shows in the modal, and Complete pays', async ({ page, demo, checkout, threeDSecure }) => {
  // Like Stripe's hooks.stripe.com beside api.stripe.com: the bank's page is not on the API's origin.
  const elsewhere = `http://localhost:${new URL(demo.gatewayUrl).port}`;
  await threeDSecure.set({ challenge_origin: elsewhere });
  const configured = demo.fieldsConfig.challengeOrigins;
  demo.fieldsConfig.challengeOrigins = [new URL(demo.gatewayUrl).origin, elsewhere];
  try {
    // The test page: its lax CSP frames localhost (a merchant lists the challenge origins in frame-src).
    await openCheckout(page, `${demo.merchantUrl}/test-pages/merchant.html`, checkout);
    await checkout.fillCard(THREE_D_SECURE);
    await checkout.payButton().click();
    const opened = await waitForChallenge(page);
    expect(new URL((await opened.dialog.locator('iframe').getAttribute('src'))!).origin).toBe(elsewhere);
    await completeChallenge(opened);
    expect(await checkout.recordedEventAfter(0, 'payframe-payment')).toEqual({ paymentIntent: { id: intent.id, status: 'succeeded' } });
    await expect(opened.dialog).toHaveCount(0);
    expect((await readIntent(demo, intent.id)).status).toBe('succeeded');
  } finally {
    demo.fieldsConfig.challengeOrigins = configured;
  }
});
