// The Dispute object in Stripe's shape (GET /v1/disputes/:id, and the charge.dispute.created
// webhook): what Stripe's "disputed" test bank accounts open right after their debit succeeds.
// Its fields are those of Stripe's example dispute (stripe/openapi fixtures3.json).

type EvidenceField =
  | 'access_activity_log' | 'billing_address' | 'cancellation_policy' | 'cancellation_policy_disclosure' | 'cancellation_rebuttal'
  | 'customer_communication' | 'customer_email_address' | 'customer_name' | 'customer_purchase_ip' | 'customer_signature'
  | 'duplicate_charge_documentation' | 'duplicate_charge_explanation' | 'duplicate_charge_id' | 'product_description' | 'receipt'
  | 'refund_policy' | 'refund_policy_disclosure' | 'refund_refusal_explanation' | 'service_date' | 'service_documentation'
  | 'shipping_address' | 'shipping_carrier' | 'shipping_date' | 'shipping_documentation' | 'shipping_tracking_number'
  | 'uncategorized_file' | 'uncategorized_text';

export const EVIDENCE_FIELDS: readonly EvidenceField[] = [
  'access_activity_log', 'billing_address', 'cancellation_policy', 'cancellation_policy_disclosure', 'cancellation_rebuttal',
  'customer_communication', 'customer_email_address', 'customer_name', 'customer_purchase_ip', 'customer_signature',
  'duplicate_charge_documentation', 'duplicate_charge_explanation', 'duplicate_charge_id', 'product_description', 'receipt',
  'refund_policy', 'refund_policy_disclosure', 'refund_refusal_explanation', 'service_date', 'service_documentation',
  'shipping_address', 'shipping_carrier', 'shipping_date', 'shipping_documentation', 'shipping_tracking_number',
  'uncategorized_file', 'uncategorized_text',
];

export interface Dispute {
  id: string;
  object: 'dispute';
  amount: number;
  balance_transactions: [];
  charge: string;
  created: number;
  currency: string;
  enhanced_eligibility_types: [];
  evidence: Record<EvidenceField, null> & { enhanced_evidence: Record<string, never> };
  evidence_details: { due_by: null; enhanced_eligibility: Record<string, never>; has_evidence: false; past_due: false; submission_count: 0 };
  /** A bank debit's dispute is final: the money goes back to the shopper, nothing to contest. */
  is_charge_refundable: false;
  livemode: false;
  metadata: Record<string, string>;
  payment_intent: string;
  payment_method_details: { type: 'sepa_debit' | 'us_bank_account' };
  /** What a shopper who tells the bank "I did not authorize this" gives as the reason. */
  reason: 'unrecognized';
  status: 'lost';
}
