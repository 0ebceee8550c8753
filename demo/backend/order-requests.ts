// Creates an order at most once per Idempotency-Key, whichever backend instance on this database
// a request reaches (Node realm). The key is claimed with one INSERT … ON CONFLICT, which picks
// the order id; the claimant creates that order and its PaymentIntent (keyed at the gateway by
// the order id), a repeat gets the same order back, a repeat while the first still runs gets 409,
// and the same key with another body gets 422.
import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import type { Database } from './db/database.ts';
import { ApiError } from './http/api-error.ts';
import { newOrderId } from './ids.ts';
import type { PaymentMethodType } from './order-status.ts';
import { createOrder, getOrder, type CaptureMethod, type CreatedOrder, type ShopperTerms } from './orders.ts';

// A claim still in_progress after this long belongs to a process that died mid-request (nothing
// of ours runs that long: one insert and one gateway call with the SDK's timeout and retries).
// The next request with the key takes it over and finishes the same order: its id was fixed by
// the claim, and the gateway replays the PaymentIntent under the key derived from it.
export const DEAD_CLAIM_SECONDS = 60;

export interface OrderRequest {
  sku: string;
  captureMethod: CaptureMethod;
  paymentMethodType?: PaymentMethodType;
  /** A logged-in shopper's order: part of what the key stands for, so another shopper's request with it is refused (422). */
  shopper?: ShopperTerms;
}

function requestHash(request: OrderRequest): string {
  // A card order hashes as before the bank debits came (claims in flight across an upgrade still match).
  const method = request.paymentMethodType === undefined || request.paymentMethodType === 'card' ? {} : { paymentMethodType: request.paymentMethodType };
  const shopper = request.shopper === undefined ? {} : { shopper: [request.shopper.shopperId, request.shopper.saveCard, request.shopper.paymentMethod ?? null] };
  return createHash('sha256').update(JSON.stringify({ sku: request.sku, captureMethod: request.captureMethod, ...method, ...shopper })).digest('hex');
}

export async function createOrderOnce(db: Database, stripe: Stripe, key: string, request: OrderRequest): Promise<CreatedOrder & { replayed: boolean }> {
  const hash = requestHash(request);
  const claimed = await db.query<{ order_id: string }>(
    `INSERT INTO order_requests (idempotency_key, request_hash, order_id, state) VALUES ($1, $2, $3, 'in_progress')
     ON CONFLICT (idempotency_key) DO UPDATE SET claimed_at = now()
       WHERE order_requests.state = 'in_progress' AND order_requests.request_hash = EXCLUDED.request_hash
         AND order_requests.claimed_at < now() - make_interval(secs => $4)
     RETURNING order_id`,
    [key, hash, newOrderId(), DEAD_CLAIM_SECONDS],
  );
  const mine = claimed.rows[0];
  if (mine === undefined) return { ...(await earlierAnswer(db, stripe, key, hash)), replayed: true };
  let created: CreatedOrder;
  try {
    created = await createOrder(db, stripe, request.sku, request.captureMethod, mine.order_id, request.paymentMethodType, request.shopper);
  } catch (error) {
    // Nothing to answer with (unknown item, gateway unreachable): the claim is released at once
    // (dated as if dead), so a retry with the key takes it over and finishes this same order id.
    await db.query("UPDATE order_requests SET claimed_at = '-infinity' WHERE idempotency_key = $1 AND state = 'in_progress'", [key]);
    throw error;
  }
  await db.query("UPDATE order_requests SET state = 'done' WHERE idempotency_key = $1", [key]);
  return { ...created, replayed: false };
}

/** What the first request with this key got, rebuilt: the order from our books, its client secret from the gateway. */
async function earlierAnswer(db: Database, stripe: Stripe, key: string, hash: string): Promise<CreatedOrder> {
  const existing = (await db.query<{ request_hash: string; state: string; order_id: string }>('SELECT request_hash, state, order_id FROM order_requests WHERE idempotency_key = $1', [key])).rows[0];
  if (existing === undefined) throw new ApiError(409, 'request_in_progress', 'The same order request is still being processed; try again in a moment.', undefined, { 'Retry-After': '1' });
  if (existing.request_hash !== hash) throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used to order something else; send a new key for a new order.');
  if (existing.state === 'in_progress') throw new ApiError(409, 'request_in_progress', 'The same order request is still being processed; try again in a moment.', undefined, { 'Retry-After': '1' });
  const order = await getOrder(db, existing.order_id);
  let intent: Stripe.PaymentIntent;
  try {
    intent = await stripe.paymentIntents.retrieve(order.paymentIntentId!);
  } catch (error) {
    throw new ApiError(502, 'gateway_unavailable', 'The payment gateway could not be reached; try again.', error);
  }
  return { order, clientSecret: intent.client_secret! };
}
