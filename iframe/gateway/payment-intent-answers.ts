// What the controller sends to confirm a PaymentIntent (or, in the drop-in's `mode="setup"`, a
// SetupIntent: the same request and answers, at /v1/setup_intents) and how it reads the gateway's
// intent answers into the few facts the merchant page may have (id, status, a challenge URL, an
// error, and a SetupIntent's saved payment method id).
// Fields origin (controller frame): the card goes only into the gateway request built here.
import { paymentIntentIdOf } from '../../src/shared/protocol-constants.ts';
import { setCardParams } from './card-params.ts';
import type { ConfirmResult, PaymentResult, SetupIntentSummary } from '../../src/shared/protocol.ts';
import { parseGatewayIntent } from '../wire-schemas.generated.ts';
import type { CardDetails } from './gateway-adapter.ts';
import type { GatewayIntent } from './gateway-schemas.ts';
import { checkoutError, errorFromStripeError } from './stripe-errors.ts';

/** The confirm request's form body: the client_secret, the card (Stripe's field names) and any return_url. */
export function confirmBody(card: CardDetails, clientSecret: string, returnUrl?: string): URLSearchParams {
  const body = new URLSearchParams({ client_secret: clientSecret });
  setCardParams(body, card, 'payment_method_data');
  if (returnUrl) body.set('return_url', returnUrl);
  return body;
}

/** The intent, if the answer is one and it is the intent the client_secret names. */
function readIntent(json: unknown, clientSecret: string): GatewayIntent | undefined {
  const intent = parseGatewayIntent(json);
  return intent?.id === paymentIntentIdOf(clientSecret) ? intent : undefined;
}

/**
 * The challenge page the merchant page will frame, if its origin is one the fields origin's
 * configuration lists (real gateways serve them elsewhere than their API: Stripe's are on
 * hooks.stripe.com). `refused`: a URL on any other origin, so a tampered answer cannot make the
 * shop frame (and trust messages from) someone else's page; the page is told nothing of it.
 */
function challengeUrl(intent: GatewayIntent, challengeOrigins: readonly string[]): string | 'refused' | undefined {
  const url = intent.next_action?.redirect_to_url?.url;
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return challengeOrigins.includes(parsed.origin) && parsed.username === '' && parsed.password === '' ? parsed.href : 'refused';
  } catch {
    return undefined;
  }
}

/** A 2xx answer to a confirm: paid, a challenge to show, or the status as it is; undefined if unreadable. */
export function readConfirmAnswer(json: unknown, clientSecret: string, challengeOrigins: readonly string[]): ConfirmResult | undefined {
  const intent = readIntent(json, clientSecret);
  if (!intent) return undefined;
  if (intent.status === 'requires_action') {
    // Stripe's answer for integrations that run next actions with Stripe.js: the merchant page does.
    if (intent.next_action?.type === 'use_stripe_sdk') return { action: { useStripeSdk: true } };
    const url = challengeUrl(intent, challengeOrigins);
    if (url === 'refused') return { error: checkoutError('challenge_unavailable') };
    return url ? { action: { url } } : { error: checkoutError('gateway_invalid_response') };
  }
  return summaryOrLastError(intent);
}

/** A 2xx answer to a retrieve: the status, or why the last payment attempt failed. */
export function readIntentStatus(json: unknown, clientSecret: string): PaymentResult | undefined {
  const intent = readIntent(json, clientSecret);
  return intent ? summaryOrLastError(intent) : undefined;
}

function summaryOrLastError(intent: GatewayIntent): PaymentResult {
  const { id, status, payment_method: paymentMethod } = intent;
  const lastError = intent.last_payment_error ?? intent.last_setup_error;
  if (status === 'requires_payment_method' && lastError) return { error: errorFromStripeError(lastError) };
  if (intent.object === 'payment_intent') return { paymentIntent: { id, status } };
  // The page's schema refuses a status a SetupIntent cannot have; only an id crosses, never the card.
  return { setupIntent: { id, status: status as SetupIntentSummary['status'] }, ...(typeof paymentMethod === 'string' ? { paymentMethod } : {}) };
}
