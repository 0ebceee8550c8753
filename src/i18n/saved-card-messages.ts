// The saved card's texts (the drop-in with `payment-method`): English here, each locale's in its file
// under ./locales. Only the card frame's saved-card chunk carries the English, so a checkout for a new
// card downloads none of it; its errors reach the page already worded (localize-error.ts keeps them).
import type { SavedCardErrorCode } from '../shared/errors.ts';

export const ENGLISH_SAVED_CARD_TEXTS = {
  /** The card the shopper pays with, as the gateway knows it: `{brand}` its name, `{month}/{year}` its expiry (MM/YY). */
  savedCard: '{brand} •••• {last4}, expires {month}/{year}',
  payment_method_mismatch: 'This saved card cannot be used for this payment.',
  invalid_payment_method: 'This checkout is not configured with a valid saved card (payment-method).',
} as const satisfies Record<SavedCardErrorCode | 'savedCard', string>;

export type SavedCardTexts = Record<keyof typeof ENGLISH_SAVED_CARD_TEXTS, string>;
