// The billing inputs' pure rules: postal code formats by country, the countries offered, and how
// the drop-in reads its billing attributes.
import { expect } from '@esm-bundle/chai';
import { COUNTRY_CODES, countryOptions } from '../../iframe/fields/countries.ts';
import { isPostalCode, normalizePostalCode } from '../../iframe/fields/postal-code.ts';
import { billingDefaults, billingFieldsOf } from '../../iframe/billing-options.ts';

describe('postal codes by country', () => {
  const cases: [string | undefined, string[], string[]][] = [
    ['US', ['94103', '94103-1234', '941031234'], ['9410', '941033', 'SW1A 1AA', '94103-12']],
    ['GB', ['SW1A 1AA', 'sw1a1aa', 'M1 1AE', 'EC1A 1BB'], ['94103', 'SW1A', '1AA SW1']],
    ['CA', ['K1A 0B1', 'k1a0b1'], ['K1A 0B', '12345']],
    ['DE', ['10115'], ['1011', '101155', 'AB123']],
    ['NL', ['1012 AB', '1012AB'], ['1012', 'AB 1012']],
    ['PL', ['00-950'], ['00950']],
    ['JP', ['100-0001', '1000001'], ['100-01']],
    // No format known: letters, digits, spaces and hyphens, up to ten.
    [undefined, ['94103', 'SW1A 1AA', 'D02 X285', '1234-567'], ['', '-123', 'ABCDEFGHIJK', '12#45']],
    ['IE', ['D02 X285'], ['D02_X285']],
  ];
  for (const [country, good, bad] of cases) {
    it(`${country ?? 'no country'}: accepts ${good.join(', ')}; refuses ${bad.map((value) => `"${value}"`).join(', ')}`, () => {
      for (const value of good) expect(isPostalCode(value, country), value).to.equal(true);
      for (const value of bad) expect(isPostalCode(value, country), value).to.equal(false);
    });
  }

  it('sends them trimmed and upper case', () => {
    expect(normalizePostalCode('  sw1a 1aa ')).to.equal('SW1A 1AA');
  });
});

describe('countries', () => {
  it('are two-letter codes, once each, with Kosovo and without Europe or the United Nations', () => {
    expect(COUNTRY_CODES.every((code) => /^[A-Z]{2}$/.test(code))).to.equal(true);
    expect(new Set(COUNTRY_CODES).size).to.equal(COUNTRY_CODES.length);
    expect(COUNTRY_CODES).to.include.members(['US', 'GB', 'DE', 'FR', 'JP', 'BR', 'NG', 'XK']);
    expect(COUNTRY_CODES).not.to.include.members(['EU', 'UN', 'ZZ', 'UK']);
  });

  it('are named and sorted in the checkout\'s language', () => {
    const german = countryOptions('de');
    expect(german.find(({ code }) => code === 'DE')?.name).to.equal('Deutschland');
    const names = german.map(({ name }) => name);
    expect(names).to.deep.equal([...names].sort(new Intl.Collator('de').compare));
  });
});

describe('the drop-in\'s billing attributes', () => {
  it('billing-fields: known inputs in a fixed order; unknown words apart, for a warning', () => {
    expect(billingFieldsOf('postal name')).to.deep.equal({ fields: ['name', 'postal'], unknown: [] });
    expect(billingFieldsOf(' postal  country  name ')).to.deep.equal({ fields: ['name', 'country', 'postal'], unknown: [] });
    expect(billingFieldsOf('')).to.deep.equal({ fields: [], unknown: [] });
    expect(billingFieldsOf('zip name')).to.deep.equal({ fields: ['name'], unknown: ['zip'] });
  });

  it('prefill: a name of at most 200 characters and a two-letter country, upper case; anything else left out', () => {
    expect(billingDefaults({ name: 'Jenny Rosen', country: ' us ' })).to.deep.equal({ name: 'Jenny Rosen', country: 'US' });
    expect(billingDefaults({ country: 'USA' })).to.deep.equal({});
    expect(billingDefaults({ name: 'x'.repeat(250) }).name).to.have.length(200);
  });
});

describe('a split postal code input following the country frame', () => {
  it('judges the postal code by the country it is told, the group\'s billing-country no longer, and none means any format', async () => {
    const { mountBillingInputs } = await import('../../iframe/billing-inputs.ts');
    const form = document.createElement('form');
    document.body.append(form);
    const states: { complete: boolean }[] = [];
    const inputs = mountBillingInputs(form, 'postal', {
      onState: (_field, state) => states.push(state),
      onFocus() {},
      onBlur() {},
      onSubmit() {},
      onEscape() {},
      loadMessages: async (_locale, english) => english,
    })!;
    try {
      inputs.prefill({ country: 'US' });
      const input = form.querySelector<HTMLInputElement>('#postal')!;
      input.value = 'SW1A 1AA';
      input.dispatchEvent(new Event('input'));
      expect(states.at(-1)?.complete).to.equal(false);
      inputs.followCountry('GB');
      expect(states.at(-1)?.complete).to.equal(true);
      expect(inputs.read()).to.deep.equal({ billing: { postalCode: 'SW1A 1AA', country: 'GB' } });
      inputs.followCountry('US');
      expect(states.at(-1)?.complete).to.equal(false);
      inputs.followCountry(undefined);
      expect(states.at(-1)?.complete).to.equal(true);
      expect(inputs.read()).to.deep.equal({ billing: { postalCode: 'SW1A 1AA' } });
    } finally {
      form.remove();
    }
  });
});
