// Stripe's error object, read into the typed error the shopper sees: the gateway's own code and
// message, cleaned so no card data can pass. Fields origin (controller frame), for every request.
import { frameErrorMessage, type GatewayErrorCode } from '../../src/shared/errors.ts';
import type { CheckoutError, FieldKind } from '../../src/shared/protocol.ts';
import { parseStripeErrorAnswer } from '../wire-schemas.generated.ts';
import type { StripeErrorObject } from './gateway-schemas.ts';

/** The input a card param names (`card[cvc]`, or within a confirm `payment_method_data[card][cvc]`: card-params.ts). */
function fieldOfParam(param: string | null | undefined): FieldKind | undefined {
  const name = param && /^(?:payment_method_data\[card\]|card)\[(number|exp_month|exp_year|cvc)\]$/.exec(param)?.[1];
  return name ? (name.startsWith('exp') ? 'expiry' : (name as FieldKind)) : undefined;
}

export function checkoutError(code: GatewayErrorCode): CheckoutError {
  return { code, message: frameErrorMessage(code) };
}

/** A gateway message is shown to the shopper; never let one carry a long run of digits. */
function safeMessage(message: string | null | undefined, fallback: string): string {
  if (!message || /\d{8,}/.test(message)) return fallback;
  return message.slice(0, 500);
}

/** A Stripe error object (an answer's `error`, an intent's `last_payment_error`) as the shopper sees it. */
export function errorFromStripeError({ code, message, param, decline_code: declineCode }: StripeErrorObject): CheckoutError {
  const field = fieldOfParam(param);
  return {
    code: code && /^[a-z0-9_]{1,64}$/.test(code) ? code : 'gateway_error',
    // A SetupIntent's failed 3-D Secure authentication is one of the page's own errors: no message,
    // so the page words it in the shopper's language (that the card was not saved), not the gateway's English.
    message: code === 'setup_intent_authentication_failure' ? '' : safeMessage(message, frameErrorMessage('gateway_error')),
    ...(field ? { field } : {}),
    ...(declineCode ? { declineCode: declineCode.slice(0, 64) } : {}),
  };
}

/** A final 4xx (or an unexpected status): the gateway's own code and message, cleaned. */
export function errorFromResponse(status: number, body: unknown): CheckoutError {
  if (status >= 500) return checkoutError('gateway_unavailable');
  const answer = parseStripeErrorAnswer(body);
  return answer ? errorFromStripeError(answer.error) : checkoutError('gateway_error');
}

