// A shopper's cards on file (Node realm). The gateway keeps them on the shopper's customer: this
// backend stores no card data and lists them from the gateway each time. A card is saved by paying
// with "Save my card" (the PaymentIntent carries the customer and setup_future_usage: off_session,
// and the gateway attaches the card once the payment succeeds), and paid with again on session here.
import Stripe from 'stripe';
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

/**
 * Makes the order's PaymentIntent the shopper's: their customer on it, and with `saveCard` the
 * card they pay with is kept for later payments, on or off session.
 */
export async function attachShopperToIntent(stripe: Stripe, intentId: string, shopper: Shopper, saveCard: boolean): Promise<void> {
  try {
    await stripe.paymentIntents.update(intentId, { customer: shopper.customerId, ...(saveCard ? { setup_future_usage: 'off_session' } : {}) });
  } catch (error) {
    throw new ApiError(502, 'gateway_unavailable', 'The payment gateway could not start the payment; try again.', error);
  }
}

export interface SavedCardPayment {
  status: string;
  /** Set when the payment did not go through (a decline). */
  error?: { code: string; message: string };
}

/**
 * Pays the order's PaymentIntent on session with a saved card, confirmed from here with the secret
 * key. The seam for the drop-in's saved-card mode (`<payframe-checkout payment-method="pm_…">`,
 * which re-collects the CVC in its frame): once it ships, the shop page confirms there instead and
 * this call goes away; until then no CVC is asked for.
 */
export async function payWithSavedCard(stripe: Stripe, intentId: string, card: SavedCard, gatewayKey: string): Promise<SavedCardPayment> {
  try {
    const intent = await stripe.paymentIntents.confirm(intentId, { payment_method: card.id }, { idempotencyKey: gatewayKey });
    return { status: intent.status };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      const intent = (error.raw as { payment_intent?: { status?: string } }).payment_intent;
      return { status: intent?.status ?? 'requires_payment_method', error: { code: error.code ?? 'card_declined', message: error.message } };
    }
    throw new ApiError(502, 'gateway_unavailable', 'The payment gateway did not answer; try again.', error);
  }
}
