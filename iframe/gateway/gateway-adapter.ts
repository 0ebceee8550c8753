// What the controller needs from a payment gateway: turn card details into a payment method.
// Runs only on the fields origin.
import type { TokenizeOutcome } from './retry-policy.ts';

export interface CardDetails {
  number: string;
  expMonth: number;
  /** Four digits. */
  expYear: number;
  cvc?: string;
}

export interface GatewayAdapter {
  /**
   * Tokenizes, retrying what is safe to retry, every attempt with `idempotencyKey`. Never
   * rejects. `settled: false` means it gave up without knowing whether the gateway created one.
   */
  createPaymentMethod(card: CardDetails, publishableKey: string, idempotencyKey: string): Promise<TokenizeOutcome>;
}
