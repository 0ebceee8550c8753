// The one live region of a checkout or card group, on the merchant page: it announces a field's
// new error, a form error, "processing" and the result, each once. Only messages reach it, never
// what was typed. Merchant realm.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PayframeChangeEvent } from '../events.ts';

export class LiveAnnouncer implements ReactiveController {
  /** Visually hidden (see liveRegionStyles), polite: it never interrupts the shopper's typing. */
  readonly region: HTMLElement;
  /** What the region says now; the same text is not said twice in a row. */
  private current = '';
  /** Each field's error message as last announced, so a field's unchanged error stays quiet. */
  private readonly fieldErrors = new Map<string, string>();
  /** Alternates a trailing no-break space, so a repeated message still changes the region's text. */
  private toggle = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    this.region = document.createElement('div');
    this.region.className = 'payframe-live';
    this.region.setAttribute('role', 'status');
    this.region.setAttribute('aria-live', 'polite');
    this.region.setAttribute('aria-atomic', 'true');
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('payframe-change', this.onChange);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('payframe-change', this.onChange);
  }

  /** Says `text`, unless it is what the region says already. */
  announce(text: string | undefined): void {
    if (!text || text === this.current) return;
    this.current = text;
    this.toggle = !this.toggle;
    this.region.textContent = this.toggle ? `${text}\u00a0` : text;
  }

  /** A new submit: its outcome is announced even when it repeats the last message. */
  submitted(): void {
    this.current = '';
  }

  private readonly onChange = (event: PayframeChangeEvent): void => {
    const { field, error } = event.detail;
    const previous = this.fieldErrors.get(field);
    const message = error?.message ?? '';
    this.fieldErrors.set(field, message);
    // Fixed: the same error later is news again.
    if (!message && previous && previous === this.current) this.current = '';
    if (message && message !== previous) this.announce(message);
  };
}
