// Script-tag build: fetches the next-action code (3-D Secure modal, full-page fallback, Stripe
// mode), when a payment first needs it, as dist/payframe-next-action.js from where payframe.js came,
// pinned by the Subresource Integrity hash the build wrote into this file (host/pinned-module.ts).
import { NEXT_ACTION_GLOBAL } from './host/next-action-global.ts';
import { setNextActionLoader } from './host/next-action-loader.ts';
import type { RunNextAction } from './host/next-action.ts';
import { loadPinnedModule } from './host/pinned-module.ts';

/** sha384 of dist/payframe-next-action.js, set by the build (vite.config.ts). */
declare const __PAYFRAME_NEXT_ACTION_INTEGRITY__: string;

let loading: Promise<RunNextAction> | undefined;

async function loadNextActionModule(): Promise<RunNextAction> {
  await loadPinnedModule('payframe-next-action.js', __PAYFRAME_NEXT_ACTION_INTEGRITY__);
  // The module put its code on the global as it ran.
  const run = (window as unknown as Record<symbol, unknown>)[NEXT_ACTION_GLOBAL];
  if (typeof run !== 'function') throw new Error('payframe-next-action.js did not load');
  return run as RunNextAction;
}

setNextActionLoader(() => {
  // A failed load may be tried again on the next payment.
  loading ??= loadNextActionModule().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
});
