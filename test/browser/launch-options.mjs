// How every test suite launches Chromium: the browser found on this machine, headless, with
// third-party storage partitioning left ON as real Chrome ships it (the flags `payframe audit` uses too).
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, chromiumLaunchOptions as options } from '../../src/node/browser/chromium.mjs';

export { CHROMIUM_ARGS };

/** @returns {{ executablePath?: string, headless: boolean, args: string[] }} */
export function chromiumLaunchOptions() {
  return options(() => chromium.executablePath());
}
