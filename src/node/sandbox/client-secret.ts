// Who may read or confirm a PaymentIntent (or a SetupIntent): the secret key always; the publishable key only with
// that intent's client_secret (the browser holding it), as Stripe.js does. Anything else looks
// exactly like an unknown intent, so a guess learns nothing about other intents.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthenticatedKey } from './api-keys.ts';
import { optionalString, type FormParams } from './form-body.ts';
import type { IntentRecord, PaymentStore } from './payment-store.ts';
import { StripeApiError, resourceMissing } from './stripe-error.ts';

export const PAYMENT_INTENT_ID = /^pi_[A-Za-z0-9]{1,64}$/;

export function noSuchPaymentIntent(id: string, param = 'id'): StripeApiError {
  return resourceMissing('payment_intent', id, PAYMENT_INTENT_ID, param);
}

function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** An intent of either kind as the client_secret check sees it. */
export interface SecretHolder<T> {
  record: T | undefined;
  clientSecret: string | undefined;
  /** "PaymentIntent" or "SetupIntent", for the error message. */
  objectName: string;
  notFound: () => StripeApiError;
}

/** `holder.record` if `auth` (plus `client_secret` in params, for a publishable key) may use it. */
export function recordForKey<T>(auth: AuthenticatedKey, params: FormParams, holder: SecretHolder<T>): T {
  const { record } = holder;
  if (auth.kind === 'secret') {
    if (record === undefined) throw holder.notFound();
    return record;
  }
  const clientSecret = optionalString(params.client_secret, 'client_secret');
  if (clientSecret === undefined || clientSecret === '') {
    throw new StripeApiError(401, {
      type: 'invalid_request_error',
      message: `This API call cannot be made with a publishable API key without the ${holder.objectName}'s client_secret. Pass client_secret, or use a secret API key.`,
    });
  }
  // Compared even when the intent is unknown, so timing does not tell the two cases apart.
  if (!sameSecret(clientSecret, holder.clientSecret ?? '') || record === undefined) throw holder.notFound();
  return record;
}

/** The intent `id` if `auth` (plus `client_secret` in params, for a publishable key) may use it. */
export function intentForKey(auth: AuthenticatedKey, id: string, params: FormParams, store: PaymentStore): IntentRecord {
  const record = store.intent(id);
  return recordForKey(auth, params, { record, clientSecret: record?.intent.client_secret, objectName: 'PaymentIntent', notFound: () => noSuchPaymentIntent(id) });
}
