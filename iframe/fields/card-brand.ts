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

/** The last number judged, and card-validator's verdict on it. */
let last: { digits: string; verdict: ReturnType<typeof cardNumber> } | undefined;

/**
 * card-validator's verdict on `digits`, kept for the next call: one keystroke formats the number and
 * judges it, asking about the same digits three times, and each call matches (and copies) the whole
 * table of card types. In the fields origin only, like the input that holds the same digits.
 */
export function judgeCardNumber(digits: string): ReturnType<typeof cardNumber> {
  if (last?.digits !== digits) last = { digits, verdict: cardNumber(digits) };
  return last.verdict;
}

export function brandRulesFor(digits: string): BrandRules {
  const card = judgeCardNumber(digits).card;
  if (!card) return UNDETERMINED;
  return {
    brand: brandFromCardValidatorType(card.type),
    gaps: card.gaps,
    lengths: card.lengths,
    maxLength: Math.max(...card.lengths),
    cvcLength: card.code.size,
  };
}
