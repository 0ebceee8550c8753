// Tools of a hostile merchant page, for the hostile-merchant suite: capture the SDK's message
// ports before any page script runs (as a compromised page could), then forge, replay and
// flood messages through them. Runs in the merchant realm only.

export interface CapturedPort {
  frame: string;
  /** The checkout id from the hello it answered: a page may hold several checkouts. */
  checkout: string;
  port: MessagePort;
}

declare global {
  interface Window {
    capturedPorts?: CapturedPort[];
  }
  /** `capturedPort`, installed on the page by the tests so page.evaluate callbacks can call it. */
  function capturedPortFor(frame: string, host?: string): MessagePort;
}

/**
 * Wraps MessageChannel so every port1 the SDK creates is kept, tagged with the frame whose
 * hello it answered (our capture listener sees the hello before the SDK's own listener does).
 */
export function capturePorts(merchantOrigin: string): void {
  if (location.origin !== merchantOrigin) return;
  const captured: CapturedPort[] = [];
  window.capturedPorts = captured;
  let lastHello = { frame: 'unknown', checkout: 'unknown' };
  window.addEventListener(
    'message',
    (event) => {
      const { frame, checkout } = (event.data ?? {}) as { frame?: unknown; checkout?: unknown };
      if (typeof frame === 'string' && typeof checkout === 'string') lastHello = { frame, checkout };
    },
    true,
  );
  const OriginalChannel = window.MessageChannel;
  window.MessageChannel = class extends OriginalChannel {
    constructor() {
      super();
      captured.push({ ...lastHello, port: this.port1 });
    }
  };
}

/**
 * The last port the SDK created for a frame kind ('card' for the drop-in's card frame; 'number',
 * 'expiry', 'cvc', 'controller' for split fields) of the element `host` selects: the page's drop-in
 * <payframe-checkout> unless told otherwise (the demo page also holds a <payframe-card-group>).
 * Self-contained: tests install it on the page with `toString()`.
 */
export function capturedPort(frame: string, host = 'payframe-checkout'): MessagePort {
  // The drop-in's card frame, or the group's hidden controller: both carry the checkout id.
  const src = document.querySelector(host)?.shadowRoot?.querySelector('[part="card"] iframe, iframe[src*="/controller.html#"]')?.getAttribute('src');
  const checkout = src ? new URLSearchParams(new URL(src).hash.slice(1)).get('checkout') : null;
  const match = window.capturedPorts?.filter((entry) => entry.frame === frame && (checkout === null || entry.checkout === checkout)).at(-1);
  if (!match) throw new Error(`no captured port for ${frame} of ${host}`);
  return match.port;
}
