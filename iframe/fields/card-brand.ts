// Card brand detection from the first digits, with the brand's spacing, lengths and CVC size.
// card-validator (credit-card-type) knows every brand we name; brand names are Stripe's where Stripe has one.
import { cardNumber } from 'card-validator/dist/card-number.js';
import { brandFromCardValidatorType, type CardBrand } from '../../src/shared/card-brands.ts';

export interface BrandRules {
  brand: CardBrand;
  /** Digit counts after which a space goes: Visa [4, 8, 12], Amex [4, 10]. */
  gaps: number[];
  lengths: number[];
  maxLength: number;
  cvcLength: number;
}

/** Used while the digits fit several brands or none: 4-4-4-4-3 like most cards. */
const UNDETERMINED: BrandRules = { brand: 'unknown', gaps: [4, 8, 12, 16], lengths: [12, 13, 14, 15, 16, 17, 18, 19], maxLength: 19, cvcLength: 4 };

export function brandRulesFor(digits: string): BrandRules {
  const card = cardNumber(digits).card;
  if (!card) return UNDETERMINED;
  return {
    brand: brandFromCardValidatorType(card.type),
    gaps: card.gaps,
    lengths: card.lengths,
    maxLength: Math.max(...card.lengths),
    cvcLength: card.code.size,
  };
}
