// A mounted checkout switches language and theme in every shopper's engine: its card frame
// relabels and restyles in place, and what the shopper typed stays. The demo page's checkout, real origins.
import { CardFieldsDriver } from './card-fields-driver.ts';
import { expect, test } from './engine-fixtures.ts';

const LIGHT_TEXT = 'rgb(26, 31, 54)';
const DARK_TEXT = 'rgb(230, 233, 239)';
const DARK_BACKGROUND = 'rgb(28, 31, 38)';

test('locale="de" then theme="dark" on a mounted checkout: German labels and dark inputs inside the card frame, the typed card kept', async ({ engine, demo }) => {
  await engine.goto(demo.merchantUrl);
  const checkout = CardFieldsDriver.dropIn(engine);
  await checkout.waitReady();
  await checkout.type('number', '4242424242424242');
  await checkout.type('expiry', '1234');
  const look = () =>
    engine.evaluateInFrame(
      checkout.frame('number'),
      (selector) => {
        const input = document.querySelector(selector) as HTMLInputElement;
        const style = getComputedStyle(input);
        return { lang: document.documentElement.lang, label: input.labels?.[0]?.textContent?.trim(), color: style.color, background: style.backgroundColor };
      },
      checkout.input('number'),
    );
  // The control: English and light before the switch, so a change afterwards means something.
  expect(await look()).toMatchObject({ lang: 'en', label: 'Card number', color: LIGHT_TEXT });

  await engine.evaluate(() => document.querySelector('#checkout')!.setAttribute('locale', 'de'), null);
  await expect.poll(async () => (await look()).label, { message: 'the number input relabelled in German' }).toBe('Kartennummer');
  expect(await look()).toMatchObject({ lang: 'de', color: LIGHT_TEXT });
  expect(await engine.evaluateInFrame(checkout.frame('expiry'), (selector) => (document.querySelector(selector) as HTMLInputElement).labels?.[0]?.textContent?.trim(), checkout.input('expiry'))).toBe(
    'Ablaufdatum (MM / JJ)',
  );

  await engine.evaluate(() => document.querySelector('#checkout')!.setAttribute('theme', 'dark'), null);
  await expect.poll(async () => (await look()).color, { message: 'the number input turned dark' }).toBe(DARK_TEXT);
  expect(await look()).toEqual({ lang: 'de', label: 'Kartennummer', color: DARK_TEXT, background: DARK_BACKGROUND });

  // Neither switch reloaded the card frame: what was typed is still there.
  expect(await checkout.value('number')).toBe('4242 4242 4242 4242');
  expect(await checkout.value('expiry')).toBe('12 / 34');
});
