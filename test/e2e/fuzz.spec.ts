// Message fuzzing: at least 10,000 malformed messages into every listener (field frame, controller
// frame, the fields channel, the merchant-side SDK), from a seeded generator so any failure can be
// replayed (PAYFRAME_FUZZ_SEED=<seed> npm test -- e2e). Every message must be dropped and counted,
// nothing may throw or hang, and a card typed afterwards must still tokenize.
import type { Frame, Page } from '@playwright/test';
import { controllerCommandSchema, fieldCommandSchema, fieldEventSchema, helloMessageSchema } from '../../src/shared/protocol.ts';
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

const KEYS = ['type', 'payframe', 'checkout', 'frame', 'state', 'requestId', 'publishableKey', 'fields', 'options', 'result', 'collectId', 'field', 'value', 'brand', '__proto__', 'constructor', 'toString', ''];
const TYPES = ['hello', 'connect', 'ready', 'change', 'focus', 'blur', 'advance', 'submit', 'configure', 'reveal-errors', 'clear', 'tokenize', 'tokenize-result', 'collect', 'value', 'brand', 'brand-query', 'TOKENIZE', 'ready ', ''];
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

async function dropInFrames(page: Page, checkout: CardFieldsHarness): Promise<{ number: Frame; expiry: Frame; cvc: Frame; controller: Frame }> {
  const controllerSrc = await page.locator(`${checkout.host} iframe[src*="/controller.html#"]`).getAttribute('src');
  return {
    number: await checkout.frame('number'),
    expiry: await checkout.frame('expiry'),
    cvc: await checkout.frame('cvc'),
    controller: page.frames().find((frame) => frame.url() === controllerSrc)!,
  };
}

test.describe(`message fuzzing (seed ${SEED})`, () => {
  test.setTimeout(120_000);

  test(`${MESSAGES_PER_LISTENER} malformed messages into every listener are dropped and counted; a card still tokenizes`, async ({ page, demo, checkout }) => {
    test.info().annotations.push({ type: 'seed', description: String(SEED) });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.addInitScript(capturePorts, demo.merchantUrl);
    await page.addInitScript(captureFramePort, demo.fieldsOrigin);
    await page.goto(demo.merchantUrl);
    await checkout.waitReady();
    await page.evaluate(`window.capturedPortFor = ${capturedPort.toString()}`);
    const frames = await dropInFrames(page, checkout);
    const checkoutId = new URLSearchParams(new URL(frames.controller.url()).hash.slice(1)).get('checkout')!;
    const random = seededRandom(SEED);
    const sent: Record<string, number> = {};

    // 1. Field frame, over the SDK's port (commands).
    const fieldCommands = malformedMessages(random, MESSAGES_PER_LISTENER, (message) => fieldCommandSchema.safeParse(message).success);
    let before = await droppedInFrame(frames.number);
    await page.evaluate((messages) => messages.forEach((message) => capturedPortFor('number').postMessage(message)), fieldCommands);
    await expect.poll(() => droppedInFrame(frames.number), { timeout: 30_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['field frame port'] = MESSAGES_PER_LISTENER;

    // 2. Field frame, window messages after its handshake (any is a replay or noise).
    const windowNoise = malformedMessages(random, MESSAGES_PER_LISTENER, () => false);
    before = await droppedInFrame(frames.expiry);
    await page.evaluate(
      ({ messages, fieldsOrigin }) => {
        const iframe = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector('payframe-card-expiry')!.shadowRoot!.querySelector('iframe')!;
        messages.forEach((message) => iframe.contentWindow!.postMessage(message, fieldsOrigin));
      },
      { messages: windowNoise, fieldsOrigin: demo.fieldsOrigin },
    );
    await expect.poll(() => droppedInFrame(frames.expiry), { timeout: 30_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['field frame window'] = MESSAGES_PER_LISTENER;

    // 3. Controller frame, over the SDK's port (commands).
    const controllerCommands = malformedMessages(random, MESSAGES_PER_LISTENER, (message) => controllerCommandSchema.safeParse(message).success);
    before = await droppedInFrame(frames.controller);
    await page.evaluate((messages) => messages.forEach((message) => capturedPortFor('controller').postMessage(message)), controllerCommands);
    await expect.poll(() => droppedInFrame(frames.controller), { timeout: 30_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['controller port'] = MESSAGES_PER_LISTENER;

    // 4. Controller frame, window messages.
    before = await droppedInFrame(frames.controller);
    await page.evaluate(
      ({ messages, fieldsOrigin }) => {
        const iframe = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector('iframe[src*="/controller.html#"]') as HTMLIFrameElement;
        messages.forEach((message) => iframe.contentWindow!.postMessage(message, fieldsOrigin));
      },
      { messages: windowNoise, fieldsOrigin: demo.fieldsOrigin },
    );
    await expect.poll(() => droppedInFrame(frames.controller), { timeout: 30_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['controller window'] = MESSAGES_PER_LISTENER;

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
      await expect.poll(() => droppedInFrame(frame), { timeout: 30_000 }).toBe(channelBefore[index]! + MESSAGES_PER_LISTENER);
    }
    sent['fields channel (each of 4 frames)'] = MESSAGES_PER_LISTENER;

    // 6. Merchant SDK, window messages from a genuine frame (right source and origin, wrong shape).
    const hellos = malformedMessages(random, MESSAGES_PER_LISTENER, (message) => {
      const hello = helloMessageSchema.safeParse(message);
      return hello.success && hello.data.checkout === checkoutId && hello.data.frame === 'number';
    });
    before = await droppedByMerchantSdk(page);
    await frames.number.evaluate(({ messages, merchant }) => messages.forEach((message) => window.parent.postMessage(message, merchant)), { messages: hellos, merchant: demo.merchantUrl });
    await expect.poll(() => droppedByMerchantSdk(page), { timeout: 30_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['merchant SDK window'] = MESSAGES_PER_LISTENER;

    // 7. Merchant SDK, over a frame's port (events).
    const fieldEvents = malformedMessages(random, MESSAGES_PER_LISTENER, (message) => fieldEventSchema.safeParse(message).success);
    before = await droppedByMerchantSdk(page);
    await frames.cvc.evaluate((messages) => messages.forEach((message) => (window as unknown as { fuzzPort: MessagePort }).fuzzPort.postMessage(message)), fieldEvents);
    await expect.poll(() => droppedByMerchantSdk(page), { timeout: 30_000 }).toBe(before + MESSAGES_PER_LISTENER);
    sent['merchant SDK port'] = MESSAGES_PER_LISTENER;

    // Nothing threw anywhere, and the shopper can still pay.
    expect(errors).toEqual([]);
    await checkout.fillCard({ number: '4242424242424242', expiry: '1234', cvc: '123' });
    const result = await checkout.tokenize();
    expect('paymentMethod' in result && result.paymentMethod.card.last4).toBe('4242');
    test.info().annotations.push({ type: 'dropped', description: JSON.stringify(sent) });
  });
});
