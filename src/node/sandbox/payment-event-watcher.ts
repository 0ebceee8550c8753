// Turns changes in the sandbox's payment records into webhook events: after each request, it
// compares every intent with what it last saw (status, last_payment_error) and looks for new
// refunds, so no endpoint handler has to remember to announce what it changed.
import type { PaymentIntent } from './payment-intent-object.ts';
import type { PaymentStore } from './payment-store.ts';
import { buildEvent, type CausingRequest, type GatewayEvent } from './webhook-events.ts';

interface IntentSnapshot {
  status: PaymentIntent['status'];
  amountCapturable: number;
  lastPaymentError: PaymentIntent['last_payment_error'];
}

const CREATED: IntentSnapshot = { status: 'requires_payment_method', amountCapturable: 0, lastPaymentError: null };

export class PaymentEventWatcher {
  private readonly intents = new Map<string, IntentSnapshot>();
  private readonly seenRefunds = new Set<string>();

  /** What the store already holds (restored from a data folder) was announced before: only changes from now on are. */
  constructor(private readonly payments: PaymentStore) {
    for (const { intent } of payments.intentsNewestFirst()) this.intents.set(intent.id, { status: intent.status, amountCapturable: intent.amount_capturable, lastPaymentError: intent.last_payment_error });
    for (const { refund } of payments.refundsNewestFirst()) this.seenRefunds.add(refund.id);
  }

  /** The events for what changed since the last call, oldest change first. */
  collect(request: CausingRequest, now = new Date()): GatewayEvent[] {
    const events: GatewayEvent[] = [];
    for (const { intent } of this.payments.intentsNewestFirst()) {
      // A new intent is compared with how every intent starts, so one created with confirm=true
      // announces its outcome (Stripe's payment_intent.created itself is not sent).
      const before = this.intents.get(intent.id) ?? CREATED;
      this.intents.set(intent.id, { status: intent.status, amountCapturable: intent.amount_capturable, lastPaymentError: intent.last_payment_error });
      events.push(...intentEvents(intent, before, request, now));
    }
    const newRefunds = [];
    for (const { refund } of this.payments.refundsNewestFirst()) {
      if (this.seenRefunds.has(refund.id)) break;
      this.seenRefunds.add(refund.id);
      newRefunds.unshift(refund);
    }
    for (const refund of newRefunds) {
      const charge = this.payments.charge(refund.charge);
      if (charge !== undefined) events.push(buildEvent('charge.refunded', charge, request, undefined, now));
      // Sandbox refunds settle at once: their one update, to succeeded, is announced with them.
      events.push(buildEvent('refund.updated', refund, request, { status: 'pending' }, now));
    }
    return events;
  }
}

function intentEvents(intent: PaymentIntent, before: IntentSnapshot, request: CausingRequest, now: Date): GatewayEvent[] {
  const events: GatewayEvent[] = [];
  const previous = { status: before.status };
  if (intent.last_payment_error !== null && intent.last_payment_error !== before.lastPaymentError) {
    events.push(buildEvent('payment_intent.payment_failed', intent, request, { ...previous, last_payment_error: before.lastPaymentError }, now));
  }
  if (intent.status === before.status) return events;
  if (intent.status === 'requires_capture') {
    events.push(buildEvent('payment_intent.amount_capturable_updated', intent, request, { ...previous, amount_capturable: before.amountCapturable }, now));
  } else if (intent.status === 'processing') {
    // A bank debit under way: its outcome comes later (bank-debit-payments.ts).
    events.push(buildEvent('payment_intent.processing', intent, request, previous, now));
  } else if (intent.status === 'succeeded') {
    events.push(buildEvent('payment_intent.succeeded', intent, request, previous, now));
  } else if (intent.status === 'canceled') {
    events.push(buildEvent('payment_intent.canceled', intent, request, previous, now));
  }
  return events;
}
