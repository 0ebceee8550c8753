// The sandbox admin API's webhook routes (Node realm, test and demo tooling only, mounted with
// the rest of /__sandbox/): register an endpoint (its whsec_ secret is in the answer), list
// events and deliveries, replay an event. Like the rest of the admin API: secret key, no Origin.
// Each account has its own endpoints and events: the secret key says whose.
import type { IncomingMessage } from 'node:http';
import { authenticate, requireSecretKey } from './api-keys.ts';
import { readRequestBody } from './form-body.ts';
import type { SandboxAccounts } from './sandbox-accounts.ts';
import { StripeApiError, invalidParam } from './stripe-error.ts';

export const WEBHOOK_ADMIN_PATHS = /^\/__sandbox\/(webhook_endpoints|webhook_deliveries|events(?:\/[^/]+\/replay)?)$/;

async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse((await readRequestBody(req, 4 * 1024)) || '{}');
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Falls through to the error below.
  }
  throw new StripeApiError(400, { type: 'invalid_request_error', message: 'Invalid request: the body must be a JSON object.' });
}

/** Handles an authenticated admin request whose path matched WEBHOOK_ADMIN_PATHS. */
export async function handleWebhookAdmin(req: IncomingMessage, method: string, path: string, accounts: SandboxAccounts): Promise<unknown> {
  if (req.headers.origin !== undefined) {
    throw new StripeApiError(403, { type: 'invalid_request_error', code: 'origin_not_allowed', message: 'The sandbox admin API is for test code, not for browsers: requests with an Origin header are refused.' });
  }
  const auth = authenticate(req, accounts);
  requireSecretKey(auth);
  const webhooks = auth.account.webhooks;
  if (method === 'POST' && path === '/__sandbox/webhook_endpoints') {
    const body = await readJsonObject(req);
    if (typeof body.url !== 'string') throw invalidParam('url', 'url must be the endpoint URL.');
    if (body.secret !== undefined && (typeof body.secret !== 'string' || !/^whsec_[A-Za-z0-9]{16,64}$/.test(body.secret))) {
      throw invalidParam('secret', 'secret must look like whsec_ followed by 16-64 letters and digits.');
    }
    try {
      return { object: 'webhook_endpoint', ...webhooks.addEndpoint(body.url, body.secret as string | undefined) };
    } catch {
      throw invalidParam('url', 'url must be an http(s) URL.');
    }
  }
  if (method === 'GET' && path === '/__sandbox/webhook_endpoints') {
    return { object: 'list', data: webhooks.listEndpoints().map(({ id, url }) => ({ object: 'webhook_endpoint', id, url })) };
  }
  if (method === 'GET' && path === '/__sandbox/events') return { object: 'list', data: webhooks.listEvents() };
  if (method === 'GET' && path === '/__sandbox/webhook_deliveries') return { object: 'list', data: webhooks.listDeliveries() };
  const replay = /^\/__sandbox\/events\/([^/]+)\/replay$/.exec(path);
  if (method === 'POST' && replay) {
    const eventId = replay[1]!;
    if (webhooks.event(eventId) === undefined) throw new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such event: '${eventId.slice(0, 64)}'` });
    return { object: 'list', data: webhooks.replay(eventId) };
  }
  throw new StripeApiError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path.slice(0, 200)}).` });
}
