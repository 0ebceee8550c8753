// The shop charges a shopper's saved card with nobody there (Node realm): a PaymentIntent created
// with the customer, the card, off_session: true and confirm: true. The order's id is derived from
// the operator's Idempotency-Key, and the intent is keyed by the order, so a retry (a double click,
// a timeout, a crash between the gateway's answer and ours) is one order and one charge. When the
// bank wants the shopper (authentication_required), the order is left to the webhook, which marks
// it requires_authentication: it waits for the shopper to come back and authenticate on session.
import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import { catalogueItem } from './catalogue.ts';
import type { Database } from './db/database.ts';
import { ApiError } from './http/api-error.ts';
import type { OperationResult } from './idempotent-operations.ts';
import type { SavedCard } from './saved-cards.ts';
import type { Shopper } from './shoppers.ts';

/** The same key always names the same order; different keys, different orders. */
export function offSessionOrderId(idempotencyKey: string): string {
  const digest = createHash('sha256').update(`off-session-charge:${idempotencyKey}`).digest('base64url').replace(/[-_]/g, 'x');
  return `ord_${digest.slice(0, 24)}`;
}

interface IntentAnswer {
  id: string;
  status: string;
}

export async function chargeOffSession(db: Database, stripe: Stripe, shopper: Shopper, card: SavedCard, sku: string, idempotencyKey: string): Promise<OperationResult> {
  const item = catalogueItem(sku);
  if (item === undefined) throw new ApiError(400, 'unknown_item', 'There is no such item in the catalogue.');
  const id = offSessionOrderId(idempotencyKey);
  await db.query(
    `INSERT INTO orders (id, sku, description, amount, currency, capture_method, shopper_id, off_session) VALUES ($1, $2, $3, $4, $5, 'automatic', $6, true)
     ON CONFLICT (id) DO NOTHING`,
    [id, item.sku, item.name, item.amount, item.currency, shopper.id],
  );
  let intent: IntentAnswer;
  let declined: { code: string; message: string } | undefined;
  try {
    const created = await stripe.paymentIntents.create(
      {
        amount: item.amount,
        currency: item.currency,
        customer: shopper.customerId,
        payment_method: card.id,
        off_session: true,
        confirm: true,
        description: item.name,
        metadata: { order_id: id },
      },
      { idempotencyKey: `order-${id}-intent` },
    );
    intent = { id: created.id, status: created.status };
  } catch (error) {
    // A decline (authentication_required among them) still made the intent: Stripe names it in the error.
    const failed = error instanceof Stripe.errors.StripeCardError ? ((error as { payment_intent?: IntentAnswer }).payment_intent ?? (error.raw as { payment_intent?: IntentAnswer }).payment_intent) : undefined;
    if (!failed) throw new ApiError(502, 'gateway_unavailable', 'The payment gateway did not answer; try again (the same click is safe to repeat).', error);
    intent = { id: failed.id, status: failed.status };
    declined = { code: (error as Stripe.errors.StripeCardError).code ?? 'card_declined', message: (error as Error).message };
  }
  // The webhook may have linked and moved the order already (it finds it by the intent's metadata): keep what it said.
  await db.query(
    "UPDATE orders SET payment_intent_id = $2, status = CASE WHEN status = 'created' THEN 'pending' ELSE status END, updated_at = now() WHERE id = $1 AND payment_intent_id IS NULL",
    [id, intent.id],
  );
  const body = { order: { id }, paymentIntent: intent, ...(declined ? { error: declined } : {}) };
  return { status: declined ? 402 : 200, body };
}
