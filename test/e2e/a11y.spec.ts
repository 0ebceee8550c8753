// Accessibility of the checkout, end to end in Chromium across the real origins: axe-core (WCAG 2.2
// A/AA) on the merchant page and inside every field frame in each state, labels and error wiring
// inside the frames, the merchant-side live region, keyboard-only paying, Tab order across the
// frames, focus rings, 200% zoom and reduced motion.
import type { Page } from '@playwright/test';
import type { DemoServers } from '../../demo/servers.ts';
import { checkoutViolations, NO_VIOLATIONS } from './harness/axe.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { announcements, recordAnnouncements } from './harness/live-region.ts';
import { expect, test } from './harness/slow-gateway.ts';

const VISA = { number: '4242424242424242', expiry: '1234', cvc: '123' };
const HOST = '#checkout';

async function openCheckout(page: Page, demo: DemoServers, checkout: CardFieldsHarness, query = ''): Promise<void> {
  await page.goto(`${demo.merchantUrl}/test-pages/a11y.html${query}`);
  await checkout.waitReady();
  // Ready enables the pay button with a short fade: judge contrast once it has settled.
  await page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll('payframe-checkout, payframe-card-group')].flatMap((element) => element.shadowRoot ?? [])];
    return Promise.all(roots.flatMap((root) => root.getAnimations()).map((animation) => animation.finished));
  });
}

test.describe('axe-core finds no WCAG 2.2 AA violation on the page or inside any frame', () => {
  test('empty', async ({ page, demo, checkout }) => {
    await openCheckout(page, demo, checkout);
    expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
  });

  test('with errors in every field', async ({ page, demo, checkout }) => {
    await openCheckout(page, demo, checkout);
    await checkout.type('number', '4242');
    await checkout.type('expiry', '13');
    await checkout.payButton().click();
    for (const kind of ['number', 'expiry', 'cvc'] as const) await expect(checkout.errorLine(kind)).not.toHaveText('');
    for (const kind of ['number', 'expiry', 'cvc'] as const) await expect(checkout.input(kind)).toHaveAttribute('aria-invalid', 'true');
    expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
  });

  test('complete', async ({ page, demo, checkout }) => {
    await openCheckout(page, demo, checkout);
    await checkout.fillCard(VISA);
    await expect(checkout.input('cvc')).toHaveValue('123');
    expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
  });

  test('busy while paying', async ({ page, demo, checkout, slowNextTokenization }) => {
    await openCheckout(page, demo, checkout);
    await checkout.fillCard(VISA);
    await slowNextTokenization(4_000);
    const token = checkout.nextEvent('payframe-token');
    await checkout.payButton().click();
    await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'true');
    expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
    await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'true');
    await token;
  });
});

test.describe('labels, errors and announcements', () => {
  test('each frame has a title, each input a label; errors are tied to the input with aria-describedby and aria-invalid', async ({ page, demo, checkout }) => {
    await openCheckout(page, demo, checkout);
    const names = { number: 'Card number', expiry: 'Expiration date (MM / YY)', cvc: 'Security code (CVC)' } as const;
    await expect(checkout.cardIframe()).toHaveAttribute('title', 'Secure card details input');
    for (const kind of ['number', 'expiry', 'cvc'] as const) {
      await expect(checkout.frameLocator(kind).getByLabel(names[kind], { exact: true })).toHaveCount(1);
      await expect(checkout.input(kind)).toHaveAttribute('aria-invalid', 'false');
    }
    await checkout.type('number', '4242');
    await page.keyboard.press('Tab');
    const input = checkout.input('number');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    // The error line, then the detected brand's name (test/e2e/brands.spec.ts).
    const [errorId, brandId] = (await input.getAttribute('aria-describedby'))?.split(' ') ?? [];
    expect(errorId).toBeTruthy();
    await expect(checkout.frameLocator('number').locator(`#${errorId}`)).toHaveText('Your card number is incomplete.');
    await expect(checkout.frameLocator('number').locator(`#${brandId}`)).toHaveText('Visa');
    await expect(input).toHaveAccessibleDescription('Your card number is incomplete. Visa');
    await checkout.type('number', '424242424242');
    await expect(input).toHaveAttribute('aria-invalid', 'false');
    await expect(input).toHaveAccessibleDescription('Visa');
  });

  test("a field's error is announced once by the page's live region, in words and without the digits typed", async ({ page, demo, checkout }) => {
    await openCheckout(page, demo, checkout);
    await recordAnnouncements(page);
    await checkout.type('number', '4242 42');
    await page.keyboard.press('Tab');
    await expect(checkout.errorLine('number')).toHaveText('Your card number is incomplete.');
    // Going back and leaving again with the same error says nothing new.
    await checkout.input('number').focus();
    await page.keyboard.press('Tab');
    await checkout.waitForFocus('expiry');
    await checkout.type('expiry', '1');
    await page.keyboard.press('Shift+Tab');
    await checkout.waitForFocus('number');
    await expect(checkout.errorLine('expiry')).toHaveText("Your card's expiration date is incomplete.");
    await page.keyboard.press('Tab');
    await checkout.waitForFocus('expiry');
    await page.keyboard.press('Shift+Tab');
    await checkout.waitForFocus('number');
    await expect.poll(() => announcements(page)).toEqual(['Your card number is incomplete.', "Your card's expiration date is incomplete."]);
    // There is one live region, and the error lines themselves are not live.
    const liveRegions = await page.evaluate(() => {
      const all: Element[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const element of root.querySelectorAll('*')) {
          if (element.matches('[aria-live], [role="alert"], [role="status"], output')) all.push(element);
          if (element.shadowRoot) walk(element.shadowRoot);
        }
      };
      walk(document);
      return all.map((element) => element.className || element.localName);
    });
    expect(liveRegions).toEqual(['payframe-live']);
    for (const said of await announcements(page)) expect(said).not.toMatch(/\d{2}/);
  });

  test('the pay button says it is busy and the live region says the outcome', async ({ page, demo, checkout, slowNextTokenization }) => {
    await openCheckout(page, demo, checkout);
    await checkout.fillCard(VISA);
    await recordAnnouncements(page);
    await slowNextTokenization(1_500);
    const token = checkout.nextEvent('payframe-token');
    await checkout.payButton().click();
    await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'true');
    await expect(checkout.payButton()).toHaveAccessibleName('Processing…');
    await expect(page.locator(`${HOST} form`)).toHaveAttribute('aria-busy', 'true');
    await token;
    await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'false');
    await expect(checkout.payButton()).toHaveAccessibleName('Pay €19.99');
    await expect.poll(() => announcements(page)).toEqual(['Processing…', 'Card details accepted.']);
  });

  test('a submit with missing fields announces the first problem once', async ({ page, demo, checkout }) => {
    await openCheckout(page, demo, checkout);
    await recordAnnouncements(page);
    await checkout.payButton().click();
    await expect(checkout.errorLine('cvc')).toHaveText("Your card's security code is incomplete.");
    const said = await announcements(page);
    expect(said[0]).toBe('Your card number is incomplete.');
    expect(said.filter((text) => text === 'Your card number is incomplete.')).toHaveLength(1);
  });
});

test.describe('keyboard', () => {
  test('keyboard only: Tab into the card number, type the card, Enter pays', async ({ page, demo, checkout, gatewayTraffic }) => {
    await openCheckout(page, demo, checkout);
    await checkout.recordEvents(['payframe-token', 'payframe-error']);
    await page.locator('#before').focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => checkout.focusedField()).toBe('number');
    await page.keyboard.type(VISA.number);
    // A complete card number moves focus on by itself, as does a complete expiry.
    await expect.poll(() => checkout.focusedField()).toBe('expiry');
    await page.keyboard.type(VISA.expiry);
    await expect.poll(() => checkout.focusedField()).toBe('cvc');
    await page.keyboard.type(VISA.cvc);
    const token = checkout.nextEvent<{ paymentMethod: { id: string } }>('payframe-token');
    await page.keyboard.press('Enter');
    expect((await token).paymentMethod.id).toMatch(/^pm_/);
    expect((await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-token']);
    expect(gatewayTraffic.tokenizations()).toHaveLength(1);
  });

  test('Tab and Shift+Tab walk page → number → expiry → CVC → Pay → page and back, keeping what was typed', async ({ page, demo, checkout }) => {
    await openCheckout(page, demo, checkout);
    await page.locator('#before').focus();
    const forward = ['number', 'expiry', 'cvc', 'button', 'after'];
    const typed: Record<string, string> = { number: '4242', expiry: '1', cvc: '12' };
    for (const stop of forward) {
      await page.keyboard.press('Tab');
      await expect.poll(() => checkout.focusedField()).toBe(stop);
      if (typed[stop]) await page.keyboard.type(typed[stop]);
    }
    for (const stop of ['button', 'cvc', 'expiry', 'number', 'before']) {
      await page.keyboard.press('Shift+Tab');
      await expect.poll(() => checkout.focusedField()).toBe(stop);
    }
    await expect(checkout.input('number')).toHaveValue('4242');
    await expect(checkout.input('expiry')).toHaveValue('1');
    await expect(checkout.input('cvc')).toHaveValue('12');
  });

  test('the focused field shows a focus ring, the button a visible outline', async ({ page, demo, checkout }) => {
    await openCheckout(page, demo, checkout);
    const box = checkout.fieldElement('number').locator('.box');
    const ringOf = () => box.evaluate((element) => getComputedStyle(element).boxShadow);
    const unfocused = await ringOf();
    await checkout.input('number').focus();
    // The ring fades in (a short transition), so wait for it rather than read it mid-way.
    await expect.poll(ringOf).toMatch(/^rgba?\(5, 112, 222(, [\d.]+)?\) 0px 0px 0px 3px$/);
    expect(await box.evaluate((element) => getComputedStyle(element).borderTopColor)).toBe('rgb(5, 112, 222)');
    expect(unfocused).not.toMatch(/3px$/);
    await page.locator('#after').focus();
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => checkout.focusedField()).toBe('button');
    const outline = await checkout.payButton().evaluate((button) => getComputedStyle(button).outlineStyle + ' ' + getComputedStyle(button).outlineWidth);
    expect(outline).toBe('solid 3px');
  });
});

test.describe('zoom and motion', () => {
  test('at 200% zoom (a 1280 px window is 640 CSS px wide) nothing scrolls sideways or is clipped', async ({ page, demo, checkout }) => {
    await page.setViewportSize({ width: 640, height: 400 });
    await openCheckout(page, demo, checkout);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    const frame = await checkout.cardIframe().boundingBox();
    expect(frame!.x).toBeGreaterThanOrEqual(0);
    expect(frame!.x + frame!.width).toBeLessThanOrEqual(640);
    for (const kind of ['number', 'expiry', 'cvc'] as const) {
      // Each input's box lies inside the frame, and its text fits the input at the default size.
      const fits = await checkout.input(kind).evaluate((input) => {
        const box = input.parentElement!.getBoundingClientRect();
        return input.scrollHeight <= input.clientHeight && box.left >= 0 && box.right <= document.documentElement.clientWidth;
      });
      expect(fits).toBe(true);
    }
    const button = await checkout.payButton().boundingBox();
    expect(button!.x + button!.width).toBeLessThanOrEqual(640);
  });

  test('prefers-reduced-motion turns transitions and the loading shimmer off', async ({ page, demo, checkout }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openCheckout(page, demo, checkout);
    const motion = async () => {
      const page_ = await page.evaluate(() => {
        const checkoutRoot = document.querySelector('#checkout')!.shadowRoot!;
        // The skeleton shows only while the frame loads: a probe with its class reads its rule.
        const probe = checkoutRoot.appendChild(document.createElement('div'));
        probe.className = 'skeleton-box';
        const shimmer = getComputedStyle(probe).animationName;
        probe.remove();
        return { shimmer, button: getComputedStyle(checkoutRoot.querySelector('button')!).transitionDuration };
      });
      const box = await checkout.fieldElement('number').locator('.box').evaluate((element) => getComputedStyle(element).transitionDuration);
      return { shimmer: page_.shimmer, box, button: page_.button };
    };
    expect(await motion()).toEqual({ shimmer: 'none', box: '0s', button: '0s' });
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await motion()).not.toEqual({ shimmer: 'none', box: '0s', button: '0s' });
  });
});
