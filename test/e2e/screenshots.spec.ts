// The checkout as the shopper sees it, compared with committed references
// (test/e2e/__screenshots__/screenshots.spec.ts/): light, dark, minimal, right to left, a focused
// field, errors and busy, at desktop width and on a 360 px phone. The drop-in's labels, boxes, focus
// ring and error lines are drawn inside its one card frame, which is in the picture: the screenshot
// is what the compositor shows. Deterministic: no caret (hidden), animations stopped by Playwright,
// the same fonts.
// After an intended visual change: add --update-snapshots, look at the new files, commit them.
import type { Page } from '@playwright/test';
import type { DemoServers } from '../../demo/servers.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { expect, test } from './harness/slow-gateway.ts';

const WIDTHS = { desktop: { width: 1024, height: 700 }, phone: { width: 360, height: 740 } } as const;
const VISA = { number: '4242424242424242', expiry: '1234', cvc: '123' };
const SCREENSHOT = { maxDiffPixelRatio: 0.01, animations: 'disabled', caret: 'hide' } as const;

async function openCheckout(page: Page, demo: DemoServers, checkout: CardFieldsHarness, query: string): Promise<void> {
  await page.goto(`${demo.merchantUrl}/test-pages/a11y.html${query}`);
  await checkout.waitReady();
}

/** Takes focus out of the frames (no caret, no focus ring): a click on the page's heading. */
async function blurAll(page: Page, checkout: CardFieldsHarness): Promise<void> {
  await page.locator('h1').click();
  await expect.poll(() => checkout.focusedField()).toBe('body');
}

for (const [widthName, viewport] of Object.entries(WIDTHS)) {
  test.describe(`${widthName} (${viewport.width} px)`, () => {
    test.use({ viewport });

    test('light', async ({ page, demo, checkout }) => {
      await openCheckout(page, demo, checkout, '');
      await expect(checkout.payButton()).toHaveText('Pay €19.99');
      await expect(page.locator('#checkout')).toHaveScreenshot(`light-${widthName}.png`, SCREENSHOT);
    });

    test('dark', async ({ page, demo, checkout }) => {
      await openCheckout(page, demo, checkout, '?theme=dark');
      await expect.poll(() => checkout.input('number').evaluate((input) => getComputedStyle(input).backgroundColor)).toBe('rgb(28, 31, 38)');
      await expect(page.locator('#checkout')).toHaveScreenshot(`dark-${widthName}.png`, SCREENSHOT);
    });

    test('minimal', async ({ page, demo, checkout }) => {
      await openCheckout(page, demo, checkout, '?theme=minimal');
      // The boxes become underlines once the theme has reached them.
      await expect.poll(() => checkout.fieldElement('number').locator('.box').evaluate((box) => getComputedStyle(box).borderTopWidth)).toBe('0px');
      await expect(page.locator('#checkout')).toHaveScreenshot(`minimal-${widthName}.png`, SCREENSHOT);
    });

    test('focus ring on the card number', async ({ page, demo, checkout }) => {
      await openCheckout(page, demo, checkout, '');
      await checkout.input('number').focus();
      await expect.poll(() => checkout.fieldElement('number').locator('.box').evaluate((box) => getComputedStyle(box).boxShadow)).toMatch(/ 0px 0px 0px 3px$/);
      await expect(page.locator('#checkout')).toHaveScreenshot(`focus-${widthName}.png`, SCREENSHOT);
    });

    test('right to left (Arabic), a card number typed', async ({ page, demo, checkout }) => {
      await openCheckout(page, demo, checkout, '?locale=ar');
      await expect(checkout.fieldElement('number').locator('label')).toHaveText('رقم البطاقة');
      await checkout.type('number', VISA.number);
      await blurAll(page, checkout);
      await expect(page.locator('#checkout')).toHaveScreenshot(`rtl-${widthName}.png`, SCREENSHOT);
    });

    test('errors', async ({ page, demo, checkout }) => {
      await openCheckout(page, demo, checkout, '');
      await checkout.type('number', '4242 4242 4242 4241');
      await checkout.type('expiry', '13');
      await checkout.payButton().click();
      await expect(checkout.errorLine('cvc')).toHaveText("Your card's security code is incomplete.");
      await blurAll(page, checkout);
      await expect(page.locator('#checkout')).toHaveScreenshot(`errors-${widthName}.png`, SCREENSHOT);
    });

    test('busy', async ({ page, demo, checkout, slowNextTokenization }) => {
      await openCheckout(page, demo, checkout, '');
      await checkout.fillCard(VISA);
      await slowNextTokenization(5_000);
      const token = checkout.nextEvent('payframe-token');
      await checkout.payButton().click();
      await expect(checkout.payButton()).toHaveText('Processing…');
      await blurAll(page, checkout);
      await expect(page.locator('#checkout')).toHaveScreenshot(`busy-${widthName}.png`, SCREENSHOT);
      // Still busy when the picture was taken.
      await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'true');
      await token;
    });
  });
}
