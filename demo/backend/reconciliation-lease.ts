// One reconciliation at a time per database, across backend instances and `npm run reconcile`:
// a run claims the 'reconciliation' row of operation_leases and deletes it when it ends. The
// claim is one INSERT ... ON CONFLICT, atomic on PostgreSQL and PGlite alike, and holds no
// connection or transaction open while the gateway is asked (PGlite has a single one).
//
// A second caller is refused rather than made to wait for the running one's report: it may have
// asked for another period or format, and a request parked for minutes ties up a connection and
// an operator who cannot tell whether anything happens. "Retry shortly" is cheap and honest.
import { randomUUID } from 'node:crypto';
import type { Queryable } from './db/database.ts';

const LEASE_NAME = 'reconciliation';
/** Longer than any real run (a few gateway list calls); a crashed run blocks at most this long. */
export const RECONCILIATION_LEASE_SECONDS = 15 * 60;

export class ReconciliationInProgressError extends Error {
  readonly code = 'reconciliation_in_progress';

  /** The message says since when the running one runs; the CLI rebuilds the error from the backend's message. */
  static startedAt(startedAt: Date): ReconciliationInProgressError {
    return new ReconciliationInProgressError(`A reconciliation is already running (started ${startedAt.toISOString()}). Retry in a moment, when it has finished.`);
  }
}

/** Runs `work` holding the reconciliation lease; throws ReconciliationInProgressError when another run holds it. */
export async function withReconciliationLease<T>(db: Queryable, work: () => Promise<T>): Promise<T> {
  const holder = randomUUID();
  // Claims a free lease or takes over an expired one (a crashed run's); a live one is left alone.
  const claimed = await db.query(
    `INSERT INTO operation_leases (name, holder, started_at, expires_at) VALUES ($1, $2, now(), now() + make_interval(secs => $3))
     ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, started_at = EXCLUDED.started_at, expires_at = EXCLUDED.expires_at
     WHERE operation_leases.expires_at <= now()
     RETURNING holder`,
    [LEASE_NAME, holder, RECONCILIATION_LEASE_SECONDS],
  );
  if (claimed.rows.length === 0) {
    const running = await db.query<{ started_at: Date | string }>('SELECT started_at FROM operation_leases WHERE name = $1', [LEASE_NAME]);
    // Ended between the two statements: still "in progress" a moment ago; a retry will run.
    throw ReconciliationInProgressError.startedAt(new Date(running.rows[0]?.started_at ?? Date.now()));
  }
  try {
    return await work();
  } finally {
    await db.query('DELETE FROM operation_leases WHERE name = $1 AND holder = $2', [LEASE_NAME, holder]);
  }
}
