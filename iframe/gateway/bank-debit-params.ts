// A bank debit as Stripe's confirm params: the payment method it creates (`payment_method_data[type]`
// sepa_debit with the IBAN, or us_bank_account with routing and account numbers and their types),
// the account holder's name and email, and the shopper's acceptance of the mandate. Fields origin:
// these go to the gateway only, in the confirm request.
import type { AccountHolderType, AccountType } from '../fields/us-bank-account.ts';

interface AccountHolder {
  name: string;
  email: string;
}

export type BankDebitDetails = AccountHolder &
  ({ type: 'sepa_debit'; iban: string } | { type: 'us_bank_account'; routingNumber: string; accountNumber: string; accountType: AccountType; accountHolderType: AccountHolderType });

/**
 * The confirm's params but its client_secret. The acceptance is `online` and, as Stripe.js sends it
 * with a publishable key, `infer_from_client`: the gateway records the shopper's IP address and
 * User-Agent from this very request (a browser cannot know its public address, and with a
 * publishable key Stripe refuses one the page states).
 */
export function bankDebitParams(details: BankDebitDetails): URLSearchParams {
  const body = new URLSearchParams({ 'payment_method_data[type]': details.type });
  if (details.type === 'sepa_debit') {
    body.set('payment_method_data[sepa_debit][iban]', details.iban);
  } else {
    body.set('payment_method_data[us_bank_account][routing_number]', details.routingNumber);
    body.set('payment_method_data[us_bank_account][account_number]', details.accountNumber);
    body.set('payment_method_data[us_bank_account][account_type]', details.accountType);
    body.set('payment_method_data[us_bank_account][account_holder_type]', details.accountHolderType);
  }
  body.set('payment_method_data[billing_details][name]', details.name);
  body.set('payment_method_data[billing_details][email]', details.email);
  body.set('mandate_data[customer_acceptance][type]', 'online');
  body.set('mandate_data[customer_acceptance][online][infer_from_client]', 'true');
  return body;
}
