// Stripe's Idempotency-Key semantics: the first result for (API key, idempotency key) is
// replayed for identical requests for 24 h; reusing the key with other params is an error,
// and so is reusing it while the first request is still being processed (409).
import { createHash, createHmac, randomBytes } from 'node:crypto';
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
  /** The request carried a card number, CVC, IBAN or account number: its entry stays in memory, never in a data folder. */
  carriedCardData: boolean;
}

/** What a data folder keeps (sandbox-state-file.ts): the entries of requests without card or bank account data, and the hash secret. */
export interface IdempotencySnapshot {
  hashSecret: string;
  entries: Array<{ scopedKey: string; requestHash: string; response: StoredResponse; storedAt: number }>;
}

// Parameter names that hold card data (card[number], card[cvc], cvc_update[cvc]) or a bank account's
// number (sepa_debit[iban], us_bank_account[account_number]), at any depth (payment_method_data[...]).
// Both have few enough likely values that a keyed hash with its key beside it would confirm a guess.
const CARD_DATA_PARAMS = new Set(['number', 'cvc', 'iban', 'account_number']);

function carriesCardData(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(carriesCardData);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([name, inner]) => CARD_DATA_PARAMS.has(name) || carriesCardData(inner));
}

export type IdempotencyLookup =
  | { kind: 'replay'; response: StoredResponse }
  | {
      kind: 'new';
      /** Keeps the result for replays and ends the in-flight state. */
      save(response: StoredResponse): void;
      /** Ends the in-flight state without keeping a result (the request may run again). */
      release(): void;
    };

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
  /** Keys whose first request is still running, with that request's hash. */
  private readonly inFlight = new Map<string, string>();
  // Params hold the card number (or IBAN, account number): keep only a keyed hash of them, which
  // cannot be brute-forced back to the number without this secret. A data folder keeps the secret,
  // so it keeps no entry of a request that carried such data: the secret and the hash would lead
  // back to the number.
  private hashSecret = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Looks up a key. A `new` lookup marks the key in flight until `save` or `release`: callers
   * must call one of them whatever happens (try/finally), or the key stays locked.
   */
  begin(apiKey: string, idempotencyKey: string, method: string, path: string, params: unknown): IdempotencyLookup {
    this.evictExpired();
    // By the API key's digest: a data folder then holds no key.
    const scopedKey = `${createHash('sha256').update(apiKey).digest('hex')}\u0000${idempotencyKey}`;
    const requestHash = createHmac('sha256', this.hashSecret)
      .update(`${method} ${path}\n${canonicalJson(params)}`)
      .digest('hex');
    const existing = this.entries.get(scopedKey);
    if (existing !== undefined) {
      if (existing.requestHash !== requestHash) throw parametersMismatch();
      return { kind: 'replay', response: existing.response };
    }
    const runningHash = this.inFlight.get(scopedKey);
    if (runningHash !== undefined) throw runningHash === requestHash ? stillInProgress() : parametersMismatch();
    this.inFlight.set(scopedKey, requestHash);
    return {
      kind: 'new',
      save: (response) => {
        this.inFlight.delete(scopedKey);
        if (this.entries.size >= MAX_ENTRIES) {
          const oldest = this.entries.keys().next();
          if (!oldest.done) this.entries.delete(oldest.value);
        }
        this.entries.set(scopedKey, { requestHash, response, storedAt: this.now(), carriedCardData: carriesCardData(params) });
      },
      release: () => {
        this.inFlight.delete(scopedKey);
      },
    };
  }

  snapshot(): IdempotencySnapshot {
    this.evictExpired();
    const entries = [...this.entries].filter(([, entry]) => !entry.carriedCardData);
    return {
      hashSecret: this.hashSecret.toString('base64'),
      entries: entries.map(([scopedKey, { requestHash, response, storedAt }]) => ({ scopedKey, requestHash, response, storedAt })),
    };
  }

  /** Takes the snapshot's secret (its hashes were made with it) and entries; call before any request. */
  restore(snapshot: IdempotencySnapshot): void {
    this.hashSecret = Buffer.from(snapshot.hashSecret, 'base64');
    for (const { scopedKey, requestHash, response, storedAt } of snapshot.entries) {
      this.entries.set(scopedKey, { requestHash, response, storedAt, carriedCardData: false });
    }
    this.evictExpired();
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

function parametersMismatch(): StripeApiError {
  return new StripeApiError(400, {
    type: 'idempotency_error',
    message:
      'Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than the one you used before if you meant to execute a different request.',
  });
}

/** Stripe's 409 for a key whose first request is still running; clients retry it later. The key is not echoed. */
function stillInProgress(): StripeApiError {
  return new StripeApiError(409, {
    type: 'idempotency_error',
    message:
      'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.',
  });
}
