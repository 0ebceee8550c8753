// Every text the shopper reads, by key: English here (the source, and the fallback for anything a
// locale lacks), the other locales in ./locales/<code>.ts, loaded only when used. Shared by the
// SDK and the frames; error texts are keyed by their error code.
import { CHECKOUT_ERROR_MESSAGES, FIELD_ERROR_MESSAGES } from '../shared/errors.ts';

/** What a field frame shows: its label, placeholder and field errors (all a frame carries inline). */
export const ENGLISH_FIELD_TEXTS = {
  numberLabel: 'Card number',
  expiryLabel: 'Expiration date',
  cvcLabel: 'Security code',
  expiryPlaceholder: 'MM / YY',
  cvcPlaceholder: 'CVC',
  ...FIELD_ERROR_MESSAGES,
} as const;

const ENGLISH_PAGE_TEXTS = {
  cardFrameTitle: 'Secure card details input',
  numberFrameTitle: 'Secure card number input',
  expiryFrameTitle: 'Secure expiration date input',
  cvcFrameTitle: 'Secure security code (CVC) input',
  /** `{amount}` is replaced by the amount, formatted for the locale. */
  pay: 'Pay {amount}',
  payWithoutAmount: 'Pay',
  processing: 'Processing…',
  paid: 'Payment successful.',
  /** The button of a checkout with `mode="setup"`, which saves the card. */
  saveCard: 'Save card',
  cardSaved: 'Card saved.',
  cardAccepted: 'Card details accepted.',
  challengeTitle: 'Confirm your payment',
  challengeCancel: 'Cancel',
  challengeFrameTitle: 'Your bank: confirm this payment',
  challengeCancelled: 'You closed the payment confirmation, so the payment was not made. Please try again.',
  challengeNotShowing: "My bank's page is not showing",
} as const;

/**
 * The gateway's declines, keyed by Stripe's code (localize-error.ts maps codes and decline codes
 * to these): the shopper reads ours, in the checkout's locale, never the gateway's English.
 * `card_declined` is also what a lost or stolen card, fraud or an unknown decline reads as.
 */
const ENGLISH_DECLINE_TEXTS = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  expired_card: 'Your card has expired.',
  incorrect_cvc: "Your card's security code is incorrect.",
  incorrect_number: 'Your card number is incorrect.',
  incorrect_zip: "Your card's postal code is incorrect.",
  processing_error: 'An error occurred while processing your card. Please try again.',
  authentication_required: 'Your bank needs you to confirm this payment. Please try again.',
} as const;

// Marked pure so a bundle that never reads the whole table (a field frame) leaves it out.
export const ENGLISH: Readonly<typeof ENGLISH_FIELD_TEXTS & typeof ENGLISH_PAGE_TEXTS & typeof CHECKOUT_ERROR_MESSAGES & typeof ENGLISH_DECLINE_TEXTS> =
  /* @__PURE__ */ Object.assign({}, ENGLISH_FIELD_TEXTS, ENGLISH_PAGE_TEXTS, CHECKOUT_ERROR_MESSAGES, ENGLISH_DECLINE_TEXTS);

export type MessageKey = keyof typeof ENGLISH;
export type Messages = Record<MessageKey, string>;
export type FieldTexts = Record<keyof typeof ENGLISH_FIELD_TEXTS, string>;
export type DeclineKey = keyof typeof ENGLISH_DECLINE_TEXTS;
export const MESSAGE_KEYS = /* @__PURE__ */ Object.keys(ENGLISH) as MessageKey[];

export const LOCALES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ja', 'zh', 'ko', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** Written right to left; the card number, expiry and CVC stay left to right in every locale. */
export function isRightToLeft(locale: Locale): boolean {
  return locale === 'ar';
}

/** The supported locale for a BCP 47 tag (`de-CH` → `de`, `pt-BR` → `pt`); English when none fits. */
export function supportedLocale(tag: string | null | undefined): Locale {
  const language = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : 'en';
}

/** The locale a `locale` attribute asks for: `auto` (or nothing) is the browser's language. */
export function requestedLocaleTag(attribute: string | null | undefined): string {
  const value = (attribute ?? '').trim();
  if (value && value !== 'auto') return value;
  return (typeof navigator !== 'undefined' && navigator.language) || 'en';
}

/** One message with its `{name}` placeholders filled in. */
export function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
