// Script-tag build: fetches the Stripe-mode adapter, when a payment first needs it, as
// dist/payframe-stripe.js from where payframe.js came, pinned by the Subresource Integrity hash the
// build wrote into this file. Runs while `document.currentScript` still points at payframe.js.
import { STRIPE_NEXT_ACTION_GLOBAL } from './host/stripe-next-action-global.ts';
import { setStripeNextActionLoader } from './host/stripe-next-action-loader.ts';
import type { RunStripeNextAction } from './host/stripe-next-action.ts';

/** sha384 of dist/payframe-stripe.js, set by the build (vite.config.ts). */
declare const __PAYFRAME_STRIPE_MODULE_INTEGRITY__: string;

const script = document.currentScript;
const moduleUrl = script instanceof HTMLScriptElement && script.src ? new URL('payframe-stripe.js', script.src).href : undefined;
let loading: Promise<RunStripeNextAction> | undefined;

function loadPinnedModule(): Promise<RunStripeNextAction> {
  return new Promise((resolve, reject) => {
    if (!moduleUrl) return reject(new Error('payframe.js was not loaded from a script tag'));
    const element = document.createElement('script');
    element.type = 'module';
    element.src = moduleUrl;
    element.integrity = __PAYFRAME_STRIPE_MODULE_INTEGRITY__;
    element.crossOrigin = 'anonymous';
    // A module script's load event fires after it ran: the adapter is on the global by then.
    element.addEventListener('load', () => {
      const run = (window as unknown as Record<symbol, unknown>)[STRIPE_NEXT_ACTION_GLOBAL];
      if (typeof run === 'function') resolve(run as RunStripeNextAction);
      else reject(new Error('payframe-stripe.js did not load'));
    });
    element.addEventListener('error', () => {
      element.remove();
      reject(new Error('payframe-stripe.js did not load'));
    });
    document.head.append(element);
  });
}

setStripeNextActionLoader(() => {
  // A failed load may be tried again on the next payment.
  loading ??= loadPinnedModule().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
});
