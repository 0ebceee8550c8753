// Theming: the built-in themes (light, dark, minimal, auto) and theme variables style the
// merchant-side chrome and, through the style allowlist, the drop-in's card frame: its inputs and
// the labels, boxes and focus ring it draws around them; ::part() reaches the parts left on the page;
// a theme switch keeps what was typed. Real Chromium, real origins.
import type { Page } from '@playwright/test';
import type { DemoServers } from '../../demo/servers.ts';
import { checkoutViolations, NO_VIOLATIONS, type AxeViolation } from './harness/axe.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { expect, test } from './fixtures.ts';

async function openCheckout(page: Page, demo: DemoServers, checkout: CardFieldsHarness, query = ''): Promise<void> {
  await page.goto(`${demo.merchantUrl}/test-pages/a11y.html${query}`);
  await checkout.waitReady();
}

/** A computed style of the card number input, read inside its frame on the fields origin. */
function inputStyle(checkout: CardFieldsHarness, property: string, pseudo?: string): Promise<string> {
  return checkout.input('number').evaluate((input, [name, element]) => getComputedStyle(input, element ?? null).getPropertyValue(name!), [property, pseudo] as const);
}

/** A computed style of the box around a field's input (drawn inside the card frame for the drop-in). */
function boxStyle(checkout: CardFieldsHarness, property: string, kind: 'number' | 'expiry' | 'cvc' = 'number'): Promise<string> {
  return checkout.fieldElement(kind).locator('.box').evaluate((box, name) => getComputedStyle(box).getPropertyValue(name), property);
}

/**
 * axe's findings on the page and in the card frame, the frame judged over what the shopper sees
 * behind it. The frame is see-through (its labels and error lines sit on the merchant's page, as
 * they did when the page drew them), but axe, run inside the cross-origin frame, cannot see the
 * page and takes white for the background. So, while axe runs, the frame's root is painted the
 * colour the compositor shows through it: the page's background behind the checkout.
 */
async function violationsOverThePage(page: Page, checkout: CardFieldsHarness): Promise<Record<string, AxeViolation[]>> {
  const frame = await checkout.frame('number');
  // The frame paints no background of its own: the page's shows through.
  expect(await frame.evaluate(() => [document.documentElement, document.body].map((element) => getComputedStyle(element).backgroundColor))).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
  const behind = await page.evaluate(() => {
    for (let element = document.querySelector('#checkout')!.parentElement; element; element = element.parentElement) {
      const color = getComputedStyle(element).backgroundColor;
      if (color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
    }
    return 'rgb(255, 255, 255)';
  });
  await frame.evaluate((color) => document.documentElement.style.setProperty('background-color', color), behind);
  try {
    return await checkoutViolations(page, checkout);
  } finally {
    await frame.evaluate(() => document.documentElement.style.removeProperty('background-color'));
  }
}

const LIGHT_TEXT = 'rgb(26, 31, 54)';
const DARK_TEXT = 'rgb(230, 233, 239)';
const DARK_BACKGROUND = 'rgb(28, 31, 38)';

test('theme="dark" darkens the page-side chrome and the inputs inside the frames, with zero axe violations', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout, '?theme=dark');
  await expect.poll(() => inputStyle(checkout, 'color')).toBe(DARK_TEXT);
  expect(await inputStyle(checkout, 'background-color')).toBe(DARK_BACKGROUND);
  expect(await inputStyle(checkout, 'color', '::placeholder')).toBe('rgb(143, 152, 170)');
  expect(await boxStyle(checkout, 'background-color')).toBe(DARK_BACKGROUND);
  expect(await checkout.fieldElement('number').locator('label').evaluate((label) => getComputedStyle(label).color)).toBe('rgb(201, 206, 216)');
  // Polled: the box eases its border colour and shadow into the theme's (a 0.15 s transition).
  await expect.poll(() => boxStyle(checkout, 'border-top-color')).toBe('rgb(122, 131, 150)');
  await expect.poll(() => boxStyle(checkout, 'box-shadow')).toBe('none');
  expect(await checkout.payButton().evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(31, 111, 214)');
  await checkout.type('number', '4242');
  await checkout.input('expiry').focus();
  await expect(checkout.errorLine('number')).toHaveCSS('color', 'rgb(255, 122, 138)');
  await expect.poll(() => inputStyle(checkout, 'color')).toBe('rgb(255, 122, 138)');
  expect(await violationsOverThePage(page, checkout)).toEqual(NO_VIOLATIONS);
});

test('theme="minimal": an underline per field, square corners, no shadow', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout, '?theme=minimal');
  // The card frame draws the boxes from the theme's variables once they reach it.
  await expect.poll(() => boxStyle(checkout, 'border-top-width')).toBe('0px');
  expect(await boxStyle(checkout, 'border-bottom-width')).toBe('1px');
  expect(await boxStyle(checkout, 'border-radius')).toBe('0px');
  // Polled: the box eases its shadow away (a 0.15 s transition).
  await expect.poll(() => boxStyle(checkout, 'box-shadow')).toBe('none');
  expect(await checkout.payButton().evaluate((button) => getComputedStyle(button).backgroundColor)).toBe(LIGHT_TEXT);
  await expect.poll(() => inputStyle(checkout, 'background-color')).toBe('rgba(0, 0, 0, 0)');
  expect(await violationsOverThePage(page, checkout)).toEqual(NO_VIOLATIONS);
});

test('theme="auto" follows prefers-color-scheme, and switches the frames live, keeping what was typed', async ({ page, demo, checkout }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openCheckout(page, demo, checkout, '?theme=auto&dark-page');
  await expect.poll(() => inputStyle(checkout, 'color')).toBe(DARK_TEXT);
  await checkout.type('number', '4242 4242');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => inputStyle(checkout, 'color')).toBe(LIGHT_TEXT);
  expect(await boxStyle(checkout, 'background-color')).toBe('rgb(255, 255, 255)');
  await expect(checkout.input('number')).toHaveValue('4242 4242');
});

test('switching theme on a mounted checkout restyles at once and keeps what was typed', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout);
  expect(await inputStyle(checkout, 'color')).toBe(LIGHT_TEXT);
  await checkout.type('number', '4242 42');
  await page.evaluate(() => document.querySelector('#checkout')!.setAttribute('theme', 'dark'));
  await expect.poll(() => inputStyle(checkout, 'color')).toBe(DARK_TEXT);
  await expect(checkout.input('number')).toHaveValue('4242 42');
  await page.evaluate(() => ((document.querySelector('#checkout') as HTMLElement & { theme?: string }).theme = 'light'));
  await expect.poll(() => inputStyle(checkout, 'color')).toBe(LIGHT_TEXT);
  await expect(checkout.input('number')).toHaveValue('4242 42');
});

test("the merchant's own theme variables style the chrome and reach the frames through the allowlist", async ({ page, demo, checkout }) => {
  await page.goto(`${demo.merchantUrl}/test-pages/a11y.html`);
  // A checkout mounted with the merchant's variables on it (CSSOM: the page's CSP forbids inline styles).
  await page.evaluate(() => {
    const old = document.querySelector('#checkout')!;
    const element = document.createElement('payframe-checkout');
    for (const name of ['publishable-key', 'amount', 'currency']) element.setAttribute(name, old.getAttribute(name)!);
    element.id = 'checkout';
    element.style.setProperty('--payframe-color-text', 'rgb(120, 20, 20)');
    element.style.setProperty('--payframe-font-size-base', '18px');
    element.style.setProperty('--payframe-spacing-inline', '20px');
    element.style.setProperty('--payframe-radius', '14px');
    element.style.setProperty('--payframe-color-primary', 'rgb(0, 90, 60)');
    // Refused in the frame: a variable value the allowlist does not accept.
    element.style.setProperty('--payframe-color-placeholder', 'url(https://attacker.invalid/x)');
    old.replaceWith(element);
  });
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await checkout.waitReady();
  await expect.poll(() => inputStyle(checkout, 'color')).toBe('rgb(120, 20, 20)');
  expect(await inputStyle(checkout, 'font-size')).toBe('18px');
  expect(await inputStyle(checkout, 'padding-left')).toBe('20px');
  expect(await inputStyle(checkout, 'color', '::placeholder')).toBe('rgb(107, 115, 133)');
  expect(await boxStyle(checkout, 'border-top-left-radius')).toBe('14px');
  expect(await checkout.payButton().evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(0, 90, 60)');
  await expect.poll(() => warnings.join('\n')).toContain('variables.colorPlaceholder');
});

test('::part() reaches the parts left on the page; the parts that moved into the card frame reach nothing there', async ({ page, demo, checkout }) => {
  // a11y.css (?parts) also still says ::part(box) and ::part(field-cvc), as a merchant's old CSS would.
  await openCheckout(page, demo, checkout, '?parts');
  await page.evaluate(() => document.styleSheets[0]!.insertRule('.parts-demo payframe-checkout::part(card) { opacity: 0.9 }'));
  await expect(checkout.payButton()).toHaveCSS('text-transform', 'uppercase');
  await expect(page.locator('#checkout [part="card"]')).toHaveCSS('opacity', '0.9');
  await expect(checkout.payButton()).toHaveCSS('opacity', '1');
  // The boxes, fields and row are inside the frame: no part on the page bears those names, and the
  // frame's boxes keep the theme's border (the border is themed with --payframe-color-border, below).
  expect(await page.evaluate(() => document.querySelector('#checkout')!.shadowRoot!.querySelectorAll('[part~="box"], [part~="field"], [part~="field-cvc"], [part~="label"], [part~="error"], [part~="row"]').length)).toBe(0);
  for (const kind of ['number', 'cvc'] as const) {
    expect(await boxStyle(checkout, 'border-top-color', kind)).toBe('rgb(134, 142, 156)');
    await expect(checkout.fieldElement(kind)).toHaveCSS('opacity', '1');
  }
});

test('the card frame draws its boxes from the theme variables, and its allowlist refuses a hostile one', async ({ page, demo, checkout }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const warnings: string[] = [];
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
    if (/content security policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${demo.merchantUrl}/test-pages/a11y.html`);
  // A checkout mounted with the merchant's variables on it (CSSOM: the page's CSP forbids inline styles).
  await page.evaluate(() => {
    const old = document.querySelector('#checkout')!;
    const element = document.createElement('payframe-checkout');
    for (const name of ['publishable-key', 'amount', 'currency']) element.setAttribute(name, old.getAttribute(name)!);
    element.id = 'checkout';
    element.style.setProperty('--payframe-color-border', 'rgb(0, 128, 0)');
    element.style.setProperty('--payframe-color-label', 'rgb(90, 0, 90)');
    element.style.setProperty('--payframe-border-width', '2px');
    element.style.setProperty('--payframe-field-height', '50px');
    element.style.setProperty('--payframe-focus-ring', 'rgb(200, 100, 0)');
    element.style.setProperty('--payframe-color-primary', 'rgb(0, 0, 160)');
    // Refused by the frame's allowlist: a shadow that would load a resource.
    element.style.setProperty('--payframe-box-shadow', 'url(https://evil.example/x)');
    old.replaceWith(element);
  });
  await checkout.waitReady();
  for (const kind of ['number', 'expiry', 'cvc'] as const) {
    await expect.poll(() => boxStyle(checkout, 'border-top-color', kind)).toBe('rgb(0, 128, 0)');
    expect(await boxStyle(checkout, 'border-left-width', kind)).toBe('2px');
    expect(await boxStyle(checkout, 'height', kind)).toBe('50px');
    expect(await checkout.fieldElement(kind).locator('label').evaluate((label) => getComputedStyle(label).color)).toBe('rgb(90, 0, 90)');
    // The hostile shadow is not applied: the box keeps the frame's own default shadow.
    expect(await boxStyle(checkout, 'box-shadow', kind)).toBe('rgba(0, 0, 0, 0.03) 0px 1px 1px 0px, rgba(0, 0, 0, 0.02) 0px 3px 6px 0px');
  }
  await expect.poll(() => warnings.join('\n')).toContain('variables.boxShadow');
  // The frame's focus ring and focused border come from the variables too.
  await checkout.input('expiry').focus();
  await expect.poll(() => boxStyle(checkout, 'box-shadow', 'expiry')).toBe('rgb(200, 100, 0) 0px 0px 0px 3px');
  await expect.poll(() => boxStyle(checkout, 'border-top-color', 'expiry')).toBe('rgb(0, 0, 160)');
  expect(await boxStyle(checkout, 'border-top-color', 'number')).toBe('rgb(0, 128, 0)');

  // A valid shadow is applied (the variables are read again when the theme changes).
  await page.evaluate(() => {
    const element = document.querySelector('#checkout') as HTMLElement;
    element.style.setProperty('--payframe-box-shadow', '0 2px 4px rgb(10, 20, 30)');
    element.setAttribute('theme', 'light');
  });
  await expect.poll(() => boxStyle(checkout, 'box-shadow', 'cvc')).toBe('rgb(10, 20, 30) 0px 2px 4px 0px');
  expect(await boxStyle(checkout, 'border-top-color', 'cvc')).toBe('rgb(0, 128, 0)');
  expect(requests.filter((url) => url.includes('evil.example'))).toEqual([]);
  expect(violations).toEqual([]);
  expect(warnings.join('\n')).not.toContain('evil.example');
});
