// The opt-in BIN report (`bin` on <payframe-checkout>), end to end in Chromium across the real
// origins, with a skimmer on the merchant page: off by default, nothing of the number's first
// digits reaches the page; on, `payframe-bin` gives the first 6 digits once typed and the first 8
// once the number has 16 digits, each once, with what the fields origin's BIN table knows, and
// the skimmer finds nothing more of the number than those digits.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { SECRET_CARD, findSecrets } from './harness/secrets.ts';
import { collectLoot, installSkimmer } from './harness/skimmer.ts';

test.beforeEach(async ({ page, demo, checkout }) => {
  await page.addInitScript(installSkimmer, demo.merchantUrl);
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await checkout.recordEvents(['payframe-bin', 'payframe-change']);
});

async function turnBinOn(page: Page, checkout: CardFieldsHarness): Promise<void> {
  await page.evaluate(async () => {
    const element = document.querySelector('payframe-checkout') as HTMLElement & { updateComplete: Promise<boolean> };
    element.toggleAttribute('bin', true);
    await element.updateComplete;
  });
  await checkout.waitReady();
}

async function binEvents(checkout: CardFieldsHarness): Promise<Record<string, unknown>[]> {
  return (await checkout.recordedEvents()).filter(({ type }) => type === 'payframe-bin').map(({ detail }) => detail);
}

/** Everything the skimmer and the page's console could gather. */
async function skimmed(page: Page): Promise<string> {
  const loot = await page.evaluate(collectLoot);
  return `${loot.records.join('\n')}\n${loot.dom}`;
}

test('off by default: no payframe-bin, and the skimmer finds not even the first 6 digits', async ({ page, checkout }) => {
  await checkout.fillCard(SECRET_CARD);
  expect('paymentMethod' in (await checkout.tokenize())).toBe(true);
  // Some change events were heard, so the recorder works.
  expect((await checkout.recordedEvents()).some(({ type }) => type === 'payframe-change')).toBe(true);
  expect(await binEvents(checkout)).toEqual([]);
  const loot = await skimmed(page);
  expect(loot).not.toMatch(/411111/);
  expect(findSecrets(loot)).toEqual([]);
});

test('on: the first 6 digits once typed, the first 8 at the 16th digit, each once; the skimmer finds nothing more', async ({ page, checkout }) => {
  await turnBinOn(page, checkout);
  await checkout.type('number', SECRET_CARD.number.slice(0, 5));
  await checkout.settled('number');
  expect(await binEvents(checkout)).toEqual([]);
  await checkout.type('number', SECRET_CARD.number.slice(5, 6));
  await expect.poll(() => binEvents(checkout)).toEqual([{ bin: '411111' }]);
  await checkout.type('number', SECRET_CARD.number.slice(6, 15));
  await checkout.settled('number');
  expect(await binEvents(checkout)).toEqual([{ bin: '411111' }]);
  await checkout.type('number', SECRET_CARD.number.slice(15));
  await expect.poll(() => binEvents(checkout)).toEqual([{ bin: '411111' }, { bin: '41111111' }]);
  // Deleting the last digit and typing it again sends nothing new.
  await checkout.input('number').press('Backspace');
  await checkout.type('number', '1');
  await checkout.type('expiry', SECRET_CARD.expiry);
  await checkout.type('cvc', SECRET_CARD.cvc);
  await checkout.settled('cvc');
  expect(await binEvents(checkout)).toEqual([{ bin: '411111' }, { bin: '41111111' }]);
  const loot = await skimmed(page);
  expect(loot).toMatch(/41111111/);
  // Nine leading digits or more, the whole number, the CVC: nowhere.
  expect(loot).not.toMatch(/411111111/);
  expect(findSecrets(loot)).toEqual([]);
});

test('on: what the BIN table knows comes with the BIN: a co-badged French card at 8 digits, an Amex at 6', async ({ page, checkout }) => {
  await turnBinOn(page, checkout);
  await checkout.type('number', '4000002500001001');
  await expect.poll(() => binEvents(checkout)).toEqual([{ bin: '400000' }, { bin: '40000025', funding: 'credit', country: 'FR', networks: ['visa', 'cartes_bancaires'] }]);
  await page.evaluate(() => (document.querySelector('payframe-checkout') as unknown as { clear(): void }).clear());
  await checkout.type('number', '378282246310005');
  // 15 digits: the first 6 only, ever.
  await expect.poll(() => binEvents(checkout)).toHaveLength(3);
  expect((await binEvents(checkout))[2]).toEqual({ bin: '378282', funding: 'credit', country: 'US' });
});
