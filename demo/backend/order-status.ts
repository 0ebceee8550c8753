// How a PaymentIntent's status decides its order's status, and which newer piece of news may
// overwrite older: statuses only move forward (a succeeded or canceled intent is final), and
// among equals the later event wins. This is what makes duplicate and out-of-order webhooks safe.

export type OrderStatus = 'created' | 'pending' | 'failed' | 'requires_authentication' | 'authorized' | 'paid' | 'partially_refunded' | 'refunded' | 'canceled';

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
}

/**
 * Whether an event saying `incoming` (created at `eventCreated`) may replace what we know. A
 * `payment_intent.created` tells only that the intent exists: it never replaces news about it,
 * however late it comes (an off-session charge is created and fails in the same second, and a
 * late "created" would otherwise wipe its authentication_required).
 */
export function supersedes(known: KnownPayment | undefined, incoming: string, eventCreated: number, eventType?: string): boolean {
  if (known === undefined) return true;
  if (eventType === 'payment_intent.created') return false;
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
}

export function orderStatusFor(facts: PaymentFacts): OrderStatus {
  switch (facts.intentStatus) {
    case undefined:
      return 'pending';
    case 'succeeded':
      if (facts.refunded > 0 && facts.refunded >= facts.captured) return 'refunded';
      return facts.refunded > 0 ? 'partially_refunded' : 'paid';
    case 'requires_capture':
      return 'authorized';
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
