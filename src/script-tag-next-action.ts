// Script-tag build: fetches the next-action code (3-D Secure modal, full-page fallback, Stripe
// mode), when a payment first needs it, as dist/payframe-next-action.js from where payframe.js came,
// pinned by the Subresource Integrity hash the build wrote into this file. Runs while
// `document.currentScript` still points at payframe.js.
import { NEXT_ACTION_GLOBAL } from './host/next-action-global.ts';
import { setNextActionLoader } from './host/next-action-loader.ts';
import type { RunNextAction } from './host/next-action.ts';

/** sha384 of dist/payframe-next-action.js, set by the build (vite.config.ts). */
declare const __PAYFRAME_NEXT_ACTION_INTEGRITY__: string;

const script = document.currentScript;
const moduleUrl = script instanceof HTMLScriptElement && script.src ? new URL('payframe-next-action.js', script.src).href : undefined;
let loading: Promise<RunNextAction> | undefined;

function loadPinnedModule(): Promise<RunNextAction> {
  return new Promise((resolve, reject) => {
    if (!moduleUrl) return reject(new Error('payframe.js was not loaded from a script tag'));
    const element = document.createElement('script');
    element.type = 'module';
    element.src = moduleUrl;
    element.integrity = __PAYFRAME_NEXT_ACTION_INTEGRITY__;
    element.crossOrigin = 'anonymous';
    // A module script's load event fires after it ran: the code is on the global by then.
    element.addEventListener('load', () => {
      const run = (window as unknown as Record<symbol, unknown>)[NEXT_ACTION_GLOBAL];
      if (typeof run === 'function') resolve(run as RunNextAction);
      else reject(new Error('payframe-next-action.js did not load'));
    });
    element.addEventListener('error', () => {
      element.remove();
      reject(new Error('payframe-next-action.js did not load'));
    });
    document.head.append(element);
  });
}

setNextActionLoader(() => {
  // A failed load may be tried again on the next payment.
  loading ??= loadPinnedModule().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
});
