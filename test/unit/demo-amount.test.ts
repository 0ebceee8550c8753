// The demo page's amount box (merchant-side logic), in Chromium: what people type becomes
// Stripe's minor units, or a message saying what to fix.
import { expect } from '@esm-bundle/chai';
import { CURRENCIES, formatMinorAmount, parseAmount } from '../../demo/page/amount.js';

describe('demo parseAmount', () => {
  it('turns 19.99 EUR into 1999 cents, and accepts a decimal comma and group spaces', () => {
    expect(parseAmount('19.99', 'eur')).to.deep.equal({ ok: true, minor: 1999 });
    expect(parseAmount('12,5', 'eur')).to.deep.equal({ ok: true, minor: 1250 });
    expect(parseAmount(' 1 234.00 ', 'usd')).to.deep.equal({ ok: true, minor: 123400 });
    expect(parseAmount('0.01', 'gbp')).to.deep.equal({ ok: true, minor: 1 });
  });

  it('treats JPY and KRW as having no minor unit: 500 is 500', () => {
    expect(parseAmount('500', 'jpy')).to.deep.equal({ ok: true, minor: 500 });
    expect(parseAmount('500.00', 'krw')).to.deep.equal({ ok: true, minor: 500 });
  });

  it('never rounds: too many decimals is an error naming the currency', () => {
    expect(parseAmount('19.99', 'jpy')).to.deep.include({ ok: false, code: 'amount_too_precise', message: 'JPY has no minor unit: enter a whole number, like 500.' });
    expect(parseAmount('19.999', 'eur')).to.deep.include({ ok: false, code: 'amount_too_precise', message: 'EUR has 2 decimal places at most, like 19.99.' });
  });

  it('explains empty, non-numeric, zero and too large amounts', () => {
    expect(parseAmount('', 'eur')).to.deep.include({ ok: false, code: 'amount_missing' });
    expect(parseAmount('12a', 'eur')).to.deep.include({ ok: false, code: 'amount_not_a_number' });
    expect(parseAmount('-5', 'eur')).to.deep.include({ ok: false, code: 'amount_not_a_number' });
    expect(parseAmount('1e3', 'eur')).to.deep.include({ ok: false, code: 'amount_not_a_number' });
    expect(parseAmount('0.00', 'eur')).to.deep.include({ ok: false, code: 'amount_zero' });
    expect(parseAmount('1000000', 'eur')).to.deep.include({ ok: false, code: 'amount_too_large', message: 'The amount can be at most €999,999.99.' });
    expect(parseAmount('99999999', 'jpy')).to.deep.equal({ ok: true, minor: 99_999_999 });
    expect(parseAmount('9'.repeat(30), 'jpy')).to.deep.include({ ok: false, code: 'amount_too_large' });
  });

  it('agrees with Intl on every offered currency\'s minor unit', () => {
    for (const { code, exponent } of CURRENCIES) {
      const intlDigits = new Intl.NumberFormat('en', { style: 'currency', currency: code.toUpperCase() }).resolvedOptions().maximumFractionDigits;
      expect(intlDigits, code).to.equal(exponent);
    }
    expect(formatMinorAmount(500, 'jpy', 'en')).to.equal('¥500');
    expect(formatMinorAmount(1250, 'eur', 'en')).to.equal('€12.50');
  });
});
