// CVC length by brand (fields-origin logic), in Chromium.
import { expect } from '@esm-bundle/chai';
import { evaluateCvc as evaluate, formatCvc } from '../../iframe/fields/cvc-field.ts';

// Spelled out so assertions can check that no error is reported.
const evaluateCvc = (...args: Parameters<typeof evaluate>) => ({ invalid: undefined, ...evaluate(...args) });

describe('cvc field', () => {
  it('takes 3 digits for Visa and drops a fourth', () => {
    expect(formatCvc('1234', 'visa')).to.equal('123');
    expect(evaluateCvc('123', 'visa')).to.include({ complete: true, advance: true });
  });

  it('takes 4 digits for Amex; 3 is incomplete', () => {
    expect(formatCvc('12345', 'amex')).to.equal('1234');
    expect(evaluateCvc('123', 'amex')).to.include({ complete: false, invalid: undefined });
    expect(evaluateCvc('1234', 'amex')).to.include({ complete: true });
  });

  it('accepts 3 or 4 digits while the brand is unknown', () => {
    expect(evaluateCvc('123', 'unknown')).to.include({ complete: true, advance: false });
    expect(evaluateCvc('1234', 'unknown')).to.include({ complete: true, advance: true });
  });

  it('flags 4 digits as invalid_cvc when the brand turns out to take 3', () => {
    expect(evaluateCvc('1234', 'visa')).to.include({ complete: false, invalid: 'invalid_cvc' });
  });

  it('keeps digits only', () => {
    expect(formatCvc('1a2 3', 'visa')).to.equal('123');
  });
});
