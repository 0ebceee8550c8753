// Failed operations logins, counted in the database per user name and per client address (so
// every backend instance sees the same counts), and the throttle they trigger.
import type { Database } from './db/database.ts';
import { ApiError } from './http/api-error.ts';

/**
 * Policy as data. Per user: five wrong passwords in a quarter of an hour is a guesser, not a
 * typo; the sixth waits for the window to end. Per address: one client trying many user names
 * (or many users behind one office NAT) gets more room, but not unlimited.
 */
export const LOGIN_THROTTLE = {
  user: { maxFailures: 5, windowSeconds: 15 * 60 },
  address: { maxFailures: 20, windowSeconds: 15 * 60 },
} as const;

type Scope = keyof typeof LOGIN_THROTTLE;

export interface LoginAttempt {
  user: string;
  /** The TCP peer: X-Forwarded-For is not trusted, since any client can write it. */
  address: string;
}

function subjects(attempt: LoginAttempt): [Scope, string][] {
  // User names are compared as typed, lower-cased, so "OPS" counts against "ops".
  return [
    ['user', attempt.user.toLowerCase()],
    ['address', attempt.address],
  ];
}

/** A 429 with Retry-After when the user or the address has used up its window. */
export async function refuseThrottled(db: Database, attempt: LoginAttempt): Promise<void> {
  for (const [scope, subject] of subjects(attempt)) {
    const { maxFailures, windowSeconds } = LOGIN_THROTTLE[scope];
    const { rows } = await db.query<{ retry_after: number }>(
      `SELECT ceil(extract(epoch FROM window_started_at + $3 * interval '1 second' - now()))::integer AS retry_after
         FROM ops_login_failures
        WHERE scope = $1 AND subject = $2 AND failures >= $4 AND window_started_at > now() - $3 * interval '1 second'`,
      [scope, subject, windowSeconds, maxFailures],
    );
    const retryAfter = rows[0]?.retry_after;
    if (retryAfter !== undefined) {
      throw new ApiError(429, 'login_throttled', `Too many failed logins; try again in ${Math.ceil(retryAfter / 60)} minute(s).`, undefined, { 'Retry-After': String(Math.max(1, retryAfter)) });
    }
  }
}

/** Counts a failure against the user and the address, starting a new window when the last one ended. */
export async function recordFailure(db: Database, attempt: LoginAttempt): Promise<void> {
  for (const [scope, subject] of subjects(attempt)) {
    // One statement, so concurrent failures at several instances each count.
    await db.query(
      `INSERT INTO ops_login_failures (scope, subject, window_started_at, failures) VALUES ($1, $2, now(), 1)
       ON CONFLICT (scope, subject) DO UPDATE SET
         failures = CASE WHEN ops_login_failures.window_started_at <= now() - $3 * interval '1 second' THEN 1 ELSE ops_login_failures.failures + 1 END,
         window_started_at = CASE WHEN ops_login_failures.window_started_at <= now() - $3 * interval '1 second' THEN now() ELSE ops_login_failures.window_started_at END`,
      [scope, subject, LOGIN_THROTTLE[scope].windowSeconds],
    );
  }
}

/** A successful login forgets the user's failures (the address keeps its count: it may be guessing others). */
export async function forgetUserFailures(db: Database, attempt: LoginAttempt): Promise<void> {
  await db.query("DELETE FROM ops_login_failures WHERE scope = 'user' AND subject = $1", [attempt.user.toLowerCase()]);
}
