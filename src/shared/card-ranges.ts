// The co-badged ranges, kept as data in one file: a domestic network shares the card with an
// international one (EU Interchange Fee Regulation, art. 8: the shopper may choose). card-validator
// names the international brand only. Shared by the fields origin (the network chooser) and the
// sandbox gateway (the networks its tokens carry).
import type { CardBrand } from './card-brands.ts';

export interface CobadgedRange {
  /** Leading digits the range starts with. */
  prefix: string;
  /** The networks the card can be processed on; the first is the card's international brand. */
  networks: readonly CardBrand[];
}

/**
 * Cartes Bancaires with Visa or Mastercard. GIE CB publishes its ranges only to its members, so the
 * table holds the ranges of Stripe's published test cards (4000 0025 0000 1001, 5555 5525 0000 1001);
 * a provider with the members' table replaces these rows.
 */
export const COBADGED_RANGES: readonly CobadgedRange[] = [
  { prefix: '40000025', networks: ['visa', 'cartes_bancaires'] },
  { prefix: '55555525', networks: ['mastercard', 'cartes_bancaires'] },
];

/** The networks a co-badged number can go on (international brand first), once its range is known. */
export function cobadgedNetworksOf(digits: string): readonly CardBrand[] | undefined {
  return COBADGED_RANGES.find((range) => digits.startsWith(range.prefix))?.networks;
}
