// Every error Payframe reports, in one table: a stable code (Stripe's vocabulary where Stripe
// has one) and the English message shown to the shopper. Shared by the SDK and the frames.

export const FIELD_ERROR_MESSAGES = {
  incomplete_number: 'Your card number is incomplete.',
  invalid_number: 'Your card number is invalid.',
  incomplete_expiry: "Your card's expiration date is incomplete.",
  invalid_expiry_month: "Your card's expiration month is invalid.",
  invalid_expiry_month_past: "Your card's expiration date is in the past.",
  invalid_expiry_year_past: "Your card's expiration year is in the past.",
  invalid_expiry_year: "Your card's expiration year is invalid.",
  incomplete_cvc: "Your card's security code is incomplete.",
  invalid_cvc: "Your card's security code is invalid.",
} as const;

/**
 * The errors the fields origin reports by itself (the card frame and the split fields' controller):
 * inputs it cannot read and the gateway's answers. Apart from the page's own errors below, so the
 * frames carry only these messages.
 */
export const GATEWAY_ERROR_MESSAGES = {
  fields_unavailable: 'The payment form could not be read. Please reload the page and try again.',
  network_error: 'We could not reach the payment service. Check your connection and try again.',
  timeout: 'The payment service took too long to answer. Please try again.',
  gateway_unavailable: 'The payment service is unavailable right now. Please try again shortly.',
  rate_limited: 'Too many attempts. Please wait a moment and try again.',
  gateway_error: 'The payment service could not process this card.',
  gateway_invalid_response: 'The payment service sent an answer we could not read. Please try again.',
  challenge_unavailable: "Your bank's confirmation page could not be shown here, so the payment was not made. Please try again or use another card.",
} as const;

export const CHECKOUT_ERROR_MESSAGES = {
  ...GATEWAY_ERROR_MESSAGES,
  not_ready: 'The payment form is still loading. Please try again in a moment.',
  fields_origin_missing: 'Payframe does not know where its card fields are hosted. Set the fields-origin attribute.',
  invalid_publishable_key: 'This checkout is not configured with a valid publishable key.',
  frame_load_failed: 'The secure card fields could not be loaded. Check your connection and reload the page.',
  payment_intent_authentication_failure: 'Your payment was not authenticated. Please try again or use another card.',
  setup_intent_authentication_failure: 'Your card was not authenticated, so it was not saved. Please try again or use another card.',
  invalid_client_secret: 'This checkout is not configured with a valid payment (client secret).',
  payment_incomplete: 'The payment could not be completed. Please try again.',
  payment_in_progress: 'A payment is already being processed. Please wait for it to finish.',
  invalid_return_url: 'This checkout is not configured with a valid return URL (an http or https address on this site).',
  stripe_js_unavailable: 'The payment confirmation could not be loaded. Check your connection and try again.',
  fields_claimed: 'The card fields were locked to keep your card safe. Please reload the page.',
  invalid_payment_methods: 'This checkout is not configured with valid payment methods (card, sepa_debit, us_bank_account).',
} as const;

// Marked pure so a bundle that never reads the merged table (a field frame) leaves it out.
export const ERROR_MESSAGES: Readonly<typeof FIELD_ERROR_MESSAGES & typeof CHECKOUT_ERROR_MESSAGES> = /* @__PURE__ */ Object.assign(
  {},
  FIELD_ERROR_MESSAGES,
  CHECKOUT_ERROR_MESSAGES,
);

export type FieldErrorCode = keyof typeof FIELD_ERROR_MESSAGES;
export type CheckoutErrorCode = keyof typeof CHECKOUT_ERROR_MESSAGES;
export type GatewayErrorCode = keyof typeof GATEWAY_ERROR_MESSAGES;

export const FIELD_ERROR_CODES = /* @__PURE__ */ Object.keys(FIELD_ERROR_MESSAGES) as [FieldErrorCode, ...FieldErrorCode[]];

/**
 * The billing inputs' errors. Their texts (English and every locale) are in the billing inputs' own
 * chunk (src/i18n/billing-messages.ts), which only a checkout that shows them loads; the page gets
 * each with its message from the frame.
 */
export const BILLING_ERROR_CODES = ['incomplete_name', 'incomplete_postal', 'invalid_postal', 'incomplete_country'] as const;
export type BillingErrorCode = (typeof BILLING_ERROR_CODES)[number];

/**
 * The bank debit fields' errors (IBAN, US bank account, account holder, mandate). Their texts (English
 * and every locale) are in src/i18n/bank-messages.ts and src/i18n/locales/bank/, apart from the card
 * texts, so no card bundle carries them. The drop-in's card frame sends them with their message in the
 * checkout's locale.
 */
export const BANK_ERROR_CODES = [
  'iban_incomplete',
  'iban_invalid_characters',
  'iban_invalid_country',
  'iban_not_sepa',
  'iban_too_long',
  'iban_invalid_checksum',
  'routing_number_incomplete',
  'routing_number_invalid',
  'account_number_incomplete',
  'account_number_too_long',
  'account_number_confirmation_incomplete',
  'account_numbers_mismatch',
  'account_type_required',
  'account_holder_type_required',
  'account_holder_name_incomplete',
  'account_holder_name_invalid',
  'account_holder_name_too_long',
  'email_incomplete',
  'email_invalid',
  'mandate_not_accepted',
  'mandate_merchant_name_invalid',
  /** A bank debit chosen in a checkout without `client-secret` (or with a SetupIntent's): the merchant's setup. */
  'payment_method_requires_client_secret',
] as const;
export type BankErrorCode = (typeof BANK_ERROR_CODES)[number];

/**
 * A saved card's errors (the drop-in with `payment-method`): the card frame's saved-card chunk words
 * them (src/i18n/saved-card-messages.ts, every locale), so the page carries only their codes.
 */
export const SAVED_CARD_ERROR_CODES = ['payment_method_mismatch', 'invalid_payment_method'] as const;
export type SavedCardErrorCode = (typeof SAVED_CARD_ERROR_CODES)[number];

export function messageFor(code: FieldErrorCode | CheckoutErrorCode): string {
  return ERROR_MESSAGES[code];
}

/** For the field frames, which only ever show field errors (and so need only that table). */
export function fieldErrorMessage(code: FieldErrorCode): string {
  return FIELD_ERROR_MESSAGES[code];
}

/**
 * For the card frame and the controller: a field's error text, which they show beside the input.
 * Their other errors (GATEWAY_ERROR_MESSAGES) go to the page with an empty message: the page has
 * those texts in every locale and fills it in (localize-error.ts), so the frames carry none of them.
 */
export function frameErrorMessage(code: FieldErrorCode | GatewayErrorCode): string {
  return Object.hasOwn(FIELD_ERROR_MESSAGES, code) ? FIELD_ERROR_MESSAGES[code as FieldErrorCode] : '';
}

/** Field codes are shown by the fields themselves; other codes belong to the whole form. */
export function isFieldErrorCode(code: string): code is FieldErrorCode {
  return Object.hasOwn(FIELD_ERROR_MESSAGES, code);
}

/**
 * The bank inputs' errors (BANK_ERROR_CODES but the mandate's and the merchant setup's), by prefix:
 * the page needs to know only that the input shows it, and the list would cost its bytes in payframe.js.
 * Only with the input named: the gateway's own bank codes (`account_closed`…) name none.
 */
const BANK_INPUT_ERROR = /^(iban|routing_number|account|email)_/;

/** A card, billing or bank input's error (`field`: the input the error names, if any): shown by the input itself, not above the button. */
export function isInputErrorCode(code: string, field?: string): boolean {
  return isFieldErrorCode(code) || (BILLING_ERROR_CODES as readonly string[]).includes(code) || (!!field && BANK_INPUT_ERROR.test(code));
}
