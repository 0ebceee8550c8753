// Finds a Chromium to drive: $PAYFRAME_CHROMIUM, then Playwright's own download, then the
// system one. The search itself is the one `payframe audit` ships (src/node/browser/chromium.mjs).
import { chromium } from 'playwright';
import { findChromium as find } from '../../src/node/browser/chromium.mjs';

/** @returns {string | undefined} */
export function findChromium() {
  return find(() => chromium.executablePath());
}
