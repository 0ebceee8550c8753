// Drives a Payframe checkout's card inputs (the drop-in <payframe-checkout>, whose number, expiry
// and CVC live in one card frame, or split fields in a <payframe-card-group>, a frame per field)
// through any EnginePage, as a shopper would: waits for it, types into its inputs, presses Pay, and
// reads what the merchant page saw. Runs in Node; page functions run in the merchant page or in a frame.
import type { FieldKind } from '../../src/index.ts';
import type { EnginePage, ShadowPath } from './engines/engine-page.ts';

export interface RecordedEvent {
  type: string;
  /** The event's detail as JSON, captured when it was dispatched. */
  detail: string;
}

/** What a field shows inside its frame: the state classes on its field (card frame) or body (split field), and its error text. */
export interface FieldLook {
  complete: boolean;
  invalid: boolean;
  error: string;
}

/** The textbox a shopper types into inside a split field's frame (its autofill catchers are aria-hidden). */
const SPLIT_FIELD_INPUT = 'input#input';

export class CardFieldsDriver {
  constructor(
    readonly page: EnginePage,
    /** CSS selector of the host element in the merchant page. */
    readonly host: string,
    /** The drop-in's one card frame (in the host's shadow root), or split fields' frame per field (in its light DOM). */
    readonly layout: 'card-frame' | 'split',
  ) {}

  static dropIn(page: EnginePage, host = '#checkout'): CardFieldsDriver {
    return new CardFieldsDriver(page, host, 'card-frame');
  }

  static splitFields(page: EnginePage, host = '#split'): CardFieldsDriver {
    return new CardFieldsDriver(page, host, 'split');
  }

  /** The frame holding `kind`'s input: the drop-in's card frame for every kind, or the split field's own frame. */
  frame(kind: FieldKind): ShadowPath {
    return this.layout === 'card-frame' ? [this.host, '[part="card"] iframe'] : [`${this.host} payframe-card-${kind}`, 'iframe'];
  }

  /** The input's selector inside its frame. */
  input(kind: FieldKind): string {
    return this.layout === 'card-frame' ? `input#${kind}` : SPLIT_FIELD_INPUT;
  }

  async waitReady(timeout?: number): Promise<void> {
    await this.page.waitFor((host) => (document.querySelector(host) as { ready?: boolean } | null)?.ready === true, this.host, {
      message: `${this.host} ready`,
      ...(timeout ? { timeout } : {}),
    });
  }

  /** Clicks into `kind`'s input and types; keys typed past a completed input go where it moved focus. */
  type(kind: FieldKind, text: string): Promise<void> {
    return this.page.typeInFrame(this.frame(kind), this.input(kind), text);
  }

  /** What the shopper sees in the field, read inside its frame (the merchant page cannot). */
  value(kind: FieldKind): Promise<string> {
    return this.page.evaluateInFrame(this.frame(kind), (selector) => (document.querySelector(selector) as HTMLInputElement).value, this.input(kind));
  }

  /** What the field shows inside its frame: its state classes and error line. */
  look(kind: FieldKind): Promise<FieldLook> {
    return this.page.evaluateInFrame(
      this.frame(kind),
      ({ kind, cardFrame }) => {
        const holder = cardFrame ? document.getElementById(`${kind}-field`)! : document.body;
        const error = document.getElementById(cardFrame ? `${kind}-error` : 'error');
        return { complete: holder.classList.contains('complete'), invalid: holder.classList.contains('invalid'), error: error?.textContent?.trim() ?? '' };
      },
      { kind, cardFrame: this.layout === 'card-frame' },
    );
  }

  async fillCard(card: { number: string; expiry: string; cvc: string }): Promise<void> {
    await this.type('number', card.number);
    await this.type('expiry', card.expiry);
    await this.type('cvc', card.cvc);
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
