// The operations page's demo-only login: one user whose password `npm run demo` prints, and
// sessions held in memory behind an HttpOnly, SameSite=Strict cookie (a restart logs everyone out).
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from './http/api-error.ts';
import { newSessionToken } from './ids.ts';

export const SESSION_COOKIE = 'payframe_ops';
const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

function sameSecret(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the password.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

export class OpsSessions {
  private readonly sessions = new Map<string, { user: string; expiresAt: number }>();

  constructor(
    private readonly user: string,
    private readonly password: string,
  ) {}

  login(user: string, password: string): string {
    const ok = sameSecret(user, this.user) && sameSecret(password, this.password);
    if (!ok) throw new ApiError(401, 'invalid_credentials', 'Wrong user name or password.');
    const token = newSessionToken();
    this.sessions.set(token, { user, expiresAt: Date.now() + SESSION_LIFETIME_MS });
    return token;
  }

  logout(req: IncomingMessage): void {
    const token = sessionToken(req);
    if (token) this.sessions.delete(token);
  }

  /** The logged-in user, or a 401. */
  require(req: IncomingMessage): string {
    const token = sessionToken(req);
    const session = token ? this.sessions.get(token) : undefined;
    if (!session || session.expiresAt < Date.now()) throw new ApiError(401, 'login_required', 'Log in to the operations page first.');
    return session.user;
  }
}

function sessionToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_LIFETIME_MS / 1000}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
}
