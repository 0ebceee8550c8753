// Browser autofill across the split frames: a saved card offered in the card number's frame fills
// the number there and the hidden expiry and CVC inputs beside it, as Chromium does (value set,
// then input and change events); the number frame routes those to the expiry and CVC frames over
// the fields-origin channel. The merchant page sees change events only, never a value.
import type { Frame } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { collectLoot, installSkimmer } from './harness/skimmer.ts';
import { findSecrets, SECRET_CARD } from './harness/secrets.ts';

/** What Chromium's autofill does to one input: sets its value, then fires input and change. */
async function autofill(frame: Frame, fills: Record<string, string>): Promise<void> {
  await frame.evaluate((values) => {
    for (const [autocomplete, value] of Object.entries(values)) {
      const input = document.querySelector<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }, fills);
}

test.beforeEach(async ({ page, demo, checkout }) => {
  await page.addInitScript(installSkimmer, demo.merchantUrl);
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
});

test('each frame names its input for autofill; the number frame holds hidden expiry and CVC inputs out of reach', async ({ checkout }) => {
  const expected = { number: ['cc-number', 'cardnumber'], expiry: ['cc-exp', 'exp-date'], cvc: ['cc-csc', 'cvc'] } as const;
  for (const kind of ['number', 'expiry', 'cvc'] as const) {
    await expect(checkout.input(kind)).toHaveAttribute('autocomplete', expected[kind][0]);
    await expect(checkout.input(kind)).toHaveAttribute('name', expected[kind][1]);
  }
  const number = await checkout.frame('number');
  const catchers = await number.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('.autofill-catchers input')].map((input) => ({
      autocomplete: input.autocomplete,
      tabIndex: input.tabIndex,
      hiddenFromAssistiveTech: input.closest('[aria-hidden="true"]') !== null,
      rendered: input.getClientRects().length > 0,
    })),
  );
  expect(catchers).toEqual(
    ['cc-exp', 'cc-exp-month', 'cc-exp-year', 'cc-csc'].map((autocomplete) => ({ autocomplete, tabIndex: -1, hiddenFromAssistiveTech: true, rendered: true })),
  );
  // The expiry and CVC frames have no such inputs: only the number frame receives a whole card.
  expect(await (await checkout.frame('cvc')).evaluate(() => document.querySelectorAll('input').length)).toBe(1);
});

test('autofilling a saved card in the number frame fills the expiry and CVC frames; the page sees change events only', async ({ page, checkout }) => {
  await checkout.recordEvents(['payframe-change', 'payframe-focus', 'payframe-blur', 'payframe-error']);
  const number = await checkout.frame('number');
  await autofill(number, { 'cc-number': SECRET_CARD.number, 'cc-exp': '12/2034', 'cc-csc': SECRET_CARD.cvc });

  await expect(checkout.input('number')).toHaveValue('4111 1111 1111 1111');
  await expect(checkout.input('expiry')).toHaveValue('12 / 34');
  await expect(checkout.input('cvc')).toHaveValue(SECRET_CARD.cvc);
  // The hidden inputs let go of what they caught.
  expect(await number.evaluate(() => [...document.querySelectorAll<HTMLInputElement>('.autofill-catchers input')].map((input) => input.value))).toEqual(['', '', '', '']);

  await expect.poll(async () => (await checkout.recordedEvents()).filter((event) => event.detail.complete === true).map((event) => event.detail.field).sort()).toEqual(['cvc', 'expiry', 'number']);
  const events = await checkout.recordedEvents();
  expect(new Set(events.map((event) => event.type))).toEqual(new Set(['payframe-change']));
  for (const event of events) expect(Object.keys(event.detail).sort()).toEqual(expect.arrayContaining(['complete', 'empty', 'field', 'valid']));

  // A skimmer on the merchant page heard the change events and nothing of the card, not even
  // the expiry (until the gateway's token names it).
  const loot = await page.evaluate(collectLoot);
  expect(loot.records.some((entry) => entry.includes('"change"'))).toBe(true);
  expect(findSecrets(loot.records.join('\n'))).toEqual([]);
  expect(findSecrets(loot.dom)).toEqual([]);
  expect(loot.records.join('\n')).not.toMatch(/2034|12\/34|12 \/ 34/);

  // The routed values are the ones the gateway gets.
  const result = await checkout.tokenize();
  expect('paymentMethod' in result && result.paymentMethod.card).toMatchObject({ last4: '1111', exp_month: 12, exp_year: 2034 });
  expect(findSecrets((await page.evaluate(collectLoot)).records.join('\n'))).toEqual([]);
});

test('month and year filled separately arrive as one expiry', async ({ checkout }) => {
  const number = await checkout.frame('number');
  await autofill(number, { 'cc-number': '4242424242424242', 'cc-exp-month': '07' });
  await expect(checkout.input('number')).toHaveValue('4242 4242 4242 4242');
  await expect(checkout.input('expiry')).toHaveValue('');
  await autofill(number, { 'cc-exp-year': '2031' });
  await expect(checkout.input('expiry')).toHaveValue('07 / 31');
});

test('an expired autofilled date shows its error at once', async ({ checkout }) => {
  await autofill(await checkout.frame('number'), { 'cc-exp': '01/2020' });
  await expect(checkout.input('expiry')).toHaveValue('01 / 20');
  await expect(checkout.errorLine('expiry')).toHaveText("Your card's expiration year is in the past.");
});
