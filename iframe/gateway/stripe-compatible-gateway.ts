// Tokenizes against Stripe's REST API or anything that speaks its subset (the sandbox gateway):
// POST /v1/payment_methods with a form body, retried per retry-policy.ts. Runs only on the fields
// origin, whose CSP lets it connect to the configured gateway and nowhere else.
import { messageFor, type CheckoutErrorCode } from '../../src/shared/errors.ts';
import { paymentMethodSchema, type CheckoutError, type FieldKind } from '../../src/shared/protocol.ts';
import type { CardDetails, GatewayAdapter } from './gateway-adapter.ts';
import { parseRetryAfter, tokenizeWithRetries, type AttemptOutcome } from './retry-policy.ts';
import * as z from 'zod/mini';

/** Transient server trouble: the request may be retried with its Idempotency-Key. */
const RETRYABLE_SERVER_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

const stripeErrorSchema = z.object({
  error: z.object({
    code: z.optional(z.string()),
    message: z.optional(z.string()),
    param: z.optional(z.string()),
    decline_code: z.optional(z.string()),
  }),
});

const FIELD_OF_PARAM: Record<string, FieldKind> = {
  'card[number]': 'number',
  'card[exp_month]': 'expiry',
  'card[exp_year]': 'expiry',
  'card[cvc]': 'cvc',
};

function checkoutError(code: CheckoutErrorCode): CheckoutError {
  return { code, message: messageFor(code) };
}

type RetryHints = Pick<Extract<AttemptOutcome, { kind: 'retryable' }>, 'retryAfterMs' | 'earlierAttemptRunning'>;

function retryable(code: CheckoutErrorCode, hints: RetryHints = {}): AttemptOutcome {
  return { kind: 'retryable', error: checkoutError(code), ...hints };
}

/** A gateway message is shown to the shopper; never let one carry a long run of digits. */
function safeMessage(message: string | undefined, fallback: string): string {
  if (!message || /\d{8,}/.test(message)) return fallback;
  return message.slice(0, 500);
}

/** A final 4xx (or an unexpected status): the gateway's own code and message, cleaned. */
function errorFromResponse(status: number, body: unknown): CheckoutError {
  if (status >= 500) return checkoutError('gateway_unavailable');
  const parsed = stripeErrorSchema.safeParse(body);
  if (!parsed.success) return checkoutError('gateway_error');
  const { code, message, param, decline_code: declineCode } = parsed.data.error;
  const field = param ? FIELD_OF_PARAM[param] : undefined;
  return {
    code: code && /^[a-z0-9_]{1,64}$/.test(code) ? code : 'gateway_error',
    message: safeMessage(message, messageFor('gateway_error')),
    ...(field ? { field } : {}),
    ...(declineCode ? { declineCode: declineCode.slice(0, 64) } : {}),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sorts one answer (or its absence) into final or retryable. */
function classifyResponse(status: number, headers: Headers, text: string): AttemptOutcome {
  if (status === 409) return retryable('timeout', { earlierAttemptRunning: true });
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers.get('Retry-After'));
    return retryable('rate_limited', retryAfterMs === undefined ? {} : { retryAfterMs });
  }
  if (RETRYABLE_SERVER_STATUSES.has(status)) return retryable('gateway_unavailable');
  const json = parseJson(text);
  if (status < 200 || status >= 300) return { kind: 'answered', result: { error: errorFromResponse(status, json) } };
  // A success we cannot read: garbled on the way. A retry with the same key gets it replayed.
  const paymentMethod = paymentMethodSchema.safeParse(json);
  if (!paymentMethod.success) return retryable('gateway_invalid_response');
  // Pass on only the fields the merchant may see, in Stripe's shape.
  const { id, object, type, card, created, livemode } = paymentMethod.data;
  const { brand, last4, exp_month, exp_year, funding, country } = card;
  return { kind: 'answered', result: { paymentMethod: { id, object, type, card: { brand, last4, exp_month, exp_year, funding, country }, created, livemode } } };
}

export function createStripeCompatibleGateway(baseUrl: string): GatewayAdapter {
  return {
    createPaymentMethod(card: CardDetails, publishableKey: string, idempotencyKey: string) {
      const body = new URLSearchParams({
        type: 'card',
        'card[number]': card.number,
        'card[exp_month]': String(card.expMonth),
        'card[exp_year]': String(card.expYear),
      });
      if (card.cvc) body.set('card[cvc]', card.cvc);

      return tokenizeWithRetries(async (timeoutMs) => {
        try {
          // The signal also covers reading the body: a stalled answer times out too.
          const response = await fetch(`${baseUrl}/v1/payment_methods`, {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${publishableKey}`,
              'Content-Type': 'application/x-www-form-urlencoded',
              'Idempotency-Key': idempotencyKey,
            },
            body,
            credentials: 'omit',
            referrerPolicy: 'no-referrer',
            signal: AbortSignal.timeout(timeoutMs),
          });
          return classifyResponse(response.status, response.headers, await response.text());
        } catch (error) {
          // Only the error's kind is used: its text is never shown or sent anywhere.
          const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
          return retryable(timedOut ? 'timeout' : 'network_error');
        }
      });
    },
  };
}
