// Default API keys of the local sandbox gateway. Test-mode only; they guard nothing real,
// they exist so the demo and stripe-node can authenticate the way they would against Stripe.
export const DEFAULT_PUBLISHABLE_KEY = 'pk_test_payframe_sandbox';
export const DEFAULT_SECRET_KEY = 'sk_test_payframe_sandbox';
