-- Shopper accounts with their customer at the gateway (whose saved cards the gateway keeps: no
-- card data here), their sessions, and orders that belong to a shopper or were charged off session.

CREATE TABLE shoppers (
  id text PRIMARY KEY,
  -- Stored lower-cased: one account per address whatever the capitals typed.
  email text NOT NULL UNIQUE,
  -- scrypt$N$r$p$salt$hash (node:crypto): a copy of this table logs nobody in.
  password_hash text NOT NULL,
  -- The gateway's customer (cus_…), made at signup.
  customer_id text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Same shape as ops_sessions: demo/backend/cookie-sessions.ts serves both.
CREATE TABLE shopper_sessions (
  token_hash text PRIMARY KEY,
  shopper_id text NOT NULL REFERENCES shoppers (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX shopper_sessions_shopper_id ON shopper_sessions (shopper_id);

ALTER TABLE orders ADD COLUMN shopper_id text REFERENCES shoppers (id);
-- Charged by the shop with nobody there (a saved card, off_session: true).
ALTER TABLE orders ADD COLUMN off_session boolean NOT NULL DEFAULT false;
CREATE INDEX orders_shopper_id ON orders (shopper_id);

-- An off-session payment the bank wants the shopper to authenticate: it waits for them.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('created', 'pending', 'failed', 'requires_authentication', 'authorized', 'paid', 'partially_refunded', 'refunded', 'canceled'));
