// The networks a card can be paid on, in Stripe's shape (`card.networks`): one for most cards; for a
// co-badged card (COBADGED_RANGES: Cartes Bancaires with Visa or Mastercard) both, and the network
// the shopper chose (`card[networks][preferred]`), which the payment then goes on (EU Interchange
// Fee Regulation, art. 8: the cardholder's choice is honoured). Pure: no store, no I/O.
import { cobadgedNetworksOf } from '../../shared/card-ranges.ts';
import type { StripeCardBrand } from './card-brand.ts';
import { invalidParam } from './stripe-error.ts';

export interface CardNetworks {
  available: StripeCardBrand[];
  preferred: StripeCardBrand | null;
}

export const PREFERRED_NETWORK_PARAM = 'card[networks][preferred]';

/**
 * The networks of a card, in Stripe's order: alphabetical, so 4000 0025 0000 1001 lists
 * ["cartes_bancaires", "visa"] and 5555 5525 0000 1001 ["cartes_bancaires", "mastercard"], as
 * Stripe answers for its co-badged test cards. A card of one network lists its brand.
 */
export function availableNetworks(digits: string, brand: StripeCardBrand): StripeCardBrand[] {
  const cobadged = cobadgedNetworksOf(digits);
  return cobadged === undefined ? [brand] : [...cobadged].sort();
}

/**
 * The network the request prefers (null when it names none), which must be one the card can go on.
 * Stripe itself stores a preference that does not apply as `invalid_preference`; the sandbox
 * refuses it with a 400 naming the param, so a checkout that offers the wrong network finds out.
 */
export function preferredNetwork(value: string | undefined, available: readonly StripeCardBrand[]): StripeCardBrand | null {
  if (value === undefined || value === '') return null;
  const network = available.find((candidate) => candidate === value);
  if (network === undefined) {
    // The value is not echoed: error bodies never repeat what the client sent.
    throw invalidParam(PREFERRED_NETWORK_PARAM, `Invalid ${PREFERRED_NETWORK_PARAM}: this card can go on ${available.join(', ')} only (card.networks.available).`);
  }
  return network;
}

/** The network a payment with the card goes on: the preferred one, else the card's brand. */
export function paymentNetwork(networks: CardNetworks, brand: StripeCardBrand): StripeCardBrand {
  return networks.preferred ?? brand;
}
