// The Chromium adapter of EnginePage: Playwright's library (not its test runner) driving the
// Chromium found on this machine, with the suite's usual launch options. Runs in Node.
import { chromium, type Frame } from 'playwright';
import { chromiumLaunchOptions } from '../../browser/launch-options.mjs';
import { DEFAULT_WAIT_MS, elementAt, type EnginePage, type PageFunction, type ShadowPath, type WaitOptions } from './engine-page.ts';

// Playwright's overloads cannot see that a PageFunction is serializable; it is, by contract.
type Serialized = (arg: unknown) => unknown;

export async function launchChromium(): Promise<EnginePage> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  const page = await browser.newPage();

  async function frameAt(path: ShadowPath): Promise<Frame> {
    const handle = (await page.evaluateHandle(elementAt, [...path])).asElement();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error(`No frame at ${path.join(' >> ')}`);
    return frame;
  }

  return {
    engine: 'chromium',
    browserVersion: `Chromium ${browser.version()}`,
    async goto(url) {
      await page.goto(url);
    },
    evaluate: <Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg) => page.evaluate(fn as Serialized, arg) as Promise<Result>,
    async waitFor(fn, arg, options: WaitOptions = {}) {
      await page.waitForFunction(fn as Serialized, arg, { timeout: options.timeout ?? DEFAULT_WAIT_MS }).catch((error: Error) => {
        throw new Error(`${options.message ?? 'Condition'} not met in Chromium: ${error.message}`);
      });
    },
    async evaluateInFrame<Arg, Result>(path: ShadowPath, fn: PageFunction<Arg, Result>, arg: Arg) {
      return (await frameAt(path)).evaluate(fn as Serialized, arg) as Promise<Result>;
    },
    async runScriptInFrame(path, source) {
      await (await frameAt(path)).evaluate(source);
    },
    async typeInFrame(path, selector, text) {
      const input = (await frameAt(path)).locator(selector);
      await input.focus();
      await input.press('End');
      // Pressed at the page's keyboard, not at the input: keys follow focus when the input moves it on.
      await page.keyboard.type(text);
    },
    async press(key) {
      await page.keyboard.press(key);
    },
    async click(path) {
      const handle = (await page.evaluateHandle(elementAt, [...path])).asElement();
      if (!handle) throw new Error(`Nothing to click at ${path.join(' >> ')}`);
      await handle.click();
    },
    async clickInFrame(path, selector) {
      await (await frameAt(path)).locator(selector).click();
    },
    async close() {
      await browser.close();
    },
  };
}
