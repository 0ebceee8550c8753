// Finds and launches a Chromium (Node, ships with `payframe audit`; also every test suite, through
// test/browser/). Plain JavaScript so plain Node loads it (scripts/test.mjs); no Playwright import
// here: callers pass Playwright's own browser path, since the shipped command loads playwright-core
// only when it audits.
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * $PAYFRAME_CHROMIUM, then Playwright's own download (when `playwrightExecutablePath` names one
 * that exists), then the system one.
 * @param {() => string | undefined} [playwrightExecutablePath] Playwright's `chromium.executablePath`, which throws when never downloaded
 * @returns {string | undefined}
 */
export function findChromium(playwrightExecutablePath) {
  const fromEnv = process.env.PAYFRAME_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const bundled = playwrightExecutablePath?.();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright throws when its own browser was never downloaded: fall through.
  }
  return SYSTEM_CHROMIUMS.find((path) => existsSync(path));
}

// Playwright disables ThirdPartyStoragePartitioning by default. Only the last
// --disable-features flag counts, so we pass Playwright's own list minus that feature, plus the
// omnibox popup's WebUI (the last three): headless Chromium 156 loads two chrome://omnibox-popup
// pages into renderers of their own for every new window, so for every fresh context a test or a
// bench mount opens, about 300 ms of CPU that overlapped each mount on a two-core machine (a real
// shopper's window loads them once, not per page).
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
];

/** Headless flags that work as root on a machine without a display; storage partitioning stays ON as real Chrome ships it. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

/**
 * @param {() => string | undefined} [playwrightExecutablePath]
 * @returns {{ executablePath?: string, headless: boolean, args: string[] }}
 */
export function chromiumLaunchOptions(playwrightExecutablePath) {
  const executablePath = findChromium(playwrightExecutablePath);
  return { ...(executablePath ? { executablePath } : {}), headless: true, args: CHROMIUM_ARGS };
}
