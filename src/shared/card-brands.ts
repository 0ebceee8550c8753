// Card brand names as Payframe reports them. Shared by both realms: a brand is not card data, it is
// derived from the first digits inside the fields origin (or the gateway). Stripe's vocabulary where
// Stripe has a name (visa … unionpay, cartes_bancaires); the brands Stripe folds into another or
// does not name (Maestro, Mir, Elo, Hiper, Hipercard, Verve, Troy, Naranja: every brand card-validator
// knows) keep their own lower-case name.
export const CARD_BRANDS = [
  'visa',
  'mastercard',
  'amex',
  'discover',
  'diners',
  'jcb',
  'unionpay',
  'maestro',
  'mir',
  'elo',
  'hiper',
  'hipercard',
  'verve',
  'cartes_bancaires',
  'troy',
  'naranja',
  'unknown',
] as const;
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
  maestro: 'Maestro',
  mir: 'Mir',
  elo: 'Elo',
  hiper: 'Hiper',
  hipercard: 'Hipercard',
  verve: 'Verve',
  cartes_bancaires: 'Cartes Bancaires',
  troy: 'Troy',
  naranja: 'Naranja',
  unknown: 'Card',
};

/** card-validator's type names -> ours (every type it knows). */
const BRAND_OF_CARD_VALIDATOR_TYPE: Readonly<Record<string, CardBrand>> = {
  visa: 'visa',
  mastercard: 'mastercard',
  'american-express': 'amex',
  discover: 'discover',
  'diners-club': 'diners',
  jcb: 'jcb',
  unionpay: 'unionpay',
  maestro: 'maestro',
  mir: 'mir',
  elo: 'elo',
  hiper: 'hiper',
  hipercard: 'hipercard',
  verve: 'verve',
  troy: 'troy',
  naranja: 'naranja',
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

/** Brands whose cards may carry no CVC at all (many Maestro cards): an empty CVC is complete. */
export function cvcOptionalFor(brand: CardBrand): boolean {
  return brand === 'maestro';
}
