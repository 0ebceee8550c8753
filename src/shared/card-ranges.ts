// Card ranges card-validator does not know, kept as data in one file: Verve (Nigeria), whose ranges
// sit inside Maestro's and Discover's, and the co-badged ranges where a domestic network shares the
// card with an international one (EU Interchange Fee Regulation, art. 8: the shopper may choose).
// Shared by the fields origin (detection as the shopper types) and the sandbox gateway (the brand
// and networks its tokens carry). Ranges are inclusive, over the first six digits.
import type { CardBrand } from './card-brands.ts';

/** Verve's published IIN ranges (Interswitch). */
export const VERVE_RANGES: readonly (readonly [number, number])[] = [
  [506099, 506198],
  [507865, 507964],
  [650002, 650027],
];

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

/** Verve when the first six digits fall in one of its ranges; undefined otherwise (or too few digits). */
export function verveBrandOf(digits: string): 'verve' | undefined {
  if (digits.length < 6) return undefined;
  const iin = Number(digits.slice(0, 6));
  return VERVE_RANGES.some(([low, high]) => iin >= low && iin <= high) ? 'verve' : undefined;
}

/** The networks a co-badged number can go on (international brand first), once its range is known. */
export function cobadgedNetworksOf(digits: string): readonly CardBrand[] | undefined {
  return COBADGED_RANGES.find((range) => digits.startsWith(range.prefix))?.networks;
}
