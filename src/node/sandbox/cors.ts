// CORS for the sandbox gateway: only the configured origins (the fields origins) may call it
// from a browser; requests with an Origin no account allows are refused before any processing,
// and a key is refused from an origin its own account does not allow.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StripeApiError } from './stripe-error.ts';

const ALLOWED_METHODS = 'GET, POST';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Stripe-Version';
// Retry-After is not CORS-safelisted: without it here a browser client cannot honour a 429's delay.
const EXPOSED_HEADERS = 'Request-Id, Idempotent-Replayed, Original-Request, Retry-After';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * Sets the CORS response headers for an allowed Origin, or throws a 403 for a disallowed one.
 * Requests without an Origin header (server-to-server, stripe-node) pass untouched.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: ReadonlySet<string>): void {
  // Responses differ by Origin, so caches must key on it whatever the outcome.
  res.setHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (!allowedOrigins.has(origin)) {
    throw new StripeApiError(403, {
      type: 'invalid_request_error',
      code: 'origin_not_allowed',
      message: 'This origin is not allowed to call the sandbox gateway. Add it to allowedOrigins.',
    });
  }
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

/**
 * A browser request must come from an origin the key's own account allows: another account's
 * fields origin is no way in. Requests without an Origin header (server-to-server) pass.
 */
export function requireAccountOrigin(req: IncomingMessage, accountOrigins: readonly string[]): void {
  const origin = req.headers.origin;
  if (origin === undefined || accountOrigins.includes(origin)) return;
  throw new StripeApiError(403, {
    type: 'invalid_request_error',
    code: 'origin_not_allowed',
    message: "This origin is not allowed to call the sandbox gateway with this account's keys. Add it to the account's allowedOrigins.",
  });
}

/** Headers that only a preflight (OPTIONS) response carries. */
export function setPreflightHeaders(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
  res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
  res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
}
