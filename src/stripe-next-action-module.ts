// Entry of dist/payframe-stripe.js: the Stripe-mode adapter as a module file of its own, which the
// script-tag build loads only when a payment needs it (script-tag-stripe.ts). Hands the adapter
// over on a global that only that loader reads.
import { runStripeNextAction } from './host/stripe-next-action.ts';
import { STRIPE_NEXT_ACTION_GLOBAL } from './host/stripe-next-action-global.ts';

(window as unknown as Record<symbol, unknown>)[STRIPE_NEXT_ACTION_GLOBAL] = runStripeNextAction;
