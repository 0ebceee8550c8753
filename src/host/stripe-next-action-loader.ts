// Where the Stripe-mode adapter (stripe-next-action.ts) comes from: each build says how to fetch
// it lazily (the ESM build a dynamic import, the script tag a pinned module file), so merchants who
// never meet a `use_stripe_sdk` answer never download it. Merchant realm.
import type { RunStripeNextAction } from './stripe-next-action.ts';

let loader: (() => Promise<RunStripeNextAction>) | undefined;

export function setStripeNextActionLoader(load: () => Promise<RunStripeNextAction>): void {
  loader = load;
}

/** The adapter, or undefined when it cannot be loaded (blocked, offline, failed its integrity check). */
export async function loadStripeNextAction(): Promise<RunStripeNextAction | undefined> {
  try {
    return await loader?.();
  } catch {
    return undefined;
  }
}
