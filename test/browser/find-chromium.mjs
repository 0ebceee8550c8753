// Finds a Chromium to drive: $PAYFRAME_CHROMIUM, then Playwright's own download, then the
// system one. Shared by every test suite and by scripts/test.mjs.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** @returns {string | undefined} */
export function findChromium() {
  const fromEnv = process.env.PAYFRAME_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright throws when its own browser was never downloaded: fall through.
  }
  return SYSTEM_CHROMIUMS.find((path) => existsSync(path));
}
