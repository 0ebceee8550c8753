// A bank debit's confirm params (iframe/gateway/bank-debit-params.ts): Stripe's names, the mandate
// accepted online and inferred from the shopper's browser, as Stripe.js sends it with a publishable key.
import { expect } from '@esm-bundle/chai';
import { bankDebitParams } from '../../iframe/gateway/bank-debit-params.ts';

const HOLDER = { name: 'Jenny Rosen', email: 'jenny@example.com' };
const MANDATE = { 'mandate_data[customer_acceptance][type]': 'online', 'mandate_data[customer_acceptance][online][infer_from_client]': 'true' };

describe('bank debit confirm params', () => {
  it('a SEPA debit sends the IBAN, the holder and the online acceptance', () => {
    expect(Object.fromEntries(bankDebitParams({ type: 'sepa_debit', iban: 'DE89370400440532013000', ...HOLDER }))).to.deep.equal({
      'payment_method_data[type]': 'sepa_debit',
      'payment_method_data[sepa_debit][iban]': 'DE89370400440532013000',
      'payment_method_data[billing_details][name]': 'Jenny Rosen',
      'payment_method_data[billing_details][email]': 'jenny@example.com',
      ...MANDATE,
    });
  });

  it('a US bank account sends routing and account numbers and both types', () => {
    const params = bankDebitParams({ type: 'us_bank_account', routingNumber: '110000000', accountNumber: '000123456789', accountType: 'savings', accountHolderType: 'company', ...HOLDER });
    expect(Object.fromEntries(params)).to.deep.equal({
      'payment_method_data[type]': 'us_bank_account',
      'payment_method_data[us_bank_account][routing_number]': '110000000',
      'payment_method_data[us_bank_account][account_number]': '000123456789',
      'payment_method_data[us_bank_account][account_type]': 'savings',
      'payment_method_data[us_bank_account][account_holder_type]': 'company',
      'payment_method_data[billing_details][name]': 'Jenny Rosen',
      'payment_method_data[billing_details][email]': 'jenny@example.com',
      ...MANDATE,
    });
  });

  it('never states an IP address: the gateway infers it', () => {
    const params = bankDebitParams({ type: 'sepa_debit', iban: 'DE89370400440532013000', ...HOLDER });
    expect([...params.keys()].some((key) => key.includes('ip_address'))).to.equal(false);
  });
});
