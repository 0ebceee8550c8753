// The Charge object in Stripe's shape: one per attempt to pay an intent (declined card attempts
// included), the `latest_charge` of the intent, and newCharge() that builds one for a card or a bank
// debit. Its payment method details are those of the payment method.
// Its fields are those of Stripe's example charge (stripe/openapi fixtures3.json); what the sandbox
// has no counterpart for (balance transactions, Connect, disputes, Radar reviews) is null, as Stripe
// says for a test-mode card payment without them.
import type { BillingDetails } from './billing-details.ts';
import type { CardChecks } from './card-checks.ts';
import type { StripeList } from './list-objects.ts';
import type { PaymentIntent } from './payment-intent-object.ts';
import type { PaymentMethodCard } from './payment-method-object.ts';
import { newChargeId } from './random-ids.ts';
import type { Refund } from './refund-object.ts';

/** The 3-D Secure result of an authenticated payment, as the charge's card details show it. */
export interface ChargeThreeDSecure {
  authentication_flow: 'challenge' | 'frictionless';
  /** ECI: 02 for Mastercard, 05 for the other networks, when the cardholder was fully authenticated. */
  electronic_commerce_indicator: '02' | '05';
  exemption_indicator: null;
  result: 'authenticated';
  result_reason: null;
  /** The 3-D Secure server's transaction id (a UUID). */
  transaction_id: string;
  version: '2.2.0';
}

export interface ChargeOutcome {
  advice_code: null;
  network_advice_code: null;
  network_decline_code: null;
  network_status: 'approved_by_network' | 'declined_by_network';
  reason: string | null;
  risk_level: 'normal';
  seller_message: string;
  type: 'authorized' | 'issuer_declined';
}

export interface ChargeCard extends Pick<PaymentMethodCard, 'brand' | 'country' | 'exp_month' | 'exp_year' | 'fingerprint' | 'funding' | 'last4' | 'regulated_status'> {
  /** What the issuer authorized: the amount, or null for a declined attempt. */
  amount_authorized: number | null;
  authorization_code: null;
  /** The checks' results for this payment (card-checks.ts). */
  checks: CardChecks;
  /** The network's ECI: that of the 3-D Secure authentication, else null (not an authenticated payment). */
  electronic_commerce_indicator: ChargeThreeDSecure['electronic_commerce_indicator'] | null;
  extended_authorization: { status: 'disabled' };
  incremental_authorization: { status: 'unavailable' };
  installments: null;
  mandate: null;
  multicapture: { status: 'unavailable' };
  network: string;
  network_token: { used: false };
  network_transaction_id: null;
  overcapture: { maximum_amount_capturable: number; status: 'unavailable' };
  three_d_secure: ChargeThreeDSecure | null;
  transaction_link_id: null;
  wallet: null;
}

/** A bank debit's details on its charge: the account's last four and fingerprint, and the mandate it was debited under. */
export interface ChargeSepaDebit {
  bank_code: string | null;
  branch_code: string | null;
  country: string;
  fingerprint: string;
  last4: string;
  mandate: string;
}

export interface ChargeUsBankAccount {
  account_holder_type: 'individual' | 'company';
  account_type: 'checking' | 'savings';
  bank_name: string | null;
  fingerprint: string;
  last4: string;
  mandate: string;
  payment_reference: null;
  routing_number: string;
}

export type ChargeCardDetails = { type: 'card'; card: ChargeCard };
export type ChargePaymentMethodDetails = ChargeCardDetails | { type: 'sepa_debit'; sepa_debit: ChargeSepaDebit } | { type: 'us_bank_account'; us_bank_account: ChargeUsBankAccount };

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  /** Refunds plus, as in Stripe, whatever an authorization released uncaptured. */
  amount_refunded: number;
  application: null;
  application_fee: null;
  application_fee_amount: null;
  balance_transaction: null;
  billing_details: BillingDetails;
  calculated_statement_descriptor: string;
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  /** A bank debit the shopper disputed (bank-debit-payments.ts); cards are never disputed in the sandbox. */
  disputed: boolean;
  failure_balance_transaction: null;
  failure_code: string | null;
  failure_message: string | null;
  fraud_details: Record<string, never>;
  livemode: false;
  metadata: Record<string, string>;
  on_behalf_of: null;
  outcome: ChargeOutcome;
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: ChargePaymentMethodDetails;
  receipt_email: string | null;
  receipt_number: null;
  /** No receipt page in the sandbox: null. */
  receipt_url: null;
  refunded: boolean;
  /** The charge's refunds, newest first (refunds.ts adds them). */
  refunds: StripeList<Refund>;
  review: null;
  shipping: null;
  source: null;
  source_transfer: null;
  statement_descriptor: null;
  statement_descriptor_suffix: null;
  /** `pending` while a bank debit is processing. */
  status: 'succeeded' | 'failed' | 'pending';
  transfer_data: null;
  transfer_group: null;
}

/**
 * A new charge for an attempt to pay `intent` with `paymentMethod`, approved by the network (a
 * decline changes it afterwards): the fields every kind of payment shares, and what the caller's
 * kind knows (paid at once for a card, pending for a bank debit, and the method's details).
 */
export function newCharge<Details extends ChargePaymentMethodDetails>(
  intent: PaymentIntent,
  paymentMethod: { id: string; billing_details: BillingDetails },
  createdMs: number,
  attempt: { paid: boolean; status: Charge['status']; payment_method_details: Details },
): Charge & { payment_method_details: Details } {
  const id = newChargeId();
  return {
    id,
    object: 'charge',
    amount: intent.amount,
    amount_captured: 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: structuredClone(paymentMethod.billing_details),
    calculated_statement_descriptor: 'PAYFRAME SANDBOX',
    captured: false,
    created: Math.floor(createdMs / 1000),
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'normal',
      seller_message: 'Payment complete.',
      type: 'authorized',
    },
    paid: attempt.paid,
    payment_intent: intent.id,
    payment_method: paymentMethod.id,
    payment_method_details: attempt.payment_method_details,
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: attempt.status,
    transfer_data: null,
    transfer_group: null,
  };
}
