// How every test suite launches Chromium: the browser found on this machine, headless, with
// third-party storage partitioning left ON as real Chrome ships it.
import { findChromium } from './find-chromium.mjs';

// Playwright disables ThirdPartyStoragePartitioning by default. Only the last
// --disable-features flag counts, so we pass Playwright's own list minus that feature.
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
];

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

/** @returns {{ executablePath?: string, headless: boolean, args: string[] }} */
export function chromiumLaunchOptions() {
  const executablePath = findChromium();
  return { ...(executablePath ? { executablePath } : {}), headless: true, args: CHROMIUM_ARGS };
}
