// The Charge object in Stripe's shape: one per attempt to pay an intent with a card (declined
// attempts included), the `latest_charge` of the intent. Card details are those of the payment method.
import type { BillingDetails } from './billing-details.ts';
import type { CardChecks } from './card-checks.ts';
import type { PaymentMethodCard } from './payment-method-object.ts';

export interface ChargeThreeDSecure {
  authentication_flow: 'challenge' | 'frictionless';
  result: 'authenticated';
  version: '2.2.0';
}

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  /** Refunds plus, as in Stripe, whatever an authorization released uncaptured. */
  amount_refunded: number;
  balance_transaction: null;
  billing_details: BillingDetails;
  calculated_statement_descriptor: string;
  captured: boolean;
  created: number;
  currency: string;
  description: string | null;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Record<string, string>;
  outcome: {
    network_status: 'approved_by_network' | 'declined_by_network';
    reason: string | null;
    risk_level: 'normal';
    seller_message: string;
    type: 'authorized' | 'issuer_declined';
  };
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: {
    type: 'card';
    card: Pick<PaymentMethodCard, 'brand' | 'country' | 'exp_month' | 'exp_year' | 'fingerprint' | 'funding' | 'last4'> & {
      /** The checks' results for this payment (card-checks.ts). */
      checks: CardChecks;
      network: string;
      three_d_secure: ChargeThreeDSecure | null;
    };
  };
  refunded: boolean;
  status: 'succeeded' | 'failed';
}
