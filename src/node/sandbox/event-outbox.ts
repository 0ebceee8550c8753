// The events an account's requests announce by name (customers, saved cards, setup intents),
// queued while a request runs and sent as webhook events when it ends, alongside the events
// PaymentEventWatcher finds by comparing payment records.
import { buildEvent, type CausingRequest, type GatewayEvent, type WebhookEventType } from './webhook-events.ts';

interface PendingEvent {
  type: WebhookEventType;
  /** Copied now: the event says what the object was when it happened. */
  object: unknown;
  previousAttributes: Record<string, unknown> | undefined;
}

export class EventOutbox {
  private pending: PendingEvent[] = [];

  record(type: WebhookEventType, object: unknown, previousAttributes?: Record<string, unknown>): void {
    this.pending.push({ type, object: structuredClone(object), previousAttributes });
  }

  /** The queued events, oldest first, as events of `request`; the queue is emptied. */
  collect(request: CausingRequest, now = new Date()): GatewayEvent[] {
    const events = this.pending.map(({ type, object, previousAttributes }) => buildEvent(type, object, request, previousAttributes, now));
    this.pending = [];
    return events;
  }
}
