// When the controller tries a tokenization again, how often and how long it waits: one policy,
// one place. Runs on the fields origin (controller frame), around each gateway request.
import type { CheckoutError, TokenizeResult } from '../../src/shared/protocol.ts';

/**
 * Every attempt of one tokenization carries the same Idempotency-Key, so a retry can never
 * create a second payment method: at worst the gateway replays the first one's result.
 */
export const TOKENIZE_RETRY_POLICY = {
  /**
   * Attempts that failed on their own (network, timeout, 5xx, 429, unreadable answer).
   * Four gets through a blip of a second or two; more only keeps a shopper waiting on an outage.
   */
  maxAttempts: 4,
  /**
   * A card tokenization normally answers in well under 2 s; 8 s covers a slow mobile link and
   * a cold connection, and still leaves room for two more tries within the deadline.
   */
  attemptTimeoutMs: 8_000,
  /**
   * The shopper watches a spinner for at most this long before hearing what went wrong: past
   * 20-30 s people reload or pay twice. Below the merchant SDK's own 60 s limit, so the typed
   * error from here always arrives first.
   */
  deadlineMs: 25_000,
  /** Backoff before retry n is base * 2^(n-1), capped, then jittered to 50-100 % of that. */
  baseDelayMs: 500,
  maxDelayMs: 4_000,
  /** A 429 asking for a longer wait than this ends the tokenization: the shopper decides. */
  maxRetryAfterMs: 5_000,
  /** No attempt starts with less time than this left before the deadline. */
  minAttemptMs: 1_000,
} as const;

export type RetryPolicy = { readonly [Key in keyof typeof TOKENIZE_RETRY_POLICY]: number };

/** What one request to the gateway came to (a tokenization by default; confirms use it too). */
export type AttemptOutcome<Result = TokenizeResult> =
  /** The gateway answered for good: a payment method or a card/request error. Never retried. */
  | { kind: 'answered'; result: Result }
  | {
      kind: 'retryable';
      /** What the merchant gets if this is the last attempt. */
      error: CheckoutError;
      /** The gateway's Retry-After, when it sent one. */
      retryAfterMs?: number;
      /**
       * A 409: an earlier attempt with this key is still being processed. Waiting for it is the
       * only way to learn its result without a second payment method, so it does not use up an
       * attempt; the deadline still bounds it.
       */
      earlierAttemptRunning?: boolean;
    };

export interface TokenizeOutcome<Result = TokenizeResult> {
  result: Result;
  /**
   * False when the controller gave up without a final answer: the gateway may or may not hold
   * a payment method for this key, so the next try with the same card must reuse the key.
   */
  settled: boolean;
}

export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1). */
  random(): number;
}

const realClock: RetryClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** Exponential backoff with "equal jitter": never zero, so retries from many shoppers spread out. */
export function backoffMs(retryNumber: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryNumber - 1));
  return ceiling / 2 + (random * ceiling) / 2;
}

/** Retry-After as delta seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d{1,6}$/.test(value)) return Number(value) * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Runs `attempt` until the gateway answers for good, or gives up with the last attempt's error
 * when the attempts, the deadline or the gateway's requested wait run out.
 * `attempt` gets the time it may take, already cut to what is left before the deadline.
 */
export async function tokenizeWithRetries<Result = TokenizeResult>(
  attempt: (timeoutMs: number) => Promise<AttemptOutcome<Result | { error: CheckoutError }>>,
  policy: RetryPolicy = TOKENIZE_RETRY_POLICY,
  clock: RetryClock = realClock,
): Promise<TokenizeOutcome<Result | { error: CheckoutError }>> {
  const deadline = clock.now() + policy.deadlineMs;
  let failedAttempts = 0;
  for (let retryNumber = 1; ; retryNumber++) {
    const outcome = await attempt(Math.min(policy.attemptTimeoutMs, deadline - clock.now()));
    if (outcome.kind === 'answered') return { result: outcome.result, settled: true };
    const giveUp: TokenizeOutcome<Result | { error: CheckoutError }> = { result: { error: outcome.error }, settled: false };

    if (!outcome.earlierAttemptRunning) failedAttempts++;
    if (failedAttempts >= policy.maxAttempts) return giveUp;
    if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > policy.maxRetryAfterMs) return giveUp;
    const wait = Math.max(backoffMs(retryNumber, policy, clock.random()), outcome.retryAfterMs ?? 0);
    if (clock.now() + wait + policy.minAttemptMs > deadline) return giveUp;
    await clock.sleep(wait);
  }
}
