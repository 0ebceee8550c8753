// The Refund object in Stripe's shape, with the fields of Stripe's example refund (stripe/openapi
// fixtures3.json). Sandbox refunds settle at once: status is always `succeeded`.
export const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: null;
  charge: string;
  created: number;
  currency: string;
  /** The charge's customer. */
  customer: string | null;
  customer_account: null;
  /** Where the money goes back: the card, as a refund (not a reversal of the authorization). */
  destination_details: { type: 'card'; card: { type: 'refund' } };
  metadata: Record<string, string>;
  payment_intent: string;
  /** The charge's payment method. */
  payment_method: string;
  reason: RefundReason | null;
  receipt_number: null;
  source_transfer_reversal: null;
  status: 'succeeded';
  transfer_reversal: null;
}
