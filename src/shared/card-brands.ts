// Card brand names as Payframe reports them (Stripe's vocabulary). Shared by both realms:
// a brand is not card data, it is derived from the first digits inside the fields origin.
export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'diners', 'jcb', 'unionpay', 'unknown'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

/** The human name of a brand, for labels such as "Visa •••• 4242". */
export const CARD_BRAND_NAMES: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  unknown: 'Card',
};

/** card-validator's type names -> Stripe's brand names; brands Stripe does not report are `unknown`. */
const BRAND_OF_CARD_VALIDATOR_TYPE: Readonly<Record<string, CardBrand>> = {
  visa: 'visa',
  mastercard: 'mastercard',
  'american-express': 'amex',
  discover: 'discover',
  'diners-club': 'diners',
  jcb: 'jcb',
  unionpay: 'unionpay',
};

export function brandFromCardValidatorType(type: string | undefined): CardBrand {
  return (type !== undefined && BRAND_OF_CARD_VALIDATOR_TYPE[type]) || 'unknown';
}

/** The CVC lengths a brand accepts: Amex 4 digits, others 3, an undetermined brand either. */
export function cvcLengthsFor(brand: CardBrand): number[] {
  if (brand === 'amex') return [4];
  if (brand === 'unknown') return [3, 4];
  return [3];
}
