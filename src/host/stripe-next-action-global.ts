// The handover key between dist/payframe-stripe.js and the script tag that loads it.
export const STRIPE_NEXT_ACTION_GLOBAL = Symbol.for('payframe.stripe-next-action');
