// The drop-in's opt-in billing inputs: cardholder name, billing postal code and country. Apart from
// protocol-constants.ts: at run time only the card frame's billing chunk reads it, so it stays out
// of the frame's startup script.
// In the order they are laid out: the country before the postal code, whose format follows it.
export const BILLING_FIELDS = ['name', 'country', 'postal'] as const;
