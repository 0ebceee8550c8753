// The sandbox's per-brand test cards (src/node/sandbox/test-cards.ts BRAND_TEST_CARDS), which the
// browser tests import too: each number is a real-looking card of its brand, shown as listed.
import { expect } from '@esm-bundle/chai';
import { formatCardNumber } from '../../iframe/fields/card-number-field.ts';
import { CARD_BRANDS } from '../../src/shared/card-brands.ts';
import { detectBrand } from '../../src/node/sandbox/card-brand.ts';
import { BRAND_TEST_CARDS } from '../../src/node/sandbox/test-cards.ts';

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

describe('brand test cards', () => {
  it('has a card for every brand but unknown and cartes_bancaires (a network of co-badged Visa and Mastercard cards)', () => {
    const brands = new Set(BRAND_TEST_CARDS.map((card) => card.brand));
    const networks = new Set(BRAND_TEST_CARDS.flatMap((card) => card.networks ?? []));
    for (const brand of CARD_BRANDS) {
      if (brand === 'unknown') continue;
      expect(brands.has(brand) || networks.has(brand), brand).to.equal(true);
    }
  });

  it('lists Luhn-valid numbers whose displayed grouping holds exactly their digits', () => {
    for (const card of BRAND_TEST_CARDS) {
      expect(passesLuhn(card.number), card.displayed).to.equal(true);
      expect(card.displayed.replace(/ /g, ''), card.displayed).to.equal(card.number);
      expect(card.displayed, card.displayed).to.match(/^\d{4}( \d+)+$/);
    }
  });

  it('groups each number as the card number field shows it', () => {
    for (const card of BRAND_TEST_CARDS) expect(formatCardNumber(card.number), card.number).to.equal(card.displayed);
  });

  it('detects each card as its brand', () => {
    for (const card of BRAND_TEST_CARDS) expect(detectBrand(card.number), card.displayed).to.equal(card.brand);
  });

  it('gives Amex a 4-digit CVC, the others 3, and lets only Maestro go without one', () => {
    for (const card of BRAND_TEST_CARDS) {
      expect(card.cvcLength, card.displayed).to.equal(card.brand === 'amex' ? 4 : 3);
      expect(card.cvcOptional, card.displayed).to.equal(card.brand === 'maestro');
    }
  });

  it('reads Verve in its ranges inside Maestro\'s, and Troy and Naranja, as the number input does', () => {
    expect(detectBrand('5061000000000005')).to.equal('verve');
    expect(detectBrand('5078650000000008')).to.equal('verve');
    // Just outside Verve's ranges: Maestro.
    expect(detectBrand('5061990000000000')).to.equal('maestro');
    expect(detectBrand('9792000000000003')).to.equal('troy');
    expect(detectBrand('5895620000000002')).to.equal('naranja');
    expect(detectBrand('6011111111111117')).to.equal('discover');
  });
});
