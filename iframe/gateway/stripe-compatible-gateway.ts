// Tokenizes against Stripe's REST API or anything that speaks its subset (the sandbox gateway):
// POST /v1/payment_methods with a form body. Runs only on the fields origin, whose CSP lets
// it connect to the configured gateway and nowhere else.
import { messageFor } from '../../src/shared/errors.ts';
import { paymentMethodSchema, type CheckoutError, type FieldKind, type TokenizeResult } from '../../src/shared/protocol.ts';
import type { CardDetails, GatewayAdapter } from './gateway-adapter.ts';
import * as z from 'zod/mini';

const REQUEST_TIMEOUT_MS = 20_000;

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

/** A gateway message is shown to the shopper; never let one carry a long run of digits. */
function safeMessage(message: string | undefined, fallback: string): string {
  if (!message || /\d{8,}/.test(message)) return fallback;
  return message.slice(0, 500);
}

function errorFromResponse(status: number, body: unknown): CheckoutError {
  if (status === 429) return { code: 'rate_limited', message: messageFor('rate_limited') };
  if (status >= 500) return { code: 'gateway_unavailable', message: messageFor('gateway_unavailable') };
  const parsed = stripeErrorSchema.safeParse(body);
  if (!parsed.success) return { code: 'gateway_error', message: messageFor('gateway_error') };
  const { code, message, param, decline_code: declineCode } = parsed.data.error;
  const field = param ? FIELD_OF_PARAM[param] : undefined;
  return {
    code: code && /^[a-z0-9_]{1,64}$/.test(code) ? code : 'gateway_error',
    message: safeMessage(message, messageFor('gateway_error')),
    ...(field ? { field } : {}),
    ...(declineCode ? { declineCode: declineCode.slice(0, 64) } : {}),
  };
}

export function createStripeCompatibleGateway(baseUrl: string): GatewayAdapter {
  return {
    async createPaymentMethod(card: CardDetails, publishableKey: string, idempotencyKey: string): Promise<TokenizeResult> {
      const body = new URLSearchParams({
        type: 'card',
        'card[number]': card.number,
        'card[exp_month]': String(card.expMonth),
        'card[exp_year]': String(card.expYear),
      });
      if (card.cvc) body.set('card[cvc]', card.cvc);
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/v1/payment_methods`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${publishableKey}`,
            'Content-Type': 'application/x-www-form-urlencoded',
            'Idempotency-Key': idempotencyKey,
          },
          body,
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
        const code = timedOut ? 'timeout' : 'network_error';
        return { error: { code, message: messageFor(code) } };
      }
      let json: unknown;
      try {
        json = await response.json();
      } catch {
        return { error: { code: 'gateway_error', message: messageFor('gateway_error') } };
      }
      if (!response.ok) return { error: errorFromResponse(response.status, json) };
      // Pass on only the fields the merchant may see, in Stripe's shape.
      const paymentMethod = paymentMethodSchema.safeParse(json);
      if (!paymentMethod.success) return { error: { code: 'gateway_error', message: messageFor('gateway_error') } };
      const { id, object, type, card: cardInfo, created, livemode } = paymentMethod.data;
      const { brand, last4, exp_month, exp_year, funding, country } = cardInfo;
      return { paymentMethod: { id, object, type, card: { brand, last4, exp_month, exp_year, funding, country }, created, livemode } };
    },
  };
}
