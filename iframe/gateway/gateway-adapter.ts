// What the controller needs from a payment gateway: turn card details into a payment method.
// Runs only on the fields origin.
import type { TokenizeResult } from '../../src/shared/protocol.ts';

export interface CardDetails {
  number: string;
  expMonth: number;
  /** Four digits. */
  expYear: number;
  cvc?: string;
}

export interface GatewayAdapter {
  createPaymentMethod(card: CardDetails, publishableKey: string, idempotencyKey: string): Promise<TokenizeResult>;
}
