// <payframe-checkout client-secret="pi_…" payment-method="pm_…">, end to end: the test's "server"
// saves a card to a customer and creates a PaymentIntent for it with the official stripe SDK; the
// demo page (its real CSP) shows the saved card as the gateway describes it through the fields origin
// and asks only for its CVC, which becomes a cvc_update token; stripe-node then checks the payment
// and its cvc_check. A page that names another card than the intent's is refused.
import { test as base, type Page, type Request } from '@playwright/test';
import type Stripe from 'stripe';
import type { DemoServers } from '../../demo/servers.ts';
import { checkoutViolations, NO_VIOLATIONS } from './harness/axe.ts';
import { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { intentFor, recordGatewayPosts, savedCard, startSavedCardDemo, STRICT, stripeFor } from './harness/saved-card-gateway.ts';
import { completeChallenge, waitForChallenge } from './harness/three-d-secure-challenge.ts';
import { expect } from './fixtures.ts';


const test = base.extend<{ checkout: CardFieldsHarness }, { demo: DemoServers }>({
  demo: [
    async ({}, use) => {
      const servers = await startSavedCardDemo();
      await use(servers);
      await servers.close();
    },
    { scope: 'worker' },
  ],
  checkout: async ({ page }, use) => {
    await use(new CardFieldsHarness(page, 'payframe-checkout'));
  },
});

interface ErrorDetail {
  error: { code: string; message: string; field?: string; declineCode?: string };
}

/** The demo page's drop-in turned into a saved-card checkout. */
async function openSavedCardCheckout(page: Page, demo: DemoServers, checkout: CardFieldsHarness, attributes: Record<string, string>): Promise<void> {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await page.evaluate(async (attributes) => {
    const element = document.querySelector('payframe-checkout') as HTMLElement & { updateComplete: Promise<boolean> };
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    await element.updateComplete;
  }, attributes);
  await checkout.waitReady();
  await checkout.recordEvents(['payframe-payment', 'payframe-error', 'payframe-token']);
}

const savedCardLine = (checkout: CardFieldsHarness) => checkout.frameLocator('cvc').locator('#saved-card');

/** Ready enables the pay button with a short fade: axe judges contrast once it has settled (as a11y.spec.ts does). */
async function settledForAxe(page: Page, checkout: CardFieldsHarness): Promise<void> {
  await checkout.waitReady();
  await page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll('payframe-checkout')].flatMap((element) => element.shadowRoot ?? [])];
    return Promise.all(roots.flatMap((root) => root.getAnimations()).map((animation) => animation.finished));
  });
}

async function payWithCvc(checkout: CardFieldsHarness, cvc: string): Promise<void> {
  await checkout.type('cvc', cvc);
  await checkout.settled('cvc');
  await checkout.payButton().click();
}

test('shows the saved card from the gateway and pays with the CVC alone: succeeded, cvc_check pass', async ({ page, demo, checkout }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '4242424242424242');
  const intent = await intentFor(stripe, card);
  const posts = recordGatewayPosts(page, demo);
  await openSavedCardCheckout(page, demo, checkout, { 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });

  await expect(savedCardLine(checkout)).toHaveText('Visa •••• 4242, expires 12/34');
  await expect(checkout.input('number')).toBeHidden();
  await expect(checkout.input('expiry')).toBeHidden();
  await expect(checkout.input('cvc')).toBeVisible();
  // The line is read with the CVC input.
  await expect(checkout.input('cvc')).toHaveAccessibleDescription(/Visa •••• 4242, expires 12\/34/);

  const paid = checkout.nextEvent<{ paymentIntent: { id: string; status: string } }>('payframe-payment');
  await payWithCvc(checkout, '123');
  expect((await paid).paymentIntent).toEqual({ id: intent.id, status: 'succeeded' });
  expect((await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-payment']);

  // From the fields origin: one CVC token, then one confirm naming the saved card and the token, no card data.
  const [token, confirm, ...more] = posts();
  expect(more).toEqual([]);
  expect(token!.url()).toBe(`${demo.gatewayUrl}/v1/tokens`);
  expect(token!.frame().url().startsWith(demo.fieldsOrigin)).toBe(true);
  expect(new URLSearchParams(token!.postData() ?? '').get('cvc_update[cvc]')).toBe('123');
  expect(confirm!.url()).toBe(`${demo.gatewayUrl}/v1/payment_intents/${intent.id}/confirm`);
  expect(confirm!.frame().url().startsWith(demo.fieldsOrigin)).toBe(true);
  const body = new URLSearchParams(confirm!.postData() ?? '');
  expect(body.get('payment_method')).toBe(card.paymentMethod);
  expect(body.get('payment_method_options[card][cvc_token]')).toMatch(/^cvctok_/);
  expect([...body.keys()].filter((key) => key.startsWith('payment_method_data'))).toEqual([]);

  const settled = await stripe.paymentIntents.retrieve(intent.id);
  expect(settled.status).toBe('succeeded');
  const charge = await stripe.charges.retrieve(settled.latest_charge as string);
  expect(charge.payment_method_details?.card?.checks?.cvc_check).toBe('pass');
  await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText('');
});

test('a wrong CVC on 4000 0000 0000 0101 fails the CVC check: declined with incorrect_cvc where the account declines such payments', async ({ page, demo, checkout }) => {
  const strict = stripeFor(demo, STRICT.secretKey);
  const card = await savedCard(strict, '4000000000000101');
  const intent = await intentFor(strict, card);
  await openSavedCardCheckout(page, demo, checkout, { 'publishable-key': STRICT.publishableKey, 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
  await expect(savedCardLine(checkout)).toHaveText('Visa •••• 0101, expires 12/34');
  const failed = checkout.nextEvent<ErrorDetail>('payframe-error');
  await payWithCvc(checkout, '999');
  expect((await failed).error).toEqual({ code: 'incorrect_cvc', declineCode: 'incorrect_cvc', message: "Your card's security code is incorrect." });
  await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText("Your card's security code is incorrect.");
  const declined = await strict.paymentIntents.retrieve(intent.id);
  expect(declined.status).toBe('requires_payment_method');
  expect(declined.last_payment_error?.code).toBe('incorrect_cvc');
  expect((await strict.charges.retrieve(declined.latest_charge as string)).payment_method_details?.card?.checks?.cvc_check).toBe('fail');
});

test('an account that takes payments whatever the CVC check says is paid, and the charge says the check failed', async ({ page, demo, checkout }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '4000000000000101');
  const intent = await intentFor(stripe, card);
  await openSavedCardCheckout(page, demo, checkout, { 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
  await expect(savedCardLine(checkout)).toHaveText('Visa •••• 0101, expires 12/34');
  const paid = checkout.nextEvent<{ paymentIntent: { status: string } }>('payframe-payment');
  await payWithCvc(checkout, '999');
  expect((await paid).paymentIntent.status).toBe('succeeded');
  const charge = await stripe.charges.retrieve((await stripe.paymentIntents.retrieve(intent.id)).latest_charge as string);
  expect(charge.payment_method_details?.card?.checks?.cvc_check).toBe('fail');
});

test('a saved card whose bank asks for 3-D Secure on session: the challenge in the modal, then paid', async ({ page, demo, checkout }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '4000002760003184');
  const intent = await intentFor(stripe, card);
  await openSavedCardCheckout(page, demo, checkout, { 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
  await expect(savedCardLine(checkout)).toHaveText('Visa •••• 3184, expires 12/34');
  await payWithCvc(checkout, '123');
  const challenge = await waitForChallenge(page);
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_action');
  await completeChallenge(challenge);
  await expect.poll(async () => (await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-payment']);
  expect((await checkout.recordedEvents())[0]!.detail).toEqual({ paymentIntent: { id: intent.id, status: 'succeeded' } });
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
});

test.describe('a page that names another card than the intent pays with is refused (payment_method_mismatch)', () => {
  const MISMATCH = { code: 'payment_method_mismatch', message: 'This saved card cannot be used for this payment.' };

  /** Pay is refused with the mismatch, and nothing is charged: no token, no confirm, the intent untouched; the frame says why. */
  async function expectRefused(page: Page, checkout: CardFieldsHarness, stripe: Stripe, intentId: string, posts: () => Request[]): Promise<void> {
    await expect(checkout.input('cvc')).toBeVisible();
    await payWithCvc(checkout, '123');
    await expect.poll(async () => (await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-error']);
    expect(((await checkout.recordedEvents())[0]!.detail as unknown as ErrorDetail).error).toEqual(MISMATCH);
    expect(posts().map((request) => new URL(request.url()).pathname)).toEqual([]);
    expect((await stripe.paymentIntents.retrieve(intentId)).status).toBe('requires_confirmation');
    await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText(MISMATCH.message);
    await expect(savedCardLine(checkout)).toHaveText(MISMATCH.message);
  }

  test("a script flips payment-method after load to another of the shopper's cards: the card shown is the card charged, or nothing is", async ({ page, demo, checkout }) => {
    const stripe = stripeFor(demo);
    const shown = await savedCard(stripe, '4242424242424242');
    const other = await savedCard(stripe, '5555555555554444', shown.customer);
    const intent = await intentFor(stripe, shown);
    await openSavedCardCheckout(page, demo, checkout, { 'client-secret': intent.client_secret!, 'payment-method': shown.paymentMethod });
    await expect(savedCardLine(checkout)).toHaveText('Visa •••• 4242, expires 12/34');
    const posts = recordGatewayPosts(page, demo);
    await page.locator('payframe-checkout').evaluate((element, id) => element.setAttribute('payment-method', id), other.paymentMethod);
    await checkout.waitReady();
    await expectRefused(page, checkout, stripe, intent.id, posts);
  });

  test("the page passes another shopper's saved card", async ({ page, demo, checkout }) => {
    const stripe = stripeFor(demo);
    const shopper = await savedCard(stripe, '4242424242424242');
    const someoneElse = await savedCard(stripe, '5555555555554444');
    const intent = await intentFor(stripe, shopper);
    const posts = recordGatewayPosts(page, demo);
    await openSavedCardCheckout(page, demo, checkout, { 'client-secret': intent.client_secret!, 'payment-method': someoneElse.paymentMethod });
    await expectRefused(page, checkout, stripe, intent.id, posts);
  });

  test('a script swaps client-secret for an intent paying with another card, after the line was shown', async ({ page, demo, checkout }) => {
    const stripe = stripeFor(demo);
    const shown = await savedCard(stripe, '4242424242424242');
    const other = await savedCard(stripe, '5555555555554444', shown.customer);
    const intent = await intentFor(stripe, shown);
    const swapped = await intentFor(stripe, other);
    await openSavedCardCheckout(page, demo, checkout, { 'client-secret': intent.client_secret!, 'payment-method': shown.paymentMethod });
    await expect(savedCardLine(checkout)).toHaveText('Visa •••• 4242, expires 12/34');
    const posts = recordGatewayPosts(page, demo);
    await page.locator('payframe-checkout').evaluate((element, secret) => element.setAttribute('client-secret', secret), swapped.client_secret!);
    await expectRefused(page, checkout, stripe, swapped.id, posts);
  });

  test("an intent of another account (its client_secret, this account's key)", async ({ page, demo, checkout }) => {
    const strict = stripeFor(demo, STRICT.secretKey);
    const card = await savedCard(strict, '4242424242424242');
    const intent = await intentFor(strict, card);
    const posts = recordGatewayPosts(page, demo);
    await openSavedCardCheckout(page, demo, checkout, { 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
    await expectRefused(page, checkout, strict, intent.id, posts);
  });
});

test('a payment-method that is not a pm_ id: invalid_payment_method, and nothing reaches the gateway', async ({ page, demo, checkout }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '4242424242424242');
  const intent = await intentFor(stripe, card);
  const posts = recordGatewayPosts(page, demo);
  await openSavedCardCheckout(page, demo, checkout, { 'client-secret': intent.client_secret!, 'payment-method': 'card_4242"><img src=x>' });
  const message = 'This checkout is not configured with a valid saved card (payment-method).';
  await expect(savedCardLine(checkout)).toHaveText(message);
  const failed = checkout.nextEvent<ErrorDetail>('payframe-error');
  await payWithCvc(checkout, '123');
  expect((await failed).error).toEqual({ code: 'invalid_payment_method', message });
  expect(posts()).toEqual([]);
});

test('in German: the saved card line, and the mismatch, in the shopper\'s language', async ({ page, demo, checkout }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '4242424242424242');
  const intent = await intentFor(stripe, card);
  await openSavedCardCheckout(page, demo, checkout, { locale: 'de', 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
  await expect(savedCardLine(checkout)).toHaveText('Visa •••• 4242, gültig bis 12/34');
  await expect(checkout.frameLocator('cvc').locator('#cvc-label')).toHaveText('Prüfnummer');
  const other = await savedCard(stripe, '5555555555554444', card.customer);
  await page.locator('payframe-checkout').evaluate((element, id) => element.setAttribute('payment-method', id), other.paymentMethod);
  await expect(savedCardLine(checkout)).toHaveText('Diese gespeicherte Karte kann für diese Zahlung nicht verwendet werden.');
});

test('axe finds no WCAG 2.2 AA violation on a saved-card checkout, empty, filled and refused', async ({ page, demo, checkout }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '4242424242424242');
  const intent = await intentFor(stripe, card);
  await openSavedCardCheckout(page, demo, checkout, { 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
  await expect(savedCardLine(checkout)).toHaveText('Visa •••• 4242, expires 12/34');
  await settledForAxe(page, checkout);
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
  await checkout.type('cvc', '12');
  await checkout.payButton().click();
  await expect(checkout.errorLine('cvc')).toHaveText("Your card's security code is incomplete.");
  await settledForAxe(page, checkout);
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
  const other = await savedCard(stripe, '5555555555554444', card.customer);
  await page.locator('payframe-checkout').evaluate((element, id) => element.setAttribute('payment-method', id), other.paymentMethod);
  await expect(savedCardLine(checkout)).toHaveText('This saved card cannot be used for this payment.');
  await settledForAxe(page, checkout);
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
});
