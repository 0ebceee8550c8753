// What the controller needs from a payment gateway: turn card details into a payment method,
// confirm a PaymentIntent with them, read an intent's status. Runs only on the fields origin.
import type { ConfirmResult, PaymentResult } from '../../src/shared/protocol.ts';
import type { TokenizeOutcome } from './retry-policy.ts';
import type { CardBrand } from '../../src/shared/card-brands.ts';

export interface CardDetails {
  number: string;
  expMonth: number;
  /** Four digits. */
  expYear: number;
  cvc?: string;
  /** A co-badged card's chosen network (Stripe's `card[networks][preferred]`). */
  network?: CardBrand;
  /** The billing inputs the checkout shows, as the shopper typed them (Stripe's `billing_details`). */
  billing?: BillingDetails;
}

export interface BillingDetails {
  name?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
}

export interface GatewayAdapter {
  /**
   * Tokenizes, retrying what is safe to retry, every attempt with `idempotencyKey`. Never
   * rejects. `settled: false` means it gave up without knowing whether the gateway created one.
   */
  createPaymentMethod(card: CardDetails, publishableKey: string, idempotencyKey: string): Promise<TokenizeOutcome>;
  /**
   * Confirms the intent of `clientSecret` with the card, under the same retries and key rules,
   * with the `returnUrl` a full-page 3-D Secure redirect comes back to, if any. Never rejects.
   */
  confirmPaymentIntent(card: CardDetails, clientSecret: string, publishableKey: string, idempotencyKey: string, returnUrl?: string): Promise<TokenizeOutcome<ConfirmResult>>;
  /** The intent's status, or its last payment error when it needs a new payment method. Never rejects. */
  retrievePaymentIntent(clientSecret: string, publishableKey: string): Promise<TokenizeOutcome<PaymentResult>>;
}
