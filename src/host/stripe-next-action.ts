// Stripe mode's next action (`use_stripe_sdk`): loads Stripe.js with the merchant's publishable key
// and lets it run the bank's challenge (`stripe.handleNextAction`), then reads its answer into
// Payframe's result. Merchant realm, part of the lazily loaded next-action code (next-action.ts).
import { loadStripe } from '@stripe/stripe-js/pure';
import type { CheckoutError, PaymentResult } from '../shared/protocol.ts';

/** `unavailable`: Stripe.js could not be loaded (blocked, offline): the caller reports its own error. */
export type StripeNextActionResult = PaymentResult | { unavailable: true };
export type RunStripeNextAction = (publishableKey: string, clientSecret: string) => Promise<StripeNextActionResult>;

const STATUSES = new Set(['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture', 'succeeded', 'canceled']);

function text(value: unknown, pattern: RegExp): string | undefined {
  return typeof value === 'string' && pattern.test(value) ? value : undefined;
}

/** Stripe.js's error, kept to what Payframe's errors carry; a message with a long digit run is dropped. */
function errorFrom(error: Record<string, unknown>): CheckoutError {
  const message = typeof error.message === 'string' && !/\d{8,}/.test(error.message) ? error.message.slice(0, 500) : 'The payment service could not process this card.';
  const declineCode = text(error.decline_code, /^[a-z0-9_]{1,64}$/);
  return { code: text(error.code, /^[a-z0-9_]{1,64}$/) ?? 'gateway_error', message, ...(declineCode ? { declineCode } : {}) };
}

export const runStripeNextAction: RunStripeNextAction = async (publishableKey, clientSecret) => {
  let stripe: Awaited<ReturnType<typeof loadStripe>>;
  try {
    stripe = await loadStripe(publishableKey);
  } catch {
    return { unavailable: true };
  }
  if (!stripe) return { unavailable: true };
  let answer: { paymentIntent?: unknown; error?: unknown };
  try {
    answer = (await stripe.handleNextAction({ clientSecret })) as typeof answer;
  } catch {
    return { unavailable: true };
  }
  if (answer.error && typeof answer.error === 'object') return { error: errorFrom(answer.error as Record<string, unknown>) };
  const intent = answer.paymentIntent as { id?: unknown; status?: unknown } | undefined;
  const expectedId = clientSecret.slice(0, clientSecret.indexOf('_secret_'));
  if (intent?.id !== expectedId || typeof intent.status !== 'string' || !STATUSES.has(intent.status)) {
    return { error: { code: 'gateway_invalid_response', message: 'The payment service sent an answer we could not read. Please try again.' } };
  }
  return { paymentIntent: { id: expectedId, status: intent.status as never } };
};
