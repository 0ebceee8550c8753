// Stripe's published test card numbers: their card metadata (funding, country) and the
// outcome a later payment with them must have (success, a decline code, or 3-D Secure).
import { cvcOptionalFor } from '../../shared/card-brands.ts';
import { detectBrand, cvcLengths, type StripeCardBrand } from './card-brand.ts';
import type { IssuerCheckResults } from './card-checks.ts';

export type CardFunding = 'credit' | 'debit' | 'prepaid' | 'unknown';

export interface CardMetadata {
  brand: StripeCardBrand;
  funding: CardFunding;
  country: string;
}

/**
 * What paying with the card does. Tokenizing always succeeds, as in Stripe: declines and
 * authentication happen at payment time (card-declines.ts, card-payments.ts). Decline tags are
 * Stripe's decline codes; `3ds_required` cards need a challenge, `3ds_optional` ones pass frictionless.
 */
export type TestCardOutcome =
  | 'success'
  | 'generic_decline'
  | 'insufficient_funds'
  | 'lost_card'
  | 'stolen_card'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'processing_error'
  | '3ds_required'
  | '3ds_required_then_insufficient_funds'
  | '3ds_optional'
  // Authenticates on session; off session only until a SetupIntent or setup_future_usage set it up for off_session use.
  | '3ds_required_unless_set_up';

// https://docs.stripe.com/testing#cards
const KNOWN_CARD_METADATA: ReadonlyMap<string, CardMetadata> = new Map([
  ['4242424242424242', { brand: 'visa', funding: 'credit', country: 'US' }],
  ['4000056655665556', { brand: 'visa', funding: 'debit', country: 'US' }],
  ['5555555555554444', { brand: 'mastercard', funding: 'credit', country: 'US' }],
  ['2223003122003222', { brand: 'mastercard', funding: 'credit', country: 'US' }],
  ['5200828282828210', { brand: 'mastercard', funding: 'debit', country: 'US' }],
  ['378282246310005', { brand: 'amex', funding: 'credit', country: 'US' }],
  ['371449635398431', { brand: 'amex', funding: 'credit', country: 'US' }],
  ['6011111111111117', { brand: 'discover', funding: 'credit', country: 'US' }],
  ['3056930009020004', { brand: 'diners', funding: 'credit', country: 'US' }],
  ['36227206271667', { brand: 'diners', funding: 'credit', country: 'US' }],
  ['3566002020360505', { brand: 'jcb', funding: 'credit', country: 'JP' }],
  ['6200000000000005', { brand: 'unionpay', funding: 'credit', country: 'CN' }],
  ['6205500000000000004', { brand: 'unionpay', funding: 'credit', country: 'CN' }],
  // Cartes Bancaires co-badged with Visa / Mastercard (https://docs.stripe.com/testing#co-badged-cards):
  // `brand` is the international network, as Stripe answers; the networks are in card-networks.ts.
  ['4000002500001001', { brand: 'visa', funding: 'credit', country: 'FR' }],
  ['5555552500001001', { brand: 'mastercard', funding: 'credit', country: 'FR' }],
  // 3-D Secure cards: the digits after 4000 00 are the issuing country's numeric code (276 DE, 826 GB).
  ['4000002760003184', { brand: 'visa', funding: 'credit', country: 'DE' }],
  ['4000008260003178', { brand: 'visa', funding: 'credit', country: 'GB' }],
]);

// https://docs.stripe.com/testing#declined-payments and #regulatory-cards
const OUTCOME_BY_NUMBER: ReadonlyMap<string, TestCardOutcome> = new Map([
  ['4000000000000002', 'generic_decline'],
  ['4000000000009995', 'insufficient_funds'],
  ['4000000000009987', 'lost_card'],
  ['4000000000009979', 'stolen_card'],
  ['4000000000000069', 'expired_card'],
  ['4000000000000127', 'incorrect_cvc'],
  ['4000000000000119', 'processing_error'],
  ['4000002760003184', '3ds_required'],
  ['4000000000003220', '3ds_required'],
  ['4000008260003178', '3ds_required_then_insufficient_funds'],
  ['4000000000003055', '3ds_optional'],
  // https://docs.stripe.com/testing#authentication-and-setup (saved cards, issue #16)
  ['4000002500003155', '3ds_required_unless_set_up'],
]);

/** Metadata for a digits-only number; cards not in Stripe's list get brand by prefix, credit, US. */
export function cardMetadata(digits: string): CardMetadata {
  return KNOWN_CARD_METADATA.get(digits) ?? { brand: detectBrand(digits), funding: 'credit', country: 'US' };
}

export function testCardOutcome(digits: string): TestCardOutcome {
  return OUTCOME_BY_NUMBER.get(digits) ?? 'success';
}

// https://docs.stripe.com/testing#cvc-and-address-checks: what the issuer answers for these cards'
// CVC and address checks (every other card passes every check it is asked for). The payment
// succeeds with the check `fail` unless the account declines on that failure (card-checks.ts).
// 4000000000000127 declines as incorrect_cvc whatever the settings (OUTCOME_BY_NUMBER), its check failing too.
const ISSUER_CHECKS_BY_NUMBER: ReadonlyMap<string, IssuerCheckResults> = new Map<string, IssuerCheckResults>([
  ['4000000000000036', { address_postal_code_check: 'fail' }],
  ['4000000000000101', { cvc_check: 'fail' }],
  ['4000000000000028', { address_line1_check: 'fail' }],
  ['4000000000000010', { address_line1_check: 'fail', address_postal_code_check: 'fail' }],
  ['4000000000000044', { address_line1_check: 'unavailable', address_postal_code_check: 'unavailable' }],
  ['4000000000000127', { cvc_check: 'fail' }],
]);

export function issuerCheckResults(digits: string): IssuerCheckResults {
  return ISSUER_CHECKS_BY_NUMBER.get(digits) ?? {};
}

/** One card per brand, for tests on either side of the frames (the number field, the gateway's tokens). */
export interface BrandTestCard {
  number: string;
  /** The token's `card.brand`: the international network for a co-badged card. */
  brand: StripeCardBrand;
  /** As the number field shows it, grouped by the brand's gaps. */
  displayed: string;
  cvcLength: number;
  /** Whether the card may be used with no CVC at all (Maestro). */
  cvcOptional: boolean;
  /** Stripe's published test number, or one of Payframe's (Luhn-valid, in the brand's range) where Stripe has none. */
  source: 'stripe' | 'payframe';
  /** A co-badged card's networks, in Stripe's order (`card.networks.available`). */
  networks?: readonly StripeCardBrand[];
}

function brandCard(displayed: string, brand: StripeCardBrand, source: BrandTestCard['source'], networks?: readonly StripeCardBrand[]): BrandTestCard {
  return {
    number: displayed.replace(/ /g, ''),
    brand,
    displayed,
    cvcLength: Math.max(...cvcLengths(brand)),
    cvcOptional: cvcOptionalFor(brand),
    source,
    ...(networks === undefined ? {} : { networks }),
  };
}

// https://docs.stripe.com/testing#cards and #co-badged-cards for Stripe's; ours for the brands
// Stripe publishes no test card for.
export const BRAND_TEST_CARDS: readonly BrandTestCard[] = Object.freeze([
  brandCard('4242 4242 4242 4242', 'visa', 'stripe'),
  brandCard('5555 5555 5555 4444', 'mastercard', 'stripe'),
  brandCard('3782 822463 10005', 'amex', 'stripe'),
  brandCard('6011 1111 1111 1117', 'discover', 'stripe'),
  brandCard('3056 930009 020004', 'diners', 'stripe'),
  brandCard('3622 720627 1667', 'diners', 'stripe'),
  brandCard('3566 0020 2036 0505', 'jcb', 'stripe'),
  brandCard('6200 0000 0000 0005', 'unionpay', 'stripe'),
  brandCard('4000 0025 0000 1001', 'visa', 'stripe', ['cartes_bancaires', 'visa']),
  brandCard('5555 5525 0000 1001', 'mastercard', 'stripe', ['cartes_bancaires', 'mastercard']),
  brandCard('6759 0000 0000 0000', 'maestro', 'payframe'),
  brandCard('2200 0000 0000 0004', 'mir', 'payframe'),
  brandCard('6363 6800 0000 0007', 'elo', 'payframe'),
  brandCard('6370 9500 0000 0005', 'hiper', 'payframe'),
  brandCard('6062 8200 0000 0003', 'hipercard', 'payframe'),
  brandCard('5061 0000 0000 0005', 'verve', 'payframe'),
  brandCard('9792 0000 0000 0003', 'troy', 'payframe'),
  brandCard('5895 6200 0000 0002', 'naranja', 'payframe'),
]);
