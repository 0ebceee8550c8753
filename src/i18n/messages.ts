// Every text the shopper reads, by key: English here (the source, and the fallback for anything a
// locale lacks), the other locales in ./locales/<code>.ts, loaded only when used. Shared by the
// SDK and the frames; error texts are keyed by their error code.
import { ERROR_MESSAGES } from '../shared/errors.ts';

export const ENGLISH = {
  numberLabel: 'Card number',
  expiryLabel: 'Expiration date',
  cvcLabel: 'Security code',
  expiryPlaceholder: 'MM / YY',
  cvcPlaceholder: 'CVC',
  numberFrameTitle: 'Secure card number input',
  expiryFrameTitle: 'Secure expiration date input',
  cvcFrameTitle: 'Secure security code (CVC) input',
  /** `{amount}` is replaced by the amount, formatted for the locale. */
  pay: 'Pay {amount}',
  payWithoutAmount: 'Pay',
  processing: 'Processing…',
  paid: 'Payment successful.',
  cardAccepted: 'Card details accepted.',
  ...ERROR_MESSAGES,
} as const;

export type MessageKey = keyof typeof ENGLISH;
export type Messages = Record<MessageKey, string>;
export const MESSAGE_KEYS = Object.keys(ENGLISH) as MessageKey[];

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
