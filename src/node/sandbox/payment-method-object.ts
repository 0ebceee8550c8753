// The payment method object returned by the API, in Stripe's shape (type "card" only).
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
  last4: string;
  /** The networks the card can go on and the shopper's choice (card-networks.ts). */
  networks: CardNetworks;
  three_d_secure_usage: { supported: true };
  wallet: null;
}

export interface PaymentMethod {
  id: string;
  object: 'payment_method';
  type: 'card';
  billing_details: BillingDetails;
  card: PaymentMethodCard;
  created: number;
  /** The customer it is attached to (saved-payment-methods.ts), else null. */
  customer: string | null;
  livemode: false;
  metadata: Record<string, string>;
}
