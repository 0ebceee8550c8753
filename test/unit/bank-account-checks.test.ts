// The sandbox gateway's bank account checks (src/node/sandbox/bank-account-checks.ts) and Stripe's
// test accounts (bank-test-accounts.ts): IBAN mod-97, the ABA routing checksum, account numbers,
// and that every published test IBAN is itself a valid IBAN.
import { expect } from '@esm-bundle/chai';
import { checkAccountNumber, checkIban, checkRoutingNumber, ibanChecksumIsValid, routingChecksumIsValid } from '../../src/node/sandbox/bank-account-checks.ts';
import { SEPA_TEST_IBANS, US_TEST_ROUTING_NUMBER, sepaTestOutcome, usBankTestOutcome } from '../../src/node/sandbox/bank-test-accounts.ts';
import { StripeApiError } from '../../src/node/sandbox/stripe-error.ts';

function refusal(check: () => unknown): StripeApiError {
  try {
    check();
  } catch (error) {
    expect(error).to.be.instanceOf(StripeApiError);
    return error as StripeApiError;
  }
  throw new Error('expected the check to refuse the value');
}

describe('bank account checks', () => {
  it('reads an IBAN typed in groups and lower case, with its country, bank and branch codes', () => {
    expect(checkIban('fr14 2004 1010 0505 0001 3m02 606')).to.deep.equal({ iban: 'FR1420041010050500013M02606', country: 'FR', bankCode: '20041', branchCode: '01005' });
    expect(checkIban('DE89370400440532013000')).to.deep.include({ country: 'DE', bankCode: '37040044', branchCode: null });
  });

  it('refuses wrong check digits, lengths and non-SEPA countries with invalid_bank_account_iban, never echoing the IBAN', () => {
    for (const iban of ['DE89370400440532013001', 'DE8937040044053201300', 'US89370400440532013000', 'DE89-3704', 'D']) {
      const error = refusal(() => checkIban(iban));
      expect(error.fields).to.include({ code: 'invalid_bank_account_iban', param: 'sepa_debit[iban]' });
      if (iban.length > 4) expect(error.message).not.to.contain(iban.slice(4));
    }
    expect(refusal(() => checkIban(undefined)).fields.code).to.equal('parameter_missing');
  });

  it('computes mod-97 over letters too', () => {
    expect(ibanChecksumIsValid('GB82WEST12345698765432')).to.equal(true);
    expect(ibanChecksumIsValid('GB82WEST12345698765433')).to.equal(false);
  });

  it('checks a routing number\'s nine digits and 3-7-1 checksum, and an account number\'s 4 to 17 digits', () => {
    expect(routingChecksumIsValid('110000000')).to.equal(true);
    expect(routingChecksumIsValid('021000021')).to.equal(true);
    expect(checkRoutingNumber('021000021')).to.equal('021000021');
    for (const routing of ['021000022', '02100002', '0210000210', '02100002a']) {
      expect(refusal(() => checkRoutingNumber(routing)).fields).to.include({ code: 'routing_number_invalid', param: 'us_bank_account[routing_number]' });
    }
    expect(checkAccountNumber('000123456789')).to.equal('000123456789');
    for (const account of ['123', '123456789012345678', '12-34']) {
      expect(refusal(() => checkAccountNumber(account)).fields).to.include({ code: 'account_number_invalid', param: 'us_bank_account[account_number]' });
    }
  });

  it('has only valid IBANs among Stripe\'s test accounts, and gives other accounts success', () => {
    for (const iban of SEPA_TEST_IBANS.keys()) expect(ibanChecksumIsValid(iban), iban).to.equal(true);
    expect(sepaTestOutcome('AT861904300235473202')).to.deep.equal({ result: 'fails', failureCode: 'generic_could_not_process' });
    expect(sepaTestOutcome('GB82WEST12345698765432').result).to.equal('succeeds');
    expect(usBankTestOutcome(US_TEST_ROUTING_NUMBER, '000111111113')).to.deep.equal({ result: 'fails', failureCode: 'account_closed' });
    // Stripe's outcomes belong to its test bank: the same number at another bank just succeeds.
    expect(usBankTestOutcome('021000021', '000111111113').result).to.equal('succeeds');
  });
});
