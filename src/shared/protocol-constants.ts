// The protocol's plain constants, for code in both realms. Kept apart from the zod schemas
// (protocol.ts) so that runtime code never bundles zod: it imports only types from there.

export const PROTOCOL_VERSION = 1;

export const FIELD_KINDS = ['number', 'expiry', 'cvc'] as const;

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

/** The intent's id is the part of its client_secret before `_secret_`. */
export function paymentIntentIdOf(clientSecret: string): string {
  return clientSecret.slice(0, clientSecret.indexOf('_secret_'));
}
