// Every card brand in the drop-in, end to end in Chromium across the real origins: a test card per
// brand typed into the card frame shows the brand's grouping and icon, the merchant page's
// `payframe-change` event names the brand, the brand's name is read with the input, and the token
// the sandbox gateway makes carries the brand. Also: the split number frame's icon, Maestro paying
// without a CVC, the icon at the other end right to left, the sprite loaded only once a brand is
// known and under the frame's CSP, and axe finding nothing wrong.
import type { Page, Response } from '@playwright/test';
import type { DemoServers } from '../../demo/servers.ts';
import type { PayframeChangeDetail } from '../../src/events.ts';
import type { PaymentMethod } from '../../src/index.ts';
import { CARD_BRAND_NAMES, CARD_BRANDS, type CardBrand } from '../../src/shared/card-brands.ts';
import { expect, test } from './fixtures.ts';
import { checkoutViolations, NO_VIOLATIONS } from './harness/axe.ts';
import { BRAND_TEST_CARDS, cardName, cvcFor } from './harness/brand-test-cards.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';

/** The sprite's path; a cell of it (iframe/brand-icons.svg) is 32 px wide, in the order of CARD_BRANDS. */
const SPRITE = /\/assets\/brand-icons-[\w-]+\.svg$/;

async function openCheckout(page: Page, demo: DemoServers, checkout: CardFieldsHarness, query = ''): Promise<void> {
  await page.goto(`${demo.merchantUrl}/test-pages/a11y.html${query}`);
  await checkout.waitReady();
}

/** The icon the number input shows: which sprite cell, from which file, and where. */
async function shownIcon(checkout: CardFieldsHarness) {
  // The drop-in's card frame names its number input `number`; a split field's frame `input`.
  const inputId = checkout.cardFrame ? 'number' : 'input';
  return checkout
    .frameLocator('number')
    .locator(`#${inputId}-icon`)
    .evaluate(
      (icon, [sprite, id]) => {
        const style = getComputedStyle(icon);
        const cellWidth = 32;
        const box = icon.getBoundingClientRect();
        const input = document.getElementById(id)!.getBoundingClientRect();
        return {
          // The sprite's cell (+ 0: the first cell's offset is -0), or the neutral card the stylesheet draws.
          cell: new RegExp(sprite).test(style.backgroundImage.replace(/^url\("?|"?\)$/g, '')) ? -parseFloat(style.backgroundPositionX) / cellWidth + 0 : style.backgroundImage.startsWith('linear-gradient') ? 'neutral' : 'none',
          ariaHidden: icon.getAttribute('aria-hidden'),
          visible: box.width > 0 && box.height > 0,
          atRight: box.left - input.left > input.right - box.right,
        };
      },
      [SPRITE.source, inputId] as const,
    );
}

/** The brand of the last `payframe-change` event of the number field. */
async function lastNumberBrand(checkout: CardFieldsHarness): Promise<string | undefined> {
  const events = await checkout.recordedEvents();
  const changes = events.filter((event) => event.type === 'payframe-change').map((event) => event.detail as unknown as PayframeChangeDetail);
  return changes.filter((change) => change.field === 'number').at(-1)?.brand;
}

/** The sprite's cell of a brand; no brand is the neutral card the stylesheet draws. */
const cellOf = (brand: CardBrand) => (brand === 'unknown' ? 'neutral' : CARD_BRANDS.indexOf(brand));

test.describe('each brand typed into the drop-in', () => {
  for (const card of BRAND_TEST_CARDS) {
    test(`${cardName(card)}: grouping, change event, icon, name read with the input, token brand`, async ({ page, demo, checkout }) => {
      await openCheckout(page, demo, checkout);
      await checkout.recordEvents(['payframe-change']);
      await checkout.type('number', card.number);
      await expect(checkout.input('number')).toHaveValue(card.displayed);
      await expect.poll(() => lastNumberBrand(checkout)).toBe(card.brand);
      await expect.poll(async () => (await shownIcon(checkout)).cell).toBe(cellOf(card.brand));
      expect(await shownIcon(checkout)).toMatchObject({ ariaHidden: 'true', visible: true, atRight: true });
      await expect(checkout.input('number')).toHaveAccessibleDescription(CARD_BRAND_NAMES[card.brand]);

      await checkout.type('expiry', '1234');
      await checkout.type('cvc', cvcFor(card));
      const result = await checkout.tokenize();
      expect(result).toMatchObject({ paymentMethod: expect.anything() });
      const { card: tokenCard } = (result as { paymentMethod: PaymentMethod }).paymentMethod;
      expect(tokenCard).toMatchObject({ brand: card.brand, last4: card.number.slice(-4) });
    });
  }
});

test('the icon follows the digits: the neutral card before a brand is known, for digits of no brand, and after the number is cleared', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout);
  await expect.poll(async () => (await shownIcon(checkout)).cell).toBe(cellOf('unknown'));
  // No brand, no name: the description is empty rather than "Card".
  await expect(checkout.input('number')).toHaveAccessibleDescription('');
  await checkout.type('number', '37');
  await expect.poll(async () => (await shownIcon(checkout)).cell).toBe(cellOf('amex'));
  await expect(checkout.input('number')).toHaveAccessibleDescription('American Express');
  await checkout.clear('number');
  await expect.poll(async () => (await shownIcon(checkout)).cell).toBe(cellOf('unknown'));
  await expect(checkout.input('number')).toHaveAccessibleDescription('');
  await checkout.type('number', '7');
  await expect(checkout.input('number')).toHaveValue('7');
  await expect.poll(async () => (await shownIcon(checkout)).cell).toBe('neutral');
  // No card number starts with 7: the error, and no brand name after it.
  await expect(checkout.input('number')).toHaveAccessibleDescription('Your card number is invalid.');
});

test('split fields: the number frame shows the icon and reads the name; the expiry and CVC frames load no sprite', async ({ page, demo, split }) => {
  await page.goto(demo.merchantUrl);
  await split.waitReady();
  await split.type('number', '378282246310005');
  await expect(split.input('number')).toHaveValue('3782 822463 10005');
  await expect.poll(async () => (await shownIcon(split)).cell).toBe(cellOf('amex'));
  expect(await shownIcon(split)).toMatchObject({ ariaHidden: 'true', visible: true, atRight: true });
  await expect(split.input('number')).toHaveAccessibleDescription('American Express');
  for (const kind of ['expiry', 'cvc'] as const) {
    const loaded = await split
      .frameLocator(kind)
      .locator('html')
      .evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/assets/brand-icons-')).length);
    expect(loaded, kind).toBe(0);
  }
});

test('a Maestro card pays with no CVC, and the gateway gets none', async ({ page, demo, checkout, gatewayTraffic }) => {
  const maestro = BRAND_TEST_CARDS.find((card) => card.cvcOptional)!;
  expect(maestro.brand).toBe('maestro');
  await openCheckout(page, demo, checkout);
  await checkout.recordEvents(['payframe-change']);
  await checkout.type('number', maestro.number);
  await checkout.type('expiry', '1234');
  await expect
    .poll(async () => {
      const changes = (await checkout.recordedEvents()).map((event) => event.detail as unknown as PayframeChangeDetail);
      return changes.filter((change) => change.field === 'cvc').at(-1)?.complete;
    })
    .toBe(true);
  const result = await checkout.tokenize();
  expect(result).toMatchObject({ paymentMethod: { card: { brand: 'maestro' } } });
  const requests = gatewayTraffic.tokenizations();
  expect(requests).toHaveLength(1);
  // Only whether the field is there is compared: the request's body holds the card.
  expect(new URLSearchParams(requests[0]!.postData() ?? '').has('card[cvc]')).toBe(false);
  await expect(checkout.errorLine('cvc')).toHaveText('');
});

test('right to left (Arabic): the icon is at the input’s other end, the left', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout, '?locale=ar');
  await expect(checkout.frameLocator('number').locator('html')).toHaveAttribute('dir', 'rtl');
  await checkout.type('number', '4242424242424242');
  await expect.poll(async () => (await shownIcon(checkout)).cell).toBe(cellOf('visa'));
  expect(await shownIcon(checkout)).toMatchObject({ visible: true, atRight: false });
  // The digits do not run under the icon.
  const overlap = await checkout
    .frameLocator('number')
    .locator('#number')
    .evaluate((input) => {
      const icon = document.getElementById('number-icon')!.getBoundingClientRect();
      const padding = parseFloat(getComputedStyle(input.parentElement!).paddingLeft) + parseFloat(getComputedStyle(input).paddingLeft);
      return icon.right > input.parentElement!.getBoundingClientRect().left + padding;
    });
  expect(overlap).toBe(false);
});

test('the sprite is loaded once a brand is known, one hashed file from the fields origin, cached for good, allowed by the frame’s CSP', async ({ page, demo, checkout }) => {
  const sprites: Response[] = [];
  const refused: string[] = [];
  page.on('response', (response) => {
    if (SPRITE.test(new URL(response.url()).pathname)) sprites.push(response);
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await openCheckout(page, demo, checkout);
  // The empty input shows the neutral card the stylesheet draws: no request yet.
  await expect.poll(async () => (await shownIcon(checkout)).cell).toBe('neutral');
  expect(sprites).toHaveLength(0);
  await checkout.type('number', '4242');
  await expect.poll(() => sprites.length).toBeGreaterThan(0);
  const sprite = sprites[0]!;
  expect(new URL(sprite.url()).origin).toBe(demo.fieldsOrigin);
  expect(sprite.status()).toBe(200);
  const headers = await sprite.allHeaders();
  expect(headers['content-type']).toBe('image/svg+xml');
  expect(headers['cache-control']).toContain('immutable');
  const loaded = await checkout
    .frameLocator('number')
    .locator('html')
    .evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/assets/brand-icons-')).length);
  expect(loaded).toBe(1);
  expect(refused).toEqual([]);
});

test('axe-core finds no WCAG 2.2 AA violation with a brand detected', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout);
  await page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll('payframe-checkout')].flatMap((element) => element.shadowRoot ?? [])];
    return Promise.all(roots.flatMap((root) => root.getAnimations()).map((animation) => animation.finished));
  });
  await checkout.type('number', '6759640000000003');
  await expect.poll(async () => (await shownIcon(checkout)).cell).toBe(cellOf('maestro'));
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
});
