// Test cards for every brand the card number input recognises, for the brand unit tests
// (test/unit/card-brand*.test.ts) and the end-to-end spec (test/e2e/brands.spec.ts): the sandbox's
// card per brand (BRAND_TEST_CARDS, which its gateway tokenizes as that brand) and the cases only the
// number input needs (the shortest and longest lengths).
import { BRAND_TEST_CARDS as SANDBOX_BRAND_CARDS, type BrandTestCard } from '../../../src/node/sandbox/test-cards.ts';
import { cvcLengthsFor, cvcOptionalFor, type CardBrand } from '../../../src/shared/card-brands.ts';

export type { BrandTestCard };

/** One of Payframe's numbers (Luhn-valid, in the brand's range), shaped like the sandbox's rows. */
function payframeCard(displayed: string, brand: CardBrand): BrandTestCard {
  return { number: displayed.replaceAll(' ', ''), brand, displayed, cvcLength: Math.max(...cvcLengthsFor(brand)), cvcOptional: cvcOptionalFor(brand), source: 'payframe' };
}

/** A card per brand. */
export const BRAND_TEST_CARDS: readonly BrandTestCard[] = SANDBOX_BRAND_CARDS;

/** Other lengths the brands allow. */
export const MORE_LENGTHS: readonly BrandTestCard[] = [
  payframeCard('6759 6400 0003', 'maestro'),
  payframeCard('6759 6400 0000 0000 001', 'maestro'),
  payframeCard('5078 6500 0000 0000 004', 'verve'),
];

/** A CVC of the card's length. */
export const cvcFor = (card: BrandTestCard): string => '1234'.slice(0, card.cvcLength);

/** "maestro (6759 6400 …, 16 digits)": a test's name for a card, without its whole number. */
export const cardName = (card: BrandTestCard): string => `${card.brand} (${card.displayed.slice(0, 9)} …, ${card.number.length} digits)`;
