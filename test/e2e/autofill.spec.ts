// Browser autofill. The drop-in's card frame holds number, expiry and CVC in one <form>, each with
// its autocomplete name, so the browser fills the three like any card form, in one document; the
// merchant page sees change events only. Split fields have a frame per field: a saved card offered
// in the card number's frame fills the number there and the hidden expiry and CVC inputs beside it,
// as Chromium does (value set, then input and change events); the number frame routes those to the
// expiry and CVC frames over the fields-origin channel.
import type { Frame } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
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

const AUTOCOMPLETE = { number: ['cc-number', 'cardnumber'], expiry: ['cc-exp', 'exp-date'], cvc: ['cc-csc', 'cvc'] } as const;

test.beforeEach(async ({ page, demo, checkout, split }) => {
  await page.addInitScript(installSkimmer, demo.merchantUrl);
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await split.waitReady();
});

/**
 * After a fill: the page heard every input complete through change events only, with states and
 * no values, and a skimmer on the merchant page got nothing of the card, not even the expiry
 * (until the gateway's token names it); the gateway gets the filled card.
 */
async function expectFilledCardReachesOnlyTheGateway(page: import('@playwright/test').Page, harness: CardFieldsHarness): Promise<void> {
  await expect.poll(async () => (await harness.recordedEvents()).filter((event) => event.detail.complete === true).map((event) => event.detail.field).sort()).toEqual(['cvc', 'expiry', 'number']);
  const events = await harness.recordedEvents();
  expect(new Set(events.map((event) => event.type))).toEqual(new Set(['payframe-change']));
  for (const event of events) expect(Object.keys(event.detail).sort()).toEqual(expect.arrayContaining(['complete', 'empty', 'field', 'valid']));

  const loot = await page.evaluate(collectLoot);
  expect(loot.records.some((entry) => entry.includes('"change"'))).toBe(true);
  expect(findSecrets(loot.records.join('\n'))).toEqual([]);
  expect(findSecrets(loot.dom)).toEqual([]);
  expect(loot.records.join('\n')).not.toMatch(/2034|12\/34|12 \/ 34/);

  for (const kind of ['number', 'expiry', 'cvc'] as const) await harness.settled(kind);
  const result = await harness.tokenize();
  expect('paymentMethod' in result && result.paymentMethod.card).toMatchObject({ last4: '1111', exp_month: 12, exp_year: 2034 });
  expect(findSecrets((await page.evaluate(collectLoot)).records.join('\n'))).toEqual([]);
}

test.describe('the drop-in: one card form in one frame', () => {
  test('the card frame names its three inputs for autofill in one form, and has no hidden inputs', async ({ checkout }) => {
    for (const kind of ['number', 'expiry', 'cvc'] as const) {
      await expect(checkout.input(kind)).toHaveAttribute('autocomplete', AUTOCOMPLETE[kind][0]);
      await expect(checkout.input(kind)).toHaveAttribute('name', AUTOCOMPLETE[kind][1]);
    }
    const frame = await checkout.frame('number');
    const inputs = await frame.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('input')].map((input) => ({
        id: input.id,
        autocomplete: input.autocomplete,
        form: input.form?.id,
        hiddenFromAssistiveTech: input.closest('[aria-hidden="true"]') !== null,
        tabIndex: input.tabIndex,
      })),
    );
    // One form holds exactly the three inputs a shopper sees and tabs through: nothing for autofill to catch off-screen.
    expect(inputs).toEqual(
      (['number', 'expiry', 'cvc'] as const).map((kind) => ({ id: kind, autocomplete: AUTOCOMPLETE[kind][0], form: 'card', hiddenFromAssistiveTech: false, tabIndex: 0 })),
    );
    expect(await frame.evaluate(() => document.querySelectorAll('form').length)).toBe(1);
  });

  test('autofilling a saved card fills number, expiry and CVC in the card frame; the page sees change events only', async ({ page, checkout }) => {
    await checkout.recordEvents(['payframe-change', 'payframe-focus', 'payframe-blur', 'payframe-error']);
    await autofill(await checkout.frame('number'), { 'cc-number': SECRET_CARD.number, 'cc-exp': '12/2034', 'cc-csc': SECRET_CARD.cvc });

    await expect(checkout.input('number')).toHaveValue('4111 1111 1111 1111');
    await expect(checkout.input('expiry')).toHaveValue('12 / 34');
    await expect(checkout.input('cvc')).toHaveValue(SECRET_CARD.cvc);
    await expectFilledCardReachesOnlyTheGateway(page, checkout);
  });

  test('a fill of the three inputs through Playwright fill() tokenizes', async ({ page, checkout }) => {
    await checkout.recordEvents(['payframe-change', 'payframe-error']);
    await checkout.input('number').fill(SECRET_CARD.number);
    await checkout.input('expiry').fill('12 / 34');
    await checkout.input('cvc').fill(SECRET_CARD.cvc);
    await expect(checkout.input('number')).toHaveValue('4111 1111 1111 1111');
    await expect(checkout.input('expiry')).toHaveValue('12 / 34');
    for (const kind of ['number', 'expiry', 'cvc'] as const) await checkout.settled(kind);
    const result = await checkout.tokenize();
    expect('paymentMethod' in result && result.paymentMethod.card).toMatchObject({ last4: '1111', exp_month: 12, exp_year: 2034 });
    expect(findSecrets((await page.evaluate(collectLoot)).records.join('\n'))).toEqual([]);
  });

  test('an expired autofilled date shows its error at once', async ({ checkout }) => {
    await autofill(await checkout.frame('expiry'), { 'cc-exp': '01/2020' });
    await expect(checkout.input('expiry')).toHaveValue('01 / 20');
    await expect(checkout.errorLine('expiry')).toHaveText("Your card's expiration year is in the past.");
  });
});

test.describe('split fields: a frame per field', () => {
  test('each frame names its input for autofill; the number frame holds hidden expiry and CVC inputs out of reach', async ({ split }) => {
    for (const kind of ['number', 'expiry', 'cvc'] as const) {
      await expect(split.input(kind)).toHaveAttribute('autocomplete', AUTOCOMPLETE[kind][0]);
      await expect(split.input(kind)).toHaveAttribute('name', AUTOCOMPLETE[kind][1]);
    }
    const number = await split.frame('number');
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
    expect(await (await split.frame('cvc')).evaluate(() => document.querySelectorAll('input').length)).toBe(1);
  });

  test('autofilling a saved card in the number frame fills the expiry and CVC frames; the page sees change events only', async ({ page, split }) => {
    await split.recordEvents(['payframe-change', 'payframe-focus', 'payframe-blur', 'payframe-error']);
    const number = await split.frame('number');
    await autofill(number, { 'cc-number': SECRET_CARD.number, 'cc-exp': '12/2034', 'cc-csc': SECRET_CARD.cvc });

    await expect(split.input('number')).toHaveValue('4111 1111 1111 1111');
    await expect(split.input('expiry')).toHaveValue('12 / 34');
    await expect(split.input('cvc')).toHaveValue(SECRET_CARD.cvc);
    // The hidden inputs let go of what they caught.
    expect(await number.evaluate(() => [...document.querySelectorAll<HTMLInputElement>('.autofill-catchers input')].map((input) => input.value))).toEqual(['', '', '', '']);
    // The routed values are the ones the gateway gets.
    await expectFilledCardReachesOnlyTheGateway(page, split);
  });

  test('month and year filled separately arrive as one expiry', async ({ split }) => {
    const number = await split.frame('number');
    await autofill(number, { 'cc-number': '4242424242424242', 'cc-exp-month': '07' });
    await expect(split.input('number')).toHaveValue('4242 4242 4242 4242');
    await expect(split.input('expiry')).toHaveValue('');
    await autofill(number, { 'cc-exp-year': '2031' });
    await expect(split.input('expiry')).toHaveValue('07 / 31');
  });

  test('an expired autofilled date shows its error at once', async ({ split }) => {
    await autofill(await split.frame('number'), { 'cc-exp': '01/2020' });
    await expect(split.input('expiry')).toHaveValue('01 / 20');
    await expect(split.errorLine('expiry')).toHaveText("Your card's expiration year is in the past.");
  });
});
