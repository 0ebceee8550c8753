// Message fuzzing: at least 10,000 malformed messages into every listener, from a seeded generator so
// any failure can be replayed (PAYFRAME_FUZZ_SEED=<seed> npm test -- e2e): for the drop-in, its card
// frame (port and window) and the merchant-side SDK (window and port); for split fields, the field
// frame, the controller frame, the fields channel and the SDK. Every message must be dropped and
// counted, nothing may throw or hang, and a card typed afterwards must still tokenize.
import type { Frame, Page } from '@playwright/test';
import { cardFrameCommandSchema, cardFrameEventSchema, controllerCommandSchema, fieldCommandSchema, fieldEventSchema, helloMessageSchema } from '../../src/shared/protocol.ts';
import { fieldsChannelMessageSchema } from '../../iframe/fields-channel-schema.ts';
import { expect, test } from './fixtures.ts';
import { capturedPort, capturePorts } from './harness/attacker.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';

const MESSAGES_PER_LISTENER = 10_000;
const SEED = Number(process.env.PAYFRAME_FUZZ_SEED ?? 20261124);

/** mulberry32: a small, well-known seeded PRNG. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['type', 'payframe', 'checkout', 'frame', 'state', 'requestId', 'publishableKey', 'fields', 'options', 'result', 'collectId', 'field', 'value', 'brand', 'height', 'locale', 'style', '__proto__', 'constructor', 'toString', ''];
const TYPES = ['hello', 'connect', 'ready', 'change', 'focus', 'blur', 'advance', 'submit', 'configure', 'reveal-errors', 'clear', 'tokenize', 'tokenize-result', 'confirm', 'intent-status', 'height', 'style-rejected', 'collect', 'value', 'brand', 'brand-query', 'TOKENIZE', 'ready ', ''];
const STRINGS = ['', ' ', 'pk_test_', 'sk_test_x', 'pm_', '4242424242424242', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '\u0000', '\ud800', '💳'.repeat(40), 'x'.repeat(5000), 'number', 'controller', 'https://attacker.invalid'];

/** A random value shaped like our messages often enough to reach deep into the schemas. */
function randomMessage(random: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const roll = random();
  if (depth > 3 || roll < 0.15) {
    return pick<unknown>([null, undefined, true, false, 0, -0, 1, -1, 1e308, NaN, Infinity, 2 ** 53, pick(STRINGS), Math.floor(random() * 1e9).toString(36)]);
  }
  if (roll < 0.25) return Array.from({ length: Math.floor(random() * 5) }, () => randomMessage(random, depth + 1));
  const message: Record<string, unknown> = {};
  if (roll < 0.9) message.type = pick(TYPES);
  if (random() < 0.3) message.payframe = pick<unknown>([1, 2, '1', null]);
  for (let i = Math.floor(random() * 5); i > 0; i--) {
    Object.defineProperty(message, pick(KEYS), { value: randomMessage(random, depth + 1), enumerable: true, configurable: true, writable: true });
  }
  return message;
}

/** `count` messages none of which the listener's schema accepts. */
function malformedMessages(random: () => number, count: number, accepted: (message: unknown) => boolean): unknown[] {
  const messages: unknown[] = [];
  while (messages.length < count) {
    const message = randomMessage(random);
    if (!accepted(message)) messages.push(message);
  }
  return messages;
}

async function droppedInFrame(frame: Frame): Promise<number> {
  return frame.evaluate(() => window.payframeDroppedMessages ?? 0);
}

async function droppedByMerchantSdk(page: Page): Promise<number> {
  return page.evaluate(() => window.Payframe!.droppedMessageCount());
}

/** Lets a field frame's test code reach the port its page was handed (as our frame code does). */
function captureFramePort(fieldsOrigin: string): void {
  if (location.origin !== fieldsOrigin) return;
  window.addEventListener(
    'message',
    (event) => {
      if (event.ports[0]) (window as unknown as { fuzzPort: MessagePort }).fuzzPort = event.ports[0];
    },
    true,
  );
}

/** The card group's frames on the demo page: a frame per field and the hidden controller. */
async function splitFrames(page: Page, split: CardFieldsHarness): Promise<{ number: Frame; expiry: Frame; cvc: Frame; controller: Frame }> {
  const controllerSrc = await page.locator(`${split.host} iframe[src*="/controller.html#"]`).getAttribute('src');
  return {
    number: await split.frame('number'),
    expiry: await split.frame('expiry'),
    cvc: await split.frame('cvc'),
    controller: page.frames().find((frame) => frame.url() === controllerSrc)!,
  };
}

/** Opens the demo page with the ports captured on both sides, and collects anything thrown. */
async function openFuzzedPage(page: Page, demo: { merchantUrl: string; fieldsOrigin: string }): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.addInitScript(capturePorts, demo.merchantUrl);
  await page.addInitScript(captureFramePort, demo.fieldsOrigin);
  await page.goto(demo.merchantUrl);
  return errors;
}

test.describe(`message fuzzing (seed ${SEED})`, () => {
  // Tens of thousands of messages through real frames: minutes on a loaded machine.
  test.setTimeout(360_000);

  test(`${MESSAGES_PER_LISTENER} malformed messages into every listener of the drop-in (card frame port and window, SDK window and port) are dropped and counted; a card still tokenizes`, async ({ page, demo, checkout }) => {
    test.info().annotations.push({ type: 'seed', description: String(SEED) });
    const errors = await openFuzzedPage(page, demo);
    await checkout.waitReady();
    await page.evaluate(`window.capturedPortFor = ${capturedPort.toString()}`);
    const card = await checkout.frame('number');
    const checkoutId = new URLSearchParams(new URL(card.url()).hash.slice(1)).get('checkout')!;
    const random = seededRandom(SEED);
    const sent: Record<string, number> = {};

    // 1. Card frame, over the SDK's port (commands).
    const commands = malformedMessages(random, MESSAGES_PER_LISTENER, (message) => cardFrameCommandSchema.safeParse(message).success);
    let before = await droppedInFrame(card);
    await page.evaluate((messages) => messages.forEach((message) => capturedPortFor('card').postMessage(message)), commands);
    await expect.poll(() => droppedInFrame(card), { timeout: 60_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['card frame port'] = MESSAGES_PER_LISTENER;

    // 2. Card frame, window messages after its handshake (any is a replay or noise).
    const windowNoise = malformedMessages(random, MESSAGES_PER_LISTENER, () => false);
    before = await droppedInFrame(card);
    await page.evaluate(
      ({ messages, fieldsOrigin }) => {
        const iframe = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector<HTMLIFrameElement>('[part="card"] iframe')!;
        messages.forEach((message) => iframe.contentWindow!.postMessage(message, fieldsOrigin));
      },
      { messages: windowNoise, fieldsOrigin: demo.fieldsOrigin },
    );
    await expect.poll(() => droppedInFrame(card), { timeout: 60_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['card frame window'] = MESSAGES_PER_LISTENER;

    // 3. Merchant SDK, window messages from the genuine card frame (right source and origin, wrong shape).
    const hellos = malformedMessages(random, MESSAGES_PER_LISTENER, (message) => {
      const hello = helloMessageSchema.safeParse(message);
      return hello.success && hello.data.checkout === checkoutId && hello.data.frame === 'card';
    });
    before = await droppedByMerchantSdk(page);
    await card.evaluate(({ messages, merchant }) => messages.forEach((message) => window.parent.postMessage(message, merchant)), { messages: hellos, merchant: demo.merchantUrl });
    await expect.poll(() => droppedByMerchantSdk(page), { timeout: 60_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['merchant SDK window'] = MESSAGES_PER_LISTENER;

    // 4. Merchant SDK, over the card frame's port (events, the height among them).
    const events = malformedMessages(random, MESSAGES_PER_LISTENER, (message) => cardFrameEventSchema.safeParse(message).success);
    before = await droppedByMerchantSdk(page);
    await card.evaluate((messages) => messages.forEach((message) => (window as unknown as { fuzzPort: MessagePort }).fuzzPort.postMessage(message)), events);
    await expect.poll(() => droppedByMerchantSdk(page), { timeout: 60_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['merchant SDK port'] = MESSAGES_PER_LISTENER;

    // Nothing threw anywhere, and the shopper can still pay.
    expect(errors).toEqual([]);
    await checkout.fillCard({ number: '4242424242424242', expiry: '1234', cvc: '123' });
    const result = await checkout.tokenize();
    expect('paymentMethod' in result && result.paymentMethod.card.last4).toBe('4242');
    test.info().annotations.push({ type: 'dropped', description: JSON.stringify(sent) });
  });

  test(`${MESSAGES_PER_LISTENER} malformed messages into the listeners of split fields' frames (a field frame's and the controller's port and window) are dropped and counted; a card still tokenizes`, async ({ page, demo, split }) => {
    test.info().annotations.push({ type: 'seed', description: String(SEED) });
    const errors = await openFuzzedPage(page, demo);
    await split.waitReady();
    await page.evaluate(`window.capturedPortFor = ${capturedPort.toString()}`);
    const frames = await splitFrames(page, split);
    const host = split.host;
    const random = seededRandom(SEED);
    const sent: Record<string, number> = {};

    // 1. Field frame, over the SDK's port (commands).
    const fieldCommands = malformedMessages(random, MESSAGES_PER_LISTENER, (message) => fieldCommandSchema.safeParse(message).success);
    let before = await droppedInFrame(frames.number);
    await page.evaluate(({ messages, host }) => messages.forEach((message) => capturedPortFor('number', host).postMessage(message)), { messages: fieldCommands, host });
    await expect.poll(() => droppedInFrame(frames.number), { timeout: 60_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['field frame port'] = MESSAGES_PER_LISTENER;

    // 2. Field frame, window messages after its handshake (any is a replay or noise).
    const windowNoise = malformedMessages(random, MESSAGES_PER_LISTENER, () => false);
    before = await droppedInFrame(frames.expiry);
    await page.evaluate(
      ({ messages, fieldsOrigin, host }) => {
        const iframe = document.querySelector(host)!.querySelector('payframe-card-expiry')!.shadowRoot!.querySelector('iframe')!;
        messages.forEach((message) => iframe.contentWindow!.postMessage(message, fieldsOrigin));
      },
      { messages: windowNoise, fieldsOrigin: demo.fieldsOrigin, host },
    );
    await expect.poll(() => droppedInFrame(frames.expiry), { timeout: 60_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['field frame window'] = MESSAGES_PER_LISTENER;

    // 3. Controller frame, over the SDK's port (commands).
    const controllerCommands = malformedMessages(random, MESSAGES_PER_LISTENER, (message) => controllerCommandSchema.safeParse(message).success);
    before = await droppedInFrame(frames.controller);
    await page.evaluate(({ messages, host }) => messages.forEach((message) => capturedPortFor('controller', host).postMessage(message)), { messages: controllerCommands, host });
    await expect.poll(() => droppedInFrame(frames.controller), { timeout: 60_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['controller port'] = MESSAGES_PER_LISTENER;

    // 4. Controller frame, window messages.
    before = await droppedInFrame(frames.controller);
    await page.evaluate(
      ({ messages, fieldsOrigin, host }) => {
        const iframe = document.querySelector(host)!.shadowRoot!.querySelector('iframe[src*="/controller.html#"]') as HTMLIFrameElement;
        messages.forEach((message) => iframe.contentWindow!.postMessage(message, fieldsOrigin));
      },
      { messages: windowNoise, fieldsOrigin: demo.fieldsOrigin, host },
    );
    await expect.poll(() => droppedInFrame(frames.controller), { timeout: 60_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['controller window'] = MESSAGES_PER_LISTENER;

    // Nothing threw anywhere, and the shopper can still pay.
    expect(errors).toEqual([]);
    await split.fillCard({ number: '4242424242424242', expiry: '1234', cvc: '123' });
    const result = await split.tokenize();
    expect('paymentMethod' in result && result.paymentMethod.card.last4).toBe('4242');
    test.info().annotations.push({ type: 'dropped', description: JSON.stringify(sent) });
  });

  test(`${MESSAGES_PER_LISTENER} malformed messages into the listeners around split fields' frames (the fields channel as every frame hears it, the SDK's window and port) are dropped and counted; a card still tokenizes`, async ({ page, demo, split }) => {
    test.info().annotations.push({ type: 'seed', description: String(SEED) });
    const errors = await openFuzzedPage(page, demo);
    await split.waitReady();
    const frames = await splitFrames(page, split);
    const checkoutId = new URLSearchParams(new URL(frames.controller.url()).hash.slice(1)).get('checkout')!;
    const random = seededRandom(SEED);
    const sent: Record<string, number> = {};
    let before: number;

    // 5. The fields channel, from a fields-origin context: every frame of the checkout hears it.
    const channelNoise = malformedMessages(random, MESSAGES_PER_LISTENER, (message) => fieldsChannelMessageSchema.safeParse(message).success);
    const channelBefore = await Promise.all(Object.values(frames).map(droppedInFrame));
    await frames.cvc.evaluate(
      ({ messages, id }) => {
        const channel = new BroadcastChannel(`payframe:${id}`);
        messages.forEach((message) => channel.postMessage(message));
      },
      { messages: channelNoise, id: checkoutId },
    );
    for (const [index, frame] of Object.values(frames).entries()) {
      await expect.poll(() => droppedInFrame(frame), { timeout: 60_000 }).toBe(channelBefore[index]! + MESSAGES_PER_LISTENER);
    }
    sent['fields channel (each of 4 frames)'] = MESSAGES_PER_LISTENER;

    // 6. Merchant SDK, window messages from a genuine frame (right source and origin, wrong shape).
    const hellos = malformedMessages(random, MESSAGES_PER_LISTENER, (message) => {
      const hello = helloMessageSchema.safeParse(message);
      return hello.success && hello.data.checkout === checkoutId && hello.data.frame === 'number';
    });
    before = await droppedByMerchantSdk(page);
    await frames.number.evaluate(({ messages, merchant }) => messages.forEach((message) => window.parent.postMessage(message, merchant)), { messages: hellos, merchant: demo.merchantUrl });
    await expect.poll(() => droppedByMerchantSdk(page), { timeout: 60_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['merchant SDK window'] = MESSAGES_PER_LISTENER;

    // 7. Merchant SDK, over a frame's port (events).
    const fieldEvents = malformedMessages(random, MESSAGES_PER_LISTENER, (message) => fieldEventSchema.safeParse(message).success);
    before = await droppedByMerchantSdk(page);
    await frames.cvc.evaluate((messages) => messages.forEach((message) => (window as unknown as { fuzzPort: MessagePort }).fuzzPort.postMessage(message)), fieldEvents);
    await expect.poll(() => droppedByMerchantSdk(page), { timeout: 60_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['merchant SDK port'] = MESSAGES_PER_LISTENER;

    // Nothing threw anywhere, and the shopper can still pay.
    expect(errors).toEqual([]);
    await split.fillCard({ number: '4242424242424242', expiry: '1234', cvc: '123' });
    const result = await split.tokenize();
    expect('paymentMethod' in result && result.paymentMethod.card.last4).toBe('4242');
    test.info().annotations.push({ type: 'dropped', description: JSON.stringify(sent) });
  });
});
