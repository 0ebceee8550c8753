// The driver-neutral interface the cross-browser specs use: one tab of one engine, driven the
// same way whether Playwright, WebDriver BiDi (puppeteer-core) or classic WebDriver is underneath.
// Runs in Node (the test process); the functions passed in run in the page or in a frame.

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

/**
 * How to reach an element through shadow roots: the first selector is matched in the document,
 * each next one inside the shadow root of the element before it,
 * e.g. ['payframe-checkout', '[part="card"] iframe'].
 */
export type ShadowPath = readonly string[];

/**
 * A function serialized into the page: it may use only its argument (JSON-like) and the page's
 * globals, never variables of the test file.
 */
export type PageFunction<Arg, Result> = (arg: Arg) => Result | Promise<Result>;

/** The keys specs press beyond typed text; each adapter maps them to its driver's names. */
export type KeyName = 'Tab' | 'Shift+Tab' | 'Enter' | 'Backspace';

export interface WaitOptions {
  /** Milliseconds; defaults to 10 s. */
  timeout?: number;
  /** Said in the error when the wait times out. */
  message?: string;
}

export const DEFAULT_WAIT_MS = 10_000;

export interface EnginePage {
  readonly engine: EngineName;
  /** The browser's own product and version string, e.g. "Firefox 153.8.0esr". */
  readonly browserVersion: string;
  /** Navigates and resolves once the document has loaded. */
  goto(url: string): Promise<void>;
  evaluate<Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result>;
  /** Resolves once `fn` returns something truthy in the page; rejects after the timeout. */
  waitFor<Arg>(fn: PageFunction<Arg, unknown>, arg: Arg, options?: WaitOptions): Promise<void>;
  /** Runs `fn` inside the (cross-origin) frame of the iframe element at `frame`. */
  evaluateInFrame<Arg, Result>(frame: ShadowPath, fn: PageFunction<Arg, Result>, arg: Arg): Promise<Result>;
  /**
   * Runs script source (a library such as axe-core, not a serialized function) in the frame
   * through the driver's own channel, where the frame's CSP (no inline script, no eval) does not apply.
   */
  runScriptInFrame(frame: ShadowPath, source: string): Promise<void>;
  /**
   * Types like a shopper into the textbox matching `input` inside the frame (the drop-in's card
   * frame holds three; a split field's frame one, beside aria-hidden autofill catchers): puts focus
   * in it as a shopper would, moves the caret to the end, then presses one key per character, with
   * no pause between keys. Keys go wherever focus is, so they follow an input moving focus on.
   */
  typeInFrame(frame: ShadowPath, input: string, text: string): Promise<void>;
  /** Presses a key where the keyboard focus is now, in whichever frame holds it. */
  press(key: KeyName): Promise<void>;
  /** A real pointer click on the element at `target` in the merchant page. */
  click(target: ShadowPath): Promise<void>;
  /** A real pointer click on the element matching `selector` inside the (cross-origin) frame at `frame`. */
  clickInFrame(frame: ShadowPath, selector: string): Promise<void>;
  /** Ends the browser and everything the adapter started (driver, display). */
  close(): Promise<void>;
}

/**
 * The page-side walk through shadow roots, serialized by every adapter. Kept free of helpers
 * and closures so each driver can send it as source.
 */
export function elementAt(path: readonly string[]): Element | null {
  let scope: Document | ShadowRoot | null = document;
  let element: Element | null = null;
  for (const selector of path) {
    element = scope ? scope.querySelector(selector) : null;
    if (!element) return null;
    scope = element.shadowRoot;
  }
  return element;
}
