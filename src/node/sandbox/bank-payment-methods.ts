// POST /v1/payment_methods with type sepa_debit or us_bank_account (Node realm): the bank details
// are checked (bank-account-checks.ts), then only what Stripe returns is kept (last4, fingerprint,
// bank and branch codes, routing number) with the test account's outcome: never the IBAN or the
// account number. Stripe requires the holder's name and email for these methods.
import { checkAccountNumber, checkIban, checkRoutingNumber } from './bank-account-checks.ts';
import { sepaTestOutcome, usBankTestOutcome, US_TEST_BANK_NAME, US_TEST_ROUTING_NUMBER } from './bank-test-accounts.ts';
import { parseBillingDetails, type BillingDetails } from './billing-details.ts';
import { cardFingerprint } from './card-fingerprint.ts';
import { optionalObject, type FormParams } from './form-body.ts';
import { parseMetadata } from './metadata.ts';
import type { SepaDebitPaymentMethod, UsBankAccountPaymentMethod } from './payment-method-object.ts';
import type { PaymentMethodStore } from './payment-method-store.ts';
import { newPaymentMethodId } from './random-ids.ts';
import { optionalEnum, rejectUnknownParams } from './request-params.ts';
import { missingParam } from './stripe-error.ts';

/** The mandate names the account holder and is sent to their email: Stripe refuses a bank method without them. */
function holderDetails(params: FormParams): BillingDetails {
  const billingDetails = parseBillingDetails(params.billing_details);
  if (billingDetails.name === null) throw missingParam('billing_details[name]');
  if (billingDetails.email === null) throw missingParam('billing_details[email]');
  return billingDetails;
}

/** The same keyed fingerprint as cards' (per process secret): equal accounts compare equal, and it cannot be reversed. */
function bankFingerprint(kind: string, account: string): string {
  return cardFingerprint(`${kind}:${account}`);
}

function commonFields(params: FormParams, now: Date) {
  return {
    id: newPaymentMethodId(),
    object: 'payment_method' as const,
    allow_redisplay: 'unspecified' as const,
    created: Math.floor(now.getTime() / 1000),
    customer: null,
    customer_account: null,
    livemode: false as const,
    metadata: parseMetadata(params.metadata),
  };
}

export function createSepaDebitMethod(params: FormParams, store: PaymentMethodStore, now: Date): SepaDebitPaymentMethod {
  const details = optionalObject(params.sepa_debit, 'sepa_debit');
  if (details === undefined) throw missingParam('sepa_debit[iban]');
  rejectUnknownParams(Object.fromEntries(Object.keys(details).map((name) => [`sepa_debit[${name}]`, true])), ['sepa_debit[iban]']);
  const { iban, country, bankCode, branchCode } = checkIban(details.iban);
  const paymentMethod: SepaDebitPaymentMethod = {
    ...commonFields(params, now),
    type: 'sepa_debit',
    billing_details: holderDetails(params),
    sepa_debit: { bank_code: bankCode, branch_code: branchCode, country, fingerprint: bankFingerprint('iban', iban), generated_from: null, last4: iban.slice(-4) },
  };
  store.save({ paymentMethod, outcome: 'success', bankOutcome: sepaTestOutcome(iban), issuerChecks: {} });
  return paymentMethod;
}

const US_BANK_ACCOUNT_FIELDS = ['routing_number', 'account_number', 'account_holder_type', 'account_type'];

export function createUsBankAccountMethod(params: FormParams, store: PaymentMethodStore, now: Date): UsBankAccountPaymentMethod {
  const details = optionalObject(params.us_bank_account, 'us_bank_account');
  if (details === undefined) throw missingParam('us_bank_account[routing_number]');
  rejectUnknownParams(
    Object.fromEntries(Object.keys(details).map((name) => [`us_bank_account[${name}]`, true])),
    US_BANK_ACCOUNT_FIELDS.map((name) => `us_bank_account[${name}]`),
  );
  const routingNumber = checkRoutingNumber(details.routing_number);
  const accountNumber = checkAccountNumber(details.account_number);
  const holderType = optionalEnum(details.account_holder_type, 'us_bank_account[account_holder_type]', ['individual', 'company'] as const) ?? 'individual';
  // Stripe's default when the type is not given.
  const accountType = optionalEnum(details.account_type, 'us_bank_account[account_type]', ['checking', 'savings'] as const) ?? 'checking';
  const paymentMethod: UsBankAccountPaymentMethod = {
    ...commonFields(params, now),
    type: 'us_bank_account',
    billing_details: holderDetails(params),
    us_bank_account: {
      account_holder_type: holderType,
      account_type: accountType,
      bank_name: routingNumber === US_TEST_ROUTING_NUMBER ? US_TEST_BANK_NAME : null,
      financial_connections_account: null,
      fingerprint: bankFingerprint(`aba:${routingNumber}`, accountNumber),
      last4: accountNumber.slice(-4),
      networks: { preferred: 'ach', supported: ['ach'] },
      routing_number: routingNumber,
      status_details: {},
    },
  };
  store.save({ paymentMethod, outcome: 'success', bankOutcome: usBankTestOutcome(routingNumber, accountNumber), issuerChecks: {} });
  return paymentMethod;
}
