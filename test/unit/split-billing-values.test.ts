// The controller's second check of the split billing fields' answers, before anything reaches the
// gateway: what it sends as billing_details, and what it refuses with which typed error.
import { expect } from '@esm-bundle/chai';
import { splitBillingDetails } from '../../iframe/split-billing-values.ts';

describe('split billing values at the controller', () => {
  it('sends a trimmed name, an upper-case postal code and the country the fields held', () => {
    expect(splitBillingDetails(['name', 'postal'], { name: '  Jenny Rosen ', postal: ' sw1a 1aa', country: 'GB' })).to.deep.equal({
      billing: { country: 'GB', name: 'Jenny Rosen', postalCode: 'SW1A 1AA' },
    });
  });

  it('sends only the fields the request named', () => {
    expect(splitBillingDetails(['name'], { name: 'Jenny Rosen', postal: '94103' })).to.deep.equal({ billing: { name: 'Jenny Rosen' } });
  });

  it('refuses an empty name and an empty postal code, each with its code, field and message', () => {
    expect(splitBillingDetails(['name', 'postal'], { name: ' ', postal: '94103' })).to.deep.equal({
      error: { code: 'incomplete_name', message: 'Enter the name shown on your card.', field: 'name' },
    });
    expect(splitBillingDetails(['postal'], { postal: '' })).to.deep.equal({ error: { code: 'incomplete_postal', message: 'Your postal code is incomplete.', field: 'postal' } });
  });

  it('judges the postal code by the country again: a UK postcode is no US ZIP code', () => {
    expect(splitBillingDetails(['postal'], { postal: 'SW1A 1AA', country: 'US' })).to.deep.equal({
      error: { code: 'invalid_postal', message: 'Your postal code is invalid.', field: 'postal' },
    });
    expect(splitBillingDetails(['postal'], { postal: 'SW1A 1AA' })).to.deep.equal({ billing: { postalCode: 'SW1A 1AA' } });
  });

  it('with the country field: sends the country chosen, refuses none chosen with incomplete_country, and judges the postal code by it', () => {
    expect(splitBillingDetails(['country', 'postal'], { country: 'GB', postal: 'sw1a 1aa' })).to.deep.equal({ billing: { country: 'GB', postalCode: 'SW1A 1AA' } });
    expect(splitBillingDetails(['country', 'postal'], { country: '', postal: '94103' })).to.deep.equal({
      error: { code: 'incomplete_country', message: 'Choose your country or region.', field: 'country' },
    });
    expect(splitBillingDetails(['country'], {})).to.deep.equal({ error: { code: 'incomplete_country', message: 'Choose your country or region.', field: 'country' } });
    expect(splitBillingDetails(['country', 'postal'], { country: 'US', postal: 'SW1A 1AA' })).to.deep.equal({
      error: { code: 'invalid_postal', message: 'Your postal code is invalid.', field: 'postal' },
    });
  });
});
