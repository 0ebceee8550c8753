// The operations page's demo-only login (Node realm): one user whose password `npm run demo`
// prints, with sessions in the database (cookie-sessions.ts, shared with shoppers' sessions).
import type { Database } from './db/database.ts';
import { CookieSessions, sameSecret, type CookieSession } from './cookie-sessions.ts';

export { requireCsrfToken, sameSecret } from './cookie-sessions.ts';

/** A working day: an operator logs in again the next morning. */
export const SESSION_LIFETIME_SECONDS = 8 * 60 * 60;

/** An operator's session: `subject` is the user name. */
export type OpsSession = CookieSession;

export class OpsSessions extends CookieSessions {
  constructor(
    db: Database,
    private readonly user: string,
    private readonly password: string,
    secure: boolean,
  ) {
    super(db, { table: 'ops_sessions', subjectColumn: 'user_name', cookieBaseName: 'payframe_ops', lifetimeSeconds: SESSION_LIFETIME_SECONDS, loginRequiredMessage: 'Log in to the operations page first.' }, secure);
  }

  credentialsMatch(user: string, password: string): boolean {
    // Both compared, always: which one was wrong takes no measurable time to tell.
    const userMatches = sameSecret(user, this.user);
    const passwordMatches = sameSecret(password, this.password);
    return userMatches && passwordMatches;
  }
}
