// The WebKit adapter of EnginePage: WebKitGTK's MiniBrowser (Safari's engine) through Debian's
// WebKitWebDriver and webdriverio 8, on an Xvfb display the adapter starts. Runs in Node.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { remote } from 'webdriverio';
import { freePort } from '../../e2e/harness/free-port.ts';
import { DEFAULT_WAIT_MS, elementAt, type EnginePage, type PageFunction, type ShadowPath, type WaitOptions } from './engine-page.ts';
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
    async typeInFrame(path, selector, text) {
      // Clicked from the top-level page, not after switching into the frame: WebKitWebDriver's
      // switch back out moved focus away from the field script had just focused (the expiry after
      // the number's auto-advance lost it, when each field was a frame of its own).
      const frame = await elementAtPath(path);
      // A frame below the fold: the click scrolled the page but the keys went nowhere.
      await browser.execute((element) => element.scrollIntoView({ block: 'center' }), frame as unknown as HTMLElement);
      // The frame may hold several inputs (the drop-in's card frame): the click goes to the centre
      // of this one, measured inside the frame (before the click, so no switch follows it) and
      // placed on the page through the frame's content box.
      const inFrame = await insideFrame(path, () =>
        browser.execute((selector) => {
          const box = document.querySelector(selector)?.getBoundingClientRect();
          return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null;
        }, selector),
      );
      if (!inFrame) throw new Error(`No ${selector} in the frame at ${path.join(' >> ')}`);
      const content = await browser.execute((element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return { x: box.left + element.clientLeft + parseFloat(style.paddingLeft), y: box.top + element.clientTop + parseFloat(style.paddingTop) };
      }, frame as unknown as HTMLElement);
      await browser
        .action('pointer', { parameters: { pointerType: 'mouse' } })
        .move({ origin: 'viewport', x: Math.round(content.x + inFrame.x), y: Math.round(content.y + inFrame.y) })
        .down({ button: 0 })
        .up({ button: 0 })
        .perform();
      await browser.keys(['End']);
      // As few action sequences as WebKitWebDriver allows, with no pause inside one: it drops a key
      // that repeats the key before it in the same sequence, and every key after that (given
      // "4111111111111111" at once, the frame saw the 4 and one 1), so a repeated key starts the next.
      for (const run of keyRuns(text)) await browser.keys([...run]);
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

/** Splits text where a character repeats the one before it: "4111" gives "41", "1", "1". */
function keyRuns(text: string): string[] {
  const runs: string[] = [];
  for (const character of text) {
    const last = runs.at(-1);
    if (last !== undefined && !last.endsWith(character)) runs[runs.length - 1] = last + character;
    else runs.push(character);
  }
  return runs;
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
