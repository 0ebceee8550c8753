// The full-page fallback for a 3-D Secure challenge the modal cannot show: checks the merchant's
// return-url, leaves a one-time note in this tab that the redirect was ours, and sends the shopper
// to the bank's page, which brings them back to the return URL. Merchant realm.
/** If the page is still here this long after we navigated away, the navigation did not happen. */
const REDIRECT_STALLED_MS = 15_000;
const MARKER_PREFIX = 'payframe.challenge-redirect.';

/**
 * The checkout's `return-url` as an absolute URL, or undefined when it may not be used. It comes
 * back with the intent's client_secret in its query, so it must be a web page of this very site's
 * origin (relative URLs are resolved against the page): never another origin, never `javascript:`.
 */
export function checkedReturnUrl(value: string): string | undefined {
  try {
    const url = new URL(value, location.href);
    const isWeb = url.protocol === 'https:' || url.protocol === 'http:';
    const sameOrigin = url.origin === location.origin;
    return isWeb && sameOrigin && url.username === '' && url.password === '' && url.href.length <= 2000 ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Navigates this tab to the challenge page (its URL comes from the controller, which checked its
 * origin against the fields origin's configured challenge origins). Resolves only if the navigation never happens, so the caller can
 * report it instead of spinning forever.
 */
export function redirectToChallenge(url: string, paymentIntentId: string): Promise<'stalled'> {
  try {
    // Only the intent id: the client_secret is not kept anywhere by us.
    sessionStorage.setItem(`${MARKER_PREFIX}${paymentIntentId}`, String(Date.now()));
  } catch {
    // Storage off: the return page then needs the client-secret attribute to resume.
  }
  location.assign(url);
  return new Promise((resolve) => setTimeout(() => resolve('stalled'), REDIRECT_STALLED_MS));
}

/** Whether this tab left for this intent's challenge page; the note is used up by reading it. */
export function takeRedirectMarker(paymentIntentId: string): boolean {
  try {
    const key = `${MARKER_PREFIX}${paymentIntentId}`;
    const found = sessionStorage.getItem(key) !== null;
    sessionStorage.removeItem(key);
    return found;
  } catch {
    return false;
  }
}
