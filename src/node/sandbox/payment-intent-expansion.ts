// `expand[]=payment_method` on a PaymentIntent retrieve: the only expansion the sandbox knows, so a
// browser holding the client_secret can show the shopper which saved card it is about to pay with.
// With a publishable key the card says only what Stripe shows a browser: brand, last four, expiry.
import type { AuthenticatedKey } from './api-keys.ts';
import type { FormParams } from './form-body.ts';
import type { PaymentMethodStore } from './payment-method-store.ts';
import { invalidParam } from './stripe-error.ts';

/** The saved card as a publishable key may see it: no fingerprint, country, checks or billing details. */
export interface PublishableCardView {
  id: string;
  object: 'payment_method';
  type: 'card';
  card: { brand: string; exp_month: number; exp_year: number; last4: string };
}

/** Takes `expand` out of `params` (so the route's own checks see the rest); true when it asks for the payment method. */
export function takePaymentMethodExpansion(params: FormParams): boolean {
  const { expand } = params;
  if (expand === undefined) return false;
  delete params.expand;
  const wanted = Array.isArray(expand) ? expand : [expand];
  for (const path of wanted) {
    // Stripe's answer for anything else; the value is ours to echo only when it is a known word.
    if (path !== 'payment_method') throw invalidParam('expand', `This property cannot be expanded (${typeof path === 'string' && /^[a-z_.]{1,60}$/.test(path) ? path : 'unknown'}).`);
  }
  return wanted.length > 0;
}

/** The intent's `payment_method` id replaced by the object (null stays null). */
export function expandPaymentMethod<Intent extends { payment_method: string | null }>(
  intent: Intent,
  auth: AuthenticatedKey,
  paymentMethods: PaymentMethodStore,
): Omit<Intent, 'payment_method'> & { payment_method: unknown } {
  const stored = intent.payment_method === null ? undefined : paymentMethods.get(intent.payment_method);
  if (stored === undefined) return intent;
  const method = stored.paymentMethod;
  if (auth.kind === 'secret') return { ...intent, payment_method: method };
  // A browser learns which card, never more; of a bank account only that it is one.
  const view: PublishableCardView | { id: string; object: 'payment_method'; type: string } =
    method.type === 'card'
      ? { id: method.id, object: 'payment_method', type: 'card', card: { brand: method.card.brand, exp_month: method.card.exp_month, exp_year: method.card.exp_year, last4: method.card.last4 } }
      : { id: method.id, object: 'payment_method', type: method.type };
  return { ...intent, payment_method: view };
}
