// The account holder's name and email for the mandate (fields-origin logic), in Chromium.
import { expect } from '@esm-bundle/chai';
import { evaluateEmail, evaluateHolderName, normalizeEmail, normalizeHolderName } from '../../iframe/fields/account-holder.ts';
import { fieldState } from '../../iframe/fields/field-behaviour.ts';

describe('account holder name', () => {
  it('accepts names in any script', () => {
    for (const name of ['Jenny Rosen', 'Zoë Ñúñez-Müller', "Seán O'Brien", '山田太郎', 'محمد علي', 'ACME GmbH']) {
      expect(evaluateHolderName(name).complete, name).to.equal(true);
    }
  });

  it('is empty, then asks for the full name when too short', () => {
    expect(fieldState(evaluateHolderName('   '))).to.equal('empty');
    expect(evaluateHolderName('J')).to.include({ complete: false, incomplete: 'account_holder_name_incomplete' });
  });

  it('refuses a name without a letter once the shopper leaves it', () => {
    expect(evaluateHolderName('12345')).to.include({ complete: false, incomplete: 'account_holder_name_invalid' });
  });

  it('refuses control and invisible format characters at once', () => {
    expect(evaluateHolderName('Jenny\u202eRosen').invalid).to.equal('account_holder_name_invalid');
    expect(evaluateHolderName('Jenny\u0000Rosen').invalid).to.equal('account_holder_name_invalid');
  });

  it("refuses more than SEPA's 70 characters", () => {
    expect(evaluateHolderName('A'.repeat(70)).complete).to.equal(true);
    expect(evaluateHolderName('A'.repeat(71)).invalid).to.equal('account_holder_name_too_long');
  });

  it('is sent trimmed with single spaces', () => {
    expect(normalizeHolderName('  Jenny   Rosen ')).to.equal('Jenny Rosen');
  });
});

describe('account holder email', () => {
  it('accepts ordinary addresses', () => {
    for (const email of ['jenny.rosen@example.com', 'a+tag@sub.example.co.uk', "o'brien@example.ie"]) expect(evaluateEmail(email).complete, email).to.equal(true);
  });

  it('is incomplete while typing toward an address', () => {
    for (const typing of ['jenny', 'jenny@', 'jenny@example', 'jenny@example.']) {
      expect({ invalid: undefined, ...evaluateEmail(typing) }, typing).to.include({ complete: false, invalid: undefined });
    }
    expect(evaluateEmail('jenny').incomplete).to.equal('email_incomplete');
  });

  it('says invalid at once when typing more cannot fix it', () => {
    for (const wrong of ['jenny rosen@example.com', 'a@b@example.com', 'jenny()@example.com']) expect(evaluateEmail(wrong).invalid, wrong).to.equal('email_invalid');
  });

  it('says invalid when the shopper leaves a malformed domain', () => {
    expect(evaluateEmail('jenny@-example.com')).to.include({ complete: false, incomplete: 'email_invalid' });
    expect(evaluateEmail('jenny@example..com')).to.include({ complete: false, incomplete: 'email_invalid' });
  });

  it('is sent trimmed, with the domain in lower case', () => {
    expect(normalizeEmail('  Jenny.Rosen@Example.COM ')).to.equal('Jenny.Rosen@example.com');
  });
});
