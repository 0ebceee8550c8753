// The Firefox adapter of EnginePage: Debian's Firefox ESR driven headless over WebDriver BiDi by
// puppeteer-core (no browser download). Runs in Node.
import { existsSync } from 'node:fs';
import puppeteer, { type ElementHandle, type Frame } from 'puppeteer-core';
import { DEFAULT_WAIT_MS, elementAt, type EnginePage, type PageFunction, type ShadowPath, type WaitOptions } from './engine-page.ts';

const FIREFOX = process.env.PAYFRAME_FIREFOX ?? '/usr/bin/firefox-esr';

// puppeteer's overloads cannot see that a PageFunction is serializable; it is, by contract.
type Serialized = (arg: unknown) => unknown;

export async function launchFirefox(): Promise<EnginePage> {
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: install Debian's firefox-esr (.ci/run does) or set PAYFRAME_FIREFOX`);
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  // A tab of our own, brought to the front: in the tab Firefox starts with, document.hasFocus()
  // stayed false, so no focus or blur event ever fired in the frames (a shopper's window has focus).
  const page = await browser.newPage();
  await page.bringToFront();

  async function frameAt(path: ShadowPath): Promise<Frame> {
    const handle = (await page.evaluateHandle(elementAt, [...path])).asElement();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error(`No frame at ${path.join(' >> ')}`);
    return frame;
  }

  return {
    engine: 'firefox',
    browserVersion: (await browser.version()).replace('/', ' '),
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: <Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg) => page.evaluate(fn as Serialized, arg) as Promise<Result>,
    async waitFor(fn, arg, options: WaitOptions = {}) {
      await page.waitForFunction(fn as Serialized, { timeout: options.timeout ?? DEFAULT_WAIT_MS }, arg).catch((error: Error) => {
        throw new Error(`${options.message ?? 'Condition'} not met in Firefox: ${error.message}`);
      });
    },
    async evaluateInFrame<Arg, Result>(path: ShadowPath, fn: PageFunction<Arg, Result>, arg: Arg) {
      return (await frameAt(path)).evaluate(fn as Serialized, arg) as Promise<Result>;
    },
    async runScriptInFrame(path, source) {
      await (await frameAt(path)).evaluate(source);
    },
    async typeInFrame(path, selector, text) {
      const input = await (await frameAt(path)).waitForSelector(selector);
      if (!input) throw new Error(`No ${selector} in the frame at ${path.join(' >> ')}`);
      // focus() inside a cross-origin frame does not make that frame the one keys go to in
      // Firefox (the digits were lost): a pointer click does, as it does for a shopper.
      await input.click();
      await page.keyboard.press('End');
      // Pressed at the page's keyboard, not at the input: keys follow focus when the input moves it on.
      await page.keyboard.type(text);
    },
    async press(key) {
      if (key === 'Shift+Tab') {
        await page.keyboard.down('Shift');
        await page.keyboard.press('Tab');
        await page.keyboard.up('Shift');
      } else {
        await page.keyboard.press(key);
      }
    },
    async click(path) {
      const handle = (await page.evaluateHandle(elementAt, [...path])).asElement() as ElementHandle<Element> | null;
      if (!handle) throw new Error(`Nothing to click at ${path.join(' >> ')}`);
      await handle.click();
    },
    async clickInFrame(path, selector) {
      const target = await (await frameAt(path)).waitForSelector(selector);
      if (!target) throw new Error(`Nothing to click at ${selector} in the frame at ${path.join(' >> ')}`);
      await target.click();
    },
    async close() {
      await browser.close();
    },
  };
}
