// The payment method object returned by the API, in Stripe's shape (type "card" only).
import type { BillingDetails } from './billing-details.ts';
import type { StripeCardBrand } from './card-brand.ts';
import type { CardFunding } from './test-cards.ts';

export interface PaymentMethodCard {
  brand: StripeCardBrand;
  checks: {
    address_line1_check: null;
    address_postal_code_check: null;
    /** "unchecked" when a CVC was given: the sandbox, like Stripe, checks it only at payment time. */
    cvc_check: 'unchecked' | null;
  };
  country: string;
  display_brand: string;
  exp_month: number;
  exp_year: number;
  fingerprint: string;
  funding: CardFunding;
  last4: string;
  networks: { available: StripeCardBrand[]; preferred: null };
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
  customer: null;
  livemode: false;
  metadata: Record<string, string>;
}
