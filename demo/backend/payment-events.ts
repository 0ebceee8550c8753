// Applies a verified gateway event to the books, exactly once: the event's id is inserted first
// (a duplicate stops there), then, under the order's row lock, the payment's state moves forward
// only (see order-status.ts) and each money movement becomes one ledger entry keyed by the
// gateway object behind it. All in one transaction: a failure leaves no trace and the gateway retries.
import type Stripe from 'stripe';
import type { Queryable } from './db/database.ts';
import type { Database } from './db/database.ts';
import { attemptCharge, orderStatusFor, supersedes, type OrderStatus } from './order-status.ts';

export type EventOutcome = 'applied' | 'stale' | 'duplicate' | 'no_order' | 'ignored';

interface OrderRow {
  id: string;
  status: OrderStatus;
  payment_intent_id: string | null;
}

interface PaymentRow {
  status: string;
  last_event_created: number;
  charge_id: string | null;
}

interface IntentFacts {
  id: string;
  status: string;
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  capture_method: string;
  metadata: Record<string, string>;
  latest_charge?: string | { id: string } | null;
  last_payment_error: { code?: string; charge?: string } | null;
}

interface DisputeFacts {
  id: string;
  amount: number;
  currency: string;
}

interface RefundFacts {
  id: string;
  amount: number;
  currency: string;
  status: string | null;
  payment_intent: string | null;
}

export interface AppliedEvent {
  outcome: EventOutcome;
  orderId?: string;
  /** The payment's new status when this event moved it. */
  movedTo?: string;
}

function intentIdOf(event: Stripe.Event): string | undefined {
  const object = event.data.object as { id?: string; payment_intent?: string | { id: string } | null; object?: string };
  if (object.object === 'payment_intent') return object.id;
  const paymentIntent = object.payment_intent;
  return typeof paymentIntent === 'string' ? paymentIntent : paymentIntent?.id;
}

/** The refunds a charge.refunded event is about; fetched before the transaction (no network inside it). */
export type RefundLookup = (paymentIntentId: string) => Promise<RefundFacts[]>;

export async function applyEvent(db: Database, event: Stripe.Event, lookupRefunds: RefundLookup): Promise<AppliedEvent> {
  const intentId = intentIdOf(event);
  const refunds = event.type === 'charge.refunded' && intentId ? await lookupRefunds(intentId) : [];
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO webhook_events (id, type, object_id, event_created, outcome, payload) VALUES ($1, $2, $3, $4, 'processing', $5)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [event.id, event.type, intentId ?? null, event.created, JSON.stringify(event)],
    );
    if (inserted.rows.length === 0) return { outcome: 'duplicate' };
    const result = await applyToOrder(tx, event, intentId, refunds);
    await tx.query('UPDATE webhook_events SET outcome = $2 WHERE id = $1', [event.id, result.outcome]);
    return result;
  });
}

async function applyToOrder(tx: Queryable, event: Stripe.Event, intentId: string | undefined, refunds: RefundFacts[]): Promise<AppliedEvent> {
  const handled = event.type.startsWith('payment_intent.') || event.type === 'charge.refunded' || event.type === 'refund.updated' || event.type === 'charge.dispute.created';
  if (!handled || intentId === undefined) return { outcome: 'ignored' };
  const order = await lockOrder(tx, intentId, event);
  if (order === undefined) return { outcome: 'no_order' };

  let result: AppliedEvent = { outcome: 'stale', orderId: order.id };
  if (event.type.startsWith('payment_intent.')) {
    const moved = await applyIntent(tx, order.id, event.data.object as unknown as IntentFacts, event);
    if (moved) result = { outcome: 'applied', orderId: order.id, movedTo: moved };
  } else if (event.type === 'charge.dispute.created') {
    // The shopper's bank took the money back (a disputed debit is lost at once): booked once, keyed by the dispute.
    const dispute = event.data.object as unknown as DisputeFacts;
    if (await ledger(tx, { orderId: order.id, intentId, kind: 'dispute', amount: dispute.amount, currency: dispute.currency, ref: dispute.id, eventId: event.id })) {
      result = { outcome: 'applied', orderId: order.id };
    }
  } else {
    const list = event.type === 'refund.updated' ? [event.data.object as unknown as RefundFacts] : refunds;
    let recorded = false;
    for (const refund of list) recorded = (await applyRefund(tx, order.id, intentId, refund, event.id)) || recorded;
    if (recorded) result = { outcome: 'applied', orderId: order.id };
  }
  await refreshOrderStatus(tx, order.id);
  return result;
}

/**
 * The order behind an intent, locked for this transaction. An order whose intent id was never
 * saved (the backend died right after creating the intent) is found by the intent's metadata.
 */
async function lockOrder(tx: Queryable, intentId: string, event: Stripe.Event): Promise<OrderRow | undefined> {
  const byIntent = await tx.query<OrderRow>('SELECT id, status, payment_intent_id FROM orders WHERE payment_intent_id = $1 FOR UPDATE', [intentId]);
  if (byIntent.rows[0]) return byIntent.rows[0];
  const metadata = (event.data.object as { metadata?: Record<string, string> }).metadata;
  const orderId = event.data.object.object === 'payment_intent' ? metadata?.order_id : undefined;
  if (!orderId) return undefined;
  const linked = await tx.query<OrderRow>(
    'UPDATE orders SET payment_intent_id = $2, updated_at = now() WHERE id = $1 AND payment_intent_id IS NULL RETURNING id, status, payment_intent_id',
    [orderId, intentId],
  );
  return linked.rows[0];
}

/** Books one money movement; returns whether it was new. */
async function ledger(tx: Queryable, entry: { orderId: string; intentId: string; kind: string; amount: number; currency: string; ref: string; eventId: string }): Promise<boolean> {
  if (entry.amount <= 0) return false;
  const inserted = await tx.query(
    `INSERT INTO ledger_entries (order_id, payment_intent_id, kind, amount, currency, gateway_ref, event_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (kind, gateway_ref) DO NOTHING RETURNING id`,
    [entry.orderId, entry.intentId, entry.kind, entry.amount, entry.currency, entry.ref, entry.eventId],
  );
  return inserted.rows.length > 0;
}

/** Returns the new status when the event moved the payment, undefined when it was old news. */
async function applyIntent(tx: Queryable, orderId: string, intent: IntentFacts, event: Stripe.Event): Promise<string | undefined> {
  const known = (await tx.query<PaymentRow>('SELECT status, last_event_created, charge_id FROM payments WHERE payment_intent_id = $1', [intent.id])).rows[0];
  const chargeId = attemptCharge(intent);
  const knownPayment = known && { status: known.status, lastEventCreated: Number(known.last_event_created), chargeId: known.charge_id };
  if (!supersedes(knownPayment, { status: intent.status, chargeId }, event.created, event.type)) return undefined;
  await tx.query(
    `INSERT INTO payments (payment_intent_id, order_id, status, amount, amount_capturable, amount_received, currency, failure_code, last_event_created, charge_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (payment_intent_id) DO UPDATE SET status = $3, amount = $4, amount_capturable = $5, amount_received = $6,
       failure_code = $8, last_event_created = $9, charge_id = $10, updated_at = now()`,
    [intent.id, orderId, intent.status, intent.amount, intent.amount_capturable, intent.amount_received, intent.currency, intent.last_payment_error?.code ?? null, event.created, chargeId],
  );
  // A bank debit books nothing while `processing`: the money is the bank's to refuse for days, so
  // the capture is booked on `succeeded` only and a late refusal has nothing to reverse.
  const base = { orderId, intentId: intent.id, currency: intent.currency, ref: intent.id, eventId: event.id };
  const manual = intent.capture_method === 'manual';
  if (intent.status === 'requires_capture') {
    await ledger(tx, { ...base, kind: 'authorization', amount: intent.amount_capturable });
  } else if (intent.status === 'succeeded') {
    // A capture whose authorization event was lost or is late still books the hold it came from.
    if (manual) await ledger(tx, { ...base, kind: 'authorization', amount: intent.amount });
    await ledger(tx, { ...base, kind: 'capture', amount: intent.amount_received });
    if (manual) await ledger(tx, { ...base, kind: 'authorization_release', amount: intent.amount - intent.amount_received });
  } else if (intent.status === 'canceled') {
    const held = await tx.query<{ amount: number }>("SELECT amount FROM ledger_entries WHERE kind = 'authorization' AND gateway_ref = $1", [intent.id]);
    if (held.rows[0]) await ledger(tx, { ...base, kind: 'authorization_release', amount: held.rows[0].amount });
  }
  return intent.status;
}

/** Books a settled refund once (its id is the key); returns whether it was new. */
async function applyRefund(tx: Queryable, orderId: string, intentId: string, refund: RefundFacts, eventId: string): Promise<boolean> {
  const status = refund.status ?? 'pending';
  const row = await tx.query<{ status: string }>(
    `INSERT INTO refunds (id, order_id, payment_intent_id, amount, currency, status) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET status = CASE WHEN refunds.status = 'succeeded' THEN refunds.status ELSE EXCLUDED.status END
     RETURNING status`,
    [refund.id, orderId, intentId, refund.amount, refund.currency, status],
  );
  if (row.rows[0]?.status !== 'succeeded') return false;
  const before = await tx.query("SELECT 1 FROM ledger_entries WHERE kind = 'refund' AND gateway_ref = $1", [refund.id]);
  if (before.rows.length > 0) return false;
  await ledger(tx, { orderId, intentId, kind: 'refund', amount: refund.amount, currency: refund.currency, ref: refund.id, eventId });
  return true;
}

async function refreshOrderStatus(tx: Queryable, orderId: string): Promise<void> {
  const facts = await tx.query<{ status: string | null; failure_code: string | null; captured: number; refunded: number; disputed: number }>(
    `SELECT p.status, p.failure_code,
       COALESCE((SELECT sum(amount) FROM ledger_entries WHERE order_id = $1 AND kind = 'capture'), 0)::bigint AS captured,
       COALESCE((SELECT sum(amount) FROM ledger_entries WHERE order_id = $1 AND kind = 'refund'), 0)::bigint AS refunded,
       COALESCE((SELECT sum(amount) FROM ledger_entries WHERE order_id = $1 AND kind = 'dispute'), 0)::bigint AS disputed
     FROM orders o LEFT JOIN payments p ON p.order_id = o.id WHERE o.id = $1`,
    [orderId],
  );
  const row = facts.rows[0];
  if (row === undefined) return;
  const status = orderStatusFor({ intentStatus: row.status ?? undefined, failed: row.failure_code !== null, failureCode: row.failure_code, captured: Number(row.captured), refunded: Number(row.refunded), disputed: Number(row.disputed) });
  await tx.query('UPDATE orders SET status = $2, updated_at = now() WHERE id = $1 AND status <> $2', [orderId, status]);
}
