// The return-url fallback, end to end on the demo page (its real CSP): when the bank's page refuses
// to be framed (the sandbox's `frameable: false` switch) and the shopper says it is not showing,
// the checkout sends the shopper to it full-page; the bank's page brings them back to the return
// URL, where the checkout reports the outcome the gateway holds. Plus the guards: no return-url means a typed error, never a hang; a
// foreign or script return-url is refused; a crafted return link reports nothing.
import type { Page, Request } from '@playwright/test';
import type { DemoServers } from '../../demo/servers.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { createIntent, readIntent, type CreatedIntent } from './harness/intent-server.ts';
import { waitForChallenge } from './harness/three-d-secure-challenge.ts';
import { findCheckout, type ThreeDSecureChallenge } from '../../src/testing/index.ts';
import { expect, test } from './harness/three-d-secure-fixtures.ts';

const THREE_D_SECURE = { number: '4000002760003184', expiry: '1234', cvc: '123' };
/** The dialog's way out for a bank's page that does not show in it. */
const NOT_SHOWING = "My bank's page is not showing";

interface SeenEvent {
  type: string;
  detail: { paymentIntent?: { id: string; status: string }; error?: { code: string; message: string } };
}

/** Records payframe-payment / payframe-error on every page this tab loads, from its first script on. */
async function recordEventsOnEveryPage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { payframeSeen: unknown[] }).payframeSeen = seen;
    for (const type of ['payframe-payment', 'payframe-error']) {
      document.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }), true);
    }
  });
}

function seenEvents(page: Page): Promise<SeenEvent[]> {
  return page.evaluate(() => (window as unknown as { payframeSeen: SeenEvent[] }).payframeSeen);
}

function recordConfirms(page: Page, demo: DemoServers): () => Request[] {
  const confirms: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().startsWith(`${demo.gatewayUrl}/v1/payment_intents/`) && request.url().endsWith('/confirm')) confirms.push(request);
  });
  return () => [...confirms];
}

/**
 * Nothing was resumed on this page: a checkout that resumes starts (busy, address cleaned) in the
 * same task that makes it ready, so this holds as soon as it is ready, without waiting on a timer.
 */
async function expectNothingResumed(page: Page): Promise<void> {
  expect(await page.locator('payframe-checkout').evaluate((element) => (element as unknown as { busy: boolean }).busy)).toBe(false);
  expect(new URL(page.url()).searchParams.has('payment_intent_client_secret')).toBe(true);
  await expect(formError(page)).toHaveText('');
  expect(await seenEvents(page)).toEqual([]);
}

function formError(page: Page) {
  return page.locator('payframe-checkout [part="form-error"]');
}

let intent: CreatedIntent;
let returnUrl: string;

async function openCheckout(page: Page, demo: DemoServers, checkout: CardFieldsHarness, attributes: Record<string, string>): Promise<void> {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await page.locator('payframe-checkout').evaluate((element, values) => {
    for (const [name, value] of Object.entries(values)) element.setAttribute(name, value);
  }, attributes);
}

test.beforeEach(async ({ page, demo }) => {
  intent = await createIntent(demo);
  returnUrl = `${demo.merchantUrl}/?order=7`;
  await recordEventsOnEveryPage(page);
});

/** Pays with the 3-D Secure card while the bank's page refuses frames: the checkout must leave for it. */
async function payIntoRedirect(page: Page, demo: DemoServers, checkout: CardFieldsHarness): Promise<ThreeDSecureChallenge> {
  await openCheckout(page, demo, checkout, { 'client-secret': intent.clientSecret, 'return-url': returnUrl });
  await checkout.fillCard(THREE_D_SECURE);
  await checkout.payButton().click();
  // The modal opens and its frame is refused (the shopper sees the browser's error page there, which
  // the merchant page cannot tell from a bank's page): the shopper says so, and the tab goes to the
  // bank's page itself (payframe/testing's showFullPage(), which presses the dialog's way out).
  const inModal = await checkout.driver().threeDSecureChallenge();
  await expect(page.getByRole('dialog', { name: 'Confirm your payment' }).getByRole('button', { name: NOT_SHOWING })).toBeVisible();
  const onPage = await inModal.showFullPage();
  expect(onPage.place).toBe('full-page');
  expect(page.url().startsWith(`${demo.gatewayUrl}/3ds/challenge/`)).toBe(true);
  expect(new URL(page.url()).searchParams.has('parent_origin')).toBe(false);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your payment');
  return onPage;
}

test('a bank page that refuses frames: full-page redirect, Complete, and the return page reports succeeded', async ({ page, demo, checkout, threeDSecure }) => {
  await threeDSecure.set({ frameable: false });
  const confirms = recordConfirms(page, demo);
  const challenge = await payIntoRedirect(page, demo, checkout);
  // The confirm carried the checkout's return-url, as Stripe's confirm does.
  expect(confirms()).toHaveLength(1);
  expect(new URLSearchParams(confirms()[0]!.postData() ?? '').get('return_url')).toBe(returnUrl);

  await challenge.complete();
  expect(page.url().startsWith(returnUrl)).toBe(true);
  // payframe/testing reads the outcome the return page's checkout reports.
  const back = await findCheckout(page.locator('payframe-checkout'));
  expect(await back.outcome()).toEqual({ status: 'paid', paymentIntent: { id: intent.id, status: 'succeeded' } });

  await expect.poll(() => seenEvents(page)).toEqual([{ type: 'payframe-payment', detail: { paymentIntent: { id: intent.id, status: 'succeeded' } } }]);
  await expect(formError(page)).toHaveText('');
  // The client_secret is taken out of the address bar; the merchant's own query stays.
  const url = new URL(page.url());
  expect(url.searchParams.get('order')).toBe('7');
  for (const name of ['payment_intent', 'payment_intent_client_secret', 'redirect_status']) expect(url.searchParams.has(name)).toBe(false);
  expect((await readIntent(demo, intent.id)).status).toBe('succeeded');

  // A reload reports nothing more: the address no longer names the intent.
  await page.reload();
  await checkout.waitReady();
  expect(await seenEvents(page)).toEqual([]);
});

test('Fail on the full-page challenge: the return page shows why, from the gateway, not from redirect_status', async ({ page, demo, checkout, threeDSecure }) => {
  await threeDSecure.set({ frameable: false });
  const challenge = await payIntoRedirect(page, demo, checkout);
  await challenge.fail();
  expect(page.url().startsWith(returnUrl)).toBe(true);
  const back = await findCheckout(page.locator('payframe-checkout'));
  expect(await back.outcome()).toMatchObject({ status: 'failed', error: { code: 'payment_intent_authentication_failure' } });

  await expect.poll(async () => (await seenEvents(page)).map((event) => event.detail.error?.code)).toEqual(['payment_intent_authentication_failure']);
  const [event] = await seenEvents(page);
  expect(event!.type).toBe('payframe-error');
  await expect(formError(page)).toHaveText(event!.detail.error!.message);
  expect(event!.detail.error!.message).toMatch(/failed authentication/);
  expect((await readIntent(demo, intent.id)).status).toBe('requires_payment_method');
});

test('without a return-url, a refused frame the shopper reports ends in a typed error: no redirect, no hang, Pay works again', async ({ page, demo, checkout, threeDSecure }) => {
  await threeDSecure.set({ frameable: false });
  await openCheckout(page, demo, checkout, { 'client-secret': intent.clientSecret });
  await checkout.fillCard(THREE_D_SECURE);
  await checkout.payButton().click();
  await page.getByRole('dialog', { name: 'Confirm your payment' }).getByRole('button', { name: NOT_SHOWING }).click();
  await expect.poll(async () => (await seenEvents(page)).map((event) => event.detail.error?.code)).toEqual(['challenge_unavailable']);
  await expect(formError(page)).toHaveText("Your bank's confirmation page could not be shown here, so the payment was not made. Please try again or use another card.");
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(page.url().startsWith(demo.merchantUrl)).toBe(true);
  await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'false');
  expect((await readIntent(demo, intent.id)).status).toBe('requires_action');
});

test('with a return-url but a frameable bank page, the challenge stays in the modal and the page stays', async ({ page, demo, checkout, threeDSecure }) => {
  await threeDSecure.set({ frameable: true });
  await openCheckout(page, demo, checkout, { 'client-secret': intent.clientSecret, 'return-url': returnUrl });
  await checkout.fillCard(THREE_D_SECURE);
  await checkout.payButton().click();
  const { challenge } = await waitForChallenge(page);
  await challenge.getByLabel('One-time code').fill((await challenge.locator('.code').textContent())!.trim());
  await challenge.getByRole('button', { name: 'Complete authentication' }).click();
  await expect.poll(() => seenEvents(page)).toEqual([{ type: 'payframe-payment', detail: { paymentIntent: { id: intent.id, status: 'succeeded' } } }]);
  expect(page.url()).toBe(`${demo.merchantUrl}/`);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('a return-url on another origin, or not http(s), is refused before anything is confirmed', async ({ page, demo, checkout }) => {
  const confirms = recordConfirms(page, demo);
  await openCheckout(page, demo, checkout, { 'client-secret': intent.clientSecret });
  await checkout.fillCard(THREE_D_SECURE);
  for (const bad of ['javascript:alert(1)', 'data:text/html,hi', `${demo.gatewayUrl}/elsewhere`, 'https://evil.example/return', 'http://user:pw@localhost/']) {
    await page.locator('payframe-checkout').evaluate((element, value) => element.setAttribute('return-url', value), bad);
    const result = await page.locator('payframe-checkout').evaluate((element) => (element as unknown as { pay(): Promise<unknown> }).pay());
    expect(result, bad).toMatchObject({ error: { code: 'invalid_return_url' } });
  }
  expect(confirms()).toEqual([]);
  // A relative path on the page's own origin is fine.
  await page.locator('payframe-checkout').evaluate((element) => element.setAttribute('return-url', '/?order=7'));
  await checkout.payButton().click();
  await expect(page.getByRole('dialog', { name: 'Confirm your payment' })).toBeVisible();
  expect(new URLSearchParams(confirms()[0]!.postData() ?? '').get('return_url')).toBe(returnUrl);
});

/** An intent confirmed and paid server-side, as another shop or account could hold one. */
function createPaidIntent(demo: DemoServers): Promise<CreatedIntent> {
  return createIntent(demo, {
    confirm: 'true',
    'payment_method_data[type]': 'card',
    'payment_method_data[card][number]': '4242424242424242',
    'payment_method_data[card][exp_month]': '12',
    'payment_method_data[card][exp_year]': String(new Date().getUTCFullYear() + 2),
  });
}

test('a crafted return link reports nothing: not someone else\'s succeeded intent, nor one the checkout was not given', async ({ page, demo, checkout }) => {
  // The attacker's own intent, paid: its client_secret and a "succeeded" redirect_status in a link.
  const theirs = await createPaidIntent(demo);
  expect((await readIntent(demo, theirs.id)).status).toBe('succeeded');
  const link = `${demo.merchantUrl}/?${new URLSearchParams({ payment_intent: theirs.id, payment_intent_client_secret: theirs.clientSecret, redirect_status: 'succeeded' })}`;

  // This tab never left for that intent's challenge, and the checkout has no client-secret.
  await page.goto(link);
  await checkout.waitReady();
  await expectNothingResumed(page);

  // The shop's return page gives the checkout this order's intent: the link's intent is not it.
  await giveCheckoutClientSecret(page, intent.clientSecret);
  await page.goto(link);
  await checkout.waitReady();
  await expectNothingResumed(page);
  // A payment_intent that does not match the client_secret is ignored too.
  await page.goto(`${demo.merchantUrl}/?${new URLSearchParams({ payment_intent: intent.id, payment_intent_client_secret: theirs.clientSecret, redirect_status: 'succeeded' })}`);
  await checkout.waitReady();
  await expectNothingResumed(page);

  // Control: when the page's own client-secret is the link's intent, the outcome is reported.
  await giveCheckoutClientSecret(page, theirs.clientSecret);
  await page.goto(link);
  await checkout.waitReady();
  await expect.poll(() => seenEvents(page)).toEqual([{ type: 'payframe-payment', detail: { paymentIntent: { id: theirs.id, status: 'succeeded' } } }]);
});

test('a return page whose shop gives the client-secret after the checkout is ready reports the outcome then, and only for that intent', async ({ page, demo, checkout }) => {
  // Paid, with no marker in this tab: only the checkout's own client-secret can vouch for it.
  const paid = await createPaidIntent(demo);
  await page.goto(`${demo.merchantUrl}/?${new URLSearchParams({ payment_intent: paid.id, payment_intent_client_secret: paid.clientSecret, redirect_status: 'succeeded' })}`);
  await checkout.waitReady();
  await expectNothingResumed(page);

  // Another intent's client-secret (this order's, say) vouches for nothing.
  await page.locator('payframe-checkout').evaluate((element, secret) => element.setAttribute('client-secret', secret), intent.clientSecret);
  // The check runs in the update the attribute causes: once that has rendered, nothing was resumed.
  await page.locator('payframe-checkout').evaluate((element) => (element as unknown as { updateComplete: Promise<boolean> }).updateComplete);
  await expectNothingResumed(page);

  // The address's own intent, given late as an app that fetches it from its server would: reported now.
  await page.locator('payframe-checkout').evaluate((element, secret) => element.setAttribute('client-secret', secret), paid.clientSecret);
  await expect.poll(() => seenEvents(page)).toEqual([{ type: 'payframe-payment', detail: { paymentIntent: { id: paid.id, status: 'succeeded' } } }]);
  expect(new URL(page.url()).searchParams.has('payment_intent_client_secret')).toBe(false);
});

/**
 * From the next page load on, the checkout carries this client-secret before it is ready, as a
 * return page rendered by the shop's server would (the last one given wins).
 */
async function giveCheckoutClientSecret(page: Page, clientSecret: string): Promise<void> {
  // As a shop's return page writes it into its HTML: in place once the document is parsed, before the
  // deferred payframe.js runs (at DOMContentLoaded the checkout could already be ready, and it looks
  // for a return as it becomes ready).
  await page.addInitScript((secret) => {
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive') document.querySelector('payframe-checkout')?.setAttribute('client-secret', secret);
    });
  }, clientSecret);
}

test('the gateway refuses a script return_url at confirm, and the bank\'s page ignores a return_url in its own address', async ({ page, demo }) => {
  const confirm = (returnUrlParam: string) =>
    fetch(`${demo.gatewayUrl}/v1/payment_intents/${intent.id}/confirm`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${demo.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_secret: intent.clientSecret,
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': THREE_D_SECURE.number,
        'payment_method_data[card][exp_month]': '12',
        'payment_method_data[card][exp_year]': String(new Date().getUTCFullYear() + 2),
        return_url: returnUrlParam,
      }),
    });
  for (const bad of ['javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', '//evil.example/x', 'ftp://evil.example/']) {
    const response = await confirm(bad);
    expect(response.status, bad).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe('return_url');
  }
  // Confirmed with the shop's return URL; someone adds their own return_url to the bank page's link.
  const response = await confirm(returnUrl);
  const challengeUrl = ((await response.json()) as { next_action: { redirect_to_url: { url: string } } }).next_action.redirect_to_url.url;
  await page.goto(`${challengeUrl}?return_url=${encodeURIComponent('https://evil.example/steal')}`);
  await page.getByRole('button', { name: 'Fail authentication' }).click();
  await page.waitForURL((url) => url.href.startsWith(returnUrl));
  expect(new URL(page.url()).searchParams.get('payment_intent')).toBe(intent.id);
});
