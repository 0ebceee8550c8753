// Card brand detection by number prefix, named the way Stripe names brands: Verve by its own
// ranges first (they lie inside Maestro's and Discover's, so card-validator would name those),
// then card-validator. Brands Stripe folds into another network or does not name (Maestro, Mir,
// Elo, Hiper, Hipercard, Verve) keep Payframe's own name in `card.brand`; `display_brand` stays
// within Stripe's vocabulary (`other` for them).
import cardValidator from 'card-validator';
import { brandFromCardValidatorType, cvcLengthsFor, type CardBrand } from '../../shared/card-brands.ts';
import { verveBrandOf } from '../../shared/card-ranges.ts';

export type StripeCardBrand = CardBrand;

// Stripe's `card.display_brand` spells some brands differently from `card.brand`.
const DISPLAY_BRAND: Readonly<Record<StripeCardBrand, string>> = {
  visa: 'visa',
  mastercard: 'mastercard',
  amex: 'american_express',
  discover: 'discover',
  diners: 'diners_club',
  jcb: 'jcb',
  unionpay: 'union_pay',
  // Stripe reports these cards under another network, or not at all: `other`, as Stripe would.
  maestro: 'other',
  mir: 'other',
  elo: 'other',
  hiper: 'other',
  hipercard: 'other',
  verve: 'other',
  cartes_bancaires: 'cartes_bancaires',
  unknown: 'other',
};

/** Brand of a digits-only card number. */
export function detectBrand(digits: string): StripeCardBrand {
  return verveBrandOf(digits) ?? brandFromCardValidatorType(cardValidator.number(digits, { maxLength: 19 }).card?.type);
}

export function displayBrand(brand: StripeCardBrand): string {
  return DISPLAY_BRAND[brand];
}

/** CVC lengths a brand accepts. */
export const cvcLengths: (brand: StripeCardBrand) => readonly number[] = cvcLengthsFor;
