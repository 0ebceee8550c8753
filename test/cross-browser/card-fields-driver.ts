// Drives a Payframe checkout's card fields (the drop-in <payframe-checkout> or split fields in a
// <payframe-card-group>) through any EnginePage, as a shopper would: waits for it, types into its
// frames, presses Pay, and reads what the merchant page saw. Runs in Node; page functions run in
// the merchant page or in a field frame.
import type { FieldKind } from '../../src/index.ts';
import type { EnginePage, ShadowPath } from './engines/engine-page.ts';

export interface RecordedEvent {
  type: string;
  /** The event's detail as JSON, captured when it was dispatched. */
  detail: string;
}

export class CardFieldsDriver {
  constructor(
    readonly page: EnginePage,
    /** CSS selector of the host element in the merchant page. */
    readonly host: string,
    /** Whether the field elements are in the host's shadow root (drop-in) or its light DOM (split fields). */
    readonly fieldsInShadow: boolean,
  ) {}

  static dropIn(page: EnginePage, host = '#checkout'): CardFieldsDriver {
    return new CardFieldsDriver(page, host, true);
  }

  static splitFields(page: EnginePage, host = '#split'): CardFieldsDriver {
    return new CardFieldsDriver(page, host, false);
  }

  frame(kind: FieldKind): ShadowPath {
    const field = `payframe-card-${kind}`;
    return this.fieldsInShadow ? [this.host, field, 'iframe'] : [`${this.host} ${field}`, 'iframe'];
  }

  async waitReady(timeout?: number): Promise<void> {
    await this.page.waitFor((host) => (document.querySelector(host) as { ready?: boolean } | null)?.ready === true, this.host, {
      message: `${this.host} ready`,
      ...(timeout ? { timeout } : {}),
    });
  }

  type(kind: FieldKind, text: string): Promise<void> {
    return this.page.typeInFrame(this.frame(kind), text);
  }

  /** What the shopper sees in the field, read inside its frame (the merchant page cannot). */
  value(kind: FieldKind): Promise<string> {
    return this.page.evaluateInFrame(this.frame(kind), () => (document.getElementById('input') as HTMLInputElement).value, null);
  }

  async fillCard(card: { number: string; expiry: string; cvc: string }): Promise<void> {
    await this.type('number', card.number);
    await this.type('expiry', card.expiry);
    await this.type('cvc', card.cvc);
  }

  /**
   * Which field of the merchant page holds keyboard focus (its frame does, seen from outside), or
   * the focused element's tag name; follows shadow roots.
   */
  focusedField(): Promise<string | undefined> {
    return this.page.evaluate(() => {
      let element: Element | null = document.activeElement;
      while (element?.shadowRoot?.activeElement && !/^payframe-card-(number|expiry|cvc)$/.test(element.localName)) element = element.shadowRoot.activeElement;
      const match = /^payframe-card-(number|expiry|cvc)$/.exec(element?.localName ?? '');
      return match?.[1] ?? element?.localName;
    }, null);
  }

  /**
   * Waits until `kind` holds focus as Payframe tells the merchant page: the field's last recorded
   * focus or blur event is its payframe-focus. (The page's own document.activeElement is no
   * witness: WebKit leaves it on the frame focused before when Tab moves between frames.)
   */
  waitForFocus(kind: string): Promise<void> {
    return this.page.waitFor(
      (kind) => {
        const moves = ((window as unknown as { payframeCrossEvents?: RecordedEvent[] }).payframeCrossEvents ?? []).filter(
          (event) => (event.type === 'payframe-focus' || event.type === 'payframe-blur') && (JSON.parse(event.detail) as { field: string }).field === kind,
        );
        return moves[moves.length - 1]?.type === 'payframe-focus';
      },
      kind,
      { message: `focus on ${kind}` },
    );
  }

  pressPay(): Promise<void> {
    return this.page.click([this.host, 'button[part="button"]']);
  }

  /** Starts a log of these events on the host; details are stored as JSON so every driver can read them back. */
  recordEvents(types: string[]): Promise<void> {
    return this.page.evaluate(
      ({ host, types }) => {
        const log: { type: string; detail: string }[] = [];
        (window as unknown as { payframeCrossEvents: typeof log }).payframeCrossEvents = log;
        for (const type of types) document.querySelector(host)!.addEventListener(type, (event) => log.push({ type, detail: JSON.stringify((event as CustomEvent).detail) }));
      },
      { host: this.host, types },
    );
  }

  recordedEvents(): Promise<RecordedEvent[]> {
    return this.page.evaluate(() => (window as unknown as { payframeCrossEvents?: RecordedEvent[] }).payframeCrossEvents ?? [], null);
  }

  /** Resolves with the detail of the first recorded event of `type`. */
  async waitForRecorded<T>(type: string, timeout?: number): Promise<T> {
    await this.page.waitFor(
      (eventType) => ((window as unknown as { payframeCrossEvents?: RecordedEvent[] }).payframeCrossEvents ?? []).some((event) => event.type === eventType),
      type,
      { message: `a ${type} event`, ...(timeout ? { timeout } : {}) },
    );
    const event = (await this.recordedEvents()).find((candidate) => candidate.type === type)!;
    return JSON.parse(event.detail) as T;
  }
}

/**
 * Everything the merchant page holds as text: its DOM, every open shadow root, and the values of
 * its own inputs (which outerHTML leaves out). Where a leaked card number would show.
 */
export function merchantPageText(page: EnginePage): Promise<string> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const roots: (Document | ShadowRoot)[] = [document];
    for (let root = roots.pop(); root; root = roots.pop()) {
      texts.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) roots.push(element.shadowRoot);
        if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) texts.push(element.value);
      }
    }
    return texts.join('\n');
  }, null);
}
