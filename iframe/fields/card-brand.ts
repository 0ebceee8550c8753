// Card brand detection from the first digits, with the brand's spacing, lengths and CVC size.
// Wraps card-validator (credit-card-type) and maps its names to Stripe's brand names.
import { cardNumber } from 'card-validator/dist/card-number.js';
import type { CardBrand } from '../../src/shared/card-brands.ts';

export interface BrandRules {
  brand: CardBrand;
  /** Digit counts after which a space goes: Visa [4, 8, 12], Amex [4, 10]. */
  gaps: number[];
  lengths: number[];
  maxLength: number;
  cvcLength: number;
}

const STRIPE_BRAND_NAMES: Record<string, CardBrand> = {
  visa: 'visa',
  mastercard: 'mastercard',
  'american-express': 'amex',
  discover: 'discover',
  'diners-club': 'diners',
  jcb: 'jcb',
  unionpay: 'unionpay',
};

/** Used while the digits fit several brands or none: 4-4-4-4-3 like most cards. */
const UNDETERMINED: BrandRules = { brand: 'unknown', gaps: [4, 8, 12, 16], lengths: [12, 13, 14, 15, 16, 17, 18, 19], maxLength: 19, cvcLength: 4 };

export function brandRulesFor(digits: string): BrandRules {
  const card = cardNumber(digits).card;
  if (!card) return UNDETERMINED;
  return {
    brand: STRIPE_BRAND_NAMES[card.type] ?? 'unknown',
    gaps: card.gaps,
    lengths: card.lengths,
    maxLength: Math.max(...card.lengths),
    cvcLength: card.code.size,
  };
}

/** The CVC lengths a brand accepts; an undetermined brand accepts 3 or 4 digits. */
export function cvcLengthsFor(brand: CardBrand): number[] {
  if (brand === 'amex') return [4];
  if (brand === 'unknown') return [3, 4];
  return [3];
}
