// Follows the bank's challenge page in the modal's frame with what a cross-origin frame shows its
// embedder: its load events and messages from it. Merchant realm, next-action chunk.
//
// Why no "was it refused?" check: measured in Chromium 156, a page refused by X-Frame-Options or
// frame-ancestors fires `load` like a shown one, and the two look the same from here: both
// cross-origin (contentWindow.origin, .location, .name throw the same SecurityError,
// contentDocument is null, length is 0), no securitypolicyviolation reaches the embedder, their
// Resource Timing entries match, and neither answers a postMessage. Browsers hide it on purpose
// (it would let any site probe another's framing rules). Only an <object> tells (it fires `error`),
// but merchants' CSPs forbid objects (`object-src 'none'`) and a probe loads the bank's page twice.
// So a page that says nothing is taken as showing (as every real bank's page says nothing), and
// the shopper, who sees a refused page as the browser's error page, gets a "not showing" button.
/** While a silent page is up, how often the intent's status is read (pages that finish without navigating). */
export const STATUS_POLL_MS = 4_000;
/** With no load event at all (a stalled network), when to offer the way out anyway. */
export const LOAD_TIMEOUT_MS = 10_000;

/**
 * `{ type, paymentIntent }` from the challenge page about this intent: `payframe-3ds-shown` when it
 * shows, `payframe-3ds-escape` when the shopper pressed Escape in it. Checked by hand: two fields.
 */
export function isChallengePageMessage(data: unknown, type: 'payframe-3ds-shown' | 'payframe-3ds-escape', paymentIntentId: string): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  return message.type === type && message.paymentIntent === paymentIntentId;
}

export interface ChallengeFrameSignals {
  /** The frame loaded a page that did not say it shows (or nothing loaded in time): offer the way out. */
  offerWayOut(): void;
  /** The page said it shows (the sandbox's does): the way out is not needed. */
  shown(): void;
  /** The page navigated (a form sent, a result shown) or a poll is due: read the intent's status. */
  checkStatus(): void;
}

export interface ChallengeFrameWatch {
  /** Stops every timer and listener (the dialog closed). */
  stop(): void;
}

/** Only a message from that very frame, from the challenge's origin, about this intent counts. */
export function watchChallengeFrame(iframe: HTMLIFrameElement, challengeOrigin: string, paymentIntentId: string, signals: ChallengeFrameSignals): ChallengeFrameWatch {
  let loads = 0;
  let announced = false;
  const loadTimer = setTimeout(signals.offerWayOut, LOAD_TIMEOUT_MS);
  // A page that announces itself also posts its result; only silent pages need the poll.
  const poll = setInterval(() => announced || signals.checkStatus(), STATUS_POLL_MS);

  function onMessage(event: MessageEvent) {
    if (event.origin !== challengeOrigin || event.source !== iframe.contentWindow) return;
    if (!isChallengePageMessage(event.data, 'payframe-3ds-shown', paymentIntentId)) return;
    announced = true;
    signals.shown();
  }
  function onLoad() {
    loads += 1;
    clearTimeout(loadTimer);
    // A message sent by the page's script may come just after its load event: judge the first page
    // silent for now; its announcement, if any, hides the way out again.
    if (loads === 1 && !announced) signals.offerWayOut();
    // Every later load is the bank's page moving on: the challenge may be over.
    if (loads > 1) signals.checkStatus();
  }
  function stop() {
    clearTimeout(loadTimer);
    clearInterval(poll);
    window.removeEventListener('message', onMessage);
    iframe.removeEventListener('load', onLoad);
  }
  window.addEventListener('message', onMessage);
  iframe.addEventListener('load', onLoad);
  return { stop };
}
