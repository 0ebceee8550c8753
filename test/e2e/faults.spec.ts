// Gateway faults end to end (Playwright in Node, driving real Chromium against the demo's three
// origins): what the merchant gets, what the shopper reads and what the gateway holds when a
// tokenization meets timeouts, 5xx, 429, resets and garbled answers; and that nothing duplicates.
import type { Page, Request } from '@playwright/test';
import type { GatewayFault } from '../../src/node/sandbox/sandbox-gateway.ts';
import type { DemoServers } from '../../demo/servers.ts';
import { messageFor, type CheckoutErrorCode } from '../../src/shared/errors.ts';
import { TOKENIZE_RETRY_POLICY } from '../../iframe/gateway/retry-policy.ts';
import { demoServersFixture, test as base, expect } from './fixtures.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';

const VISA = { number: '4242424242424242', expiry: '1234', cvc: '123' };

/** The sandbox gateway's admin API, called from the test process (no Origin header, secret key). */
class SandboxAdmin {
  constructor(private readonly demo: DemoServers) {}

  private get headers() {
    return { Authorization: `Bearer ${this.demo.secretKey}`, 'Content-Type': 'application/json' };
  }

  async arm(fault: GatewayFault | 'none', times: number, delayMs?: number): Promise<void> {
    const body = JSON.stringify({ fault, times, ...(delayMs === undefined ? {} : { delay_ms: delayMs }) });
    const response = await fetch(`${this.demo.gatewayUrl}/__sandbox/faults`, { method: 'POST', headers: this.headers, body });
    expect(response.status).toBe(200);
  }

  async disarm(): Promise<void> {
    await this.arm('none', 1);
  }

  async stats(): Promise<{ payment_methods_created: number; armed_fault: { fault: string; remaining: number } | null }> {
    const response = await fetch(`${this.demo.gatewayUrl}/__sandbox/stats`, { headers: this.headers });
    return response.json();
  }

  async paymentMethodsCreated(): Promise<number> {
    return (await this.stats()).payment_methods_created;
  }

  async paymentMethodExists(id: string): Promise<boolean> {
    const response = await fetch(`${this.demo.gatewayUrl}/v1/payment_methods/${id}`, { headers: { Authorization: `Bearer ${this.demo.secretKey}` } });
    return response.status === 200;
  }
}

/** One tokenization POST as the browser saw it. */
interface Attempt {
  idempotencyKey: string | undefined;
  startedAt: number;
  /** The HTTP status, or undefined when no answer came (reset, timeout). */
  status: number | undefined;
  replayed: boolean;
}

async function describeAttempt(request: Request, seenAt: number): Promise<Attempt> {
  const response = await request.response();
  // The browser's own clock when it has one: the test process hears of requests a little late.
  const browserStart = request.timing().startTime;
  return {
    idempotencyKey: (await request.allHeaders())['idempotency-key'],
    startedAt: browserStart > 0 ? browserStart : seenAt,
    status: response?.status(),
    replayed: (await response?.headerValue('idempotent-replayed')) === 'true',
  };
}

const test = base.extend<{ sandbox: SandboxAdmin; attempts: () => Promise<Attempt[]> }, { demo: DemoServers }>({
  // The same servers as every other suite, but with the gateway's fault injection switched on.
  demo: demoServersFixture({ gatewayFaultInjection: true }),
  sandbox: async ({ demo }, use) => {
    const sandbox = new SandboxAdmin(demo);
    await sandbox.disarm();
    await use(sandbox);
    await sandbox.disarm();
  },
  attempts: async ({ page, demo }, use) => {
    const seen: Promise<Attempt>[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${demo.gatewayUrl}/v1/payment_methods`) seen.push(describeAttempt(request, Date.now()));
    });
    await use(() => Promise.all(seen));
  },
});

test.beforeEach(async ({ page, demo, checkout }) => {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
});

function formError(page: import('@playwright/test').Page) {
  return page.locator('payframe-checkout [part="form-error"]');
}

function keysOf(attempts: Attempt[]): Set<string | undefined> {
  return new Set(attempts.map((attempt) => attempt.idempotencyKey));
}

async function expectCardStillFilled(checkout: import('./harness/card-fields-harness.ts').CardFieldsHarness): Promise<void> {
  await expect(checkout.input('number')).toHaveValue('4242 4242 4242 4242');
  await expect(checkout.input('expiry')).toHaveValue('12 / 34');
  await expect(checkout.input('cvc')).toHaveValue('123');
}

interface GiveUpCase {
  fault: GatewayFault;
  code: CheckoutErrorCode;
  /** Tokenization POSTs the browser sends before the card frame gives up. */
  attempts: number;
  /** Payment methods the gateway holds after the give-up. */
  created: number;
}

const { maxAttempts } = TOKENIZE_RETRY_POLICY;
const GIVE_UP_CASES: GiveUpCase[] = [
  { fault: '500', code: 'gateway_unavailable', attempts: maxAttempts, created: 0 },
  { fault: '502', code: 'gateway_unavailable', attempts: maxAttempts, created: 0 },
  { fault: '503', code: 'gateway_unavailable', attempts: maxAttempts, created: 0 },
  { fault: '429', code: 'rate_limited', attempts: maxAttempts, created: 0 },
  { fault: 'reset', code: 'network_error', attempts: maxAttempts, created: 0 },
  // Created on the first attempt, then every answer came garbled.
  { fault: 'malformed_json', code: 'gateway_invalid_response', attempts: maxAttempts, created: 1 },
  // 8 s attempts within the 25 s deadline: three attempts, then the deadline.
  { fault: 'timeout', code: 'timeout', attempts: 3, created: 0 },
];

for (const { fault, code, attempts: attemptCount, created } of GIVE_UP_CASES) {
  test(`${fault} on every attempt: the merchant gets ${code}, the shopper reads why, and Pay works once it clears, without retyping`, async ({ page, checkout, sandbox, attempts }) => {
    if (fault === 'timeout') test.setTimeout(60_000);
    await checkout.fillCard(VISA);
    const before = await sandbox.paymentMethodsCreated();
    await sandbox.arm(fault, 100);

    const result = await checkout.tokenize();
    expect(result).toEqual({ error: { code, message: messageFor(code) } });
    await expect(formError(page)).toHaveText(messageFor(code));
    expect((await sandbox.paymentMethodsCreated()) - before).toBe(created);
    const failed = await attempts();
    expect(failed).toHaveLength(attemptCount);
    expect(keysOf(failed).size).toBe(1);
    await expectCardStillFilled(checkout);

    await sandbox.disarm();
    await checkout.payButton().click();
    await expect(page.locator('#token-id')).toHaveText(/^pm_[A-Za-z0-9]+$/);
    await expect(formError(page)).toHaveText('');
    // Same card after an unanswered tokenization: the same key, so whatever the gateway created
    // during the fault is what the shopper gets now. One payment method in all.
    const all = await attempts();
    expect(keysOf(all).size).toBe(1);
    expect(all.at(-1)).toMatchObject({ status: 200, replayed: created === 1 });
    expect((await sandbox.paymentMethodsCreated()) - before).toBe(1);
    expect(await sandbox.paymentMethodExists((await page.locator('#token-id').textContent())!)).toBe(true);
  });
}

const RECOVERED_FAULTS: GatewayFault[] = ['500', '502', '503', '429', 'reset', 'malformed_json'];

for (const fault of RECOVERED_FAULTS) {
  test(`one ${fault}: the retry under the same key gives the shopper a token, and the gateway holds exactly one`, async ({ page, checkout, sandbox, attempts }) => {
    await checkout.recordEvents(['payframe-token', 'payframe-error']);
    await checkout.fillCard(VISA);
    const before = await sandbox.paymentMethodsCreated();
    await sandbox.arm(fault, 1);

    await checkout.payButton().click();
    await expect(page.locator('#token-id')).toHaveText(/^pm_[A-Za-z0-9]+$/);
    await expect(formError(page)).toHaveText('');
    expect((await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-token']);
    expect((await sandbox.paymentMethodsCreated()) - before).toBe(1);
    expect(await sandbox.paymentMethodExists((await page.locator('#token-id').textContent())!)).toBe(true);

    const seen = await attempts();
    expect(keysOf(seen).size).toBe(1);
    expect(seen.at(-1)).toMatchObject({ status: 200, replayed: fault === 'malformed_json' });
    if (fault === 'reset') {
      // Chromium itself resends a request whose reused connection was reset, so the card frame may never see it.
      expect(seen.length).toBeGreaterThanOrEqual(1);
    } else {
      expect(seen).toHaveLength(2);
    }
    if (fault === '429') {
      // Retry-After: 1 was honoured.
      expect(seen[1]!.startedAt - seen[0]!.startedAt).toBeGreaterThanOrEqual(950);
    }
  });
}

test('a timeout after the gateway created the payment method: the retry replays it, one id for both attempts', async ({ page, checkout, sandbox, attempts }) => {
  test.setTimeout(45_000);
  await checkout.fillCard(VISA);
  const before = await sandbox.paymentMethodsCreated();
  await sandbox.arm('timeout_after_create', 1);

  const result = await checkout.tokenize();
  expect(result).toMatchObject({ paymentMethod: expect.anything() });
  const id = 'paymentMethod' in result ? result.paymentMethod.id : '';
  await expect(formError(page)).toHaveText('');
  const seen = await attempts();
  expect(seen).toHaveLength(2);
  expect(keysOf(seen).size).toBe(1);
  expect(seen[0]!.status).toBeUndefined();
  expect(seen[1]).toMatchObject({ status: 200, replayed: true });
  expect((await sandbox.paymentMethodsCreated()) - before).toBe(1);
  expect(await sandbox.paymentMethodExists(id)).toBe(true);
});

test('a slow gateway (10 s): the attempt times out, 409s while it runs, then the replay brings the one payment method', async ({ page, checkout, sandbox, attempts }) => {
  test.setTimeout(45_000);
  await checkout.fillCard(VISA);
  const before = await sandbox.paymentMethodsCreated();
  await sandbox.arm('slow', 1);

  const result = await checkout.tokenize();
  expect(result).toMatchObject({ paymentMethod: expect.anything() });
  await expect(formError(page)).toHaveText('');
  const seen = await attempts();
  expect(keysOf(seen).size).toBe(1);
  expect(seen[0]!.status).toBeUndefined();
  expect(seen.slice(1, -1).length).toBeGreaterThanOrEqual(1);
  for (const inFlight of seen.slice(1, -1)) expect(inFlight.status).toBe(409);
  expect(seen.at(-1)).toMatchObject({ status: 200, replayed: true });
  expect((await sandbox.paymentMethodsCreated()) - before).toBe(1);
});

test('a 4xx answer is final: no retry, the shopper sees it, and the next try is a new tokenization', async ({ page, demo, checkout, sandbox, attempts }) => {
  // No card passes the frame's checks and fails the gateway's, so a key the gateway does not know
  // gives the 4xx: the fields origin serves that key on the merchant's site, the gateway has no such account.
  const unknownKey = 'pk_test_notknowntothegateway';
  if (!demo.fieldsConfig.accounts.some((account) => account.publishableKeys.includes(unknownKey))) demo.fieldsConfig.accounts.push({ publishableKeys: [unknownKey], allowedOrigins: [demo.merchantUrl] });
  await switchKey(page, checkout, unknownKey);
  await checkout.fillCard(VISA);
  const before = await sandbox.paymentMethodsCreated();
  const result = await checkout.tokenize();
  expect('error' in result && result.error).toMatchObject({ code: 'gateway_error', message: expect.stringMatching(/^Invalid API Key provided: pk_test_\*{4}/) });
  await expect(formError(page)).toHaveText(/^Invalid API Key provided/);
  expect(await attempts()).toHaveLength(1);

  // Back to the merchant's key: the checkout starts over with empty fields, so the card is typed again.
  await switchKey(page, checkout, demo.publishableKey);
  await checkout.fillCard(VISA);
  await checkout.payButton().click();
  await expect(page.locator('#token-id')).toHaveText(/^pm_/);
  const seen = await attempts();
  expect(seen).toHaveLength(2);
  expect(keysOf(seen).size).toBe(2);
  expect((await sandbox.paymentMethodsCreated()) - before).toBe(1);
});

/** Sets the checkout's key and waits for its new frames to be ready. */
async function switchKey(page: Page, checkout: CardFieldsHarness, key: string): Promise<void> {
  await page.evaluate(async (key) => {
    const element = document.querySelector('payframe-checkout') as HTMLElement & { updateComplete: Promise<boolean> };
    element.setAttribute('publishable-key', key);
    await element.updateComplete;
  }, key);
  await checkout.waitReady();
}

test('20 rapid clicks on Pay produce one tokenization: one POST, one payment method, one token', async ({ page, checkout, sandbox, attempts }) => {
  await checkout.recordEvents(['payframe-token', 'payframe-error']);
  await checkout.fillCard(VISA);
  const before = await sandbox.paymentMethodsCreated();
  // Keeps the tokenization in flight long enough for every click to land during it.
  await sandbox.arm('slow', 1, 2_000);

  await page.evaluate(() => {
    const button = document.querySelector('payframe-checkout')!.shadowRoot!.querySelector('button')!;
    (window as unknown as { payClicks: number }).payClicks = 0;
    button.addEventListener('click', () => (window as unknown as { payClicks: number }).payClicks++);
  });
  const box = (await checkout.payButton().boundingBox())!;
  for (let click = 0; click < 20; click++) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  expect(await page.evaluate(() => (window as unknown as { payClicks: number }).payClicks)).toBe(20);
  // Still the first tokenization: all 20 clicks came while it ran.
  await expect(page.locator('payframe-checkout form')).toHaveAttribute('aria-busy', 'true');

  await expect(page.locator('#token-id')).toHaveText(/^pm_/);
  await expect(page.locator('payframe-checkout form')).toHaveAttribute('aria-busy', 'false');
  expect((await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-token']);
  expect(await attempts()).toHaveLength(1);
  expect((await sandbox.paymentMethodsCreated()) - before).toBe(1);
});

test('a merchant page cannot arm faults, even holding the secret key', async ({ page, demo, checkout, sandbox, attempts }) => {
  // The lax test page lets the page connect anywhere on 127.0.0.1: the gateway alone must refuse.
  await page.goto(`${demo.merchantUrl}/test-pages/merchant.html`);
  await checkout.waitReady();
  const outcomes = await page.evaluate(
    async ({ url, secretKey }) => {
      const body = JSON.stringify({ fault: '503', times: 100 });
      const tries = [
        () => fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' }, body }),
        () => fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body }),
        () => fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'fault=503&times=100' }),
      ];
      const results: string[] = [];
      for (const attempt of tries) {
        try {
          const response = await attempt();
          results.push(response.type === 'opaque' ? 'opaque' : String(response.status));
        } catch {
          results.push('blocked');
        }
      }
      return results;
    },
    { url: `${demo.gatewayUrl}/__sandbox/faults`, secretKey: demo.secretKey },
  );
  expect(outcomes).toEqual(['blocked', 'opaque', 'opaque']);
  expect((await sandbox.stats()).armed_fault).toBeNull();

  await checkout.fillCard(VISA);
  const result = await checkout.tokenize();
  expect(result).toMatchObject({ paymentMethod: expect.anything() });
  expect(await attempts()).toHaveLength(1);
});
