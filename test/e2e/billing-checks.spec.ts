// Address verification through the drop-in's billing inputs, end to end in Chromium: the postal
// code typed in the card frame reaches the gateway with the card, and Stripe's test card
// 4000 0000 0000 0036 fails its postal code check. An account that accepts such payments gets the
// charge with the failed check (read with stripe-node); an account that declines on a failed
// check (Stripe's decline_on) gets incorrect_zip, which the shopper reads in the checkout's language.
import { test as base, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import Stripe from 'stripe';
import { startDemoServers, type DemoServers } from '../../demo/servers.ts';
import { CardFieldsHarness } from './harness/card-fields-harness.ts';

const BLOCKING_KEY = 'pk_test_blocks_failed_checks';
const BLOCKING_SECRET_KEY = 'sk_test_blocks_failed_checks';
const FAILING_POSTAL_CODE_CARD = { number: '4000000000000036', expiry: '1234', cvc: '123' };

const test = base.extend<{ checkout: CardFieldsHarness }, { demo: DemoServers }>({
  demo: [
    async ({}, use) => {
      const servers = await startDemoServers({
        merchantPort: 0,
        fieldsPort: 0,
        gatewayPort: 0,
        extraFieldsAccounts: [{ publishableKeys: [BLOCKING_KEY], allowedOrigins: [] }],
        extraGatewayAccounts: [{ publishableKey: BLOCKING_KEY, secretKey: BLOCKING_SECRET_KEY, declineOn: { avsFailure: true } }],
        extraPageDirs: { 'test-pages': join(import.meta.dirname, 'pages') },
      });
      servers.fieldsConfig.accounts.find((account) => account.publishableKeys.includes(BLOCKING_KEY))?.allowedOrigins.push(servers.merchantUrl);
      await use(servers);
      await servers.close();
    },
    { scope: 'worker' },
  ],
  checkout: async ({ page }, use) => {
    await use(new CardFieldsHarness(page, 'payframe-checkout'));
  },
});

// The demo page with two billing rows puts the pay button below a 720-pixel fold; a shopper sees it
// before pressing it.
test.use({ viewport: { width: 1280, height: 1000 } });

function stripeFor(demo: DemoServers, secretKey: string): Stripe {
  const gateway = new URL(demo.gatewayUrl);
  return new Stripe(secretKey, { host: gateway.hostname, port: Number(gateway.port), protocol: 'http' });
}

/** The demo's drop-in, for `publishableKey`'s account, with billing inputs and an intent to pay. */
async function payingCheckout(page: Page, demo: DemoServers, checkout: CardFieldsHarness, stripe: Stripe, attributes: Record<string, string>): Promise<Stripe.PaymentIntent> {
  const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd' });
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await page.evaluate(
    async (attributes) => {
      const element = document.querySelector('payframe-checkout') as HTMLElement & { updateComplete: Promise<boolean> };
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      await element.updateComplete;
    },
    { 'billing-fields': 'name country postal', 'billing-country': 'US', 'client-secret': intent.client_secret!, ...attributes },
  );
  await checkout.waitReady();
  await checkout.recordEvents(['payframe-payment', 'payframe-error']);
  const frame = page.frameLocator('payframe-checkout [part="card"] iframe');
  await checkout.fillCard(FAILING_POSTAL_CODE_CARD);
  await frame.locator('#name').fill('Jenny Rosen');
  await frame.locator('#postal').fill('94103');
  await checkout.payButton().click();
  await expect.poll(async () => (await checkout.recordedEvents()).length, { timeout: 15_000 }).toBeGreaterThan(0);
  return intent;
}

test('an account that accepts a failed postal code check is paid, and the charge says the check failed', async ({ page, demo, checkout }) => {
  const stripe = stripeFor(demo, demo.secretKey);
  const intent = await payingCheckout(page, demo, checkout, stripe, {});
  expect((await checkout.recordedEvents())[0]).toEqual({ type: 'payframe-payment', detail: { paymentIntent: { id: intent.id, status: 'succeeded' } } });
  const paid = await stripe.paymentIntents.retrieve(intent.id);
  const charge = await stripe.charges.retrieve(paid.latest_charge as string);
  expect(charge.payment_method_details?.card?.checks).toMatchObject({ address_postal_code_check: 'fail', cvc_check: 'pass' });
  expect(charge.billing_details).toMatchObject({ name: 'Jenny Rosen', address: { postal_code: '94103', country: 'US' } });
  expect((await stripe.paymentMethods.retrieve(paid.payment_method as string)).card?.checks?.address_postal_code_check).toBe('fail');
});

test('an account that declines on a failed postal code check gets Stripe\'s incorrect_zip, read in German in a German checkout', async ({ page, demo, checkout }) => {
  const stripe = stripeFor(demo, BLOCKING_SECRET_KEY);
  const intent = await payingCheckout(page, demo, checkout, stripe, { 'publishable-key': BLOCKING_KEY, locale: 'de' });
  const [event] = await checkout.recordedEvents();
  expect(event?.type).toBe('payframe-error');
  expect((event?.detail as { error: { code: string; declineCode?: string } }).error).toMatchObject({ code: 'incorrect_zip' });
  await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText('Die Postleitzahl Ihrer Karte ist falsch.');
  const declined = await stripe.paymentIntents.retrieve(intent.id);
  expect(declined.status).toBe('requires_payment_method');
  expect(declined.last_payment_error).toMatchObject({ code: 'incorrect_zip' });
});
