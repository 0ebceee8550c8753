// The payment method object returned by the API, in Stripe's shape (type "card" only), with the
// fields of Stripe's example payment method (stripe/openapi fixtures3.json).
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

export interface PaymentMethod {
  id: string;
  object: 'payment_method';
  allow_redisplay: AllowRedisplay;
  type: 'card';
  billing_details: BillingDetails;
  card: PaymentMethodCard;
  created: number;
  /** The customer it is attached to (saved-payment-methods.ts), else null. */
  customer: string | null;
  /** Customers that are Accounts (Stripe's Accounts v2): never in the sandbox. */
  customer_account: null;
  livemode: false;
  metadata: Record<string, string>;
}
