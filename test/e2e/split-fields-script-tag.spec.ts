// The script tag and the split fields: payframe.js carries the drop-in only, and fetches the split
// fields (dist/payframe-fields.js, pinned by its hash) once a page holds one of them, whether in
// the HTML, inserted later, or (through Payframe.loadSplitFields()) inside the page's own shadow
// root. A payframe-fields.js that fails its integrity check never runs: every card group gets a
// typed payframe-error and nothing throws in the page.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { DemoServers } from '../../demo/servers.ts';
import type { PaymentMethod } from '../../src/index.ts';
import { expect, test } from './fixtures.ts';

const distDir = process.env.PAYFRAME_DIST_DIR ?? 'dist';
const splitFieldsIntegrity = `sha384-${createHash('sha384').update(readFileSync(join(distDir, 'payframe-fields.js'))).digest('base64')}`;

/** Requests for payframe-fields.js, and errors nothing in the page caught. */
function watchPage(page: Page, demo: DemoServers): { fieldsRequests: () => number; pageErrors: string[] } {
  let fieldsRequests = 0;
  const pageErrors: string[] = [];
  page.on('request', (request) => {
    if (request.url() === `${demo.fieldsOrigin}/payframe-fields.js`) fieldsRequests += 1;
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { fieldsRequests: () => fieldsRequests, pageErrors };
}

/** Records every payframe-error that reaches the document (they bubble and cross shadow roots), from before payframe.js runs. */
async function recordErrorEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { target: string; detail: unknown }[] = [];
    (window as unknown as { payframeErrors: typeof log }).payframeErrors = log;
    document.addEventListener('payframe-error', (event) => log.push({ target: (event.target as Element).id, detail: (event as CustomEvent).detail }));
  });
}

function errorEvents(page: Page): Promise<{ target: string; detail: { error: { code: string; message: string } } }[]> {
  return page.evaluate(() => (window as unknown as { payframeErrors: never[] }).payframeErrors);
}

/** Light-DOM markup of a card group with its three fields. */
const groupHtml = (id: string, key: string) =>
  `<payframe-card-group id="${id}" publishable-key="${key}"><payframe-card-number></payframe-card-number><payframe-card-expiry></payframe-card-expiry><payframe-card-cvc></payframe-card-cvc></payframe-card-group>`;

test('a page with only <payframe-checkout> never requests payframe-fields.js', async ({ page, demo, checkout }) => {
  const watched = watchPage(page, demo);
  await page.goto(`${demo.merchantUrl}/test-pages/merchant.html`);
  await checkout.waitReady();
  await checkout.fillCard({ number: '4242424242424242', expiry: '1234', cvc: '123' });
  expect(await checkout.tokenize()).toMatchObject({ paymentMethod: expect.anything() });
  expect(watched.fieldsRequests()).toBe(0);
  expect(await page.evaluate(() => customElements.get('payframe-card-group'))).toBeUndefined();
  expect(watched.pageErrors).toEqual([]);
});

test('a page with <payframe-card-group> loads payframe-fields.js once, pinned by its hash, and its fields become ready and tokenize', async ({ page, demo, split }) => {
  const watched = watchPage(page, demo);
  await page.goto(`${demo.merchantUrl}/test-pages/split-fields.html`);
  await split.waitReady();
  const script = page.locator(`script[src="${demo.fieldsOrigin}/payframe-fields.js"]`);
  await expect(script).toHaveAttribute('integrity', splitFieldsIntegrity);
  await expect(script).toHaveAttribute('type', 'module');
  await split.fillCard({ number: '5555555555554444', expiry: '0230', cvc: '321' });
  const result = await split.tokenize();
  expect((result as { paymentMethod: PaymentMethod }).paymentMethod.card).toMatchObject({ brand: 'mastercard', last4: '4444' });
  // Asked again, it is the same file, not another request.
  expect(await page.evaluate(() => window.Payframe!.loadSplitFields())).toEqual({ loaded: true });
  expect(watched.fieldsRequests()).toBe(1);
  expect(watched.pageErrors).toEqual([]);
});

test('a card group inserted after the page loaded (a subtree, as innerHTML) loads the split fields and becomes ready', async ({ page, demo, checkout, split }) => {
  const watched = watchPage(page, demo);
  await page.goto(`${demo.merchantUrl}/test-pages/merchant.html`);
  await checkout.waitReady();
  expect(watched.fieldsRequests()).toBe(0);
  await page.evaluate((markup) => {
    const section = document.createElement('section');
    section.innerHTML = `<div>${markup}</div>`;
    document.body.append(section);
  }, groupHtml('split', demo.publishableKey));
  await split.waitReady();
  await split.fillCard({ number: '4242424242424242', expiry: '1234', cvc: '123' });
  expect(await split.tokenize()).toMatchObject({ paymentMethod: { card: { brand: 'visa', last4: '4242' } } });
  expect(watched.fieldsRequests()).toBe(1);
  expect(watched.pageErrors).toEqual([]);
});

test('split fields inside the page\'s own shadow root load through Payframe.loadSplitFields()', async ({ page, demo }) => {
  const watched = watchPage(page, demo);
  await page.goto(`${demo.merchantUrl}/test-pages/merchant.html`);
  await page.evaluate((markup) => {
    const host = document.createElement('div');
    host.id = 'widget';
    host.attachShadow({ mode: 'open' }).innerHTML = markup;
    document.body.append(host);
  }, groupHtml('split', demo.publishableKey));
  // The document's observer cannot see into the shadow root: nothing is fetched yet.
  await page.waitForTimeout(200);
  expect(watched.fieldsRequests()).toBe(0);
  expect(await page.evaluate(() => window.Payframe!.loadSplitFields())).toEqual({ loaded: true });
  await page.waitForFunction(() => (document.querySelector('#widget')!.shadowRoot!.querySelector('payframe-card-group') as { ready?: boolean }).ready === true);
  expect(watched.fieldsRequests()).toBe(1);
  expect(watched.pageErrors).toEqual([]);
});

test('a payframe-fields.js that fails its integrity check never runs: each card group gets frame_load_failed, loadSplitFields() resolves with it, nothing is thrown', async ({ page, demo }) => {
  const watched = watchPage(page, demo);
  await recordErrorEvents(page);
  await page.route(`${demo.fieldsOrigin}/payframe-fields.js`, async (route) => {
    const original = await route.fetch();
    await route.fulfill({ response: original, body: `${await original.text()}\nwindow.tampered = true;\n` });
  });
  await page.goto(`${demo.merchantUrl}/test-pages/split-fields.html`);
  await expect.poll(async () => (await errorEvents(page)).length).toBe(1);
  const [event] = await errorEvents(page);
  expect(event).toEqual({ target: 'split', detail: { error: { code: 'frame_load_failed', message: expect.stringContaining('could not be loaded') } } });

  const result = await page.evaluate(() => window.Payframe!.loadSplitFields());
  expect(result).toEqual({ error: { code: 'frame_load_failed', message: event!.detail.error.message } });
  expect(await page.evaluate(() => (window as unknown as { tampered?: boolean }).tampered)).toBeUndefined();
  expect(await page.evaluate(() => customElements.get('payframe-card-group'))).toBeUndefined();

  // A group added later is told too, once; the file is not fetched again.
  await page.evaluate((markup) => document.body.insertAdjacentHTML('beforeend', markup), groupHtml('later', demo.publishableKey));
  await expect.poll(async () => (await errorEvents(page)).map((recorded) => recorded.target)).toEqual(['split', 'later']);
  expect(watched.fieldsRequests()).toBe(1);
  expect(watched.pageErrors).toEqual([]);
});
