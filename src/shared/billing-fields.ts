// The drop-in's opt-in billing inputs: cardholder name, billing postal code and country. Apart from
// protocol-constants.ts: at run time only the card frame's billing chunk reads it, so it stays out
// of the frame's startup script.
// In the order they are laid out: the country before the postal code, whose format follows it.
export const BILLING_FIELDS = ['name', 'country', 'postal'] as const;

/** The billing inputs that are split fields of their own (<payframe-card-name>, <payframe-card-postal>); the country comes from `billing-country`. */
export const SPLIT_BILLING_FIELDS = ['name', 'postal'] as const;
