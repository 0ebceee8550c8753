// The card is usable only by the account that owns the merchant site (ARCHITECTURE.md, invariant
// 3). A script on the merchant page plays an attacker who holds an account at the same payment
// provider, with its own publishable key, and has even listed the merchant's site for that key
// (a provider cannot always check who owns a site). Each attack ends the same way: no payment
// method or payment with the typed card in any account but the merchant's. The drop-in
// (<payframe-checkout>) is one card frame that tokenizes by itself; split fields
// (<payframe-card-group>, also on the demo page) have a controller frame the fields hand their
// values to, so the attacks on a controller run against the card group.
import type { Page, Request } from '@playwright/test';
import Stripe from 'stripe';
import { join } from 'node:path';
import { startDemoServers, type DemoServers } from '../../../demo/servers.ts';
import { expect, test as base } from '../fixtures.ts';
import { CardFieldsHarness } from '../harness/card-fields-harness.ts';
import { findSecrets, SECRET_CARD } from '../harness/secrets.ts';
import { framePageUrl, installRogueControllerTools, type RogueEvent } from '../harness/rogue-controller.ts';

const ATTACKER_KEY = 'pk_test_attacker_account';
const ATTACKER_SECRET_KEY = 'sk_test_attacker_account';

/** Demo servers whose fields origin also serves the attacker's account, allowed on the merchant's own site. */
const test = base.extend<{ gatewayRequests: Request[] }, { demo: DemoServers }>({
  demo: [
    async ({}, use) => {
      const servers = await startDemoServers({
        merchantPort: 0,
        fieldsPort: 0,
        gatewayPort: 0,
        extraPageDirs: { 'test-pages': join(import.meta.dirname, '..', 'pages') },
        // The merchant's site is filled in once it is known: the attacker listed it for its own key.
        extraFieldsAccounts: [{ publishableKeys: [ATTACKER_KEY], allowedOrigins: [] }],
        // At the gateway too, the attacker has an account of its own.
        extraGatewayAccounts: [{ publishableKey: ATTACKER_KEY, secretKey: ATTACKER_SECRET_KEY }],
      });
      servers.fieldsConfig.accounts.find((account) => account.publishableKeys.includes(ATTACKER_KEY))?.allowedOrigins.push(servers.merchantUrl);
      await use(servers);
      await servers.close();
    },
    { scope: 'worker' },
  ],
  /** Every request from the page or any of its frames to the gateway's API. */
  gatewayRequests: async ({ page, demo }, use) => {
    const requests: Request[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${demo.gatewayUrl}/v1/`)) requests.push(request);
    });
    await use(requests);
  },
});

test.beforeEach(async ({ page, demo, checkout }) => {
  await page.addInitScript(installRogueControllerTools);
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await checkout.recordEvents(['payframe-error']);
});

/**
 * The checkout id of an element's frames, as any script can read it from a frame's URL: the
 * drop-in's card frame, or a card group's controller.
 */
function checkoutIdOf(page: Page, host: string): Promise<string> {
  return page.evaluate((host) => {
    const src = document.querySelector(host)!.shadowRoot!.querySelector('[part="card"] iframe, iframe[src*="/controller.html#"]')!.getAttribute('src')!;
    return new URLSearchParams(new URL(src).hash.slice(1)).get('checkout')!;
  }, host);
}

/** No request reached the gateway with the attacker's key, and none created anything with the typed card but under the merchant's key. */
function expectNothingForTheAttacker(requests: Request[], merchantKey: string): void {
  const authorizations = requests.map((request) => request.headers()['authorization']);
  expect(authorizations.filter((header) => header !== `Bearer ${merchantKey}`)).toEqual([]);
}

async function expectShopperCanStillPay(page: Page, checkout: CardFieldsHarness, demo: DemoServers): Promise<void> {
  const result = await checkout.tokenize();
  expect('paymentMethod' in result && result.paymentMethod.card.last4, JSON.stringify(result)).toBe('1111');
  expect(findSecrets(await page.content())).toEqual([]);
  expect(demo.publishableKey).not.toBe(ATTACKER_KEY);
}

/** The card group of the demo page, ready, recording its `payframe-error` events (instead of the drop-in's). */
async function splitFields(split: CardFieldsHarness): Promise<CardFieldsHarness> {
  await split.waitReady();
  await split.recordEvents(['payframe-error']);
  return split;
}

const LAYOUTS = [
  { layout: 'drop-in', label: 'the drop-in\'s card frame' },
  { layout: 'split', label: 'split fields' },
] as const;

function harnessFor(layout: 'drop-in' | 'split', checkout: CardFieldsHarness, split: CardFieldsHarness): Promise<CardFieldsHarness> {
  return layout === 'drop-in' ? Promise.resolve(checkout) : splitFields(split);
}

test.describe('a card frame of the attacker\'s own, on the drop-in\'s checkout id', () => {
  for (const { owner, attackersKey } of [
    { owner: 'the attacker\'s key', attackersKey: true },
    { owner: 'the merchant\'s own key', attackersKey: false },
  ]) {
    test(`attack: a card frame for ${owner}, embedded by a page script on the drop-in's checkout id and host and answered by the script, tokenizes and confirms none of the typed card; the checkout keeps working`, async ({ page, demo, checkout, gatewayRequests }) => {
      const attacker = new Stripe(ATTACKER_SECRET_KEY, { host: '127.0.0.1', port: Number(new URL(demo.gatewayUrl).port), protocol: 'http' });
      const intent = await attacker.paymentIntents.create({ amount: 5000, currency: 'eur' });
      await checkout.fillCard(SECRET_CARD);
      const checkoutId = await checkoutIdOf(page, checkout.host);
      const key = attackersKey ? ATTACKER_KEY : demo.publishableKey;
      // The script answers its own frame's hello, then asks for the card as the SDK would.
      const { tokenized, confirmed, events } = await page.evaluate(
        async ({ url, checkoutId, clientSecret }) => {
          const rogue = await window.rogueController!.embed(url, checkoutId, 'card');
          const tokenized = await rogue.ask({ type: 'tokenize', requestId: 'rogue-tokenize-0003', fields: ['number', 'expiry', 'cvc'] });
          const confirmed = await rogue.ask({ type: 'confirm', requestId: 'rogue-confirm-00001', clientSecret, fields: ['number', 'expiry', 'cvc'] });
          return { tokenized, confirmed, events: rogue.events };
        },
        { url: framePageUrl(demo.fieldsOrigin, key, 'card'), checkoutId, clientSecret: intent.client_secret! },
      );
      // Its own inputs are empty, and nothing joins it to the shopper's frame: the typed card is not its to read.
      expect(tokenized).toMatchObject({ type: 'tokenize-result', result: { error: { code: 'incomplete_number', field: 'number' } } });
      expect(confirmed).toMatchObject({ type: 'confirm-result', result: { error: { code: 'incomplete_number', field: 'number' } } });
      expect(findSecrets(JSON.stringify(events))).toEqual([]);
      expect(gatewayRequests).toHaveLength(0);
      // The drop-in still talks to its own frame (its SDK never answered the rogue frame's hello) and pays with the shopper's card.
      await expectShopperCanStillPay(page, checkout, demo);
      expect(gatewayRequests).toHaveLength(1);
      expectNothingForTheAttacker(gatewayRequests, demo.publishableKey);
      expect((await checkout.recordedEvents()).map((event) => (event.detail.error as { code?: string }).code)).toEqual([]);
      const after = await attacker.paymentIntents.retrieve(intent.id);
      expect({ status: after.status, payment_method: after.payment_method }).toEqual({ status: 'requires_payment_method', payment_method: null });
    });
  }
});

test.describe('a controller of the attacker\'s own, on a card group\'s checkout id (split fields)', () => {
  test('attack: a controller for the attacker\'s key, embedded on the card group\'s checkout id, gets no card and the group reports it', async ({ page, demo, split, gatewayRequests }) => {
    const group = await splitFields(split);
    await group.fillCard(SECRET_CARD);
    const checkoutId = await checkoutIdOf(page, group.host);
    const answer = await page.evaluate(
      async ({ url, checkoutId, attackerKey }) => {
        const rogue = await window.rogueController!.embed(url, checkoutId);
        // The key named in the command too: the controller must use only the one it was served for.
        return rogue.ask({ type: 'tokenize', requestId: 'rogue-tokenize-0001', publishableKey: attackerKey, fields: ['number', 'expiry', 'cvc'] });
      },
      { url: framePageUrl(demo.fieldsOrigin, ATTACKER_KEY, 'controller'), checkoutId, attackerKey: ATTACKER_KEY },
    );
    expect(answer).toMatchObject({ type: 'tokenize-result', result: { error: { code: 'fields_unavailable' } } });
    await expect.poll(async () => (await group.recordedEvents()).map((event) => (event.detail.error as { code?: string }).code)).toContain('fields_claimed');
    expectNothingForTheAttacker(gatewayRequests, demo.publishableKey);
    expect(gatewayRequests).toHaveLength(0);
    await expectShopperCanStillPay(page, group, demo);
    expectNothingForTheAttacker(gatewayRequests, demo.publishableKey);
  });

  test('attack: a second controller for the merchant\'s own key on the card group\'s checkout id gets no card', async ({ page, demo, split, gatewayRequests }) => {
    const group = await splitFields(split);
    await group.fillCard(SECRET_CARD);
    const checkoutId = await checkoutIdOf(page, group.host);
    const { answer, events } = await page.evaluate(
      async ({ url, checkoutId, merchantKey }) => {
        const rogue = await window.rogueController!.embed(url, checkoutId);
        const answer = await rogue.ask({ type: 'tokenize', requestId: 'rogue-tokenize-0002', publishableKey: merchantKey, fields: ['number', 'expiry', 'cvc'] });
        return { answer, events: rogue.events };
      },
      { url: framePageUrl(demo.fieldsOrigin, demo.publishableKey, 'controller'), checkoutId, merchantKey: demo.publishableKey },
    );
    expect(answer).toMatchObject({ type: 'tokenize-result', result: { error: { code: 'fields_unavailable' } } });
    // The rogue controller itself was told the fields refused it.
    expect(events).toContainEqual({ type: 'fields-claimed', refused: true } satisfies RogueEvent);
    await expect.poll(async () => (await group.recordedEvents()).map((event) => (event.detail.error as { code?: string }).code)).toContain('fields_claimed');
    expect(gatewayRequests).toHaveLength(0);
    await expectShopperCanStillPay(page, group, demo);
    expectNothingForTheAttacker(gatewayRequests, demo.publishableKey);
  });
});

test.describe('flipping the key or the fields origin of a mounted element', () => {
  for (const { layout, label } of LAYOUTS) {
    test(`attack: publishable-key flipped to the attacker's key after the shopper typed (${label}): it starts over empty on a new checkout id, nothing is tokenized`, async ({ page, demo, checkout, split, gatewayRequests }) => {
      const harness = await harnessFor(layout, checkout, split);
      await harness.fillCard(SECRET_CARD);
      const oldCheckoutId = await checkoutIdOf(page, harness.host);
      const result = await page.evaluate(
        async ({ host, attackerKey }) => {
          const element = document.querySelector(host) as HTMLElement & { tokenize(): Promise<unknown>; updateComplete: Promise<boolean> };
          element.setAttribute('publishable-key', attackerKey);
          await element.updateComplete;
          return element.tokenize();
        },
        { host: harness.host, attackerKey: ATTACKER_KEY },
      );
      expect(result).toMatchObject({ error: { code: 'not_ready' } });
      // New frames, bound to the new key, on a new checkout id: the typed card went with the old ones.
      await harness.waitReady();
      expect(await checkoutIdOf(page, harness.host)).not.toBe(oldCheckoutId);
      for (const kind of ['number', 'expiry', 'cvc'] as const) await expect(harness.input(kind)).toHaveValue('');
      if (harness.cardFrame) expect(await harness.cardIframe().getAttribute('src')).toContain(`/frames/${ATTACKER_KEY}/card.html#`);
      else expect(await harness.fieldIframe('number').getAttribute('src')).toContain(`/frames/${ATTACKER_KEY}/number.html#`);
      const afterFlip = await harness.tokenize();
      expect(afterFlip).toMatchObject({ error: { code: 'incomplete_number' } });
      expect(gatewayRequests).toHaveLength(0);
    });

    test(`attack: fields-origin flipped after the shopper typed (${label}): it starts over, the typed card is gone`, async ({ page, demo, checkout, split, gatewayRequests }) => {
      const harness = await harnessFor(layout, checkout, split);
      await harness.fillCard(SECRET_CARD);
      // The same fields origin written another way is still a change of attribute the page controls;
      // the element must not carry the typed card across any such change.
      const oldCheckoutId = await checkoutIdOf(page, harness.host);
      await page.evaluate(({ host, origin }) => document.querySelector(host)!.setAttribute('fields-origin', origin), { host: harness.host, origin: demo.fieldsOrigin.replace('127.0.0.1', 'localhost') });
      await expect.poll(() => checkoutIdOf(page, harness.host)).not.toBe(oldCheckoutId);
      await page.evaluate(({ host, origin }) => document.querySelector(host)!.setAttribute('fields-origin', origin), { host: harness.host, origin: demo.fieldsOrigin });
      await harness.waitReady();
      for (const kind of ['number', 'expiry', 'cvc'] as const) await expect(harness.input(kind)).toHaveValue('');
      expect(gatewayRequests).toHaveLength(0);
    });
  }
});

test.describe('a second element of the attacker\'s on the first one\'s checkout id', () => {
  test('attack: a second drop-in with the attacker\'s key mounted on the first one\'s checkout id reaches none of its card', async ({ page, demo, checkout, gatewayRequests }) => {
    await checkout.fillCard(SECRET_CARD);
    const checkoutId = await checkoutIdOf(page, checkout.host);
    const result = await page.evaluate(
      async ({ attackerKey, checkoutId }) => {
        const second = document.createElement('payframe-checkout') as unknown as HTMLElement & { tokenize(): Promise<unknown>; group: { checkoutId: string } };
        second.setAttribute('publishable-key', attackerKey);
        // Reaches into the element's internals before it mounts, as any page script can.
        second.group.checkoutId = checkoutId;
        document.body.append(second);
        await new Promise((resolve) => second.addEventListener('payframe-ready', resolve, { once: true }));
        return second.tokenize();
      },
      { attackerKey: ATTACKER_KEY, checkoutId },
    );
    // A card frame reads only its own inputs: the second one's are empty. (With split fields the
    // first checkout reports `fields_claimed`; the drop-in has no fields to claim, so the equivalent
    // claim is that it carries on undisturbed, below.)
    expect(result).not.toHaveProperty('paymentMethod');
    expect(result).toMatchObject({ error: { code: 'incomplete_number' } });
    expect(gatewayRequests).toHaveLength(0);
    await expectShopperCanStillPay(page, checkout, demo);
    expectNothingForTheAttacker(gatewayRequests, demo.publishableKey);
    expect((await checkout.recordedEvents()).map((event) => (event.detail.error as { code?: string }).code)).toEqual([]);
  });

  test('attack: a second card group with the attacker\'s key mounted on the first one\'s checkout id reaches none of its card (split fields)', async ({ page, demo, split, gatewayRequests }) => {
    const group = await splitFields(split);
    await group.fillCard(SECRET_CARD);
    const checkoutId = await checkoutIdOf(page, group.host);
    const result = await page.evaluate(
      async ({ attackerKey, checkoutId }) => {
        const second = document.createElement('payframe-card-group') as unknown as HTMLElement & { tokenize(): Promise<unknown>; group: { checkoutId: string } };
        for (const kind of ['number', 'expiry', 'cvc']) second.append(document.createElement(`payframe-card-${kind}`));
        second.setAttribute('publishable-key', attackerKey);
        // Reaches into the element's internals before it mounts, as any page script can.
        second.group.checkoutId = checkoutId;
        document.body.append(second);
        await new Promise((resolve) => second.addEventListener('payframe-ready', resolve, { once: true }));
        return second.tokenize();
      },
      { attackerKey: ATTACKER_KEY, checkoutId },
    );
    expect(result).not.toHaveProperty('paymentMethod');
    expectNothingForTheAttacker(gatewayRequests, demo.publishableKey);
    expect(gatewayRequests).toHaveLength(0);
    await expect.poll(async () => (await group.recordedEvents()).map((event) => (event.detail.error as { code?: string }).code)).toContain('fields_claimed');
  });
});

test('attack: pay with a client secret of the attacker\'s own PaymentIntent: the gateway refuses it, the attacker\'s intent is never paid', async ({ page, demo, checkout, gatewayRequests }) => {
  // The attacker's own server creates an intent in the attacker's account.
  const attacker = new Stripe(ATTACKER_SECRET_KEY, { host: '127.0.0.1', port: Number(new URL(demo.gatewayUrl).port), protocol: 'http' });
  const intent = await attacker.paymentIntents.create({ amount: 5000, currency: 'eur' });
  await checkout.fillCard(SECRET_CARD);
  const result = await page.evaluate(async (clientSecret) => {
    const element = document.querySelector('payframe-checkout') as HTMLElement & { pay(): Promise<unknown>; updateComplete: Promise<boolean> };
    element.setAttribute('client-secret', clientSecret);
    await element.updateComplete;
    return element.pay();
  }, intent.client_secret!);
  expect(result).toMatchObject({ error: { code: 'resource_missing' } });
  expect(result).not.toHaveProperty('paymentIntent');
  // The confirm went out with the merchant's key only, and the attacker's intent is untouched.
  expect(gatewayRequests.map((request) => new URL(request.url()).pathname)).toEqual([`/v1/payment_intents/${intent.id}/confirm`]);
  expectNothingForTheAttacker(gatewayRequests, demo.publishableKey);
  const after = await attacker.paymentIntents.retrieve(intent.id);
  expect({ status: after.status, latest_charge: after.latest_charge, payment_method: after.payment_method }).toEqual({ status: 'requires_payment_method', latest_charge: null, payment_method: null });
});
