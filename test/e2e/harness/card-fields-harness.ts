// Drives a Payframe checkout (or card group) from a test the way a shopper would: types into
// the inputs, reads what they show, presses Pay. For our suites and for merchants' QA. The drop-in
// (<payframe-checkout>) holds its three inputs in one card frame; split fields (<payframe-card-group>)
// have a frame per field. What merchants' tests can do too, it leaves to payframe/testing (src/testing/),
// so our suites prove that package; the rest (caret, focus, raw events) is for our own tests.
import { expect, type Frame, type FrameLocator, type Locator, type Page } from '@playwright/test';
import type { FieldKind, TokenizeResult } from '../../../src/index.ts';
import { PayframeCheckoutDriver } from '../../../src/testing/checkout-driver.ts';
import { findCheckout } from '../../../src/testing/find-checkout.ts';
import { ensureRecording } from '../../../src/testing/page-events.ts';
import { settleField } from '../../../src/testing/card-entry.ts';

/** How long a payframe/testing step may wait here: under the suites' 30 s test timeout, with room for a loaded CI machine. */
const DRIVER_TIMEOUT = 20_000;

export class CardFieldsHarness {
  /** True for the drop-in's one card frame, false for split fields' frame per field. */
  readonly cardFrame: boolean;

  constructor(
    readonly page: Page,
    /** CSS selector of the <payframe-checkout> or <payframe-card-group> element. */
    readonly host: string,
    options: { layout?: 'card-frame' | 'split' } = {},
  ) {
    this.cardFrame = (options.layout ?? (host.includes('card-group') ? 'split' : 'card-frame')) === 'card-frame';
  }

  /** payframe/testing's driver for this host (no wait: waitReady() waits). */
  driver(): PayframeCheckoutDriver {
    return new PayframeCheckoutDriver(this.page, this.page.locator(this.host), this.cardFrame ? 'drop-in' : 'split-fields', DRIVER_TIMEOUT);
  }

  /** The drop-in's card frame element on the page. */
  cardIframe(): Locator {
    return this.page.locator(`${this.host} [part="card"] iframe`);
  }

  /** A field: its element on the page (split fields), or its part of the card frame (label, box, error line). */
  fieldElement(kind: FieldKind): Locator {
    return this.cardFrame ? this.frameLocator(kind).locator(`#${kind}-field`) : this.page.locator(`${this.host} payframe-card-${kind}`);
  }

  /** The frame holding a field's input (the one card frame for every field of the drop-in). */
  fieldIframe(kind: FieldKind): Locator {
    return this.cardFrame ? this.cardIframe() : this.page.locator(`${this.host} payframe-card-${kind} iframe`);
  }

  frameLocator(kind: FieldKind): FrameLocator {
    return this.cardFrame ? this.page.frameLocator(`${this.host} [part="card"] iframe`) : this.page.frameLocator(`${this.host} payframe-card-${kind} iframe`);
  }

  input(kind: FieldKind): Locator {
    return this.frameLocator(kind).locator(this.cardFrame ? `input#${kind}` : 'input#input');
  }

  /** The field's frame itself, for reading what only the fields origin can see (caret). */
  async frame(kind: FieldKind): Promise<Frame> {
    const handle = await this.fieldIframe(kind).elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error(`No frame for the ${kind} field`);
    return frame;
  }

  async waitReady(): Promise<void> {
    await findCheckout(this.page.locator(this.host), { timeout: DRIVER_TIMEOUT });
  }

  /** Types like a shopper, one key at a time, after what the field already holds. */
  async type(kind: FieldKind, text: string): Promise<void> {
    await ensureRecording(this.page);
    await this.driver().type(kind, text);
  }

  /**
   * Waits until the merchant page holds the field's state for what the frame now shows. The
   * frame's change message crosses processes on its own path, so without this a tokenize() sent
   * right after typing can overtake it and find the field still incomplete.
   */
  async settled(kind: FieldKind): Promise<void> {
    await ensureRecording(this.page);
    await settleField({ host: this.page.locator(this.host), layout: this.cardFrame ? 'drop-in' : 'split-fields', timeout: DRIVER_TIMEOUT }, kind);
  }

  /** Types a whole card, waiting for focus to move on where the field completes. */
  async fillCard(card: { number: string; expiry: string; cvc: string }): Promise<void> {
    await ensureRecording(this.page);
    await this.driver().fillCard(card);
  }

  /** Empties a field the way a shopper does: select all, Backspace. */
  async clear(kind: FieldKind): Promise<void> {
    await ensureRecording(this.page);
    await this.driver().clear(kind);
    await expect(this.input(kind)).toHaveValue('');
  }

  async value(kind: FieldKind): Promise<string> {
    return this.input(kind).inputValue();
  }

  async caret(kind: FieldKind): Promise<[number, number]> {
    const frame = await this.frame(kind);
    return frame.evaluate((id) => {
      const input = document.querySelector<HTMLInputElement>(`input#${id}`)!;
      return [input.selectionStart ?? -1, input.selectionEnd ?? -1] as [number, number];
    }, this.cardFrame ? kind : 'input');
  }

  async setCaret(kind: FieldKind, start: number, end = start): Promise<void> {
    await this.input(kind).focus();
    const frame = await this.frame(kind);
    await frame.evaluate(([id, from, to]) => document.querySelector<HTMLInputElement>(`input#${id}`)!.setSelectionRange(Number(from), Number(to)), [this.cardFrame ? kind : 'input', start, end] as const);
  }

  /** The error line under a field (in the card frame for the drop-in, on the page for split fields). */
  errorLine(kind: FieldKind): Locator {
    return this.cardFrame ? this.frameLocator(kind).locator(`#${kind}-error`) : this.fieldElement(kind).locator('.error');
  }

  /** Which field of this host has keyboard focus, if any (follows shadow roots, and into the card frame). */
  async focusedField(): Promise<string | undefined> {
    if (this.cardFrame) {
      const onPage = await this.page.evaluate(() => {
        let element: Element | null = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        return element?.localName === 'iframe' && element.parentElement?.getAttribute('part') === 'card' ? 'card-frame' : element?.id || element?.localName;
      });
      if (onPage !== 'card-frame') return onPage;
      const frame = await this.frame('number');
      return frame.evaluate(() => (document.hasFocus() && document.activeElement instanceof HTMLInputElement ? document.activeElement.id : 'card-frame'));
    }
    return this.page.evaluate(() => {
      let element: Element | null = document.activeElement;
      while (element?.shadowRoot?.activeElement) {
        if (/^payframe-card-(number|expiry|cvc)$/.test(element.localName)) break;
        element = element.shadowRoot.activeElement;
      }
      const match = /^payframe-card-(number|expiry|cvc)$/.exec(element?.localName ?? '');
      return match?.[1] ?? (element?.id || element?.localName);
    });
  }

  async waitForFocus(kind: FieldKind | 'button'): Promise<void> {
    await expect.poll(() => this.focusedField()).toBe(kind);
  }

  payButton(): Locator {
    return this.driver().payButton();
  }

  /** Calls the element's tokenize() from the merchant page and returns what it resolved with. */
  async tokenize(): Promise<TokenizeResult> {
    return this.page.evaluate((host) => (document.querySelector(host) as unknown as { tokenize(): Promise<TokenizeResult> }).tokenize(), this.host);
  }

  /** Resolves with the detail of the next event of this type dispatched on the host. */
  async nextEvent<T>(type: string): Promise<T> {
    return this.page.evaluate(
      ([host, eventType]) => new Promise<T>((resolve) => document.querySelector(host!)!.addEventListener(eventType!, (event) => resolve((event as CustomEvent<T>).detail), { once: true })),
      [this.host, type],
    );
  }

  /** Starts recording events of these types on the host; read them with `recordedEvents()`. */
  async recordEvents(types: string[]): Promise<void> {
    await this.page.evaluate(
      ([host, eventTypes]) => {
        const log: { type: string; detail: unknown }[] = [];
        (window as unknown as { payframeTestEvents: typeof log }).payframeTestEvents = log;
        for (const type of eventTypes as string[]) document.querySelector(host as string)!.addEventListener(type, (event) => log.push({ type, detail: (event as CustomEvent).detail }));
      },
      [this.host, types] as const,
    );
  }

  /**
   * The first event of `type` recorded after the first `seen` ones (read the count before acting).
   * For actions in another process, such as a click in the bank's frame, where a listener added
   * by `nextEvent` could arrive after the event.
   */
  async recordedEventAfter<T>(seen: number, type: string): Promise<T> {
    let detail: T | undefined;
    await expect
      .poll(async () => {
        detail = (await this.recordedEvents()).slice(seen).find((event) => event.type === type)?.detail as T | undefined;
        return detail !== undefined;
      })
      .toBe(true);
    return detail!;
  }

  async recordedEvents(): Promise<{ type: string; detail: Record<string, unknown> }[]> {
    return this.page.evaluate(() => (window as unknown as { payframeTestEvents: { type: string; detail: Record<string, unknown> }[] }).payframeTestEvents);
  }
}
