// Drives a Payframe checkout (or card group) from a test the way a shopper would: types into
// the field frames, reads what they show, presses Pay. For our suites and for merchants' QA.
import { expect, type Frame, type FrameLocator, type Locator, type Page } from '@playwright/test';
import type { FieldKind, TokenizeResult } from '../../../src/index.ts';

export class CardFieldsHarness {
  constructor(
    readonly page: Page,
    /** CSS selector of the <payframe-checkout> or <payframe-card-group> element. */
    readonly host: string,
  ) {}

  fieldElement(kind: FieldKind): Locator {
    return this.page.locator(`${this.host} payframe-card-${kind}`);
  }

  frameLocator(kind: FieldKind): FrameLocator {
    return this.page.frameLocator(`${this.host} payframe-card-${kind} iframe`);
  }

  input(kind: FieldKind): Locator {
    return this.frameLocator(kind).locator('input#input');
  }

  /** The field's frame itself, for reading what only the fields origin can see (caret). */
  async frame(kind: FieldKind): Promise<Frame> {
    const handle = await this.fieldElement(kind).locator('iframe').elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error(`No frame for the ${kind} field`);
    return frame;
  }

  async waitReady(): Promise<void> {
    await this.page.waitForFunction((host) => (document.querySelector(host) as { ready?: boolean } | null)?.ready === true, this.host);
  }

  /** Types like a shopper, one key at a time, after what the field already holds. */
  async type(kind: FieldKind, text: string): Promise<void> {
    const input = this.input(kind);
    await input.focus();
    await input.press('End');
    await input.pressSequentially(text);
    await this.settled(kind);
  }

  /**
   * Waits until the merchant page holds the field's state for what the frame now shows. The
   * frame's change message crosses processes on its own path, so without this a tokenize() sent
   * right after typing can overtake it and find the field still incomplete.
   */
  async settled(kind: FieldKind): Promise<void> {
    await expect
      .poll(async () => {
        const inFrame = await this.frameLocator(kind).locator('body').evaluate((body) => ({ empty: (body.querySelector('input#input') as HTMLInputElement).value === '', complete: body.classList.contains('complete') }));
        const onPage = await this.fieldElement(kind).evaluate((element) => {
          const state = (element as unknown as { state?: { empty: boolean; complete: boolean } }).state;
          return state ? { empty: state.empty, complete: state.complete } : undefined;
        });
        return JSON.stringify(onPage) === JSON.stringify(inFrame);
      })
      .toBe(true);
  }

  /** Types a whole card, waiting for focus to move on where the field completes. */
  async fillCard(card: { number: string; expiry: string; cvc: string }): Promise<void> {
    await this.type('number', card.number);
    await this.type('expiry', card.expiry);
    await this.type('cvc', card.cvc);
  }

  /** Empties a field the way a shopper does: select all, Backspace. */
  async clear(kind: FieldKind): Promise<void> {
    const input = this.input(kind);
    await input.focus();
    await input.press('ControlOrMeta+A');
    await input.press('Backspace');
    await expect(input).toHaveValue('');
  }

  async value(kind: FieldKind): Promise<string> {
    return this.input(kind).inputValue();
  }

  async caret(kind: FieldKind): Promise<[number, number]> {
    const frame = await this.frame(kind);
    return frame.evaluate(() => {
      const input = document.querySelector('input')!;
      return [input.selectionStart ?? -1, input.selectionEnd ?? -1] as [number, number];
    });
  }

  async setCaret(kind: FieldKind, start: number, end = start): Promise<void> {
    await this.input(kind).focus();
    const frame = await this.frame(kind);
    await frame.evaluate(([from, to]) => document.querySelector('input')!.setSelectionRange(from!, to!), [start, end]);
  }

  /** The error line the merchant page shows under a field. */
  errorLine(kind: FieldKind): Locator {
    return this.fieldElement(kind).locator('.error');
  }

  /** Which field of this host has keyboard focus, if any (follows shadow roots). */
  async focusedField(): Promise<string | undefined> {
    return this.page.evaluate(() => {
      let element: Element | null = document.activeElement;
      while (element?.shadowRoot?.activeElement) {
        if (/^payframe-card-(number|expiry|cvc)$/.test(element.localName)) break;
        element = element.shadowRoot.activeElement;
      }
      const match = /^payframe-card-(number|expiry|cvc)$/.exec(element?.localName ?? '');
      return match?.[1] ?? element?.localName;
    });
  }

  async waitForFocus(kind: FieldKind | 'button'): Promise<void> {
    await expect.poll(() => this.focusedField()).toBe(kind);
  }

  payButton(): Locator {
    return this.page.locator(`${this.host} button[part="button"]`);
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
