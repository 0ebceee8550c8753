// Theming: the built-in themes (light, dark, minimal, auto) and theme variables style the
// merchant-side chrome and, through the style allowlist, the inputs inside the frames; ::part()
// reaches the merchant-side parts; a theme switch keeps what was typed. Real Chromium, real origins.
import type { Page } from '@playwright/test';
import type { DemoServers } from '../../demo/servers.ts';
import { checkoutViolations, NO_VIOLATIONS } from './harness/axe.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { expect, test } from './fixtures.ts';

async function openCheckout(page: Page, demo: DemoServers, checkout: CardFieldsHarness, query = ''): Promise<void> {
  await page.goto(`${demo.merchantUrl}/test-pages/a11y.html${query}`);
  await checkout.waitReady();
}

async function inputStyle(checkout: CardFieldsHarness, property: string, pseudo?: string): Promise<string> {
  const frame = await checkout.frame('number');
  return frame.evaluate(([name, element]) => getComputedStyle(document.querySelector('#input')!, element ?? null).getPropertyValue(name!), [property, pseudo] as const);
}

function boxStyle(checkout: CardFieldsHarness, property: string): Promise<string> {
  return checkout.fieldElement('number').locator('.box').evaluate((box, name) => getComputedStyle(box).getPropertyValue(name), property);
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
  expect(await checkout.fieldElement('number').locator('.label').evaluate((label) => getComputedStyle(label).color)).toBe('rgb(201, 206, 216)');
  expect(await checkout.payButton().evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(31, 111, 214)');
  await checkout.type('number', '4242');
  await checkout.input('expiry').focus();
  await expect(checkout.errorLine('number')).toHaveCSS('color', 'rgb(255, 122, 138)');
  await expect.poll(() => inputStyle(checkout, 'color')).toBe('rgb(255, 122, 138)');
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
});

test('theme="minimal": an underline per field, square corners, no shadow', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout, '?theme=minimal');
  expect(await boxStyle(checkout, 'border-top-width')).toBe('0px');
  expect(await boxStyle(checkout, 'border-bottom-width')).toBe('1px');
  expect(await boxStyle(checkout, 'border-radius')).toBe('0px');
  expect(await boxStyle(checkout, 'box-shadow')).toBe('none');
  expect(await checkout.payButton().evaluate((button) => getComputedStyle(button).backgroundColor)).toBe(LIGHT_TEXT);
  await expect.poll(() => inputStyle(checkout, 'background-color')).toBe('rgba(0, 0, 0, 0)');
  expect(await checkoutViolations(page, checkout)).toEqual(NO_VIOLATIONS);
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

test('::part() reaches the merchant-side parts of the checkout', async ({ page, demo, checkout }) => {
  await openCheckout(page, demo, checkout, '?parts');
  expect(await boxStyle(checkout, 'border-top-color')).toBe('rgb(0, 128, 0)');
  await expect(checkout.payButton()).toHaveCSS('text-transform', 'uppercase');
  await expect(checkout.fieldElement('cvc')).toHaveCSS('opacity', '0.9');
  await expect(checkout.fieldElement('number')).toHaveCSS('opacity', '1');
});
