// Card number formatting and judgement (fields-origin logic), in Chromium.
import { expect } from '@esm-bundle/chai';
import { evaluateCardNumber as evaluate, formatCardNumber } from '../../iframe/fields/card-number-field.ts';

// Spelled out so assertions can check that no error is reported.
const evaluateCardNumber = (display: string) => ({ invalid: undefined, ...evaluate(display) });

describe('card number field', () => {
  it('groups a Visa number 4-4-4-4', () => {
    expect(formatCardNumber('4242424242424242')).to.equal('4242 4242 4242 4242');
  });

  it('groups an Amex number 4-6-5 and stops at 15 digits', () => {
    expect(formatCardNumber('3782822463100059999')).to.equal('3782 822463 10005');
  });

  it('groups a 19-digit UnionPay number 4-4-4-4-3', () => {
    expect(formatCardNumber('6205500000000000004')).to.equal('6205 5000 0000 0000 004');
  });

  it('groups a 14-digit Diners number 4-6-4', () => {
    expect(formatCardNumber('36227206271667')).to.equal('3622 720627 1667');
  });

  it('stops a Mastercard at 16 digits', () => {
    expect(formatCardNumber('55555555555544449')).to.equal('5555 5555 5555 4444');
  });

  it('keeps only digits from pasted text with spaces, dashes and letters', () => {
    expect(formatCardNumber(' 4242-4242 4242x4242 ')).to.equal('4242 4242 4242 4242');
  });

  it('reports empty without an error', () => {
    const result = evaluateCardNumber('');
    expect(result).to.include({ empty: true, complete: false, invalid: undefined, incomplete: 'incomplete_number' });
  });

  it('reports a partial Visa as incomplete, brand visa, not invalid', () => {
    const result = evaluateCardNumber('4242 42');
    expect(result).to.include({ empty: false, complete: false, invalid: undefined, brand: 'visa' });
  });

  it('reports a full Visa passing Luhn as complete and ready to advance', () => {
    expect(evaluateCardNumber('4242 4242 4242 4242')).to.include({ complete: true, advance: true, brand: 'visa' });
  });

  it('reports a 16-digit Visa failing Luhn as invalid_number once the shopper stops there', () => {
    // Visa allows 19 digits, so it is not flagged while typing, but leaving the field shows invalid_number.
    expect(evaluateCardNumber('4242 4242 4242 4241')).to.include({ complete: false, advance: false, incomplete: 'invalid_number' });
  });

  it('reports a full-length number failing Luhn as invalid_number at once', () => {
    expect(evaluateCardNumber('5555 5555 5555 4445')).to.include({ complete: false, invalid: 'invalid_number' });
  });

  it('reports a prefix no brand uses as invalid_number at once', () => {
    expect(evaluateCardNumber('9999')).to.include({ invalid: 'invalid_number' });
  });

  it('detects Amex, Mastercard 2-series, Discover, JCB, Diners and UnionPay', () => {
    expect(evaluateCardNumber('378282246310005').brand).to.equal('amex');
    expect(evaluateCardNumber('2223003122003222').brand).to.equal('mastercard');
    expect(evaluateCardNumber('6011111111111117').brand).to.equal('discover');
    expect(evaluateCardNumber('3566002020360505').brand).to.equal('jcb');
    expect(evaluateCardNumber('36227206271667').brand).to.equal('diners');
    expect(evaluateCardNumber('6205500000000000004').brand).to.equal('unionpay');
  });

  it('completes a 14-digit Diners card without advancing (16 and 19 digits are possible)', () => {
    expect(evaluateCardNumber('36227206271667')).to.include({ complete: true, advance: false });
  });
});
