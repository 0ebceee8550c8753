// The SEPA mandate and the ACH authorization the shopper accepts (fields-origin logic), in Chromium.
import { expect } from '@esm-bundle/chai';
import { ENGLISH_BANK_TEXTS } from '../../src/i18n/bank-messages.ts';
import de from '../../src/i18n/locales/bank/de.ts';
import { LOCALES } from '../../src/i18n/messages.ts';
import { buildMandateText, mandateAcceptanceError, mandateMerchantName, mandateText } from '../../iframe/fields/mandate-text.ts';

describe('mandate text', () => {
  it("names the merchant in the SEPA mandate, with the refund right and its 8 weeks", () => {
    const result = buildMandateText('sepa_debit', 'Rocket Rides', ENGLISH_BANK_TEXTS);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.text).to.contain('authorise (A) Rocket Rides and its payment service provider');
    expect(result.text).to.contain('8 weeks');
    expect(result.text).not.to.contain('{merchant}');
  });

  it('names the merchant in every sentence of the ACH authorization, with how to revoke it', () => {
    const result = buildMandateText('us_bank_account', 'Rocket Rides', ENGLISH_BANK_TEXTS);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.text.match(/Rocket Rides/g)).to.have.length(3);
    expect(result.text).to.contain('revoke');
  });

  it("is in the checkout's locale", async () => {
    const german = await mandateText('sepa_debit', 'Rocket Rides GmbH', 'de');
    if (!german.ok) throw new Error(german.error.code);
    expect(german.text).to.equal(de.sepaMandate.replace('{merchant}', 'Rocket Rides GmbH'));
  });

  it('exists in every locale for both kinds, naming the merchant and without a placeholder left', async () => {
    for (const locale of LOCALES) {
      for (const kind of ['sepa_debit', 'us_bank_account'] as const) {
        const result = await mandateText(kind, 'Rocket Rides', locale);
        if (!result.ok) throw new Error(`${locale} ${kind}: ${result.error.code}`);
        expect(result.text, `${locale} ${kind}`).to.contain('Rocket Rides');
        expect(result.text, `${locale} ${kind}`).not.to.match(/\{\w+\}/);
        const english = buildMandateText(kind, 'Rocket Rides', ENGLISH_BANK_TEXTS);
        if (locale !== 'en' && english.ok) expect(result.text, `${locale} ${kind} is translated`).not.to.equal(english.text);
      }
    }
  });

  it('takes the merchant name as text: no placeholder or replacement pattern in it is expanded', () => {
    const result = buildMandateText('sepa_debit', "$& {merchant} $' <b>Shop</b>", ENGLISH_BANK_TEXTS);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.text).to.contain("(A) $& {merchant} $' <b>Shop</b> and its payment service provider");
  });

  it('refuses a missing or absurdly long merchant name with a typed error, not a mandate naming nobody', () => {
    for (const name of ['', '   ', '\u202e', 'x'.repeat(101)]) {
      const result = buildMandateText('sepa_debit', name, ENGLISH_BANK_TEXTS);
      expect(result.ok, JSON.stringify(name)).to.equal(false);
      if (!result.ok) expect(result.error).to.deep.equal({ code: 'mandate_merchant_name_invalid', message: ENGLISH_BANK_TEXTS.mandate_merchant_name_invalid });
    }
  });

  it('requires the acceptance', () => {
    expect(mandateAcceptanceError(false)).to.equal('mandate_not_accepted');
    expect(mandateAcceptanceError(true)).to.equal(null);
  });
});

describe('mandate text: a merchant name that tries to rewrite the mandate', () => {
  it('strips a right-to-left override, so the terms after the name cannot be shown reversed', () => {
    // With U+202E kept, everything after the name (", to send instructions to your bank…") renders
    // right to left, and a crafted name can make the shopper read other terms than those accepted.
    const result = buildMandateText('sepa_debit', 'Rocket Rides\u202e', ENGLISH_BANK_TEXTS);
    if (!result.ok) throw new Error(result.error.code);
    expect(result.text).not.to.match(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    expect(result.merchantName).to.equal('Rocket Rides');
  });

  it('strips isolates, marks and control characters and collapses spaces; keeps joiners names are spelled with', () => {
    expect(mandateMerchantName(' Rocket\u2067 \u0000Rides\u200f\n GmbH ')).to.equal('Rocket Rides GmbH');
    expect(mandateMerchantName('\u0645\u06cc\u200c\u0631\u0648\u062f')).to.equal('\u0645\u06cc\u200c\u0631\u0648\u062f');
  });
});
