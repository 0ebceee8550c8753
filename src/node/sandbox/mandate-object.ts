// The Mandate object in Stripe's shape (GET /v1/mandates/:id): the shopper's acceptance of a bank
// debit, made when a sepa_debit or us_bank_account PaymentIntent is confirmed. Its fields are those
// of Stripe's example mandate (stripe/openapi fixtures3.json), with `single_use` in place of
// `multi_use` for a mandate given for one payment only.

export interface CustomerAcceptance {
  accepted_at: number;
  type: 'online' | 'offline';
  online?: { ip_address: string; user_agent: string };
  offline?: Record<string, never>;
}

export type MandateStatus = 'pending' | 'active' | 'inactive';

export interface SepaDebitMandateDetails {
  type: 'sepa_debit';
  /** The mandate reference the bank shows the shopper on the debit. */
  sepa_debit: { reference: string; url: string };
}

export interface UsBankAccountMandateDetails {
  type: 'us_bank_account';
  us_bank_account: Record<string, never>;
}

export interface Mandate {
  id: string;
  object: 'mandate';
  customer_acceptance: CustomerAcceptance;
  livemode: false;
  /** For payments now and later (setup_future_usage): Stripe's multi_use mandate. */
  multi_use?: Record<string, never>;
  /** For this one payment only. */
  single_use?: { amount: number; currency: string };
  payment_method: string;
  payment_method_details: SepaDebitMandateDetails | UsBankAccountMandateDetails;
  /** pending until the first debit settles, then active; inactive once the bank refused the account. */
  status: MandateStatus;
  type: 'multi_use' | 'single_use';
}
