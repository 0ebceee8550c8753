// Stripe mode: when the confirm answers Stripe's `use_stripe_sdk` (the sandbox's test switch), the
// checkout loads its next-action code lazily (dist/payframe-next-action.js, pinned by its hash; the
// Stripe adapter is in it) and runs `stripe.handleNextAction`. Tests cannot reach Stripe, so a fake
// `window.Stripe`, installed before payframe.js loads, does what Stripe.js does against the sandbox:
// reads the intent with the publishable key and client_secret, shows the bank's page, then resolves
// `{ paymentIntent }` or `{ error }`. The challenge is really passed or failed at the sandbox.
import type { Page } from '@playwright/test';
import type { DemoServers } from '../../demo/servers.ts';
import { clickWhenPlaced } from '../../src/testing/stable-click.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { createIntent, readIntent, type CreatedIntent } from './harness/intent-server.ts';
import { expect, test } from './harness/three-d-secure-fixtures.ts';

interface FakeStripeCall {
  publishableKey: string;
  clientSecret?: string;
}

/** A stand-in for Stripe.js, as `@stripe/stripe-js` finds it: a `window.Stripe` function with a version. */
async function installFakeStripe(page: Page, gatewayUrl: string): Promise<void> {
  await page.addInitScript((gateway) => {
    const calls: FakeStripeCall[] = [];
    (window as unknown as { fakeStripeCalls: FakeStripeCall[] }).fakeStripeCalls = calls;
    function Stripe(publishableKey: string) {
      const call: FakeStripeCall = { publishableKey };
      calls.push(call);
      return {
        async handleNextAction({ clientSecret }: { clientSecret: string }) {
          call.clientSecret = clientSecret;
          const id = clientSecret.slice(0, clientSecret.indexOf('_secret_'));
          const read = async () => {
            const response = await fetch(`${gateway}/v1/payment_intents/${id}?client_secret=${encodeURIComponent(clientSecret)}`, { headers: { Authorization: `Bearer ${publishableKey}` } });
            return response.json();
          };
          let intent = await read();
          if (intent.error) return { error: intent.error };
          if (intent.status !== 'requires_action' || intent.next_action?.type !== 'use_stripe_sdk') {
            return { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent has no next action to handle.' } };
          }
          // Stripe.js shows the bank's page in a frame of its own and waits for it to finish.
          const url = new URL(intent.next_action.use_stripe_sdk.stripe_js);
          url.searchParams.set('parent_origin', location.origin);
          const frame = document.createElement('iframe');
          frame.id = 'fake-stripe-challenge';
          frame.title = 'Stripe 3-D Secure';
          frame.src = url.href;
          const finished = new Promise<void>((resolve) => {
            addEventListener('message', function onMessage(event) {
              if (event.source !== frame.contentWindow || event.data?.type !== 'payframe-3ds-complete') return;
              removeEventListener('message', onMessage);
              resolve();
            });
          });
          document.body.append(frame);
          await finished;
          frame.remove();
          intent = await read();
          if (intent.status === 'requires_payment_method' && intent.last_payment_error) return { error: { ...intent.last_payment_error, payment_intent: intent } };
          return { paymentIntent: intent };
        },
      };
    }
    // The release train @stripe/stripe-js 10 expects: no version warning.
    Stripe.version = 'endive';
    (window as unknown as { Stripe: unknown }).Stripe = Stripe;
  }, gatewayUrl);
}

function fakeStripeCalls(page: Page): Promise<FakeStripeCall[]> {
  return page.evaluate(() => (window as unknown as { fakeStripeCalls?: FakeStripeCall[] }).fakeStripeCalls ?? []);
}

/** Requests for the lazily loaded next-action file (the Stripe adapter is in it). */
function recordAdapterLoads(page: Page, demo: DemoServers): () => string[] {
  const loads: string[] = [];
  page.on('request', (request) => {
    if (request.url() === `${demo.fieldsOrigin}/payframe-next-action.js`) loads.push(request.url());
  });
  return () => [...loads];
}

function formError(page: Page) {
  return page.locator('payframe-checkout [part="form-error"]');
}

async function outcome(checkout: CardFieldsHarness): Promise<{ type: string; detail: Record<string, unknown> }> {
  await expect.poll(async () => (await checkout.recordedEvents()).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const events = await checkout.recordedEvents();
  expect(events).toHaveLength(1);
  return events[0]!;
}

/** Completes or fails the bank's page the fake Stripe.js shows. */
async function answerChallenge(page: Page, how: 'complete' | 'fail'): Promise<void> {
  const challenge = page.frameLocator('#fake-stripe-challenge');
  // The frame is appended below the checkout: a click sent right after scrolling to it can hit where it was.
  const click = (name: string) => clickWhenPlaced(page, challenge.getByRole('button', { name }), { timeout: 10_000 });
  if (how === 'fail') {
    await click('Fail authentication');
    return;
  }
  await challenge.getByLabel('One-time code').fill((await challenge.locator('.code').textContent())!.trim());
  await click('Complete authentication');
}

let intent: CreatedIntent;

test.beforeEach(async ({ demo, threeDSecure }) => {
  await threeDSecure.set({ next_action: 'use_stripe_sdk' });
  intent = await createIntent(demo);
});

async function openCheckout(page: Page, demo: DemoServers, checkout: CardFieldsHarness): Promise<void> {
  await page.goto(`${demo.merchantUrl}/test-pages/merchant.html`);
  await checkout.waitReady();
  await page.locator('payframe-checkout').evaluate((element, secret) => element.setAttribute('client-secret', secret), intent.clientSecret);
  await checkout.recordEvents(['payframe-payment', 'payframe-error']);
}

test('use_stripe_sdk: the adapter loads only now, Stripe.js runs the challenge, Complete pays the intent', async ({ page, demo, checkout }) => {
  await installFakeStripe(page, demo.gatewayUrl);
  const adapterLoads = recordAdapterLoads(page, demo);
  await openCheckout(page, demo, checkout);
  expect(adapterLoads()).toEqual([]);

  await checkout.fillCard({ number: '4000002760003184', expiry: '1234', cvc: '123' });
  await checkout.payButton().click();
  await answerChallenge(page, 'complete');
  expect(await outcome(checkout)).toEqual({ type: 'payframe-payment', detail: { paymentIntent: { id: intent.id, status: 'succeeded' } } });
  await expect(formError(page)).toHaveText('');
  // Stripe.js was set up with the checkout's publishable key and given this intent's client_secret.
  expect(await fakeStripeCalls(page)).toEqual([{ publishableKey: demo.publishableKey, clientSecret: intent.clientSecret }]);
  expect(adapterLoads()).toHaveLength(1);
  // Payframe's own modal never opened: Stripe.js showed the challenge.
  await expect(page.locator('payframe-checkout dialog')).toHaveCount(0);
  expect((await readIntent(demo, intent.id)).status).toBe('succeeded');
});

test('use_stripe_sdk: a failed authentication comes back as Stripe.js\'s error', async ({ page, demo, checkout }) => {
  await installFakeStripe(page, demo.gatewayUrl);
  await openCheckout(page, demo, checkout);
  await checkout.fillCard({ number: '4000002760003184', expiry: '1234', cvc: '123' });
  await checkout.payButton().click();
  await answerChallenge(page, 'fail');
  const event = await outcome(checkout);
  expect(event.type).toBe('payframe-error');
  const { error } = event.detail as { error: { code: string; message: string; declineCode?: string } };
  expect(error.code).toBe('payment_intent_authentication_failure');
  expect(error.declineCode).toBeUndefined();
  await expect(formError(page)).toHaveText(error.message);
  expect(error.message).toMatch(/failed authentication/);
  expect((await readIntent(demo, intent.id)).status).toBe('requires_payment_method');
});

test('use_stripe_sdk: authenticated, then declined (4000008260003178): card_declined / insufficient_funds', async ({ page, demo, checkout }) => {
  await installFakeStripe(page, demo.gatewayUrl);
  await openCheckout(page, demo, checkout);
  await checkout.fillCard({ number: '4000008260003178', expiry: '1234', cvc: '123' });
  await checkout.payButton().click();
  await answerChallenge(page, 'complete');
  const event = await outcome(checkout);
  expect(event).toEqual({ type: 'payframe-error', detail: { error: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' } } });
  await expect(formError(page)).toHaveText('Your card has insufficient funds.');
  expect((await readIntent(demo, intent.id)).status).toBe('requires_payment_method');
});

test('a payment with no next action never loads the adapter nor calls Stripe.js', async ({ page, demo, checkout }) => {
  await installFakeStripe(page, demo.gatewayUrl);
  const adapterLoads = recordAdapterLoads(page, demo);
  await openCheckout(page, demo, checkout);
  await checkout.fillCard({ number: '4242424242424242', expiry: '1234', cvc: '123' });
  await checkout.payButton().click();
  expect(await outcome(checkout)).toEqual({ type: 'payframe-payment', detail: { paymentIntent: { id: intent.id, status: 'succeeded' } } });
  expect(adapterLoads()).toEqual([]);
  expect(await fakeStripeCalls(page)).toEqual([]);
});

test('Stripe.js cannot load (blocked, offline): a typed error, the intent still waits, Pay works again', async ({ page, demo, checkout }) => {
  const stripeJsRequests: string[] = [];
  await page.route('https://js.stripe.com/**', (route) => {
    stripeJsRequests.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await openCheckout(page, demo, checkout);
  await checkout.fillCard({ number: '4000002760003184', expiry: '1234', cvc: '123' });
  await checkout.payButton().click();
  expect(await outcome(checkout)).toEqual({
    type: 'payframe-error',
    detail: { error: { code: 'stripe_js_unavailable', message: 'The payment confirmation could not be loaded. Check your connection and try again.' } },
  });
  await expect(formError(page)).toHaveText('The payment confirmation could not be loaded. Check your connection and try again.');
  await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'false');
  expect((await readIntent(demo, intent.id)).status).toBe('requires_action');
  // It did try Stripe's own script (the page's CSP or the network stopped it), never anything else.
  expect(await page.evaluate(() => [...document.querySelectorAll('script[src^="https://js.stripe.com/"]')].length)).toBeGreaterThan(0);
  expect(stripeJsRequests.every((url) => url.startsWith('https://js.stripe.com/'))).toBe(true);
});

test('a tampered payframe-next-action.js is refused by its integrity hash: typed error, Stripe.js never called', async ({ page, demo, checkout }) => {
  await installFakeStripe(page, demo.gatewayUrl);
  await page.route(`${demo.fieldsOrigin}/payframe-next-action.js`, async (route) => {
    const original = await route.fetch();
    await route.fulfill({ response: original, body: `${await original.text()}\nwindow.tampered = true;\n` });
  });
  await openCheckout(page, demo, checkout);
  await checkout.fillCard({ number: '4000002760003184', expiry: '1234', cvc: '123' });
  await checkout.payButton().click();
  const event = await outcome(checkout);
  expect(event).toMatchObject({ type: 'payframe-error', detail: { error: { code: 'stripe_js_unavailable' } } });
  expect(await page.evaluate(() => (window as unknown as { tampered?: boolean }).tampered)).toBeUndefined();
  expect(await fakeStripeCalls(page)).toEqual([]);
  expect((await readIntent(demo, intent.id)).status).toBe('requires_action');
});
