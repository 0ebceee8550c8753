// What the shopper sees while typing: brand spacing, paste, caret placement, deletion over
// separators. Typed into the drop-in's card frame on the fields origin.
import { expect, test } from './fixtures.ts';

test.beforeEach(async ({ page, demo, checkout }) => {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
});

async function paste(page: import('@playwright/test').Page, input: import('@playwright/test').Locator, text: string): Promise<void> {
  // A real clipboard paste (Ctrl+V). The text is copied from the top-level page, as a shopper
  // copies from elsewhere: frames may not write the clipboard (permissions policy).
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await input.press('ControlOrMeta+V');
}

test('a pasted spaced number is formatted and complete', async ({ page, checkout }) => {
  await checkout.input('number').focus();
  await paste(page, checkout.input('number'), '4242 4242 4242 4242');
  await expect(checkout.input('number')).toHaveValue('4242 4242 4242 4242');
  await checkout.waitForFocus('expiry');
});

test('a pasted 12/2034 becomes "12 / 34"', async ({ page, checkout }) => {
  await checkout.input('expiry').focus();
  await paste(page, checkout.input('expiry'), '12/2034');
  await expect(checkout.input('expiry')).toHaveValue('12 / 34');
});

test('expiry typed as M/YY gets its leading zero', async ({ checkout }) => {
  await checkout.type('expiry', '4/29');
  await expect(checkout.input('expiry')).toHaveValue('04 / 29');
});

test('a 19-digit UnionPay number groups 4-4-4-4-3 and a Mastercard stops at 16 digits', async ({ checkout }) => {
  await checkout.type('number', '6205500000000000004');
  await expect(checkout.input('number')).toHaveValue('6205 5000 0000 0000 004');
  await checkout.clear('number');
  await checkout.type('number', '55555555555544449');
  await expect(checkout.input('number')).toHaveValue('5555 5555 5555 4444');
});

test('typing in the middle keeps the caret after the typed digit', async ({ checkout }) => {
  await checkout.type('number', '424242424242');
  await checkout.setCaret('number', 2);
  await checkout.input('number').press('9');
  await expect(checkout.input('number')).toHaveValue('4294 2424 2424 2');
  expect(await checkout.caret('number')).toEqual([3, 3]);
});

test('typing right before a space puts the caret after the new digit, past the space', async ({ checkout }) => {
  await checkout.type('number', '42424242');
  await checkout.setCaret('number', 4);
  await checkout.input('number').press('1');
  await expect(checkout.input('number')).toHaveValue('4242 1424 2');
  expect(await checkout.caret('number')).toEqual([6, 6]);
});

test('Backspace right after a space deletes the digit before it', async ({ checkout }) => {
  await checkout.type('number', '42424242');
  await checkout.setCaret('number', 5);
  await checkout.input('number').press('Backspace');
  await expect(checkout.input('number')).toHaveValue('4244 242');
  expect(await checkout.caret('number')).toEqual([3, 3]);
});

test('Delete right before a space deletes the digit after it', async ({ checkout }) => {
  await checkout.type('number', '42421234');
  await checkout.setCaret('number', 4);
  await checkout.input('number').press('Delete');
  await expect(checkout.input('number')).toHaveValue('4242 234');
  expect(await checkout.caret('number')).toEqual([4, 4]);
});

test('Backspace after "12 / " removes the separator and the month digit', async ({ checkout }) => {
  await checkout.type('expiry', '12');
  await expect(checkout.input('expiry')).toHaveValue('12 / ');
  await checkout.input('expiry').press('Backspace');
  await expect(checkout.input('expiry')).toHaveValue('1');
});

test('pasting in the middle of a number keeps the caret after the pasted digits', async ({ page, checkout }) => {
  await checkout.type('number', '42424242');
  await checkout.setCaret('number', 4);
  await paste(page, checkout.input('number'), '1111');
  await expect(checkout.input('number')).toHaveValue('4242 1111 4242');
  expect(await checkout.caret('number')).toEqual([9, 9]);
});

test('selecting part of the number and typing replaces it', async ({ checkout }) => {
  await checkout.type('number', '4242424242424242');
  await checkout.setCaret('number', 5, 9);
  await checkout.input('number').press('0');
  await expect(checkout.input('number')).toHaveValue('4242 0424 2424 2');
  expect(await checkout.caret('number')).toEqual([6, 6]);
});

test('letters and symbols never enter the fields', async ({ checkout }) => {
  await checkout.type('number', '4a2-4.2 x');
  await expect(checkout.input('number')).toHaveValue('4242');
  await checkout.type('cvc', 'ab1c2');
  await expect(checkout.input('cvc')).toHaveValue('12');
});

test('changing the number from Visa to Amex makes a 3-digit CVC incomplete', async ({ checkout }) => {
  await checkout.type('number', '4242424242424242');
  await checkout.type('expiry', '1234');
  await checkout.type('cvc', '123');
  await checkout.clear('number');
  await checkout.type('number', '378282246310005');
  await checkout.input('cvc').focus();
  await checkout.input('number').focus();
  await expect(checkout.errorLine('cvc')).toHaveText("Your card's security code is incomplete.");
});

test('typing whole cards with no delay between keys, ten times each way, loses and misplaces nothing', async ({ page, checkout }) => {
  test.setTimeout(240_000);
  // Auto-advance at a different length each time: 16 digits then a 3-digit CVC, 15 then 4 (Amex).
  const cards = [
    { number: '4242424242424242', shown: '4242 4242 4242 4242', expiry: '1234', cvc: '123' },
    { number: '5555555555554444', shown: '5555 5555 5555 4444', expiry: '0731', cvc: '987' },
    { number: '378282246310005', shown: '3782 822463 10005', expiry: '1130', cvc: '4321' },
  ];
  const element = page.locator('payframe-checkout');
  let last = cards[0]!;
  for (const way of ['pressSequentially', 'keyboard.type'] as const) {
    for (let run = 0; run < 10; run++) {
      const card = (last = cards[run % cards.length]!);
      await element.evaluate((checkoutElement) => (checkoutElement as unknown as { clear(): void }).clear());
      for (const kind of ['number', 'expiry', 'cvc'] as const) await expect(checkout.input(kind)).toHaveValue('');
      await checkout.input('number').focus();
      const keys = card.number + card.expiry + card.cvc;
      if (way === 'pressSequentially') await checkout.input('number').pressSequentially(keys, { delay: 0 });
      else await page.keyboard.type(keys);
      const what = `${way}, run ${run + 1}`;
      await expect(checkout.input('number'), what).toHaveValue(card.shown);
      await expect(checkout.input('expiry'), what).toHaveValue(`${card.expiry.slice(0, 2)} / ${card.expiry.slice(2)}`);
      await expect(checkout.input('cvc'), what).toHaveValue(card.cvc);
      // Focus went where the last key went, and the page holds every input complete.
      expect(await checkout.focusedField(), what).toBe('cvc');
      for (const kind of ['number', 'expiry', 'cvc'] as const) await checkout.settled(kind);
      expect(
        await element.evaluate((checkoutElement) => {
          const states = (checkoutElement as unknown as { group: { states: Record<string, { complete: boolean; valid: boolean } | undefined> } }).group.states;
          return ['number', 'expiry', 'cvc'].map((kind) => states[kind]?.complete === true && states[kind]?.valid === true);
        }),
        what,
      ).toEqual([true, true, true]);
    }
  }
  // The last card typed is the one the gateway gets.
  const result = await checkout.tokenize();
  expect('paymentMethod' in result && result.paymentMethod.card).toMatchObject({ last4: last.number.slice(-4), exp_month: Number(last.expiry.slice(0, 2)), exp_year: 2000 + Number(last.expiry.slice(2)) });
});
