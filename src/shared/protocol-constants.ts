// The protocol's plain constants, for code in both realms. Kept apart from the zod schemas
// (protocol.ts) so that runtime code never bundles zod: it imports only types from there.

export const PROTOCOL_VERSION = 1;

export const FIELD_KINDS = ['number', 'expiry', 'cvc'] as const;

/**
 * The drop-in's `payment-methods`: what a shopper may pay with, Stripe's payment method types. The
 * bank debits need a PaymentIntent (`client-secret`); their inputs are a chunk of the card frame.
 */
export const PAYMENT_METHOD_TYPES = ['card', 'sepa_debit', 'us_bank_account'] as const;
export type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];

/**
 * The longest first options (JSON) a card frame's URL may carry. Its two style layers are at most
 * 32,000 characters each (src/host/style-relay.ts), so a page's own never come near it.
 */
export const MAX_FIRST_OPTIONS_LENGTH = 100_000;

/** The most the drop-in's card frame may ask its element to grow to, in CSS pixels. */
export const MAX_CARD_FRAME_HEIGHT = 1000;

export const PAYMENT_INTENT_STATUSES = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'succeeded',
  'canceled',
] as const;

/** The intent's id (a PaymentIntent's or a SetupIntent's) is the part of its client_secret before `_secret_`. */
export function paymentIntentIdOf(clientSecret: string): string {
  return clientSecret.slice(0, clientSecret.indexOf('_secret_'));
}

/** The gateway's path for the intent a client_secret names: `/v1/setup_intents/seti_…` or `/v1/payment_intents/pi_…`. */
export function intentPathOf(clientSecret: string): string {
  return `/v1/${clientSecret.startsWith('seti_') ? 'setup' : 'payment'}_intents/${paymentIntentIdOf(clientSecret)}`;
}
