// The pay button's amount (merchant-side logic), in Chromium.
import { expect } from '@esm-bundle/chai';
import { formatAmount } from '../../src/format-amount.ts';

describe('formatAmount', () => {
  it('formats 1999 eur as €19.99 in English', () => {
    expect(formatAmount(1999, 'eur', 'en')).to.equal('€19.99');
  });

  it('uses the currency minor unit: 500 jpy is ¥500', () => {
    expect(formatAmount(500, 'jpy', 'en')).to.equal('¥500');
  });

  it('follows the locale', () => {
    expect(formatAmount(1999, 'eur', 'de-DE')).to.equal('19,99\u00a0€');
  });

  it('refuses amounts and currencies it cannot show', () => {
    expect(formatAmount(-1, 'eur', 'en')).to.equal(undefined);
    expect(formatAmount(19.5, 'eur', 'en')).to.equal(undefined);
    expect(formatAmount(100, 'euro', 'en')).to.equal(undefined);
  });
});
