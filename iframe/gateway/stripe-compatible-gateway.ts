// Talks to Stripe's REST API or anything that speaks its subset (the sandbox gateway): tokenizes
// (POST /v1/payment_methods), confirms and reads PaymentIntents and SetupIntents, every request retried per
// retry-policy.ts. Runs only on the fields origin, whose CSP lets it connect to the configured
// gateway and nowhere else.
import type { GatewayErrorCode } from '../../src/shared/errors.ts';
import { intentPathOf } from '../../src/shared/protocol-constants.ts';
import type { CheckoutError, TokenizeResult } from '../../src/shared/protocol.ts';
import { parsePaymentMethod } from '../../src/shared/wire-schemas.generated.ts';
import type { CardDetails, GatewayAdapter } from './gateway-adapter.ts';
import { setCardParams } from './card-params.ts';
import { confirmBody, readConfirmAnswer, readIntentStatus } from './payment-intent-answers.ts';
import { parseRetryAfter, tokenizeWithRetries, type AttemptOutcome, type TokenizeOutcome } from './retry-policy.ts';
import { checkoutError, errorFromResponse } from './stripe-errors.ts';

/** Transient server trouble: the request may be retried with its Idempotency-Key. */
const RETRYABLE_SERVER_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

type RetryHints = Pick<Extract<AttemptOutcome, { kind: 'retryable' }>, 'retryAfterMs' | 'earlierAttemptRunning'>;

function retryable(code: GatewayErrorCode, hints: RetryHints = {}): AttemptOutcome<never> {
  return { kind: 'retryable', error: checkoutError(code), ...hints };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads a 2xx answer's body into the result, or undefined when it is not what was expected. */
export type SuccessReader<Result> = (json: unknown) => Result | undefined;

/** Sorts one answer (or its absence) into final or retryable. */
function classifyResponse<Result>(status: number, headers: Headers, text: string, readSuccess: SuccessReader<Result>): AttemptOutcome<Result | { error: CheckoutError }> {
  if (status === 409) return retryable('timeout', { earlierAttemptRunning: true });
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers.get('Retry-After'));
    return retryable('rate_limited', retryAfterMs === undefined ? {} : { retryAfterMs });
  }
  if (RETRYABLE_SERVER_STATUSES.has(status)) return retryable('gateway_unavailable');
  const json = parseJson(text);
  if (status < 200 || status >= 300) return { kind: 'answered', result: { error: errorFromResponse(status, json) } };
  // A success we cannot read: garbled on the way. A retry with the same key gets it replayed.
  const result = readSuccess(json);
  return result === undefined ? retryable('gateway_invalid_response') : { kind: 'answered', result };
}

function readPaymentMethod(json: unknown): TokenizeResult | undefined {
  // The parse keeps only what the schema declares: the fields the merchant may see, in Stripe's shape.
  const paymentMethod = parsePaymentMethod(json);
  return paymentMethod && { paymentMethod };
}

export interface GatewayRequest<Result> {
  method: 'GET' | 'POST';
  /** Path and query under the base URL, e.g. `/v1/payment_methods`. */
  path: string;
  publishableKey: string;
  body?: URLSearchParams;
  /** Every attempt of one POST carries it; a GET is safe to repeat without one. */
  idempotencyKey?: string;
  readSuccess: SuccessReader<Result>;
}

/** One logical request to the gateway, retried per retry-policy.ts. Never rejects. */
export function requestWithRetries<Result>(baseUrl: string, request: GatewayRequest<Result>): Promise<TokenizeOutcome<Result | { error: CheckoutError }>> {
  return tokenizeWithRetries<Result>(async (timeoutMs) => {
    try {
      // The signal also covers reading the body: a stalled answer times out too.
      const response = await fetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers: {
          Authorization: `Bearer ${request.publishableKey}`,
          ...(request.body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
          ...(request.idempotencyKey ? { 'Idempotency-Key': request.idempotencyKey } : {}),
        },
        ...(request.body ? { body: request.body } : {}),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return classifyResponse(response.status, response.headers, await response.text(), request.readSuccess);
    } catch (error) {
      // Only the error's kind is used: its text is never shown or sent anywhere.
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return retryable(timedOut ? 'timeout' : 'network_error');
    }
  });
}

/** `challengeOrigins`: where the gateway's 3-D Secure pages may be (challenge-origins.ts); its own origin if not said. */
export function createStripeCompatibleGateway(baseUrl: string, challengeOrigins: readonly string[] = [new URL(baseUrl).origin]): GatewayAdapter {
  return {
    createPaymentMethod(card: CardDetails, publishableKey: string, idempotencyKey: string) {
      const body = new URLSearchParams();
      setCardParams(body, card);
      return requestWithRetries(baseUrl, { method: 'POST', path: '/v1/payment_methods', publishableKey, body, idempotencyKey, readSuccess: readPaymentMethod });
    },
    confirmPaymentIntent(card, clientSecret, publishableKey, idempotencyKey, returnUrl) {
      // A return_url only when the merchant gave one: the widget shows a challenge in its own modal
      // and leaves the page only when the bank's page cannot be framed.
      // A SetupIntent's client_secret (`seti_…`) confirms at /v1/setup_intents, as Stripe.js's confirmCardSetup does.
      const path = `${intentPathOf(clientSecret)}/confirm`;
      const readSuccess = (json: unknown) => readConfirmAnswer(json, clientSecret, challengeOrigins);
      return requestWithRetries(baseUrl, { method: 'POST', path, publishableKey, body: confirmBody(card, clientSecret, returnUrl), idempotencyKey, readSuccess });
    },
    retrievePaymentIntent(clientSecret, publishableKey) {
      const path = `${intentPathOf(clientSecret)}?${new URLSearchParams({ client_secret: clientSecret })}`;
      return requestWithRetries(baseUrl, { method: 'GET', path, publishableKey, readSuccess: (json) => readIntentStatus(json, clientSecret) });
    },
  };
}
