// Where the next-action code (next-action.ts: the 3-D Secure modal, the full-page fallback, Stripe
// mode) comes from: each build says how to fetch it lazily (the ESM build a dynamic import, the
// script tag a module file pinned by its hash), so a checkout downloads it only when the bank asks
// for something. Merchant realm.
import type { RunNextAction } from './next-action.ts';

let loader: (() => Promise<RunNextAction>) | undefined;

export function setNextActionLoader(load: () => Promise<RunNextAction>): void {
  loader = load;
}

/** The next-action code, or undefined when it cannot be loaded (blocked, offline, failed its integrity check). */
export async function loadNextAction(): Promise<RunNextAction | undefined> {
  try {
    return await loader?.();
  } catch {
    return undefined;
  }
}
