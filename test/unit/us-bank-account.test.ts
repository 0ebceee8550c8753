// The US bank account fields (fields-origin logic), in Chromium: routing number with the ABA
// checksum, account number, its confirmation, account and holder types.
import { expect } from '@esm-bundle/chai';
import { fieldState } from '../../iframe/fields/field-behaviour.ts';
import {
  accountHolderTypeChoice,
  accountNumberField,
  accountTypeChoice,
  evaluateAccountNumber,
  evaluateAccountNumberConfirmation,
  evaluateRoutingNumber as evaluate,
  isRoutingChecksumValid,
  maskAccountNumber,
  routingNumberField,
} from '../../iframe/fields/us-bank-account.ts';

const evaluateRoutingNumber = (display: string) => ({ invalid: undefined, ...evaluate(display) });

describe('routing number', () => {
  it("accepts Stripe's test routing number 110000000", () => {
    expect(isRoutingChecksumValid('110000000')).to.equal(true);
    expect(evaluateRoutingNumber('110000000')).to.include({ complete: true, invalid: undefined, advance: true });
  });

  it('refuses 110000001: the 3-7-1 checksum fails', () => {
    expect(isRoutingChecksumValid('110000001')).to.equal(false);
    const result = evaluateRoutingNumber('110000001');
    expect(result).to.include({ complete: false, invalid: 'routing_number_invalid', incomplete: 'routing_number_invalid' });
    expect(fieldState(result)).to.equal('invalid');
  });

  it('accepts real banks\' routing numbers', () => {
    for (const routing of ['021000021', '011401533', '091000019', '322271627']) expect(evaluateRoutingNumber(routing).complete, routing).to.equal(true);
  });

  it('is incomplete below 9 digits, with a typed code', () => {
    expect(fieldState(evaluateRoutingNumber(''))).to.equal('empty');
    expect(evaluateRoutingNumber('11000')).to.include({ complete: false, invalid: undefined, incomplete: 'routing_number_incomplete' });
  });

  it('refuses a number outside the Federal Reserve prefixes as soon as two digits are typed', () => {
    expect(evaluateRoutingNumber('13').invalid).to.equal('routing_number_invalid');
    expect(evaluateRoutingNumber('50').invalid).to.equal('routing_number_invalid');
    // 500000005 passes 3-7-1 (3×5 + 1×5 = 20) but 50 is no district: still refused.
    expect(isRoutingChecksumValid('500000005')).to.equal(true);
    expect(evaluateRoutingNumber('500000005').invalid).to.equal('routing_number_invalid');
    expect(evaluateRoutingNumber('21').invalid).to.equal(undefined);
  });

  it('keeps digits only, at most 9', () => {
    expect(routingNumberField.format('11-000 0000 99', undefined)).to.equal('110000000');
  });
});

describe('account number', () => {
  it('needs 4 to 17 digits', () => {
    expect(fieldState(evaluateAccountNumber(''))).to.equal('empty');
    expect(evaluateAccountNumber('123')).to.include({ complete: false, incomplete: 'account_number_incomplete' });
    expect(evaluateAccountNumber('000123456789')).to.include({ complete: true, advance: false });
    expect(evaluateAccountNumber('12345678901234567')).to.include({ complete: true, advance: true });
  });

  it('flags 18 digits as too long at once, and the input keeps them so the shopper sees it', () => {
    const pasted = accountNumberField.format('123456789012345678', undefined);
    expect(pasted).to.equal('123456789012345678');
    expect(evaluateAccountNumber(pasted)).to.include({ complete: false, invalid: 'account_number_too_long' });
  });

  it('is masked but for its last four digits when the merchant chooses masking', () => {
    expect(maskAccountNumber('000123456789')).to.equal('••••••••6789');
    expect(maskAccountNumber('123')).to.equal('123');
  });
});

describe('account number typed twice', () => {
  it('matches when typed twice', () => {
    expect(evaluateAccountNumberConfirmation('000123456789', '000123456789')).to.include({ complete: true });
  });

  it('is incomplete while it is the beginning of the number; a mismatch if the shopper stops there', () => {
    const result = evaluateAccountNumberConfirmation('000123456789', '000123');
    expect(result).to.include({ complete: false, incomplete: 'account_numbers_mismatch' });
    expect(result.invalid).to.equal(undefined);
  });

  it('says mismatch at once when it can no longer become the number', () => {
    expect(evaluateAccountNumberConfirmation('000123456789', '0009').invalid).to.equal('account_numbers_mismatch');
    expect(evaluateAccountNumberConfirmation('000123456789', '0001234567899').invalid).to.equal('account_numbers_mismatch');
  });

  it('asks for it when left empty', () => {
    expect(evaluateAccountNumberConfirmation('000123456789', '')).to.include({ empty: true, incomplete: 'account_number_confirmation_incomplete' });
  });

  it('is not complete when both say the same too-short number', () => {
    expect(evaluateAccountNumberConfirmation('12', '12').complete).to.equal(false);
  });
});

describe('account and holder types', () => {
  it("takes Stripe's values and refuses anything else with a typed code", () => {
    expect(accountTypeChoice('checking')).to.deep.equal({ ok: true, value: 'checking' });
    expect(accountTypeChoice('savings')).to.deep.equal({ ok: true, value: 'savings' });
    expect(accountTypeChoice('')).to.deep.equal({ ok: false, code: 'account_type_required' });
    expect(accountTypeChoice('brokerage')).to.deep.equal({ ok: false, code: 'account_type_required' });
    expect(accountHolderTypeChoice('company')).to.deep.equal({ ok: true, value: 'company' });
    expect(accountHolderTypeChoice(null)).to.deep.equal({ ok: false, code: 'account_holder_type_required' });
  });
});
