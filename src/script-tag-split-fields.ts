// Script-tag build: the split fields (<payframe-card-group>, <payframe-card-number>, -expiry, -cvc,
// -name, -country and -postal) are not in payframe.js but in dist/payframe-fields.js beside it, fetched once, pinned by the
// Subresource Integrity hash the build wrote into this file, as soon as the document holds one of
// them; elements already in the page upgrade when it has run. A page with only <payframe-checkout>
// never fetches it. Split fields inside the page's own shadow roots are out of the observer's
// sight: such pages call `Payframe.loadSplitFields()`.
import { dispatchPayframeEvent } from './events.ts';
import { checkoutError } from './host/checkout-error.ts';
import { loadPinnedModule } from './host/pinned-module.ts';
import { SPLIT_FIELDS_KIT } from './host/split-fields-global.ts';
import type { CheckoutError } from './shared/protocol.ts';
import { splitFieldsKit } from './split-fields-kit.ts';

/** sha384 of dist/payframe-fields.js, set by the build (vite.config.ts). */
declare const __PAYFRAME_SPLIT_FIELDS_INTEGRITY__: string;

/** What `Payframe.loadSplitFields()` resolves with; it never rejects. */
export type SplitFieldsLoadResult = { loaded: true } | { error: CheckoutError };

const SELECTOR = 'payframe-card-group,payframe-card-number,payframe-card-expiry,payframe-card-cvc,payframe-card-name,payframe-card-country,payframe-card-postal';

let loading: Promise<SplitFieldsLoadResult> | undefined;
/** Groups already told that the split fields could not load. */
const told = new WeakSet<Element>();

/**
 * Fetches the split fields once (later calls get the same answer): `{ loaded: true }` once they
 * are defined, or, when the file is blocked or fails its integrity check, `{ error }` with code
 * `frame_load_failed`, which every <payframe-card-group> in the document also receives as a
 * `payframe-error` event (its fields never upgrade). A failed load is not tried again: the error
 * asks the shopper to reload.
 */
export function loadSplitFields(): Promise<SplitFieldsLoadResult> {
  if (!loading) {
    (window as unknown as Record<symbol, unknown>)[SPLIT_FIELDS_KIT] = splitFieldsKit;
    loading = loadPinnedModule('payframe-fields.js', __PAYFRAME_SPLIT_FIELDS_INTEGRITY__)
      .catch(() => undefined)
      .then((): SplitFieldsLoadResult => (customElements.get('payframe-card-group') ? { loaded: true } : { error: checkoutError('frame_load_failed') }));
  }
  return loading.then((result) => {
    if ('error' in result) {
      for (const group of document.querySelectorAll('payframe-card-group')) {
        if (told.has(group)) continue;
        told.add(group);
        dispatchPayframeEvent(group, 'payframe-error', { error: result.error });
      }
    } else {
      observer.disconnect();
    }
    return result;
  });
}

/** Added elements: a split field, or a subtree holding one (inserted whole, e.g. by innerHTML). */
const observer = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node instanceof Element && (node.localName.startsWith('payframe-card-') || (node.firstElementChild && node.querySelector(SELECTOR)))) {
        void loadSplitFields();
        return;
      }
    }
  }
});
// After a failed load it keeps watching, so groups added later are told too.
observer.observe(document, { childList: true, subtree: true });
if (document.querySelector(SELECTOR)) void loadSplitFields();
