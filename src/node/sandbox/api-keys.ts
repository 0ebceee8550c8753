// API key authentication the way Stripe does it: `Authorization: Bearer <key>` or HTTP Basic
// with the key as the username; the key says which account the request acts for. Error
// messages show at most the key's last 4 characters.
import type { IncomingMessage } from 'node:http';
import type { GatewayAccount, SandboxAccounts } from './sandbox-accounts.ts';
import { StripeApiError } from './stripe-error.ts';

export type ApiKeyKind = 'publishable' | 'secret';

export interface AuthenticatedKey {
  kind: ApiKeyKind;
  key: string;
  /** The account the key belongs to: the request sees that account's objects and no others. */
  account: GatewayAccount;
}

function unauthorized(message: string): StripeApiError {
  return new StripeApiError(401, { type: 'invalid_request_error', message });
}

/** The key from the Authorization header, or undefined when none was sent. */
export function readApiKey(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const [scheme, credentials = ''] = authorization.trim().split(/\s+/, 2);
  switch (scheme?.toLowerCase()) {
    case 'bearer':
      return credentials || undefined;
    case 'basic': {
      // stripe-node and curl -u send "key:" (key as username, empty password).
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const username = decoded.split(':', 1)[0] ?? '';
      return username || undefined;
    }
    default:
      return undefined;
  }
}

export function maskApiKey(key: string): string {
  const prefix = /^(pk|sk|rk)_(test|live)_/.exec(key)?.[0] ?? '';
  const last4 = key.length - prefix.length >= 8 ? key.slice(-4) : '';
  return `${prefix}****${last4}`;
}

export function authenticate(req: IncomingMessage, accounts: SandboxAccounts): AuthenticatedKey {
  const key = readApiKey(req.headers.authorization);
  if (key === undefined) {
    throw unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  const owner = accounts.ownerOfKey(key);
  if (owner !== undefined) return { kind: owner.kind, key, account: owner.account };
  throw unauthorized(`Invalid API Key provided: ${maskApiKey(key)}`);
}

export function requireSecretKey(auth: AuthenticatedKey): void {
  if (auth.kind !== 'secret') {
    throw unauthorized(
      'This API call cannot be made with a publishable API key. Please use a secret API key.',
    );
  }
}
