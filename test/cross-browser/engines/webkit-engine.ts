// The WebKit adapter of EnginePage: WebKitGTK's MiniBrowser (Safari's engine) through Debian's
// WebKitWebDriver and webdriverio 8, on an Xvfb display the adapter starts. Runs in Node.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { remote } from 'webdriverio';
import { freePort } from '../../e2e/harness/free-port.ts';
import { DEFAULT_WAIT_MS, elementAt, SHOPPER_INPUT, type EnginePage, type PageFunction, type ShadowPath, type WaitOptions } from './engine-page.ts';
import { startVirtualDisplay, stopProcess } from './virtual-display.ts';

const WEBKIT_WEBDRIVER = process.env.PAYFRAME_WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.PAYFRAME_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const DRIVER_START_MS = 15_000;

/** A WebDriver element reference as JSON (what `execute` returns for an element). */
type ElementReference = Record<string, string>;

export async function launchWebKit(): Promise<EnginePage> {
  for (const binary of [WEBKIT_WEBDRIVER, MINIBROWSER]) {
    if (!existsSync(binary)) throw new Error(`No ${binary}: install Debian's webkit2gtk-driver (.ci/run does)`);
  }
  const display = await startVirtualDisplay();
  const port = await freePort();
  const driver = spawn(WEBKIT_WEBDRIVER, [`--port=${port}`, '--host=127.0.0.1'], { env: { ...process.env, DISPLAY: display.display }, stdio: 'ignore' });
  const stopAll = async () => {
    await stopProcess(driver);
    await display.stop();
  };
  let browser: WebdriverIO.Browser;
  try {
    await waitForDriver(`http://127.0.0.1:${port}/status`);
    browser = await remote({
      hostname: '127.0.0.1',
      port,
      path: '/',
      logLevel: 'warn',
      connectionRetryCount: 0,
      capabilities: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } as WebdriverIO.Capabilities,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }

  const elementAtPath = async (path: ShadowPath) => {
    const reference = (await browser.execute(elementAt, [...path])) as unknown as ElementReference | null;
    if (!reference) throw new Error(`Nothing at ${path.join(' >> ')}`);
    return browser.$(reference as never);
  };

  /** Runs `work` with the session switched into the frame, and always switches back out. */
  async function insideFrame<T>(path: ShadowPath, work: () => Promise<T>): Promise<T> {
    await browser.switchToFrame(await elementAtPath(path));
    try {
      return await work();
    } finally {
      await browser.switchToFrame(null);
    }
  }

  const capabilities = browser.capabilities as WebdriverIO.Capabilities;
  return {
    engine: 'webkit',
    browserVersion: `WebKitGTK ${capabilities.browserVersion ?? '?'}`,
    async goto(url) {
      await browser.url(url);
    },
    evaluate: <Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg) => browser.execute(fn as (arg: Arg) => Result, arg) as Promise<Result>,
    async waitFor(fn, arg, options: WaitOptions = {}) {
      await browser.waitUntil(async () => Boolean(await browser.execute(fn as (arg: unknown) => unknown, arg)), {
        timeout: options.timeout ?? DEFAULT_WAIT_MS,
        interval: 50,
        timeoutMsg: `${options.message ?? 'Condition'} not met in WebKit within ${options.timeout ?? DEFAULT_WAIT_MS} ms`,
      });
    },
    evaluateInFrame: <Arg, Result>(path: ShadowPath, fn: PageFunction<Arg, Result>, arg: Arg) =>
      insideFrame(path, () => browser.execute(fn as (arg: Arg) => Result, arg) as Promise<Result>),
    async runScriptInFrame(path, source) {
      // Classic WebDriver runs a string as a function body.
      await insideFrame(path, () => browser.execute(source));
    },
    async typeInFrame(path, text) {
      // Clicked from the top-level page, not after switching into the frame: WebKitWebDriver's
      // switch back out moved focus away from the field script had just focused (the expiry after
      // the number's auto-advance lost it). The click lands on the field's input or label.
      const frame = await elementAtPath(path);
      // A frame below the fold: the click scrolled the page but the keys went nowhere.
      await browser.execute((element) => element.scrollIntoView({ block: 'center' }), frame as unknown as HTMLElement);
      await frame.click();
      await browser.keys(['End']);
      // One action sequence per key: WebKitWebDriver given the whole string at once delivered
      // only the first two characters, even to a plain <input> in a cross-origin frame.
      for (const character of text) await browser.keys(character);
    },
    async press(key) {
      // webdriverio holds a modifier pressed until it is sent again.
      await browser.keys(key === 'Shift+Tab' ? ['Shift', 'Tab', 'Shift'] : [key]);
    },
    async click(path) {
      await (await elementAtPath(path)).click();
    },
    clickInFrame: (path, selector) => insideFrame(path, async () => (await browser.$(selector)).click()),
    async close() {
      // A session left open blocks the next one ("Maximum number of active sessions").
      await browser.deleteSession().catch(() => undefined);
      await stopAll();
    },
  };
}

/** Polls the driver's /status until it answers ready: the driver prints nothing when it listens. */
async function waitForDriver(statusUrl: string): Promise<void> {
  const deadline = Date.now() + DRIVER_START_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const status = (await (await fetch(statusUrl)).json()) as { value?: { ready?: boolean } };
      if (status.value?.ready) return;
      lastError = JSON.stringify(status);
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`WebKitWebDriver did not answer ready within ${DRIVER_START_MS} ms: ${lastError}`);
}
