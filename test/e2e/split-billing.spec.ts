// The split billing fields, end to end in Chromium across the real origins: <payframe-card-name>,
// <payframe-card-country> and <payframe-card-postal>, each a frame of its own on the fields origin beside the card's, checked
// there, handed to the group's controller only, and sent with the card as the payment method's
// billing_details (read back with stripe-node). The page learns their state, never their value.
import type { Frame, FrameLocator, Page } from '@playwright/test';
import Stripe from 'stripe';
import type { DemoServers } from '../../demo/servers.ts';
import type { PaymentMethod, TokenizeResult } from '../../src/index.ts';
import { axeViolations } from './harness/axe.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { framePageUrl, installRogueControllerTools, type RogueEvent } from './harness/rogue-controller.ts';
import { collectLoot, installSkimmer } from './harness/skimmer.ts';
import { expect, test } from './fixtures.ts';

const VISA = { number: '4242424242424242', expiry: '1234', cvc: '123' };
/** The sandbox's card whose postal code check fails (as Stripe's). */
const FAILING_POSTAL_CODE_CARD = { number: '4000000000000036', expiry: '1234', cvc: '123' };
// Values a skimmer would look for: unusual enough to never appear by chance.
const NAME = 'Quintessa Marlowe-Vantablack';
const ZIP = '94107';

type BillingKind = 'name' | 'country' | 'postal';

const billingFrame = (page: Page, kind: BillingKind): FrameLocator => page.frameLocator(`payframe-card-${kind} iframe`);
const billingInput = (page: Page, kind: BillingKind) => billingFrame(page, kind).getByRole(kind === 'country' ? 'combobox' : 'textbox');

async function frameOf(page: Page, selector: string): Promise<Frame> {
  const frame = await (await page.locator(selector).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`No frame for ${selector}`);
  return frame;
}

/** Opens the test page (script tag, a group with name, card fields and postal code, `billing-country="US"`). */
async function openSplitBilling(page: Page, demo: DemoServers, split: CardFieldsHarness): Promise<void> {
  await page.goto(`${demo.merchantUrl}/test-pages/split-billing.html`);
  await split.waitReady();
}

/** The same page with <payframe-card-country> between the CVC and the postal code (`billing-country="US"` preselects it). */
async function openSplitBillingWithCountry(page: Page, demo: DemoServers, split: CardFieldsHarness): Promise<void> {
  await page.goto(`${demo.merchantUrl}/test-pages/split-billing-country.html`);
  await split.waitReady();
}

/** Chooses a country in the country frame with the keyboard, as a shopper does: focus the list and type the country's name. */
async function chooseCountry(page: Page, name: string, code: string): Promise<void> {
  const select = billingInput(page, 'country');
  await select.focus();
  await select.pressSequentially(name);
  await expect(select).toHaveValue(code);
}

const stateOf = (page: Page, kind: BillingKind) =>
  page.evaluate((kind) => (document.querySelector(`payframe-card-${kind}`) as unknown as { state?: { complete: boolean; valid: boolean } }).state, kind);

/** Types into a billing frame like a shopper, then waits until the page holds the state for it. */
async function typeBilling(page: Page, kind: BillingKind, text: string): Promise<void> {
  const input = billingInput(page, kind);
  await input.focus();
  await input.pressSequentially(text);
  await input.blur();
  await expect.poll(() => page.evaluate((kind) => (document.querySelector(`payframe-card-${kind}`) as unknown as { state?: { empty: boolean } }).state?.empty, kind)).toBe(false);
}

function stripeFor(demo: DemoServers): Stripe {
  const gateway = new URL(demo.gatewayUrl);
  return new Stripe(demo.secretKey, { host: gateway.hostname, port: Number(gateway.port), protocol: 'http' });
}

const paymentMethodOf = (result: TokenizeResult): PaymentMethod => {
  expect('paymentMethod' in result, 'error' in result ? result.error.code : '').toBe(true);
  return (result as { paymentMethod: PaymentMethod }).paymentMethod;
};

test('a name and postal code typed in their own frames arrive in the payment method\'s billing_details, with the group\'s country', async ({ page, demo, split, gatewayTraffic }) => {
  await openSplitBilling(page, demo, split);
  await expect(billingInput(page, 'name')).toHaveAttribute('autocomplete', 'cc-name');
  await expect(billingInput(page, 'postal')).toHaveAttribute('autocomplete', 'postal-code');
  await expect(page.locator('payframe-card-name [part="label"]')).toHaveText('Name on card');
  await expect(page.locator('payframe-card-postal [part="label"]')).toHaveText('Postal code');
  await expect(page.locator('payframe-card-postal iframe')).toHaveAttribute('title', 'Postal code');
  await expect(page.locator('payframe-card-postal iframe')).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
  await typeBilling(page, 'name', NAME);
  await split.fillCard(VISA);
  await typeBilling(page, 'postal', ZIP);
  const { id } = paymentMethodOf(await split.tokenize());
  const paymentMethod = await stripeFor(demo).paymentMethods.retrieve(id);
  expect(paymentMethod.billing_details).toMatchObject({ name: NAME, address: { postal_code: ZIP, country: 'US' } });
  expect(gatewayTraffic.tokenizations()).toHaveLength(1);
});

test('a US card whose bank does not know the postal code gets address_postal_code_check "fail"', async ({ page, demo, split }) => {
  await openSplitBilling(page, demo, split);
  await typeBilling(page, 'name', NAME);
  await split.fillCard(FAILING_POSTAL_CODE_CARD);
  await typeBilling(page, 'postal', ZIP);
  const { id } = paymentMethodOf(await split.tokenize());
  // The merchant's server pays with the token, as split-field checkouts do; the bank checks the address then.
  const stripe = stripeFor(demo);
  const paid = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd', payment_method: id, confirm: true });
  expect(paid.status).toBe('succeeded');
  const charge = await stripe.charges.retrieve(paid.latest_charge as string);
  expect(charge.payment_method_details?.card?.checks).toMatchObject({ address_postal_code_check: 'fail', cvc_check: 'pass' });
  expect(charge.billing_details).toMatchObject({ name: NAME, address: { postal_code: ZIP, country: 'US' } });
  expect((await stripe.paymentMethods.retrieve(id)).card?.checks?.address_postal_code_check).toBe('fail');
});

test('a postal code in the wrong format shows its error in the checkout\'s language and tokenize() refuses it with a typed error; nothing reaches the gateway', async ({ page, demo, split, gatewayTraffic }) => {
  await openSplitBilling(page, demo, split);
  await page.locator('#split').evaluate((group) => group.setAttribute('locale', 'de'));
  await expect(page.locator('payframe-card-postal [part="label"]')).toHaveText('Postleitzahl');
  await split.recordEvents(['payframe-change']);
  await typeBilling(page, 'name', NAME);
  await split.fillCard(VISA);
  // Four digits are no US ZIP code.
  await typeBilling(page, 'postal', '9410');
  const invalid = 'Ihre Postleitzahl ist ungültig.';
  await expect(page.locator('payframe-card-postal [part="error"]')).toHaveText(invalid);
  await expect(billingInput(page, 'postal')).toHaveAttribute('aria-invalid', 'true');
  expect(await split.tokenize()).toEqual({ error: { code: 'invalid_postal', message: invalid, field: 'postal' } });
  expect(gatewayTraffic.tokenizations()).toHaveLength(0);
  // The page heard the postal code's state, never what was typed.
  const events = await split.recordedEvents();
  const postal = events.filter(({ detail }) => detail.field === 'postal').at(-1);
  expect(postal?.detail).toEqual({ field: 'postal', empty: false, complete: false, valid: false, error: { code: 'invalid_postal', message: invalid } });
  expect(JSON.stringify(events)).not.toContain('9410');
  expect(JSON.stringify(events)).not.toContain(NAME);
  // An empty name, never touched, is refused in German too.
  await billingInput(page, 'name').fill('');
  await billingInput(page, 'postal').fill(ZIP);
  await expect.poll(() => page.evaluate(() => (document.querySelector('payframe-card-postal') as unknown as { state?: { complete: boolean } }).state?.complete)).toBe(true);
  await expect.poll(() => page.evaluate(() => (document.querySelector('payframe-card-name') as unknown as { state?: { empty: boolean } }).state?.empty)).toBe(true);
  expect(await split.tokenize()).toEqual({ error: { code: 'incomplete_name', message: 'Geben Sie den Namen auf Ihrer Karte ein.', field: 'name' } });
  await expect(page.locator('payframe-card-name [part="error"]')).toHaveText('Geben Sie den Namen auf Ihrer Karte ein.');
  expect(gatewayTraffic.tokenizations()).toHaveLength(0);
});

test('the merchant\'s cardholder-name fills in the name, and billing-country sets the postal code\'s format and the country sent', async ({ page, demo, split }) => {
  await openSplitBilling(page, demo, split);
  await page.locator('#split').evaluate((group) => {
    group.setAttribute('cardholder-name', 'Jenny Rosen');
    group.setAttribute('billing-country', 'gb');
  });
  await expect(billingInput(page, 'name')).toHaveValue('Jenny Rosen');
  await split.fillCard(VISA);
  // A UK postcode: invalid as a US ZIP code, valid once the country is GB.
  await typeBilling(page, 'postal', 'SW1A 1AA');
  await expect(page.locator('payframe-card-postal [part="error"]')).toHaveText('');
  const { id } = paymentMethodOf(await split.tokenize());
  const paymentMethod = await stripeFor(demo).paymentMethods.retrieve(id);
  expect(paymentMethod.billing_details).toMatchObject({ name: 'Jenny Rosen', address: { postal_code: 'SW1A 1AA', country: 'GB' } });
});

test('axe finds no violation on the page or in any frame with the billing fields, empty and with errors', async ({ page, demo, split }) => {
  await openSplitBilling(page, demo, split);
  const violations = async () => {
    const found: Record<string, unknown[]> = { page: await axeViolations(page) };
    for (const kind of ['name', 'number', 'expiry', 'cvc', 'postal']) found[kind] = await axeViolations(await frameOf(page, `payframe-card-${kind} iframe`));
    return found;
  };
  const none = { page: [], name: [], number: [], expiry: [], cvc: [], postal: [] };
  expect(await violations()).toEqual(none);
  await split.tokenize();
  await expect(page.locator('payframe-card-name [part="error"]')).not.toHaveText('');
  await expect(page.locator('payframe-card-postal [part="error"]')).not.toHaveText('');
  expect(await violations()).toEqual(none);
});

test('attack: a skimmer on the page records everything it can reach and never sees the name or postal code, only their state', async ({ page, demo, split }) => {
  await page.addInitScript(installSkimmer, demo.merchantUrl);
  await openSplitBilling(page, demo, split);
  await typeBilling(page, 'name', NAME);
  await split.fillCard(VISA);
  await typeBilling(page, 'postal', ZIP);
  paymentMethodOf(await split.tokenize());
  const loot = await page.evaluate(collectLoot);
  const everything = `${loot.records.join('\n')}\n${loot.dom}`;
  // Assertions on booleans: a failure must not print the values into the test output.
  expect(everything.includes(NAME), 'the name reached the page').toBe(false);
  expect(everything.includes(ZIP), 'the postal code reached the page').toBe(false);
  // It did see the billing fields' states, so it was listening.
  expect(loot.records.some((record) => record.startsWith('port in:') && record.includes('"complete":true'))).toBe(true);
});

test('attack: a second controller the page embeds on the group\'s checkout id asks for the billing fields and gets nothing; a replayed handshake to a billing frame is dropped', async ({ page, demo, split, gatewayTraffic }) => {
  await page.addInitScript(installRogueControllerTools);
  await openSplitBilling(page, demo, split);
  await typeBilling(page, 'name', NAME);
  await split.fillCard(VISA);
  await typeBilling(page, 'postal', ZIP);
  const nameIframe = () => document.querySelector('payframe-card-name')!.shadowRoot!.querySelector('iframe')!;
  const checkoutId = await page.evaluate(`new URLSearchParams(new URL((${nameIframe})().src).hash.slice(1)).get('checkout')`) as string;
  const nameFrame = await frameOf(page, 'payframe-card-name iframe');
  const droppedBefore = await nameFrame.evaluate(() => (window as unknown as { payframeDroppedMessages?: number }).payframeDroppedMessages ?? 0);
  const { answer, events } = await page.evaluate(
    async ({ url, checkoutId, fieldsOrigin }) => {
      // A second handshake straight to the name frame, with a port of the page's own: the frame keeps its first.
      const stolen = new MessageChannel();
      document.querySelector('payframe-card-name')!.shadowRoot!.querySelector('iframe')!.contentWindow!.postMessage({ payframe: 1, type: 'connect', checkout: checkoutId }, fieldsOrigin, [stolen.port2]);
      const rogue = await window.rogueController!.embed(url, checkoutId);
      const answer = await rogue.ask({ type: 'tokenize', requestId: 'rogue-billing-0001', fields: ['number', 'expiry', 'cvc', 'name', 'postal'] });
      return { answer, events: rogue.events };
    },
    { url: framePageUrl(demo.fieldsOrigin, demo.publishableKey, 'controller'), checkoutId, fieldsOrigin: demo.fieldsOrigin },
  );
  expect(answer).toMatchObject({ type: 'tokenize-result', result: { error: { code: 'fields_unavailable' } } });
  expect(events).toContainEqual({ type: 'fields-claimed', refused: true } satisfies RogueEvent);
  expect(JSON.stringify(events).includes(NAME) || JSON.stringify(events).includes(ZIP), 'a billing value reached the rogue controller').toBe(false);
  await expect.poll(() => nameFrame.evaluate(() => (window as unknown as { payframeDroppedMessages?: number }).payframeDroppedMessages ?? 0)).toBeGreaterThan(droppedBefore);
  expect(gatewayTraffic.tokenizations()).toHaveLength(0);
  // The shopper's own checkout still pays, with the billing details.
  const { id } = paymentMethodOf(await split.tokenize());
  expect((await stripeFor(demo).paymentMethods.retrieve(id)).billing_details.name).toBe(NAME);
});

test('with <payframe-card-country>: choosing a country with the keyboard sets the postal code\'s format (a UK postcode refused under US, accepted after GB) and the country chosen arrives in billing_details', async ({ page, demo, split, gatewayTraffic }) => {
  await openSplitBillingWithCountry(page, demo, split);
  const country = billingInput(page, 'country');
  await expect(country).toHaveAttribute('autocomplete', 'country');
  // Preselected by the group's billing-country; every country, named in the checkout's language.
  await expect(country).toHaveValue('US');
  await expect(country.locator('option[value="GB"]')).toHaveText('United Kingdom');
  expect(await country.locator('option').count()).toBeGreaterThan(240);
  await expect(page.locator('payframe-card-country [part="label"]')).toHaveText('Country or region');
  await expect(page.locator('payframe-card-country iframe')).toHaveAttribute('title', 'Country or region');
  await expect(page.locator('payframe-card-country iframe')).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
  await split.recordEvents(['payframe-change']);
  await typeBilling(page, 'name', NAME);
  await split.fillCard(VISA);
  // Under US, a UK postcode is no ZIP code.
  await typeBilling(page, 'postal', 'SW1A 1AA');
  await expect(page.locator('payframe-card-postal [part="error"]')).toHaveText('Your postal code is invalid.');
  expect(await split.tokenize()).toEqual({ error: { code: 'invalid_postal', message: 'Your postal code is invalid.', field: 'postal' } });
  // The shopper chooses the United Kingdom: the postal frame learns it (from the controller) and accepts the postcode.
  await chooseCountry(page, 'United Kingdom', 'GB');
  await expect.poll(async () => (await stateOf(page, 'postal'))?.complete).toBe(true);
  await expect(page.locator('payframe-card-postal [part="error"]')).toHaveText('');
  await expect(billingInput(page, 'postal')).toHaveAttribute('aria-invalid', 'false');
  const { id } = paymentMethodOf(await split.tokenize());
  const paymentMethod = await stripeFor(demo).paymentMethods.retrieve(id);
  expect(paymentMethod.billing_details).toMatchObject({ name: NAME, address: { postal_code: 'SW1A 1AA', country: 'GB' } });
  expect(gatewayTraffic.tokenizations()).toHaveLength(1);
  // Back to the United States, the next country down the list: the same postcode is refused again, before anything reaches the gateway.
  await billingInput(page, 'country').focus();
  await billingInput(page, 'country').press('ArrowDown');
  await expect(billingInput(page, 'country')).toHaveValue('US');
  await expect.poll(async () => (await stateOf(page, 'postal'))?.complete).toBe(false);
  await billingInput(page, 'postal').focus();
  await billingInput(page, 'postal').blur();
  await expect(page.locator('payframe-card-postal [part="error"]')).toHaveText('Your postal code is invalid.');
  expect(await split.tokenize()).toEqual({ error: { code: 'invalid_postal', message: 'Your postal code is invalid.', field: 'postal' } });
  expect(gatewayTraffic.tokenizations()).toHaveLength(1);
  // The page hears the country's state as the drop-in reports it (field `country`), never the code.
  expect(await stateOf(page, 'country')).toEqual({ empty: false, complete: true, valid: true });
  await billingInput(page, 'country').press('Home');
  await expect.poll(async () => (await split.recordedEvents()).filter(({ detail }) => detail.field === 'country').at(-1)?.detail).toEqual({ field: 'country', empty: true, complete: false, valid: true });
  const events = await split.recordedEvents();
  expect(JSON.stringify(events)).not.toMatch(/"(US|GB)"/);
  expect(JSON.stringify(events)).not.toContain('SW1A');
  expect(JSON.stringify(events)).not.toContain(NAME);
});

test('with <payframe-card-country> and no billing-country: nothing is chosen, tokenize() refuses with incomplete_country in the checkout\'s language', async ({ page, demo, split, gatewayTraffic }) => {
  await openSplitBillingWithCountry(page, demo, split);
  await page.locator('#split').evaluate((group) => {
    group.removeAttribute('billing-country');
    group.setAttribute('locale', 'fr');
  });
  await expect(page.locator('payframe-card-country [part="label"]')).toHaveText('Pays ou région');
  // Emptied by the shopper (the first, empty option), as a page cannot: it reaches no frame's input.
  const country = billingInput(page, 'country');
  await country.focus();
  await country.press('Home');
  await expect(country).toHaveValue('');
  await typeBilling(page, 'name', NAME);
  await split.fillCard(VISA);
  await typeBilling(page, 'postal', 'SW1A 1AA');
  const result = await split.tokenize();
  expect(result).toMatchObject({ error: { code: 'incomplete_country', field: 'country' } });
  await expect(page.locator('payframe-card-country [part="error"]')).toHaveText((result as { error: { message: string } }).error.message);
  await expect(country).toHaveAttribute('aria-invalid', 'true');
  expect(gatewayTraffic.tokenizations()).toHaveLength(0);
});

test('axe finds no violation on the page or in any frame with the country frame, empty and with errors', async ({ page, demo, split }) => {
  await openSplitBillingWithCountry(page, demo, split);
  const kinds = ['name', 'number', 'expiry', 'cvc', 'country', 'postal'];
  const violations = async () => {
    const found: Record<string, unknown[]> = { page: await axeViolations(page) };
    for (const kind of kinds) found[kind] = await axeViolations(await frameOf(page, `payframe-card-${kind} iframe`));
    return found;
  };
  const none = Object.fromEntries(['page', ...kinds].map((kind) => [kind, []]));
  expect(await violations()).toEqual(none);
  await billingInput(page, 'country').focus();
  await billingInput(page, 'country').press('Home');
  await split.tokenize();
  await expect(page.locator('payframe-card-country [part="error"]')).not.toHaveText('');
  await expect(page.locator('payframe-card-postal [part="error"]')).not.toHaveText('');
  expect(await violations()).toEqual(none);
});

test('attack: with the country frame, a skimmer on the page never sees the name or postal code, only their state', async ({ page, demo, split }) => {
  await page.addInitScript(installSkimmer, demo.merchantUrl);
  await openSplitBillingWithCountry(page, demo, split);
  await typeBilling(page, 'name', NAME);
  await split.fillCard(VISA);
  await chooseCountry(page, 'United Kingdom', 'GB');
  await typeBilling(page, 'postal', 'EC1A 1BB');
  paymentMethodOf(await split.tokenize());
  const loot = await page.evaluate(collectLoot);
  const everything = `${loot.records.join('\n')}\n${loot.dom}`;
  // Assertions on booleans: a failure must not print the values into the test output.
  expect(everything.includes(NAME), 'the name reached the page').toBe(false);
  expect(everything.includes('EC1A'), 'the postal code reached the page').toBe(false);
  expect(loot.records.some((record) => record.startsWith('port in:') && record.includes('"complete":true'))).toBe(true);
});

test('attack: the page cannot steer the postal code\'s country: country messages it posts on a channel of the checkout\'s name, or to the postal frame, change nothing', async ({ page, demo, split }) => {
  await openSplitBillingWithCountry(page, demo, split);
  await typeBilling(page, 'name', NAME);
  await split.fillCard(VISA);
  await typeBilling(page, 'postal', 'SW1A 1AA');
  await expect.poll(async () => (await stateOf(page, 'postal'))?.complete).toBe(false);
  const postalFrame = await frameOf(page, 'payframe-card-postal iframe');
  const droppedBefore = await postalFrame.evaluate(() => (window as unknown as { payframeDroppedMessages?: number }).payframeDroppedMessages ?? 0);
  await page.evaluate((fieldsOrigin) => {
    const iframe = document.querySelector('payframe-card-postal')!.shadowRoot!.querySelector('iframe')!;
    const checkoutId = new URLSearchParams(new URL(iframe.src).hash.slice(1)).get('checkout')!;
    // A channel of the merchant origin: same name, another origin, so no fields-origin frame hears it.
    const channel = new BroadcastChannel(`payframe:${checkoutId}`);
    channel.postMessage({ type: 'country', country: 'GB' });
    channel.postMessage({ type: 'billing-country', controllerId: 'Ab3_-Ab3_-Ab3_-Ab3_', country: 'GB' });
    // Straight to the postal frame's window: not a message of the page's link, dropped and counted.
    iframe.contentWindow!.postMessage({ type: 'billing-country', controllerId: 'Ab3_-Ab3_-Ab3_-Ab3_', country: 'GB' }, fieldsOrigin);
  }, demo.fieldsOrigin);
  await expect.poll(() => postalFrame.evaluate(() => (window as unknown as { payframeDroppedMessages?: number }).payframeDroppedMessages ?? 0)).toBeGreaterThan(droppedBefore);
  // Still judged as a US ZIP code: refused.
  expect(await split.tokenize()).toEqual({ error: { code: 'invalid_postal', message: 'Your postal code is invalid.', field: 'postal' } });
  await expect(billingInput(page, 'country')).toHaveValue('US');
  // The shopper's own choice does change it.
  await chooseCountry(page, 'United Kingdom', 'GB');
  await expect.poll(async () => (await stateOf(page, 'postal'))?.complete).toBe(true);
});
