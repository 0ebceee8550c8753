// Reconciliation: the ledger against the gateway's own records for a period. Every intent and
// refund the gateway lists (through the SDK) must match an order and ledger entries, with the
// same captured and refunded amounts and a consistent status; every order and ledger refund must
// exist at the gateway. A payment at the gateway with no order behind it is a mismatch.
import type Stripe from 'stripe';
import type { Database } from './db/database.ts';
import { orderStatusFor } from './order-status.ts';

export type ReconciliationResult = 'matched' | 'missing_in_ledger' | 'missing_at_gateway' | 'amount_mismatch' | 'status_mismatch';

export interface ReconciliationRow {
  result: ReconciliationResult;
  /** payment: one PaymentIntent and its order; refund: one refund. */
  kind: 'payment' | 'refund';
  gatewayId: string;
  orderId: string | null;
  currency: string;
  ledgerAmount: number | null;
  gatewayAmount: number | null;
  ledgerStatus: string | null;
  gatewayStatus: string | null;
  detail: string;
}

export interface ReconciliationReport {
  since: string;
  generatedAt: string;
  rows: ReconciliationRow[];
  counts: Record<ReconciliationResult, number>;
  mismatches: number;
}

interface LedgerOrder {
  id: string;
  status: string;
  payment_intent_id: string;
  currency: string;
  captured: number;
  refunded: number;
  disputed: number;
}

// Payments the books must hold: money moved or is held. Unpaid, abandoned intents are not payments.
function movedMoney(intent: Stripe.PaymentIntent): boolean {
  return intent.amount_received > 0 || intent.amount_capturable > 0 || intent.status === 'succeeded' || intent.status === 'requires_capture';
}

const ORDER_TOTALS_SQL = `SELECT o.id, o.status, o.payment_intent_id, o.currency,
  COALESCE(SUM(l.amount) FILTER (WHERE l.kind = 'capture'), 0)::bigint AS captured,
  COALESCE(SUM(l.amount) FILTER (WHERE l.kind = 'refund'), 0)::bigint AS refunded,
  COALESCE(SUM(l.amount) FILTER (WHERE l.kind = 'dispute'), 0)::bigint AS disputed
FROM orders o LEFT JOIN ledger_entries l ON l.order_id = o.id`;

export async function reconcile(db: Database, stripe: Stripe, since: Date, now = new Date()): Promise<ReconciliationReport> {
  const gte = Math.floor(since.getTime() / 1000);
  const intents = new Map<string, Stripe.PaymentIntent>();
  for await (const intent of stripe.paymentIntents.list({ created: { gte }, limit: 100 })) intents.set(intent.id, intent);
  const gatewayRefunds = new Map<string, Stripe.Refund>();
  for await (const refund of stripe.refunds.list({ created: { gte }, limit: 100 })) gatewayRefunds.set(refund.id, refund);

  // Orders of the period, and the orders of any intent of the period (made a moment before it began).
  const orders = (
    await db.query<LedgerOrder>(`${ORDER_TOTALS_SQL} WHERE o.payment_intent_id IS NOT NULL AND (o.created_at >= $1 OR o.payment_intent_id = ANY($2)) GROUP BY o.id`, [
      since.toISOString(),
      [...intents.keys()],
    ])
  ).rows;
  const ordersByIntent = new Map(orders.map((order) => [order.payment_intent_id, order]));
  const ledgerRefunds = (
    await db.query<{ gateway_ref: string; order_id: string; amount: number; currency: string }>(
      "SELECT gateway_ref, order_id, amount, currency FROM ledger_entries WHERE kind = 'refund' AND created_at >= $1",
      [since.toISOString()],
    )
  ).rows;

  // Orders made just before the period may have intents listed outside it: fetch those one by one.
  for (const order of orders) {
    if (intents.has(order.payment_intent_id)) continue;
    try {
      intents.set(order.payment_intent_id, await stripe.paymentIntents.retrieve(order.payment_intent_id));
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
  }

  const rows: ReconciliationRow[] = [];
  for (const intent of intents.values()) {
    const order = ordersByIntent.get(intent.id);
    if (order === undefined) {
      if (movedMoney(intent)) {
        rows.push(row('missing_in_ledger', 'payment', intent.id, null, intent.currency, null, intent.amount_received, null, intent.status, 'A payment at the gateway with no order behind it.'));
      }
      continue;
    }
    rows.push(comparePayment(intent, order));
  }
  for (const order of orders) {
    if (!intents.has(order.payment_intent_id)) {
      rows.push(row('missing_at_gateway', 'payment', order.payment_intent_id, order.id, order.currency, Number(order.captured), null, order.status, null, 'The gateway has no such PaymentIntent.'));
    }
  }

  const ledgerRefundIds = new Map(ledgerRefunds.map((entry) => [entry.gateway_ref, entry]));
  for (const refund of gatewayRefunds.values()) {
    const entry = ledgerRefundIds.get(refund.id);
    const intentId = typeof refund.payment_intent === 'string' ? refund.payment_intent : (refund.payment_intent?.id ?? '');
    const orderId = ordersByIntent.get(intentId)?.id ?? entry?.order_id ?? null;
    if (refund.status !== 'succeeded') continue;
    if (entry === undefined) {
      rows.push(row('missing_in_ledger', 'refund', refund.id, orderId, refund.currency, null, refund.amount, null, refund.status, 'A refund at the gateway the ledger does not hold.'));
    } else if (Number(entry.amount) !== refund.amount) {
      rows.push(row('amount_mismatch', 'refund', refund.id, orderId, refund.currency, Number(entry.amount), refund.amount, 'succeeded', refund.status, 'The refunded amounts differ.'));
    } else {
      rows.push(row('matched', 'refund', refund.id, orderId, refund.currency, Number(entry.amount), refund.amount, 'succeeded', refund.status, ''));
    }
  }
  for (const entry of ledgerRefunds) {
    if (!gatewayRefunds.has(entry.gateway_ref)) {
      rows.push(row('missing_at_gateway', 'refund', entry.gateway_ref, entry.order_id, entry.currency, Number(entry.amount), null, 'succeeded', null, 'The ledger holds a refund the gateway does not list.'));
    }
  }

  const counts: Record<ReconciliationResult, number> = { matched: 0, missing_in_ledger: 0, missing_at_gateway: 0, amount_mismatch: 0, status_mismatch: 0 };
  for (const entry of rows) counts[entry.result] += 1;
  rows.sort((a, b) => Number(a.result === 'matched') - Number(b.result === 'matched') || a.gatewayId.localeCompare(b.gatewayId));
  return { since: since.toISOString(), generatedAt: now.toISOString(), rows, counts, mismatches: rows.length - counts.matched };
}

/** One payment: captured amounts and statuses (each refund is compared on its own row). */
function comparePayment(intent: Stripe.PaymentIntent, order: LedgerOrder): ReconciliationRow {
  const captured = Number(order.captured);
  const expected = orderStatusFor({
    intentStatus: intent.status,
    failed: intent.last_payment_error !== null,
    failureCode: intent.last_payment_error?.code ?? null,
    captured: intent.amount_received,
    refunded: Number(order.refunded),
    // Disputes are the ledger's (not listed from the gateway yet): a disputed order is consistent with its succeeded intent.
    disputed: Number(order.disputed),
  });
  const make = (result: ReconciliationResult, detail: string) =>
    row(result, 'payment', intent.id, order.id, intent.currency, captured, intent.amount_received, order.status, intent.status, detail);
  if (captured !== intent.amount_received) return make('amount_mismatch', `Captured ${captured} in the ledger, ${intent.amount_received} at the gateway.`);
  // An intent the shopper never finished (pending vs failed, or an off-session charge waiting for
  // the shopper to authenticate) is not a bookkeeping difference: no money moved.
  const unpaid = (status: string) => status === 'pending' || status === 'failed' || status === 'created' || status === 'requires_authentication';
  if (expected !== order.status && !(unpaid(expected) && unpaid(order.status))) {
    return make('status_mismatch', `The order is ${order.status}; the gateway's ${intent.status} intent means ${expected}.`);
  }
  return make('matched', '');
}

function row(
  result: ReconciliationResult,
  kind: 'payment' | 'refund',
  gatewayId: string,
  orderId: string | null,
  currency: string,
  ledgerAmount: number | null,
  gatewayAmount: number | null,
  ledgerStatus: string | null,
  gatewayStatus: string | null,
  detail: string,
): ReconciliationRow {
  return { result, kind, gatewayId, orderId, currency, ledgerAmount, gatewayAmount, ledgerStatus, gatewayStatus, detail };
}
