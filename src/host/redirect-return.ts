// The return page after a full-page 3-D Secure redirect: reads Stripe's query parameters
// (payment_intent, payment_intent_client_secret, redirect_status) and decides whether this
// checkout may report on that intent. Merchant realm.
import { paymentIntentIdOf } from '../shared/protocol-constants.ts';
import { parseClientSecret } from '../shared/wire-schemas.generated.ts';
import { takeRedirectMarker } from './challenge-redirect.ts';

const RETURN_PARAMS = ['payment_intent', 'payment_intent_client_secret', 'redirect_status'] as const;

/**
 * The client_secret to read the payment's outcome with, or undefined when the address does not
 * come back from our redirect. Anyone can link a shopper to the return page with an intent of
 * their own that succeeded, so the query alone is not enough: the checkout's own client-secret
 * must name the same intent, or this tab must have left for that intent's challenge itself.
 * `redirect_status` is never trusted: the gateway says how the payment ended.
 */
export function returnedClientSecret(attributeClientSecret: string | null): string | undefined {
  const query = new URLSearchParams(location.search);
  const secret = parseClientSecret(query.get('payment_intent_client_secret'));
  if (!secret) return undefined;
  const intentId = paymentIntentIdOf(secret);
  if (query.get('payment_intent') !== intentId) return undefined;
  const ours = takeRedirectMarker(intentId);
  if (attributeClientSecret) return attributeClientSecret === secret ? secret : undefined;
  return ours ? secret : undefined;
}

/** Takes the client_secret out of the address bar, so it is not bookmarked, shared or reloaded. */
export function forgetReturnParams(): void {
  const url = new URL(location.href);
  for (const name of RETURN_PARAMS) url.searchParams.delete(name);
  history.replaceState(history.state, '', url.href);
}
