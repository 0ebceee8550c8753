// Tells whether the bank's challenge page really shows in the modal's iframe: the sandbox's page
// announces itself to its parent when it loads. A page refused in the frame (frame-ancestors,
// X-Frame-Options, a blocker) never does, so the checkout can fall back to a full-page redirect
// instead of leaving the shopper before an empty dialog. Merchant realm.
/** After the frame's load event, how long the announcement may take to arrive. */
export const SHOWN_GRACE_AFTER_LOAD_MS = 3_000;
/** With no load event at all (a stalled network), how long before giving up on the frame. */
export const SHOWN_TIMEOUT_MS = 10_000;

/**
 * `{ type, paymentIntent }` from the challenge page about this intent: `payframe-3ds-shown` when it
 * shows, `payframe-3ds-escape` when the shopper pressed Escape in it. Checked by hand: two fields.
 */
export function isChallengePageMessage(data: unknown, type: 'payframe-3ds-shown' | 'payframe-3ds-escape', paymentIntentId: string): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  return message.type === type && message.paymentIntent === paymentIntentId;
}

export interface ChallengeFrameWatch {
  /** Stops every timer and listener (the dialog closed). */
  stop(): void;
}

/**
 * Calls `onRefused` once if the page in `iframe` has not said it is showing in time. Only a
 * message from that very frame, from the challenge's origin, about this intent counts.
 */
export function watchChallengeFrame(iframe: HTMLIFrameElement, challengeOrigin: string, paymentIntentId: string, onRefused: () => void): ChallengeFrameWatch {
  let timer = setTimeout(refused, SHOWN_TIMEOUT_MS);
  function refused() {
    stop();
    onRefused();
  }
  function onMessage(event: MessageEvent) {
    if (event.origin !== challengeOrigin || event.source !== iframe.contentWindow) return;
    if (isChallengePageMessage(event.data, 'payframe-3ds-shown', paymentIntentId)) stop();
  }
  function onLoad() {
    // A refused frame still fires load (with the browser's error page): give the message a moment.
    clearTimeout(timer);
    timer = setTimeout(refused, SHOWN_GRACE_AFTER_LOAD_MS);
  }
  function stop() {
    clearTimeout(timer);
    window.removeEventListener('message', onMessage);
    iframe.removeEventListener('load', onLoad);
  }
  window.addEventListener('message', onMessage);
  iframe.addEventListener('load', onLoad);
  return { stop };
}
