-- One row per exclusive operation while it runs (today: 'reconciliation'), so that only one
-- backend instance or `npm run reconcile` on this database runs it at a time. The row is the
-- lease: deleted when the run ends; a run that crashed leaves it behind, and it is taken over
-- once expires_at has passed, so a crash never blocks the operation for good.
CREATE TABLE operation_leases (
  name text PRIMARY KEY,
  -- A random id per run: only the run that claimed the lease deletes it.
  holder text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
