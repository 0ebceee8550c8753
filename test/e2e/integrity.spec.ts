// Subresource Integrity: the build's sha384 matches what the fields origin serves, a page that
// pins it with integrity + crossorigin gets a working checkout, and a tampered file is refused.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const distDir = process.env.PAYFRAME_DIST_DIR ?? 'dist';
const integrity = (JSON.parse(readFileSync(join(distDir, 'integrity.json'), 'utf8')) as Record<string, string>)['payframe.js']!;

async function loadPinnedScript(page: Page, src: string, hash: string): Promise<string> {
  return page.evaluate(
    ({ src, hash }) =>
      new Promise<string>((resolve) => {
        const script = document.createElement('script');
        script.src = src;
        script.integrity = hash;
        script.crossOrigin = 'anonymous';
        script.onload = () => resolve('loaded');
        script.onerror = () => resolve('refused');
        document.head.append(script);
      }),
    { src, hash },
  );
}

test('the integrity hash in dist/integrity.json is the sha384 of the payframe.js the fields origin serves', async ({ demo }) => {
  const served = Buffer.from(await (await fetch(`${demo.fieldsOrigin}/payframe.js`)).arrayBuffer());
  expect(integrity).toBe(`sha384-${createHash('sha384').update(served).digest('base64')}`);
});

test('a page pinning payframe.js with integrity and crossorigin gets a working checkout', async ({ page, demo }) => {
  await page.goto(`${demo.merchantUrl}/test-pages/blank.html`);
  expect(await loadPinnedScript(page, `${demo.fieldsOrigin}/payframe.js`, integrity)).toBe('loaded');
  const ready = await page.evaluate((key) => {
    const checkout = document.createElement('payframe-checkout');
    checkout.setAttribute('publishable-key', key);
    document.body.append(checkout);
    return new Promise<boolean>((resolve) => checkout.addEventListener('payframe-ready', () => resolve(true), { once: true }));
  }, demo.publishableKey);
  expect(ready).toBe(true);
});

test('a payframe.js that does not match the pinned hash never runs', async ({ page, demo }) => {
  await page.goto(`${demo.merchantUrl}/test-pages/blank.html`);
  const tampered = `sha384-${createHash('sha384').update('something else').digest('base64')}`;
  expect(await loadPinnedScript(page, `${demo.fieldsOrigin}/payframe.js`, tampered)).toBe('refused');
  expect(await page.evaluate(() => customElements.get('payframe-checkout') === undefined)).toBe(true);
});
