-- Operations sessions and failed-login counters, in the database so every backend instance on it
-- sees the same ones: a login at one instance works at the others, a logout or "log out
-- everywhere" at one ends the session at all, and wrong passwords add up across instances.

CREATE TABLE ops_sessions (
  -- SHA-256 of the cookie's token: a copy of this table logs nobody in.
  token_hash text PRIMARY KEY,
  user_name text NOT NULL,
  -- Sent back by the operations page in X-CSRF-Token on every POST.
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX ops_sessions_user_name ON ops_sessions (user_name);

-- One row per throttled subject ('user' name or client 'address'), counting failures in a fixed window.
CREATE TABLE ops_login_failures (
  scope text NOT NULL CHECK (scope IN ('user', 'address')),
  subject text NOT NULL,
  window_started_at timestamptz NOT NULL,
  failures integer NOT NULL,
  PRIMARY KEY (scope, subject)
);
