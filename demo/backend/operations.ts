// The operations team's actions on an order, through the gateway with the secret key: capture
// an authorization (in full or in part), cancel it, refund a payment (in full, in part, again).
// They change nothing in the books themselves: the gateway's webhooks do, as for payments.
import Stripe from 'stripe';
import type { Database } from './db/database.ts';
import { ApiError } from './http/api-error.ts';
import type { OperationResult } from './idempotent-operations.ts';
import { getOrder } from './orders.ts';

export type OperationAction = 'capture' | 'cancel' | 'refund';

/** A gateway refusal (a 4xx: wrong state, amount too large) is an answer to keep; anything else is thrown. */
function gatewayRefusal(error: unknown): OperationResult {
  if (error instanceof Stripe.errors.StripeError && error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 409 && error.statusCode !== 429) {
    return { status: error.statusCode === 402 ? 402 : 400, body: { error: { code: error.code ?? 'gateway_refused', message: error.message } } };
  }
  throw new ApiError(502, 'gateway_unavailable', 'The payment gateway did not answer; try again (the same click is safe to repeat).', error);
}

export async function runOperation(db: Database, stripe: Stripe, orderId: string, action: OperationAction, amount: number | undefined, gatewayKey: string): Promise<OperationResult> {
  const order = await getOrder(db, orderId);
  if (order.paymentIntentId === null) throw new ApiError(409, 'no_payment', 'This order has no payment yet.');
  const options = { idempotencyKey: gatewayKey };
  try {
    if (action === 'capture') {
      const intent = await stripe.paymentIntents.capture(order.paymentIntentId, amount === undefined ? {} : { amount_to_capture: amount }, options);
      return { status: 200, body: { paymentIntent: { id: intent.id, status: intent.status, amountReceived: intent.amount_received } } };
    }
    if (action === 'cancel') {
      const intent = await stripe.paymentIntents.cancel(order.paymentIntentId, { cancellation_reason: 'requested_by_customer' }, options);
      return { status: 200, body: { paymentIntent: { id: intent.id, status: intent.status } } };
    }
    const refund = await stripe.refunds.create({ payment_intent: order.paymentIntentId, ...(amount === undefined ? {} : { amount }), metadata: { order_id: orderId } }, options);
    return { status: 200, body: { refund: { id: refund.id, amount: refund.amount, status: refund.status } } };
  } catch (error) {
    return gatewayRefusal(error);
  }
}
