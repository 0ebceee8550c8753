// The Event object in Stripe's shape (evt_ id, type, data.object as it was when the event
// happened, previous_attributes, the request that caused it) for the sandbox's webhooks.
import { randomAlphanumeric } from './random-ids.ts';

export const WEBHOOK_EVENT_TYPES = [
  'payment_intent.processing',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.amount_capturable_updated',
  'payment_intent.canceled',
  'charge.refunded',
  'charge.dispute.created',
  'mandate.updated',
  'refund.updated',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'payment_method.attached',
  'payment_method.detached',
  'setup_intent.created',
  'setup_intent.requires_action',
  'setup_intent.succeeded',
  'setup_intent.setup_failed',
  'setup_intent.canceled',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

// The API version of the stripe-node release the sandbox is tested with.
export const EVENT_API_VERSION = '2026-10-28.endive';

export interface CausingRequest {
  id: string | null;
  idempotency_key: string | null;
}

export interface GatewayEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: CausingRequest;
  type: WebhookEventType;
}

export function newEventId(): string {
  return `evt_${randomAlphanumeric(24)}`;
}

/** `object` is copied: later changes to the live record must not rewrite what the event said. */
export function buildEvent(
  type: WebhookEventType,
  object: unknown,
  request: CausingRequest,
  previousAttributes?: Record<string, unknown>,
  now = new Date(),
): GatewayEvent {
  return {
    id: newEventId(),
    object: 'event',
    api_version: EVENT_API_VERSION,
    created: Math.floor(now.getTime() / 1000),
    data: { object: structuredClone(object), ...(previousAttributes ? { previous_attributes: previousAttributes } : {}) },
    livemode: false,
    pending_webhooks: 0,
    request,
    type,
  };
}
