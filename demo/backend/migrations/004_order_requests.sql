-- Order creation by Idempotency-Key, shared by every backend instance on this database: the first
-- request to insert its key claims it and creates the order whose id is chosen here, with the
-- claim; a repeat at any instance gets that same order back. No client secret is kept: a repeat
-- reads it from the gateway.
CREATE TABLE order_requests (
  idempotency_key text PRIMARY KEY,
  -- SHA-256 of what was asked (item, capture method): the same key with another body is refused.
  request_hash text NOT NULL,
  order_id text NOT NULL UNIQUE,
  state text NOT NULL CHECK (state IN ('in_progress', 'done')),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- When the claim was taken (or taken over): an in_progress claim older than the backend's
  -- expiry belongs to a process that died, and the next request with the key finishes its order.
  claimed_at timestamptz NOT NULL DEFAULT now()
);
