// The payment method object returned by the API, in Stripe's shape (cards and the bank debits
// sepa_debit and us_bank_account), with the fields of Stripe's example payment method
// (stripe/openapi fixtures3.json), whose `card` is replaced by the type's own details.
import type { BillingDetails } from './billing-details.ts';
import type { StripeCardBrand } from './card-brand.ts';
import type { CardChecks } from './card-checks.ts';
import type { CardNetworks } from './card-networks.ts';
import type { CardFunding } from './test-cards.ts';

export interface PaymentMethodCard {
  brand: StripeCardBrand;
  /** `unchecked` for each input given until a payment checks it, then its result (card-checks.ts). */
  checks: CardChecks;
  country: string;
  display_brand: string;
  exp_month: number;
  exp_year: number;
  fingerprint: string;
  funding: CardFunding;
  /** Set only for a card made from a card-present payment: never in the sandbox. */
  generated_from: null;
  last4: string;
  /** The networks the card can go on and the shopper's choice (card-networks.ts). */
  networks: CardNetworks;
  /** Whether the issuer's interchange is capped by regulation: the sandbox's test cards do not say. */
  regulated_status: null;
  three_d_secure_usage: { supported: true };
  wallet: null;
}

/** Whether a saved card may be shown to its customer again at a later checkout (Stripe's default: unspecified). */
export type AllowRedisplay = 'always' | 'limited' | 'unspecified';

/** Stripe's sepa_debit details: the IBAN's last four characters and fingerprint, never the IBAN. */
export interface PaymentMethodSepaDebit {
  bank_code: string | null;
  branch_code: string | null;
  country: string;
  fingerprint: string;
  /** Set only for a method made from another payment (iDEAL, Bancontact): never in the sandbox. */
  generated_from: null;
  last4: string;
}

/** Stripe's us_bank_account details: the account number's last four digits and fingerprint, never the number. */
export interface PaymentMethodUsBankAccount {
  account_holder_type: 'individual' | 'company';
  account_type: 'checking' | 'savings';
  bank_name: string | null;
  /** Entered by hand, not linked through Financial Connections: null. */
  financial_connections_account: null;
  fingerprint: string;
  last4: string;
  networks: { preferred: 'ach'; supported: ['ach'] };
  routing_number: string;
  status_details: Record<string, never>;
}

interface PaymentMethodFields {
  id: string;
  object: 'payment_method';
  allow_redisplay: AllowRedisplay;
  billing_details: BillingDetails;
  created: number;
  /** The customer it is attached to (saved-payment-methods.ts), else null. */
  customer: string | null;
  /** Customers that are Accounts (Stripe's Accounts v2): never in the sandbox. */
  customer_account: null;
  livemode: false;
  metadata: Record<string, string>;
}

export interface CardPaymentMethod extends PaymentMethodFields {
  type: 'card';
  card: PaymentMethodCard;
}

export interface SepaDebitPaymentMethod extends PaymentMethodFields {
  type: 'sepa_debit';
  sepa_debit: PaymentMethodSepaDebit;
}

export interface UsBankAccountPaymentMethod extends PaymentMethodFields {
  type: 'us_bank_account';
  us_bank_account: PaymentMethodUsBankAccount;
}

export type BankPaymentMethod = SepaDebitPaymentMethod | UsBankAccountPaymentMethod;
export type PaymentMethod = CardPaymentMethod | BankPaymentMethod;
export type PaymentMethodType = PaymentMethod['type'];
