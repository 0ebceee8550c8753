// A saved card with split fields, end to end in Chromium across the real origins: the merchant's own
// layout holds a <payframe-card-group client-secret="pi_…" payment-method="pm_…"> with a
// <payframe-card-cvc> alone (test-pages/saved-card-split.html). The group's controller frame asks
// the gateway which card the intent pays with and tells the page its line (payframe-saved-card);
// pay() collects the CVC over the fields channel, sends it as a cvc_update token from the fields
// origin and confirms with the saved card. stripe-node judges the payment and its cvc_check. A page
// that names another card than the intent's is refused, as the drop-in refuses it.
import { test as base, type Page, type Request } from '@playwright/test';
import type Stripe from 'stripe';
import type { DemoServers } from '../../demo/servers.ts';
import type { PaymentResult } from '../../src/index.ts';
import { axeViolations } from './harness/axe.ts';
import { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { FUTURE_YEAR, intentFor, recordGatewayPosts, savedCard, startSavedCardDemo, STRICT, stripeFor } from './harness/saved-card-gateway.ts';
import { completeChallenge, waitForChallenge } from './harness/three-d-secure-challenge.ts';
import { expect } from './fixtures.ts';

const MISMATCH = { code: 'payment_method_mismatch', message: 'This saved card cannot be used for this payment.' };

const test = base.extend<{ split: CardFieldsHarness }, { demo: DemoServers }>({
  demo: [
    async ({}, use) => {
      const servers = await startSavedCardDemo();
      await use(servers);
      await servers.close();
    },
    { scope: 'worker' },
  ],
  split: async ({ page }, use) => {
    await use(new CardFieldsHarness(page, 'payframe-card-group', { layout: 'split' }));
  },
});

/** The merchant's layout for a saved card: the group with these attributes and a CVC field alone. */
async function openSavedCardLayout(page: Page, demo: DemoServers, split: CardFieldsHarness, attributes: Record<string, string>): Promise<void> {
  await page.goto(`${demo.merchantUrl}/test-pages/saved-card-split.html?${new URLSearchParams(attributes)}`);
  await split.waitReady();
}

const savedCardLine = (page: Page) => page.locator('#saved-card-line');
const savedCardEvents = (page: Page) => page.evaluate(() => (window as unknown as { savedCardEvents: unknown[] }).savedCardEvents);
const pay = (page: Page) => page.locator('payframe-card-group').evaluate((group) => (group as unknown as { pay(): Promise<PaymentResult> }).pay());

const cvcState = (page: Page) => page.evaluate(() => (document.querySelector('payframe-card-cvc') as unknown as { state?: { complete: boolean; valid: boolean } }).state);

async function typeCvc(split: CardFieldsHarness, cvc: string): Promise<void> {
  await split.type('cvc', cvc);
  await split.settled('cvc');
}

test('the merchant layout shows the saved card from payframe-saved-card, and pay() pays with the CVC alone: succeeded, cvc_check pass', async ({ page, demo, split }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '4242424242424242');
  const intent = await intentFor(stripe, card);
  const posts = recordGatewayPosts(page, demo);
  await openSavedCardLayout(page, demo, split, { 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });

  await expect(savedCardLine(page)).toHaveText('Visa •••• 4242, expires 12/34');
  // What the page learns of the card: what Stripe tells a publishable key, and the line.
  expect(await savedCardEvents(page)).toEqual([{ card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: FUTURE_YEAR }, description: 'Visa •••• 4242, expires 12/34' }]);
  await expect(page.locator('payframe-card-number, payframe-card-expiry')).toHaveCount(0);

  await typeCvc(split, '123');
  expect(await cvcState(page)).toMatchObject({ complete: true, valid: true });
  await split.recordEvents(['payframe-payment', 'payframe-error', 'payframe-token']);
  expect(await pay(page)).toEqual({ paymentIntent: { id: intent.id, status: 'succeeded' } });
  expect((await split.recordedEvents()).map((event) => event.type)).toEqual(['payframe-payment']);

  // From the controller frame on the fields origin: one CVC token, then one confirm naming the saved card and the token.
  const [token, confirm, ...more] = posts();
  expect(more).toEqual([]);
  expect(token!.url()).toBe(`${demo.gatewayUrl}/v1/tokens`);
  expect(token!.frame().url()).toMatch(new RegExp(`^${demo.fieldsOrigin}/frames/${demo.publishableKey}/controller\\.html#`));
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
});

test("the Pay button of the merchant's layout, and a CVC left incomplete: the field says why and nothing reaches the gateway", async ({ page, demo, split }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '4242424242424242');
  const intent = await intentFor(stripe, card);
  const posts = recordGatewayPosts(page, demo);
  await openSavedCardLayout(page, demo, split, { 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
  await expect(savedCardLine(page)).toHaveText('Visa •••• 4242, expires 12/34');
  await typeCvc(split, '12');
  await page.locator('#pay').click();
  await expect(page.locator('#outcome')).toHaveText("Your card's security code is incomplete.");
  expect(posts()).toEqual([]);
  await typeCvc(split, '3');
  await page.locator('#pay').click();
  await expect(page.locator('#outcome')).toHaveText('Paid (succeeded).');
});

test("focusField() with no field focuses the CVC, the group's only field (there is no card number to focus)", async ({ page, demo, split }) => {
  const stripe = stripeFor(demo);
  const intent = await intentFor(stripe, await savedCard(stripe, '4242424242424242'));
  await openSavedCardLayout(page, demo, split, { 'client-secret': intent.client_secret!, 'payment-method': intent.payment_method as string });
  await page.locator('payframe-card-group').evaluate((group) => (group as unknown as { focusField(): void }).focusField());
  await expect(split.input('cvc')).toBeFocused();
});

test('an American Express card on file: its CVC has four digits, as the gateway says the card is one', async ({ page, demo, split }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '378282246310005');
  const intent = await intentFor(stripe, card);
  await openSavedCardLayout(page, demo, split, { 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
  await expect(savedCardLine(page)).toHaveText('American Express •••• 0005, expires 12/34');
  await typeCvc(split, '123');
  expect(await cvcState(page)).toMatchObject({ complete: false });
  expect(await pay(page)).toMatchObject({ error: { code: 'incomplete_cvc', field: 'cvc' } });
  await typeCvc(split, '4');
  expect(await pay(page)).toEqual({ paymentIntent: { id: intent.id, status: 'succeeded' } });
});

test('a wrong CVC on 4000 0000 0000 0101 fails the CVC check: declined with incorrect_cvc where the account declines such payments', async ({ page, demo, split }) => {
  const strict = stripeFor(demo, STRICT.secretKey);
  const card = await savedCard(strict, '4000000000000101');
  const intent = await intentFor(strict, card);
  await openSavedCardLayout(page, demo, split, { 'publishable-key': STRICT.publishableKey, 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
  await expect(savedCardLine(page)).toHaveText('Visa •••• 0101, expires 12/34');
  await typeCvc(split, '999');
  expect(await pay(page)).toEqual({ error: { code: 'incorrect_cvc', declineCode: 'incorrect_cvc', message: "Your card's security code is incorrect." } });
  const declined = await strict.paymentIntents.retrieve(intent.id);
  expect(declined.status).toBe('requires_payment_method');
  expect(declined.last_payment_error?.code).toBe('incorrect_cvc');
  expect((await strict.charges.retrieve(declined.latest_charge as string)).payment_method_details?.card?.checks?.cvc_check).toBe('fail');
});

test('a saved card whose bank asks for 3-D Secure on session: the challenge in the modal, then pay() resolves paid', async ({ page, demo, split }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '4000002760003184');
  const intent = await intentFor(stripe, card);
  await openSavedCardLayout(page, demo, split, { 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
  await expect(savedCardLine(page)).toHaveText('Visa •••• 3184, expires 12/34');
  await typeCvc(split, '123');
  const paying = pay(page);
  const challenge = await waitForChallenge(page, 'payframe-card-group');
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_action');
  await completeChallenge(challenge);
  expect(await paying).toEqual({ paymentIntent: { id: intent.id, status: 'succeeded' } });
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
});

test.describe('a page that names another card than the intent pays with is refused (payment_method_mismatch)', () => {
  /** pay() is refused with the mismatch and nothing is charged: no token, no confirm, the intent untouched. */
  async function expectRefused(page: Page, split: CardFieldsHarness, stripe: Stripe, intentId: string, posts: () => Request[]): Promise<void> {
    await typeCvc(split, '123');
    expect(await pay(page)).toEqual({ error: MISMATCH });
    expect(posts().map((request) => new URL(request.url()).pathname)).toEqual([]);
    expect((await stripe.paymentIntents.retrieve(intentId)).status).toBe('requires_confirmation');
  }

  test("a script flips payment-method after load to another of the shopper's cards: the card shown is the card charged, or nothing is", async ({ page, demo, split }) => {
    const stripe = stripeFor(demo);
    const shown = await savedCard(stripe, '4242424242424242');
    const other = await savedCard(stripe, '5555555555554444', shown.customer);
    const intent = await intentFor(stripe, shown);
    await openSavedCardLayout(page, demo, split, { 'client-secret': intent.client_secret!, 'payment-method': shown.paymentMethod });
    await expect(savedCardLine(page)).toHaveText('Visa •••• 4242, expires 12/34');
    const posts = recordGatewayPosts(page, demo);
    await page.locator('payframe-card-group').evaluate((element, id) => element.setAttribute('payment-method', id), other.paymentMethod);
    await split.waitReady();
    // Pay first: before the check, this paid with the card the page flipped to.
    await expectRefused(page, split, stripe, intent.id, posts);
    await expect(savedCardLine(page)).toHaveText(MISMATCH.message);
  });

  test("the page passes another shopper's saved card", async ({ page, demo, split }) => {
    const stripe = stripeFor(demo);
    const shopper = await savedCard(stripe, '4242424242424242');
    const someoneElse = await savedCard(stripe, '5555555555554444');
    const intent = await intentFor(stripe, shopper);
    const posts = recordGatewayPosts(page, demo);
    await openSavedCardLayout(page, demo, split, { 'client-secret': intent.client_secret!, 'payment-method': someoneElse.paymentMethod });
    await expectRefused(page, split, stripe, intent.id, posts);
    await expect(savedCardLine(page)).toHaveText(MISMATCH.message);
    expect(await savedCardEvents(page)).toEqual([{ error: MISMATCH }]);
  });

  test('a script swaps client-secret for an intent paying with another card, after the line was shown', async ({ page, demo, split }) => {
    const stripe = stripeFor(demo);
    const shown = await savedCard(stripe, '4242424242424242');
    const other = await savedCard(stripe, '5555555555554444', shown.customer);
    const intent = await intentFor(stripe, shown);
    const swapped = await intentFor(stripe, other);
    await openSavedCardLayout(page, demo, split, { 'client-secret': intent.client_secret!, 'payment-method': shown.paymentMethod });
    await expect(savedCardLine(page)).toHaveText('Visa •••• 4242, expires 12/34');
    const posts = recordGatewayPosts(page, demo);
    await page.locator('payframe-card-group').evaluate((element, secret) => element.setAttribute('client-secret', secret), swapped.client_secret!);
    await expectRefused(page, split, stripe, swapped.id, posts);
    await expect(savedCardLine(page)).toHaveText(MISMATCH.message);
  });

  test("an intent of another account (its client_secret, this account's key)", async ({ page, demo, split }) => {
    const strict = stripeFor(demo, STRICT.secretKey);
    const card = await savedCard(strict, '4242424242424242');
    const intent = await intentFor(strict, card);
    const posts = recordGatewayPosts(page, demo);
    await openSavedCardLayout(page, demo, split, { 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
    await expectRefused(page, split, strict, intent.id, posts);
    await expect(savedCardLine(page)).toHaveText(MISMATCH.message);
  });
});

test('a payment-method that is not a pm_ id: invalid_payment_method, and nothing reaches the gateway', async ({ page, demo, split }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '4242424242424242');
  const intent = await intentFor(stripe, card);
  const posts = recordGatewayPosts(page, demo);
  await openSavedCardLayout(page, demo, split, { 'client-secret': intent.client_secret!, 'payment-method': 'card_4242"><img src=x>' });
  const message = 'This checkout is not configured with a valid saved card (payment-method).';
  await expect(savedCardLine(page)).toHaveText(message);
  await typeCvc(split, '123');
  expect(await pay(page)).toEqual({ error: { code: 'invalid_payment_method', message } });
  expect(posts()).toEqual([]);
});

test("in German: the saved card's line, the CVC field and the mismatch in the shopper's language", async ({ page, demo, split }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '4242424242424242');
  const intent = await intentFor(stripe, card);
  await openSavedCardLayout(page, demo, split, { locale: 'de', 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
  await expect(savedCardLine(page)).toHaveText('Visa •••• 4242, gültig bis 12/34');
  await expect(page.locator('payframe-card-cvc [part="label"]')).toHaveText('Prüfnummer');
  const other = await savedCard(stripe, '5555555555554444', card.customer);
  await page.locator('payframe-card-group').evaluate((element, id) => element.setAttribute('payment-method', id), other.paymentMethod);
  await expect(savedCardLine(page)).toHaveText('Diese gespeicherte Karte kann für diese Zahlung nicht verwendet werden.');
});

test('axe finds no WCAG 2.2 AA violation in the saved-card layout, empty, with an error, and refused', async ({ page, demo, split }) => {
  const stripe = stripeFor(demo);
  const card = await savedCard(stripe, '4242424242424242');
  const intent = await intentFor(stripe, card);
  await openSavedCardLayout(page, demo, split, { 'client-secret': intent.client_secret!, 'payment-method': card.paymentMethod });
  await expect(savedCardLine(page)).toHaveText('Visa •••• 4242, expires 12/34');
  const violations = async () => ({ page: await axeViolations(page), 'cvc frame': await axeViolations(await split.frame('cvc')) });
  const none = { page: [], 'cvc frame': [] };
  expect(await violations()).toEqual(none);
  await typeCvc(split, '12');
  await page.locator('#pay').click();
  await expect(split.errorLine('cvc')).toHaveText("Your card's security code is incomplete.");
  expect(await violations()).toEqual(none);
  const other = await savedCard(stripe, '5555555555554444', card.customer);
  await page.locator('payframe-card-group').evaluate((element, id) => element.setAttribute('payment-method', id), other.paymentMethod);
  await expect(savedCardLine(page)).toHaveText(MISMATCH.message);
  await split.waitReady();
  expect(await violations()).toEqual(none);
});
