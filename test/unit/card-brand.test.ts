// Card brand detection, grouping and CVC rules for every brand (fields-origin logic), in Chromium.
import { expect } from '@esm-bundle/chai';
import { brandRulesFor, judgeCardNumber } from '../../iframe/fields/card-brand.ts';
import { evaluateCardNumber, formatCardNumber } from '../../iframe/fields/card-number-field.ts';
import { evaluateCvc } from '../../iframe/fields/cvc-field.ts';
import { BRAND_TEST_CARDS, cardName, cvcFor, MORE_LENGTHS } from '../e2e/harness/brand-test-cards.ts';

describe('card brands', () => {
  for (const card of [...BRAND_TEST_CARDS, ...MORE_LENGTHS]) {
    const what = cardName(card);
    const cvc = cvcFor(card);

    it(`detects ${what} and groups it as the brand does`, () => {
      expect(brandRulesFor(card.number).brand).to.equal(card.brand);
      expect(formatCardNumber(card.number)).to.equal(card.displayed);
      expect(evaluateCardNumber(card.displayed)).to.include({ brand: card.brand, complete: true, empty: false });
      expect(evaluateCardNumber(card.displayed).invalid).to.equal(undefined);
    });

    // card-validator does not ask UnionPay numbers to pass Luhn (some UnionPay cards do not).
    if (card.brand !== 'unionpay') it(`refuses ${what} with its last digit changed (Luhn)`, () => {
      const last = Number(card.number.at(-1));
      const wrong = formatCardNumber(card.number.slice(0, -1) + String((last + 1) % 10));
      expect(evaluateCardNumber(wrong)).to.include({ brand: card.brand, complete: false });
    });

    it(`takes a ${card.cvcLength}-digit CVC for ${what}`, () => {
      expect(brandRulesFor(card.number).cvcLength).to.equal(card.cvcLength);
      expect(evaluateCvc(cvc, card.brand)).to.include({ complete: true });
      expect(evaluateCvc(cvc.slice(0, -1), card.brand)).to.include({ complete: false });
    });
  }

  it('names a Verve number Verve, not Maestro, whose ranges hold Verve’s (card-validator\'s Verve ranges)', () => {
    expect(brandRulesFor('5060990000000008').brand).to.equal('verve');
    expect(brandRulesFor('5078650000000000004').brand).to.equal('verve');
    // Just outside Verve's ranges: Maestro's.
    expect(brandRulesFor('5060980000000009').brand).to.equal('maestro');
    expect(brandRulesFor('5061990000000000').brand).to.equal('maestro');
  });

  it('allows Maestro 12 to 19 digits and Verve 16, 18 or 19', () => {
    expect(brandRulesFor('675964').lengths).to.deep.equal([12, 13, 14, 15, 16, 17, 18, 19]);
    expect(brandRulesFor('506099').lengths).to.deep.equal([16, 18, 19]);
    // 17 digits is no Verve length: Luhn-valid or not, the number is not complete.
    expect(evaluateCardNumber(formatCardNumber('50609900000000002'))).to.include({ brand: 'verve', complete: false });
  });

  it('completes an empty CVC for Maestro, whose cards may have none, and for no other brand', () => {
    expect(evaluateCvc('', 'maestro')).to.include({ empty: true, complete: true });
    for (const brand of ['visa', 'mastercard', 'amex', 'mir', 'elo', 'verve', 'unknown'] as const) {
      expect(evaluateCvc('', brand), brand).to.include({ empty: true, complete: false });
    }
    // A Maestro CVC that is there must still be whole.
    expect(evaluateCvc('12', 'maestro')).to.include({ complete: false });
  });
});

describe('the card number verdict kept between calls', () => {
  it('judges the same digits once, and other digits afresh, back and forth', () => {
    const visa = judgeCardNumber('4242424242424242');
    expect(judgeCardNumber('4242424242424242')).to.equal(visa);
    expect(visa).to.include({ isValid: true });
    const amex = judgeCardNumber('378282246310005');
    expect(amex).not.to.equal(visa);
    expect(amex.card?.type).to.equal('american-express');
    // Back to the first digits: a fresh verdict, the same answer.
    const again = judgeCardNumber('4242424242424242');
    expect(again).not.to.equal(visa);
    expect(again).to.deep.equal(visa);
    expect(brandRulesFor('37828').brand).to.equal('amex');
    expect(brandRulesFor('4242').brand).to.equal('visa');
    expect(evaluateCardNumber('4242 4242 4242 4241')).to.include({ brand: 'visa', complete: false });
  });
});
