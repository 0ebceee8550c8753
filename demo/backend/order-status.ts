// How a PaymentIntent's status decides its order's status, and which newer piece of news may
// overwrite older: statuses only move forward (a succeeded or canceled intent is final), and
// among equals the later event wins. This is what makes duplicate and out-of-order webhooks safe.
// A bank debit is the one step back: `processing` for days, then the bank may refuse it
// (`requires_payment_method`); the charge of the attempt tells that refusal from older news.

export type OrderStatus =
  | 'created'
  | 'pending'
  | 'processing'
  | 'failed'
  | 'requires_authentication'
  | 'authorized'
  | 'paid'
  | 'partially_refunded'
  | 'refunded'
  | 'disputed'
  | 'canceled';

/** How the shopper pays an order: the PaymentIntent is created for this one type. */
export const PAYMENT_METHOD_TYPES = ['card', 'sepa_debit', 'us_bank_account'] as const;
export type PaymentMethodType = (typeof PAYMENT_METHOD_TYPES)[number];

const RANK: Record<string, number> = {
  requires_payment_method: 0,
  requires_confirmation: 0,
  requires_action: 0,
  processing: 1,
  requires_capture: 2,
  succeeded: 3,
  canceled: 3,
};

export function statusRank(intentStatus: string): number {
  return RANK[intentStatus] ?? 0;
}

export const FINAL_RANK = 3;

export interface KnownPayment {
  status: string;
  lastEventCreated: number;
  /** The charge of the attempt the status is about (see attemptCharge). */
  chargeId?: string | null;
}

export interface IncomingPayment {
  status: string;
  chargeId?: string | null;
}

/**
 * The charge of the attempt an intent's status is about: the failed one for an intent back at
 * `requires_payment_method`, else its latest. Event timestamps cannot order a bank's answer
 * (a test clock, or the same second): the attempt can.
 */
export function attemptCharge(intent: { status: string; latest_charge?: string | { id: string } | null; last_payment_error?: { charge?: string } | null }): string | null {
  if (intent.status === 'requires_payment_method' && intent.last_payment_error?.charge) return intent.last_payment_error.charge;
  const latest = intent.latest_charge;
  return (typeof latest === 'string' ? latest : latest?.id) ?? null;
}

/**
 * Whether an event saying `incoming` (created at `eventCreated`) may replace what we know. A
 * `payment_intent.created` tells only that the intent exists: it never replaces news about it,
 * however late it comes (an off-session charge is created and fails in the same second, and a
 * late "created" would otherwise wipe its authentication_required).
 */
export function supersedes(known: KnownPayment | undefined, incomingPayment: string | IncomingPayment, eventCreated: number, eventType?: string): boolean {
  if (known === undefined) return true;
  if (eventType === 'payment_intent.created') return false;
  const incoming = typeof incomingPayment === 'string' ? incomingPayment : incomingPayment.status;
  const incomingCharge = typeof incomingPayment === 'string' ? null : (incomingPayment.chargeId ?? null);
  if (known.chargeId && known.chargeId === incomingCharge) {
    // The same attempt: the bank's refusal ends its processing, and its processing, late, never revives it.
    if (known.status === 'processing' && incoming === 'requires_payment_method') return true;
    if (known.status === 'requires_payment_method' && incoming === 'processing') return false;
  }
  const from = statusRank(known.status);
  const to = statusRank(incoming);
  if (from === FINAL_RANK) return false;
  if (to !== from) return to > from;
  return eventCreated >= known.lastEventCreated;
}

export interface PaymentFacts {
  intentStatus: string | undefined;
  failed: boolean;
  /** The last payment error's code, when it failed. */
  failureCode?: string | null;
  captured: number;
  refunded: number;
  /** Taken back by the shopper's bank (a dispute on a debit or a card payment). */
  disputed?: number;
}

export function orderStatusFor(facts: PaymentFacts): OrderStatus {
  switch (facts.intentStatus) {
    case undefined:
      return 'pending';
    case 'succeeded':
      if ((facts.disputed ?? 0) > 0) return 'disputed';
      if (facts.refunded > 0 && facts.refunded >= facts.captured) return 'refunded';
      return facts.refunded > 0 ? 'partially_refunded' : 'paid';
    case 'requires_capture':
      return 'authorized';
    case 'processing':
      // A bank debit waits for the bank: not paid, not to be fulfilled yet.
      return 'processing';
    case 'canceled':
      return 'canceled';
    case 'requires_payment_method':
      // The bank wants the shopper (an off-session charge): the order waits for them to authenticate.
      if (facts.failed && facts.failureCode === 'authentication_required') return 'requires_authentication';
      return facts.failed ? 'failed' : 'pending';
    default:
      return 'pending';
  }
}
