// Card brand detection by number prefix (card-validator), named the way Stripe names brands. Brands
// Stripe folds into another network or does not name (Maestro, Mir, Elo, Hiper, Hipercard, Verve,
// Troy, Naranja) keep Payframe's own name in `card.brand`; `display_brand` stays
// within Stripe's vocabulary (`other` for them).
import cardValidator from 'card-validator';
import { brandFromCardValidatorType, cvcLengthsFor, type CardBrand } from '../../shared/card-brands.ts';

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
  troy: 'other',
  naranja: 'other',
  cartes_bancaires: 'cartes_bancaires',
  unknown: 'other',
};

/** Brand of a digits-only card number. */
export function detectBrand(digits: string): StripeCardBrand {
  return brandFromCardValidatorType(cardValidator.number(digits, { maxLength: 19 }).card?.type);
}

export function displayBrand(brand: StripeCardBrand): string {
  return DISPLAY_BRAND[brand];
}

/** CVC lengths a brand accepts. */
export const cvcLengths: (brand: StripeCardBrand) => readonly number[] = cvcLengthsFor;
