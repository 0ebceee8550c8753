// Orders: created from the server's catalogue with a PaymentIntent for their amount (the
// browser only says which item), read back for the shop page and the operations page.
import type Stripe from 'stripe';
import { catalogueItem } from './catalogue.ts';
import type { Database } from './db/database.ts';
import { ApiError, notFound } from './http/api-error.ts';
import { newOrderId } from './ids.ts';
import type { OrderStatus, PaymentMethodType } from './order-status.ts';

export type CaptureMethod = 'automatic' | 'manual';

export interface OrderSummary {
  id: string;
  sku: string;
  description: string;
  amount: number;
  currency: string;
  captureMethod: CaptureMethod;
  paymentMethodType: PaymentMethodType;
  status: OrderStatus;
  /** The gateway's last_payment_error.code when the payment failed (a bank's refusal, a decline). */
  failureCode: string | null;
  paymentIntentId: string | null;
  createdAt: string;
  authorized: number;
  captured: number;
  refunded: number;
  disputed: number;
}

// A bank debit is in its scheme's currency (Stripe's rule) and is never held for a later capture.
const BANK_DEBIT_CURRENCY: Partial<Record<PaymentMethodType, string>> = { sepa_debit: 'eur', us_bank_account: 'usd' };

function checkPaymentMethod(type: PaymentMethodType, currency: string, captureMethod: CaptureMethod): void {
  const required = BANK_DEBIT_CURRENCY[type];
  if (required === undefined) return;
  if (currency !== required) {
    throw new ApiError(422, 'payment_method_currency_mismatch', `A ${type} payment is in ${required.toUpperCase()}; this item is priced in ${currency.toUpperCase()}.`);
  }
  if (captureMethod !== 'automatic') throw new ApiError(422, 'capture_method_unsupported', `A ${type} payment cannot be held for a later capture; use captureMethod "automatic".`);
}

export interface CreatedOrder {
  order: OrderSummary;
  /** For the shopper's browser only: never stored, never logged. */
  clientSecret: string;
}

/** A logged-in shopper's order: theirs in our books, their gateway customer's at the gateway. */
export interface ShopperTerms {
  shopperId: string;
  customerId: string;
  /** "Save my card": the card paid with is kept for the customer (off session later). */
  saveCard: boolean;
  /** A saved card (checked to be the shopper's): the intent pays with it, the drop-in asks for its CVC. */
  paymentMethod?: string;
}

/**
 * `id`: the order id an idempotency claim chose (order-requests.ts); a retry of that claim finds its
 * row already written. A shopper's order is written and its intent created with the shopper's terms
 * in one go (no later update), so a retry under the same key replays all of it.
 */
export async function createOrder(
  db: Database,
  stripe: Stripe,
  sku: string,
  captureMethod: CaptureMethod,
  id: string = newOrderId(),
  paymentMethodType: PaymentMethodType = 'card',
  shopper?: ShopperTerms,
): Promise<CreatedOrder> {
  const item = catalogueItem(sku);
  if (item === undefined) throw new ApiError(400, 'unknown_item', 'There is no such item in the catalogue.');
  checkPaymentMethod(paymentMethodType, item.currency, captureMethod);
  await db.query(
    'INSERT INTO orders (id, sku, description, amount, currency, capture_method, payment_method_type, shopper_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING',
    [id, item.sku, item.name, item.amount, item.currency, captureMethod, paymentMethodType, shopper?.shopperId ?? null],
  );
  // A card order keeps the gateway's default; a bank debit's intent takes that one type only.
  const methodTypes = paymentMethodType === 'card' ? {} : { payment_method_types: [paymentMethodType] };
  const shopperTerms = shopper
    ? {
        customer: shopper.customerId,
        ...(shopper.saveCard && !shopper.paymentMethod ? { setup_future_usage: 'off_session' as const } : {}),
        ...(shopper.paymentMethod ? { payment_method: shopper.paymentMethod } : {}),
      }
    : {};
  let intent: Stripe.PaymentIntent;
  try {
    intent = await stripe.paymentIntents.create(
      { amount: item.amount, currency: item.currency, capture_method: captureMethod, description: item.name, metadata: { order_id: id }, ...methodTypes, ...shopperTerms },
      // The order id keys the request: a retry (ours or the SDK's) never makes a second intent.
      { idempotencyKey: `order-${id}-intent` },
    );
  } catch (error) {
    throw new ApiError(502, 'gateway_unavailable', 'The payment gateway could not start the payment; try again.', error);
  }
  const updated = await db.query<{ created_at: Date | string; status: OrderStatus }>(
    // Only a new order becomes pending: one a webhook (or a retried claim's) already moved keeps its status.
    "UPDATE orders SET payment_intent_id = $2, status = CASE WHEN status = 'created' THEN 'pending' ELSE status END, updated_at = now() WHERE id = $1 RETURNING created_at, status",
    [id, intent.id],
  );
  const row = updated.rows[0]!;
  const order: OrderSummary = {
    id,
    sku: item.sku,
    description: item.name,
    amount: item.amount,
    currency: item.currency,
    captureMethod,
    paymentMethodType,
    failureCode: null,
    // A webhook may already have moved it (a very fast payer): the row says.
    status: row.status,
    paymentIntentId: intent.id,
    createdAt: new Date(row.created_at).toISOString(),
    authorized: 0,
    captured: 0,
    refunded: 0,
    disputed: 0,
  };
  return { order, clientSecret: intent.client_secret! };
}

const SUMMARY_SQL = `SELECT o.id, o.sku, o.description, o.amount, o.currency, o.capture_method, o.payment_method_type, o.status, o.payment_intent_id, o.created_at,
  (SELECT p.failure_code FROM payments p WHERE p.payment_intent_id = o.payment_intent_id) AS failure_code,
  COALESCE(SUM(l.amount) FILTER (WHERE l.kind = 'dispute'), 0)::bigint AS disputed,
  COALESCE(SUM(l.amount) FILTER (WHERE l.kind = 'authorization'), 0)::bigint AS authorized,
  COALESCE(SUM(l.amount) FILTER (WHERE l.kind = 'capture'), 0)::bigint AS captured,
  COALESCE(SUM(l.amount) FILTER (WHERE l.kind = 'refund'), 0)::bigint AS refunded
FROM orders o LEFT JOIN ledger_entries l ON l.order_id = o.id`;

interface SummaryRow {
  id: string;
  sku: string;
  description: string;
  amount: number;
  currency: string;
  capture_method: CaptureMethod;
  payment_method_type: PaymentMethodType;
  failure_code: string | null;
  disputed: number;
  status: OrderStatus;
  payment_intent_id: string | null;
  created_at: Date | string;
  authorized: number;
  captured: number;
  refunded: number;
}

function toSummary(row: SummaryRow): OrderSummary {
  return {
    id: row.id,
    sku: row.sku,
    description: row.description,
    amount: Number(row.amount),
    currency: row.currency,
    captureMethod: row.capture_method,
    paymentMethodType: row.payment_method_type,
    status: row.status,
    failureCode: row.failure_code,
    paymentIntentId: row.payment_intent_id,
    createdAt: new Date(row.created_at).toISOString(),
    authorized: Number(row.authorized),
    captured: Number(row.captured),
    refunded: Number(row.refunded),
    disputed: Number(row.disputed),
  };
}

export async function getOrder(db: Database, id: string): Promise<OrderSummary> {
  const result = await db.query<SummaryRow>(`${SUMMARY_SQL} WHERE o.id = $1 GROUP BY o.id`, [id]);
  if (!result.rows[0]) throw notFound('order');
  return toSummary(result.rows[0]);
}

export async function listOrders(db: Database, limit = 100): Promise<OrderSummary[]> {
  const result = await db.query<SummaryRow>(`${SUMMARY_SQL} GROUP BY o.id ORDER BY o.created_at DESC, o.id LIMIT $1`, [limit]);
  return result.rows.map(toSummary);
}

export interface LedgerEntry {
  id: number;
  kind: string;
  amount: number;
  currency: string;
  gatewayRef: string;
  eventId: string | null;
  createdAt: string;
}

export async function ledgerFor(db: Database, orderId: string): Promise<LedgerEntry[]> {
  const result = await db.query<{ id: number; kind: string; amount: number; currency: string; gateway_ref: string; event_id: string | null; created_at: Date | string }>(
    'SELECT id, kind, amount, currency, gateway_ref, event_id, created_at FROM ledger_entries WHERE order_id = $1 ORDER BY id',
    [orderId],
  );
  return result.rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    amount: Number(row.amount),
    currency: row.currency,
    gatewayRef: row.gateway_ref,
    eventId: row.event_id,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

export async function countOrdersByStatus(db: Database): Promise<Record<string, number>> {
  const result = await db.query<{ status: string; count: number }>('SELECT status, count(*)::bigint AS count FROM orders GROUP BY status');
  return Object.fromEntries(result.rows.map((row) => [row.status, Number(row.count)]));
}
