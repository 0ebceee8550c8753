// The operations page's demo-only login (Node realm): one user whose password `npm run demo`
// prints, and sessions kept in the database (shared by every backend instance on it) behind an
// HttpOnly, SameSite=Strict cookie, `__Host-` prefixed and Secure when the backend is served over
// https. Sessions expire, a logout revokes its own, and "log out everywhere" revokes them all.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Database } from './db/database.ts';
import { ApiError } from './http/api-error.ts';
import { newSessionToken } from './ids.ts';

const COOKIE_BASE_NAME = 'payframe_ops';
/** A working day: an operator logs in again the next morning. */
export const SESSION_LIFETIME_SECONDS = 8 * 60 * 60;
/** Enough for a real cookie among a few planted ones; more same-named cookies are not looked up. */
const MAX_COOKIES_LOOKED_UP = 4;
/** Expired or revoked rows are kept this long (an audit of recent logins), then deleted at a login. */
const KEEP_ENDED_SESSIONS_SECONDS = 7 * 24 * 60 * 60;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Equal-time comparison: hashing first gives equal lengths, so the time says nothing about the secret. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

export interface OpsSession {
  user: string;
  csrfToken: string;
  tokenHash: string;
}

interface SessionRow {
  user_name: string;
  csrf_token: string;
  token_hash: string;
  expired: boolean;
  revoked: boolean;
}

export class OpsSessions {
  /** Over https the cookie is `__Host-`: Secure, host-only, Path=/, so neither http pages nor subdomains can set it. */
  readonly cookieName: string;

  constructor(
    private readonly db: Database,
    private readonly user: string,
    private readonly password: string,
    private readonly secure: boolean,
  ) {
    this.cookieName = secure ? `__Host-${COOKIE_BASE_NAME}` : COOKIE_BASE_NAME;
  }

  credentialsMatch(user: string, password: string): boolean {
    // Both compared, always: which one was wrong takes no measurable time to tell.
    const userMatches = sameSecret(user, this.user);
    const passwordMatches = sameSecret(password, this.password);
    return userMatches && passwordMatches;
  }

  /** A new session for `user`: the cookie to set and the CSRF token the page sends back on POSTs. */
  async create(user: string): Promise<{ cookie: string; csrfToken: string }> {
    const token = newSessionToken();
    const csrfToken = newSessionToken();
    await this.db.query(`DELETE FROM ops_sessions WHERE expires_at < now() - $1 * interval '1 second' OR revoked_at < now() - $1 * interval '1 second'`, [KEEP_ENDED_SESSIONS_SECONDS]);
    await this.db.query(`INSERT INTO ops_sessions (token_hash, user_name, csrf_token, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 second')`, [
      sha256(token).toString('hex'),
      user,
      csrfToken,
      SESSION_LIFETIME_SECONDS,
    ]);
    return { cookie: `${this.cookieName}=${token}; ${this.attributes()}; Max-Age=${SESSION_LIFETIME_SECONDS}`, csrfToken };
  }

  /** The live session the request's cookie names, or a 401 saying why not. */
  async require(req: IncomingMessage): Promise<OpsSession> {
    // Over http, cookies are not kept apart by port: the shop's page on the same host can add
    // `payframe_ops=…` cookies (a more specific Path is even sent first), though it can neither read
    // nor overwrite the real HttpOnly one. So every same-named value is looked up and the live one
    // is used: a planted value is an unknown token and changes nothing. Refusing the request when
    // several arrive would hand the shop page exactly the logout it wants. A planted *live* session
    // would need the operator's password; over https the `__Host-` name keeps http pages out.
    const hashes = this.cookieValues(req).map((token) => sha256(token).toString('hex'));
    let best: SessionRow | undefined;
    for (const hash of hashes) {
      const { rows } = await this.db.query<SessionRow>(
        'SELECT user_name, csrf_token, token_hash, expires_at <= now() AS expired, revoked_at IS NOT NULL AS revoked FROM ops_sessions WHERE token_hash = $1',
        [hash],
      );
      const row = rows[0];
      if (row && !row.expired && !row.revoked) return { user: row.user_name, csrfToken: row.csrf_token, tokenHash: row.token_hash };
      best ??= row;
    }
    if (best?.revoked) throw new ApiError(401, 'session_revoked', 'This session was logged out. Log in again.');
    if (best?.expired) throw new ApiError(401, 'session_expired', 'This session has expired. Log in again.');
    throw new ApiError(401, 'login_required', 'Log in to the operations page first.');
  }

  async revoke(session: OpsSession): Promise<void> {
    await this.db.query('UPDATE ops_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [session.tokenHash]);
  }

  /** Ends every live session of `user`, at every instance; returns how many. */
  async revokeAll(user: string): Promise<number> {
    const result = await this.db.query('UPDATE ops_sessions SET revoked_at = now() WHERE user_name = $1 AND revoked_at IS NULL AND expires_at > now()', [user]);
    return result.rowCount;
  }

  clearedCookie(): string {
    return `${this.cookieName}=; ${this.attributes()}; Max-Age=0`;
  }

  private attributes(): string {
    return `HttpOnly; SameSite=Strict; Path=/${this.secure ? '; Secure' : ''}`;
  }

  private cookieValues(req: IncomingMessage): string[] {
    const values: string[] = [];
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === this.cookieName && values.length < MAX_COOKIES_LOOKED_UP) values.push(value.join('='));
    }
    return values;
  }
}

/** POSTs that change or run something carry the session's CSRF token in X-CSRF-Token. */
export function requireCsrfToken(req: IncomingMessage, session: OpsSession): void {
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || sent === '' || !sameSecret(sent, session.csrfToken)) {
    throw new ApiError(403, 'csrf_token_invalid', 'This request lacks the operations page\'s CSRF token: reload the page and try again.');
  }
}
