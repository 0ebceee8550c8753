// Card brand detection by number prefix (card-validator), named the way Stripe names brands.
import cardValidator from 'card-validator';

export type StripeCardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

// card-validator type name -> Stripe `card.brand`. Brands Stripe does not report (maestro,
// elo, mir, ...) come out as `unknown`.
const STRIPE_BRAND_BY_VALIDATOR_TYPE: Readonly<Record<string, StripeCardBrand>> = {
  visa: 'visa',
  mastercard: 'mastercard',
  'american-express': 'amex',
  discover: 'discover',
  'diners-club': 'diners',
  jcb: 'jcb',
  unionpay: 'unionpay',
};

// Stripe's `card.display_brand` spells some brands differently from `card.brand`.
const DISPLAY_BRAND: Readonly<Record<StripeCardBrand, string>> = {
  visa: 'visa',
  mastercard: 'mastercard',
  amex: 'american_express',
  discover: 'discover',
  diners: 'diners_club',
  jcb: 'jcb',
  unionpay: 'union_pay',
  unknown: 'other',
};

/** Brand of a digits-only card number. */
export function detectBrand(digits: string): StripeCardBrand {
  const type = cardValidator.number(digits, { maxLength: 19 }).card?.type;
  return (type !== undefined && STRIPE_BRAND_BY_VALIDATOR_TYPE[type]) || 'unknown';
}

export function displayBrand(brand: StripeCardBrand): string {
  return DISPLAY_BRAND[brand];
}

/** CVC lengths a brand accepts: Amex's is 4 digits, the others' 3; unknown brands may use either. */
export function cvcLengths(brand: StripeCardBrand): readonly number[] {
  if (brand === 'amex') return [4];
  if (brand === 'unknown') return [3, 4];
  return [3];
}
