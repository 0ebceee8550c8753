-- Bank debits (SEPA Direct Debit, ACH): the order says how it is paid; it waits in `processing`
-- while the bank decides (days at Stripe) and may be `disputed` after it succeeded. A payment
-- remembers the charge of its attempt, so a late refusal of that attempt ends its `processing`
-- and that attempt's late `processing` news never revives it (order-status.ts). A dispute the
-- shopper's bank opens takes the money back: one ledger entry keyed by the dispute.
ALTER TABLE orders ADD COLUMN payment_method_type text NOT NULL DEFAULT 'card'
  CHECK (payment_method_type IN ('card', 'sepa_debit', 'us_bank_account'));
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('created', 'pending', 'processing', 'failed', 'requires_authentication', 'authorized', 'paid', 'partially_refunded', 'refunded', 'disputed', 'canceled'));
ALTER TABLE payments ADD COLUMN charge_id text;
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check
  CHECK (kind IN ('authorization', 'authorization_release', 'capture', 'refund', 'dispute'));
