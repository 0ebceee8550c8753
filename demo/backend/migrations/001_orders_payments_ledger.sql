-- Orders, their payments (one per PaymentIntent), refunds, the webhook events received, the
-- idempotency record of operations, and the append-only ledger of money movements.

CREATE TABLE orders (
  id text PRIMARY KEY,
  sku text NOT NULL,
  description text NOT NULL,
  amount integer NOT NULL CHECK (amount > 0),
  currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
  capture_method text NOT NULL CHECK (capture_method IN ('automatic', 'manual')),
  status text NOT NULL DEFAULT 'created'
    CHECK (status IN ('created', 'pending', 'failed', 'authorized', 'paid', 'partially_refunded', 'refunded', 'canceled')),
  payment_intent_id text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_created_at ON orders (created_at);

-- The PaymentIntent as the backend last learnt it from a verified webhook.
CREATE TABLE payments (
  payment_intent_id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id),
  status text NOT NULL,
  amount integer NOT NULL,
  amount_capturable integer NOT NULL DEFAULT 0,
  amount_received integer NOT NULL DEFAULT 0,
  currency text NOT NULL,
  failure_code text,
  -- The created time of the event that last moved it: older events cannot move it back.
  last_event_created bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE refunds (
  id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id),
  payment_intent_id text NOT NULL,
  amount integer NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  status text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every verified event, once: the primary key is what makes processing exactly-once.
CREATE TABLE webhook_events (
  id text PRIMARY KEY,
  type text NOT NULL,
  object_id text,
  event_created bigint NOT NULL,
  outcome text NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Operations (create order, capture, cancel, refund) by Idempotency-Key: a retry or a double
-- click gets the first answer back instead of running again.
CREATE TABLE operation_requests (
  idempotency_key text PRIMARY KEY,
  action text NOT NULL,
  request_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('in_progress', 'done')),
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Money movements, one row each. `gateway_ref` is the gateway object that proves it (the
-- PaymentIntent for an authorization, capture or release; the refund for a refund); the unique
-- key makes recording it twice impossible.
CREATE TABLE ledger_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id),
  payment_intent_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('authorization', 'authorization_release', 'capture', 'refund')),
  amount integer NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  gateway_ref text NOT NULL,
  event_id text REFERENCES webhook_events (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, gateway_ref)
);
CREATE INDEX ledger_entries_order ON ledger_entries (order_id);

-- Append-only: the books are corrected by new entries, never by rewriting old ones.
CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER ledger_entries_no_update_or_delete BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();
