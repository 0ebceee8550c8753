// Stripe's Idempotency-Key semantics: the first result for (API key, idempotency key) is
// replayed for identical requests for 24 h; reusing the key with other params is an error.
import { createHmac, randomBytes } from 'node:crypto';
import { StripeApiError } from './stripe-error.ts';

const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;
// Bounds memory for a long-running demo; the oldest keys go first.
const MAX_ENTRIES = 10_000;

export interface StoredResponse {
  status: number;
  body: string;
  requestId: string;
}

interface Entry {
  requestHash: string;
  response: StoredResponse;
  storedAt: number;
}

export type IdempotencyLookup =
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'new'; save(response: StoredResponse): void };

/** Sorted-key JSON, so equal params hash equally whatever order (or bracket encoding) they came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function validateIdempotencyKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      message: `Idempotency-Key must be between 1 and ${MAX_KEY_LENGTH} characters long.`,
    });
  }
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  // Params hold the card number: keep only a keyed hash of them, which cannot be brute-forced
  // back to the number without this per-process secret.
  private readonly hashSecret = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Looks up a key. Callers run the request and `save` in the same tick as this call,
   * so no other request can slip in between (no in-flight state needed).
   */
  begin(apiKey: string, idempotencyKey: string, method: string, path: string, params: unknown): IdempotencyLookup {
    this.evictExpired();
    const scopedKey = `${apiKey}\u0000${idempotencyKey}`;
    const requestHash = createHmac('sha256', this.hashSecret)
      .update(`${method} ${path}\n${canonicalJson(params)}`)
      .digest('hex');
    const existing = this.entries.get(scopedKey);
    if (existing !== undefined) {
      if (existing.requestHash !== requestHash) {
        throw new StripeApiError(400, {
          type: 'idempotency_error',
          message:
            'Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than the one you used before if you meant to execute a different request.',
        });
      }
      return { kind: 'replay', response: existing.response };
    }
    return {
      kind: 'new',
      save: (response) => {
        if (this.entries.size >= MAX_ENTRIES) {
          const oldest = this.entries.keys().next();
          if (!oldest.done) this.entries.delete(oldest.value);
        }
        this.entries.set(scopedKey, { requestHash, response, storedAt: this.now() });
      },
    };
  }

  private evictExpired(): void {
    const cutoff = this.now() - KEY_LIFETIME_MS;
    // Insertion order is storage order, so expired entries are all at the front.
    for (const [key, entry] of this.entries) {
      if (entry.storedAt > cutoff) break;
      this.entries.delete(key);
    }
  }
}
