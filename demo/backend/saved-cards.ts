// A shopper's cards on file (Node realm). The gateway keeps them on the shopper's customer: this
// backend stores no card data and lists them from the gateway each time. A card is saved by paying
// with "Save my card" (the PaymentIntent carries the customer and setup_future_usage: off_session,
// and the gateway attaches the card once the payment succeeds); paying with it again, the order's
// PaymentIntent names the card and the drop-in (`payment-method="pm_…"`) asks the shopper for its CVC
// alone, which goes from the fields origin to the gateway as a CVC token.
import type Stripe from 'stripe';
import { ApiError } from './http/api-error.ts';
import type { Shopper } from './shoppers.ts';

export interface SavedCard {
  /** The gateway's payment method (pm_…). */
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export async function listSavedCards(stripe: Stripe, customerId: string): Promise<SavedCard[]> {
  try {
    const methods = await stripe.customers.listPaymentMethods(customerId, { type: 'card', limit: 20 });
    return methods.data.map((method) => ({
      id: method.id,
      brand: method.card?.brand ?? 'card',
      last4: method.card?.last4 ?? '',
      expMonth: method.card?.exp_month ?? 0,
      expYear: method.card?.exp_year ?? 0,
    }));
  } catch (error) {
    throw new ApiError(502, 'gateway_unavailable', 'The payment gateway could not list the saved cards; try again.', error);
  }
}

/** The shopper's own saved card, or 404: a payment method id from the browser is never trusted as it is. */
export async function requireOwnCard(stripe: Stripe, shopper: Shopper, paymentMethodId: string): Promise<SavedCard> {
  const card = (await listSavedCards(stripe, shopper.customerId)).find((candidate) => candidate.id === paymentMethodId);
  if (!card) throw new ApiError(404, 'not_found', 'No such saved card.');
  return card;
}
