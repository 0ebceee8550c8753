// Languages: every locale has every message, and a checkout shows its labels, placeholders, errors
// and amount in the language asked for (right to left for Arabic, the card number still left to
// right), falls back to English, follows the browser with `auto`, and switches at once when
// `locale` changes, in the frames too, keeping what was typed; the gateway's declines read in the
// checkout's language too. Real Chromium, real origins.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { DemoServers } from '../../demo/servers.ts';
import { ENGLISH_BILLING_TEXTS } from '../../src/i18n/billing-messages.ts';
import { ENGLISH, LOCALES, MESSAGE_KEYS, type Messages } from '../../src/i18n/messages.ts';
import { ENGLISH_NETWORK_TEXTS } from '../../src/i18n/network-messages.ts';
import { ENGLISH_SAVED_CARD_TEXTS } from '../../src/i18n/saved-card-messages.ts';
import { checkoutViolations, NO_VIOLATIONS } from './harness/axe.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { createIntent } from './harness/intent-server.ts';
import { expect, test } from './fixtures.ts';

const LOCALE_DIR = join(import.meta.dirname, '../../src/i18n/locales');

async function openCheckout(page: Page, demo: DemoServers, checkout: CardFieldsHarness, query = ''): Promise<void> {
  await page.goto(`${demo.merchantUrl}/test-pages/a11y.html${query}`);
  await checkout.waitReady();
}

test('every locale has every message key, each a non-empty text with the same placeholders as English', async () => {
  const files = readdirSync(LOCALE_DIR).filter((name) => name.endsWith('.ts')).map((name) => name.slice(0, -3));
  expect(['en', ...files].sort()).toEqual([...LOCALES].sort());
  expect(files).toHaveLength(12);
  for (const code of files) {
    const messages = ((await import(join(LOCALE_DIR, `${code}.ts`))) as { default: Record<string, unknown> }).default;
    // The page's and card inputs' texts, the billing inputs' (src/i18n/billing-messages.ts) and the
    // co-badged network chooser's (src/i18n/network-messages.ts) and a saved card's (src/i18n/saved-card-messages.ts).
    const english: Record<string, string> = { ...ENGLISH, ...ENGLISH_BILLING_TEXTS, ...ENGLISH_NETWORK_TEXTS, ...ENGLISH_SAVED_CARD_TEXTS };
    expect(Object.keys(messages).sort(), `keys of ${code}`).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english)) {
      const text = messages[key];
      expect(typeof text === 'string' && text.trim().length > 0, `${code}.${key}`).toBe(true);
      const placeholders = (value: string) => [...value.matchAll(/\{\w+\}/g)].map(([match]) => match).sort();
      expect(placeholders(text as string), `${code}.${key} placeholders`).toEqual(placeholders(english[key]!));
    }
  }
});

test('locale="de": labels, placeholders, frame title, errors and the amount are German', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout, '?locale=de');
  await expect(checkout.payButton()).toHaveText('19,99 € bezahlen');
  // The visible labels are in the card frame, each the label of its input.
  await expect(checkout.fieldElement('number').locator('label')).toHaveText('Kartennummer');
  await expect(checkout.cardIframe()).toHaveAttribute('title', 'Sichere Eingabe der Kartendaten');
  await expect(checkout.input('number')).toHaveAccessibleName('Kartennummer');
  await expect(checkout.input('expiry')).toHaveAttribute('placeholder', 'MM / JJ');
  await expect(checkout.fieldElement('expiry').locator('label')).toHaveText('Ablaufdatum (MM / JJ)');
  await expect(checkout.frameLocator('number').locator('html')).toHaveAttribute('lang', 'de');
  await checkout.type('number', '4242');
  await page.keyboard.press('Tab');
  await expect(checkout.errorLine('number')).toHaveText('Ihre Kartennummer ist unvollständig.');
  // The error, then the brand the digits show (a brand's name is the same in every language).
  await expect(checkout.input('number')).toHaveAccessibleDescription('Ihre Kartennummer ist unvollständig. Visa');
  // Errors the merchant receives read in the checkout's locale too.
  const result = await checkout.tokenize();
  expect('error' in result && result.error).toMatchObject({ code: 'incomplete_number', message: 'Ihre Kartennummer ist unvollständig.' });
});

/** A German checkout paying a fresh intent, recording what the merchant is told. */
async function openGermanPayment(page: Page, demo: DemoServers, checkout: CardFieldsHarness): Promise<void> {
  await openCheckout(page, demo, checkout, '?locale=de');
  const { clientSecret } = await createIntent(demo);
  await page.locator('#checkout').evaluate((element, secret) => element.setAttribute('client-secret', secret), clientSecret);
  await checkout.recordEvents(['payframe-payment', 'payframe-error']);
}

const formError = (page: Page) => page.locator('payframe-checkout [part="form-error"]');

test('locale="de": a decline reads in German, and the merchant still gets the gateway\'s code and decline code', async ({ page, demo, checkout }) => {
  await openGermanPayment(page, demo, checkout);
  await checkout.fillCard({ number: '4000000000009995', expiry: '1234', cvc: '123' });
  await checkout.payButton().click();
  await expect(formError(page)).toHaveText('Ihre Karte ist nicht ausreichend gedeckt.');
  expect(await checkout.recordedEvents()).toEqual([
    { type: 'payframe-error', detail: { error: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Ihre Karte ist nicht ausreichend gedeckt.' } } },
  ]);
  // A change of language rewords the decline on the spot.
  await page.locator('#checkout').evaluate((element) => element.setAttribute('locale', 'fr'));
  await expect(formError(page)).toHaveText('Votre carte ne dispose pas de fonds suffisants.');
});

test('locale="de": a decline code Payframe does not know reads as a plain German decline, never the gateway\'s English', async ({ page, demo, checkout }) => {
  await openGermanPayment(page, demo, checkout);
  // The gateway's real decline, its decline code swapped for one the page has no text for.
  await page.route(`${demo.gatewayUrl}/v1/payment_intents/*/confirm`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const response = await route.fetch();
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline' });
    await route.fulfill({ response, json: { error: { ...body.error, decline_code: 'do_not_honor', message: 'Do not honor.' } } });
  });
  await checkout.fillCard({ number: '4000000000000002', expiry: '1234', cvc: '123' });
  await checkout.payButton().click();
  await expect(formError(page)).toHaveText('Ihre Karte wurde abgelehnt.');
  expect(await checkout.recordedEvents()).toEqual([
    { type: 'payframe-error', detail: { error: { code: 'card_declined', declineCode: 'do_not_honor', message: 'Ihre Karte wurde abgelehnt.' } } },
  ]);
});

test('locale="ar": right to left, in Arabic, while the card number, expiry and CVC stay left to right', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout, '?locale=ar');
  await expect(checkout.fieldElement('number').locator('label')).toHaveText('رقم البطاقة');
  await expect(page.locator('payframe-checkout form')).toHaveAttribute('dir', 'rtl');
  await expect(checkout.payButton()).toContainText('ادفع');
  for (const kind of ['number', 'expiry', 'cvc'] as const) {
    await expect(checkout.frameLocator(kind).locator('html')).toHaveAttribute('dir', 'rtl');
    expect(await checkout.input(kind).evaluate((input) => getComputedStyle(input).direction)).toBe('ltr');
  }
  await checkout.type('number', '4242424242424242');
  await expect(checkout.input('number')).toHaveValue('4242 4242 4242 4242');
  // Laid out right to left: the expiry (first in reading order) is right of the CVC.
  const expiry = await checkout.fieldElement('expiry').boundingBox();
  const cvc = await checkout.fieldElement('cvc').boundingBox();
  expect(expiry!.x).toBeGreaterThan(cvc!.x);
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
});

test('a language without texts reads English, with the amount formatted for it', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout, '?locale=tr-TR');
  await expect(checkout.payButton()).toHaveText(`Pay ${new Intl.NumberFormat('tr-TR', { style: 'currency', currency: 'EUR' }).format(19.99)}`);
  await expect(checkout.payButton()).toHaveText(/19,99/);
  await expect(checkout.fieldElement('number').locator('label')).toHaveText('Card number');
  await expect(checkout.input('number')).toHaveAccessibleName('Card number');
});

test.describe('with a French browser', () => {
  test.use({ locale: 'fr-FR' });

  test('locale="auto" follows the browser', async ({ page, demo, checkout }) => {
    await openCheckout(page, demo, checkout, '?locale=auto');
    await expect(checkout.payButton()).toHaveText('Payer 19,99 €');
    await expect(checkout.fieldElement('cvc').locator('label')).toHaveText('Code de sécurité (CVC)');
  });
});

test('changing locale on a mounted checkout relabels the page and the frames at once, keeping what was typed', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout);
  await checkout.type('number', '4242 42');
  await checkout.type('expiry', '12');
  await page.keyboard.press('Tab');
  await checkout.waitForFocus('cvc');
  await checkout.type('cvc', '1');
  await expect(checkout.errorLine('number')).toHaveText('Your card number is incomplete.');
  const setLocale = (locale: string) => page.evaluate((value) => document.querySelector('#checkout')!.setAttribute('locale', value), locale);

  await setLocale('ja');
  await expect(checkout.errorLine('number')).toHaveText('カード番号が不完全です。');
  await expect(checkout.input('number')).toHaveAccessibleDescription('カード番号が不完全です。 Visa');
  await expect(checkout.fieldElement('expiry').locator('label')).toHaveText('有効期限 (MM / YY)');
  // The visible part of the label; the format hint after it is for screen readers.
  await expect(checkout.fieldElement('cvc').locator('#cvc-label')).toHaveText('セキュリティコード');
  await expect(checkout.input('cvc')).toHaveAccessibleName('セキュリティコード (CVC)');
  await expect(checkout.payButton()).toHaveText('€19.99 を支払う');
  await expect(checkout.input('number')).toHaveValue('4242 42');
  await expect(checkout.input('expiry')).toHaveValue('12 / ');
  await expect(checkout.input('cvc')).toHaveValue('1');
  // Focus stayed where the shopper was.
  await checkout.waitForFocus('cvc');

  await setLocale('ar');
  await expect(checkout.frameLocator('number').locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(checkout.errorLine('number')).toHaveText('رقم بطاقتك غير مكتمل.');
  await setLocale('en');
  await expect(checkout.errorLine('number')).toHaveText('Your card number is incomplete.');
  await expect(checkout.frameLocator('number').locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(checkout.payButton()).toHaveText('Pay €19.99');
  await expect(checkout.input('number')).toHaveValue('4242 42');

  // And the card typed before the switches still pays: the number's last ten digits.
  await checkout.type('number', '4242424242');
  await checkout.type('expiry', '34');
  await checkout.type('cvc', '23');
  const result = await checkout.tokenize();
  expect(result).toMatchObject({ paymentMethod: expect.anything() });
});

test('locale="de" on split fields: a decline at tokenization reads in German, with the gateway\'s code and decline code kept', async ({ page, demo, split }) => {
  await page.goto(`${demo.merchantUrl}/test-pages/a11y.html?split&locale=de`);
  await split.waitReady();
  // The gateway declines the card when the controller frame tokenizes it, in English, as Stripe would.
  await page.route(`${demo.gatewayUrl}/v1/payment_methods`, (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 402, contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': demo.fieldsOrigin }, json: { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } } })
      : route.continue(),
  );
  await split.fillCard({ number: '4242424242424242', expiry: '1234', cvc: '123' });
  expect(await split.tokenize()).toEqual({ error: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Ihre Karte ist nicht ausreichend gedeckt.' } });
});

test('a card group takes `locale` too', async ({ page, demo, split }) => {
  await page.goto(`${demo.merchantUrl}/test-pages/a11y.html?split&locale=sv`);
  await split.waitReady();
  await expect(split.fieldElement('number').locator('.label')).toHaveText('Kortnummer');
  await expect(split.frameLocator('expiry').locator('label')).toHaveText('Utgångsdatum (MM / ÅÅ)');
});

/** What a single-page app does when the shopper switches its language. */
const setPageLang = (page: Page, lang: string) => page.evaluate((value) => (document.documentElement.lang = value), lang);

test('without `locale`, a mounted checkout follows the page when its <html lang> changes; a `locale` of its own wins', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout);
  await checkout.type('number', '4242 42');
  const numberLabel = checkout.fieldElement('number').locator('label');
  await expect(numberLabel).toHaveText('Card number');

  await setPageLang(page, 'de');
  await expect(numberLabel).toHaveText('Kartennummer');
  await expect(checkout.payButton()).toHaveText('19,99 € bezahlen');
  await expect(checkout.input('number')).toHaveValue('4242 42');

  const host = page.locator('#checkout');
  await host.evaluate((element) => element.setAttribute('locale', 'sv'));
  await expect(numberLabel).toHaveText('Kortnummer');
  // The page switches again; the checkout's next update (a new amount) still reads Swedish.
  await setPageLang(page, 'fr');
  await host.evaluate((element) => element.setAttribute('amount', '2500'));
  await expect(checkout.payButton()).toHaveText('Betala 25,00 €');
  await expect(numberLabel).toHaveText('Kortnummer');
  // Without its own, the page's again.
  await host.evaluate((element) => element.removeAttribute('locale'));
  await expect(numberLabel).toHaveText('Numéro de carte');
  await expect(checkout.payButton()).toHaveText('Payer 25,00 €');
  await expect(checkout.input('number')).toHaveValue('4242 42');
});

test('without `locale`, a card group follows the page when its <html lang> changes', async ({ page, demo, split }) => {
  await page.goto(`${demo.merchantUrl}/test-pages/a11y.html?split`);
  await split.waitReady();
  await expect(split.fieldElement('number').locator('.label')).toHaveText('Card number');
  await setPageLang(page, 'sv');
  await expect(split.fieldElement('number').locator('.label')).toHaveText('Kortnummer');
  await expect(split.frameLocator('expiry').locator('label')).toHaveText('Utgångsdatum (MM / ÅÅ)');
});

// Keeps the English table honest: the type and the key list agree.
test('English is complete by construction', () => {
  const english: Messages = ENGLISH;
  expect(Object.keys(english)).toEqual(MESSAGE_KEYS);
});
