// Clicks the way a shopper would, robust to a Chromium out-of-process-iframe quirk. Node (Playwright tests).
import type { Locator, Page } from '@playwright/test';

/**
 * Scrolls `target` into view, lets the page paint twice, then clicks. Chromium places an
 * out-of-process iframe after a scroll only with the next frames: a click sent at once can hit
 * where the frame was (a stale target). Two requestAnimationFrames in the page are those frames.
 */
export async function clickWhenPlaced(page: Page, target: Locator, options: { timeout: number }): Promise<void> {
  await target.scrollIntoViewIfNeeded({ timeout: options.timeout });
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  await target.click({ timeout: options.timeout });
}
