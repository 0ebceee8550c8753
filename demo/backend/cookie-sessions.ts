// Cookie sessions kept in the database (shared by every backend instance on it), for the
// operations page and for shoppers alike: an HttpOnly, SameSite=Strict cookie, `__Host-` prefixed
// and Secure when the backend is served over https, holding a random token whose SHA-256 is the
// row's key. Sessions expire, a logout revokes its own, "log out everywhere" revokes them all, and
// every POST that changes something carries the session's CSRF token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Database } from './db/database.ts';
import { ApiError } from './http/api-error.ts';
import { newSessionToken } from './ids.ts';

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

/** Where one kind of session lives. Names are the code's constants, never the request's. */
export interface SessionStore {
  /** A table of (token_hash, <subjectColumn>, csrf_token, created_at, expires_at, revoked_at). */
  table: 'ops_sessions' | 'shopper_sessions';
  /** Who the session is for: the operator's user name, the shopper's id. */
  subjectColumn: 'user_name' | 'shopper_id';
  /** The cookie's name, `__Host-` prefixed over https. */
  cookieBaseName: string;
  lifetimeSeconds: number;
  /** The 401's message when no live session came with the request. */
  loginRequiredMessage: string;
}

export interface CookieSession {
  subject: string;
  csrfToken: string;
  tokenHash: string;
}

interface SessionRow {
  subject: string;
  csrf_token: string;
  token_hash: string;
  expired: boolean;
  revoked: boolean;
}

export class CookieSessions {
  /** Over https the cookie is `__Host-`: Secure, host-only, Path=/, so neither http pages nor subdomains can set it. */
  readonly cookieName: string;

  constructor(
    protected readonly db: Database,
    private readonly store: SessionStore,
    private readonly secure: boolean,
  ) {
    this.cookieName = secure ? `__Host-${store.cookieBaseName}` : store.cookieBaseName;
  }

  /** A new session for `subject`: the cookie to set and the CSRF token the page sends back on POSTs. */
  async create(subject: string): Promise<{ cookie: string; csrfToken: string }> {
    const { table, subjectColumn, lifetimeSeconds } = this.store;
    const token = newSessionToken();
    const csrfToken = newSessionToken();
    await this.db.query(`DELETE FROM ${table} WHERE expires_at < now() - $1 * interval '1 second' OR revoked_at < now() - $1 * interval '1 second'`, [KEEP_ENDED_SESSIONS_SECONDS]);
    await this.db.query(`INSERT INTO ${table} (token_hash, ${subjectColumn}, csrf_token, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 second')`, [
      sha256(token).toString('hex'),
      subject,
      csrfToken,
      lifetimeSeconds,
    ]);
    return { cookie: `${this.cookieName}=${token}; ${this.attributes()}; Max-Age=${lifetimeSeconds}`, csrfToken };
  }

  /** The live session the request's cookie names, or a 401 saying why not. */
  async require(req: IncomingMessage): Promise<CookieSession> {
    // Over http, cookies are not kept apart by port: another page on the same host can add
    // same-named cookies (a more specific Path is even sent first), though it can neither read
    // nor overwrite the real HttpOnly one. So every same-named value is looked up and the live one
    // is used: a planted value is an unknown token and changes nothing. Refusing the request when
    // several arrive would hand that page exactly the logout it wants. A planted *live* session
    // would need the password; over https the `__Host-` name keeps http pages out.
    const { table, subjectColumn } = this.store;
    const hashes = this.cookieValues(req).map((token) => sha256(token).toString('hex'));
    let best: SessionRow | undefined;
    for (const hash of hashes) {
      const { rows } = await this.db.query<SessionRow>(
        `SELECT ${subjectColumn} AS subject, csrf_token, token_hash, expires_at <= now() AS expired, revoked_at IS NOT NULL AS revoked FROM ${table} WHERE token_hash = $1`,
        [hash],
      );
      const row = rows[0];
      if (row && !row.expired && !row.revoked) return { subject: row.subject, csrfToken: row.csrf_token, tokenHash: row.token_hash };
      best ??= row;
    }
    if (best?.revoked) throw new ApiError(401, 'session_revoked', 'This session was logged out. Log in again.');
    if (best?.expired) throw new ApiError(401, 'session_expired', 'This session has expired. Log in again.');
    throw new ApiError(401, 'login_required', this.store.loginRequiredMessage);
  }

  /** The live session, or undefined (a page asking who is logged in). */
  async current(req: IncomingMessage): Promise<CookieSession | undefined> {
    return this.require(req).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401) return undefined;
      throw error;
    });
  }

  async revoke(session: CookieSession): Promise<void> {
    await this.db.query(`UPDATE ${this.store.table} SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`, [session.tokenHash]);
  }

  /** Ends every live session of `subject`, at every instance; returns how many. */
  async revokeAll(subject: string): Promise<number> {
    const { table, subjectColumn } = this.store;
    const result = await this.db.query(`UPDATE ${table} SET revoked_at = now() WHERE ${subjectColumn} = $1 AND revoked_at IS NULL AND expires_at > now()`, [subject]);
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
export function requireCsrfToken(req: IncomingMessage, session: CookieSession): void {
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || sent === '' || !sameSecret(sent, session.csrfToken)) {
    throw new ApiError(403, 'csrf_token_invalid', 'This request lacks the page\'s CSRF token: reload the page and try again.');
  }
}
