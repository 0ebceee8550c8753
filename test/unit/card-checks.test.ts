// The sandbox gateway's card verification checks (src/node/sandbox/card-checks.ts): which checks a
// payment method asks for, the issuer's answers, and which failures decline under decline_on.
import { expect } from '@esm-bundle/chai';
import { DECLINE_ON_NOTHING, checkDecline, runChecks, uncheckedChecks, type CardChecks } from '../../src/node/sandbox/card-checks.ts';

const ALL_ASKED: CardChecks = { address_line1_check: 'unchecked', address_postal_code_check: 'unchecked', cvc_check: 'unchecked' };

describe('card checks', () => {
  it('asks only for the checks whose input was given', () => {
    expect(uncheckedChecks({ address_line1_check: true, address_postal_code_check: true, cvc_check: true })).to.deep.equal(ALL_ASKED);
    expect(uncheckedChecks({ address_line1_check: false, address_postal_code_check: true, cvc_check: false })).to.deep.equal({
      address_line1_check: null,
      address_postal_code_check: 'unchecked',
      cvc_check: null,
    });
  });

  it('gives each asked check the issuer\'s answer, pass where it has none, and leaves the others null', () => {
    expect(runChecks(ALL_ASKED, { address_postal_code_check: 'fail' })).to.deep.equal({ address_line1_check: 'pass', address_postal_code_check: 'fail', cvc_check: 'pass' });
    expect(runChecks({ ...ALL_ASKED, cvc_check: null }, { cvc_check: 'fail', address_line1_check: 'unavailable' })).to.deep.equal({
      address_line1_check: 'unavailable',
      address_postal_code_check: 'pass',
      cvc_check: null,
    });
  });

  it('checks a payment method again on its next payment', () => {
    const first = runChecks(ALL_ASKED, {});
    expect(runChecks(first, { cvc_check: 'fail' }).cvc_check).to.equal('fail');
  });

  it('declines nothing by default, as Stripe', () => {
    const failed: CardChecks = { address_line1_check: 'fail', address_postal_code_check: 'fail', cvc_check: 'fail' };
    expect(checkDecline(failed, DECLINE_ON_NOTHING)).to.equal(undefined);
  });

  it('declines a failed CVC as incorrect_cvc and a failed postal code as incorrect_zip when the account says so, CVC first', () => {
    const failed: CardChecks = { address_line1_check: 'pass', address_postal_code_check: 'fail', cvc_check: 'fail' };
    expect(checkDecline(failed, { cvcFailure: true, avsFailure: true })).to.equal('incorrect_cvc');
    expect(checkDecline(failed, { cvcFailure: false, avsFailure: true })).to.equal('incorrect_zip');
    expect(checkDecline(failed, { cvcFailure: true, avsFailure: false })).to.equal('incorrect_cvc');
  });

  it('never declines on address line 1, an unavailable check or one not made', () => {
    const declineAll = { cvcFailure: true, avsFailure: true };
    expect(checkDecline({ address_line1_check: 'fail', address_postal_code_check: 'pass', cvc_check: 'pass' }, declineAll)).to.equal(undefined);
    expect(checkDecline({ address_line1_check: 'unavailable', address_postal_code_check: 'unavailable', cvc_check: null }, declineAll)).to.equal(undefined);
  });
});
