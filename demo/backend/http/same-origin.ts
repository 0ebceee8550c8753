// The operations API's same-origin rule (Node realm): every /api/ops/* request must come from the
// operations page itself. The shop's page is the same *site* (localhost, another port), so
// SameSite cookies alone do not keep it out: a popup, a form or a no-cors fetch from it would carry
// the operator's cookie.
import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error.ts';

const OPS_ONLY = 'Operations are accepted from the operations page only.';
const crossOrigin = (message: string) => new ApiError(403, 'cross_origin', message);

/**
 * Browsers that send Fetch Metadata say where a request comes from: only `same-origin` passes
 * (`same-site` is the shop's page, `none` a typed or bookmarked URL, which an API never needs).
 * Clients that do not send it (older browsers, curl, `npm run reconcile`) fall back to Origin:
 * when present it must be ours. What such a client sends without Origin is a read (GET), or a
 * POST that also needs the session's CSRF token and a JSON body, which no other page can send
 * without a CORS preflight this backend never grants.
 */
export function requireSameOrigin(req: IncomingMessage, ownOrigin: string, message = OPS_ONLY): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) {
    if (site !== 'same-origin') throw crossOrigin(message);
    return;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== ownOrigin) throw crossOrigin(message);
}
