// The billing inputs' texts: English here, each locale's in its file under ./locales beside the card
// texts. Only the billing inputs' chunk of the card frame carries the English (a checkout without
// billing inputs downloads none of it), so they are apart from messages.ts' tables.
import type { BillingErrorCode } from '../shared/errors.ts';

/**
 * The billing inputs' texts, every one of which a split billing field (<payframe-card-name>,
 * <payframe-card-country>, <payframe-card-postal>) shows on the page too: payframe-fields.js carries these.
 */
export const ENGLISH_SPLIT_BILLING_TEXTS = {
  nameLabel: 'Name on card',
  postalLabel: 'Postal code',
  countryLabel: 'Country or region',
  incomplete_name: 'Enter the name shown on your card.',
  incomplete_postal: 'Your postal code is incomplete.',
  invalid_postal: 'Your postal code is invalid.',
  incomplete_country: 'Choose your country or region.',
} as const;

/** Every billing input's texts: since the split country field, the same table as the split fields'. */
export const ENGLISH_BILLING_TEXTS = ENGLISH_SPLIT_BILLING_TEXTS satisfies Record<BillingErrorCode | 'nameLabel' | 'postalLabel' | 'countryLabel', string>;

export type BillingTexts = Record<keyof typeof ENGLISH_BILLING_TEXTS, string>;
export type SplitBillingTexts = Record<keyof typeof ENGLISH_SPLIT_BILLING_TEXTS, string>;
export const BILLING_TEXT_KEYS = /* @__PURE__ */ Object.keys(ENGLISH_BILLING_TEXTS) as (keyof BillingTexts)[];
