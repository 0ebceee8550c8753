// POST /webhooks/stripe: verifies the Stripe-Signature on the raw body with the endpoint's
// whsec_ secret (stripe.webhooks.constructEvent: bad signature or a timestamp older than the
// tolerance -> 400, nothing processed), then applies the event exactly once.
import type { IncomingMessage } from 'node:http';
import type Stripe from 'stripe';
import type { Database } from './db/database.ts';
import { ApiError } from './http/api-error.ts';
import { readRawBody } from './http/request-body.ts';
import type { Logger } from './observability/logger.ts';
import type { BackendMetrics } from './observability/metrics.ts';
import { applyEvent, type AppliedEvent } from './payment-events.ts';

export interface WebhookReceiverContext {
  db: Database;
  stripe: Stripe;
  webhookSecret: string;
  /** Seconds a signature stays valid (Stripe's default: 300). */
  toleranceSeconds?: number;
  metrics: BackendMetrics;
}

export async function receiveWebhook(req: IncomingMessage, context: WebhookReceiverContext, log: Logger): Promise<AppliedEvent & { eventId: string }> {
  const raw = await readRawBody(req);
  const header = req.headers['stripe-signature'];
  let event: Stripe.Event;
  try {
    if (typeof header !== 'string') throw new Error('No Stripe-Signature header.');
    event = context.stripe.webhooks.constructEvent(raw, header, context.webhookSecret, context.toleranceSeconds ?? 300);
  } catch (error) {
    const stale = /tolerance/i.test((error as Error).message);
    const reason = typeof header !== 'string' ? 'missing_signature' : stale ? 'stale_timestamp' : 'bad_signature';
    context.metrics.webhookFailures.inc({ reason });
    log.warn({ reason }, 'webhook refused');
    throw new ApiError(400, reason, stale ? 'The webhook timestamp is outside the tolerance.' : 'The webhook signature does not verify.');
  }
  try {
    const result = await applyEvent(context.db, event, async (paymentIntentId) => {
      const list = await context.stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 });
      return list.data.map((refund) => ({ id: refund.id, amount: refund.amount, currency: refund.currency, status: refund.status, payment_intent: paymentIntentId }));
    });
    context.metrics.webhooksReceived.inc({ type: event.type, outcome: result.outcome });
    if (result.movedTo) context.metrics.paymentTransitions.inc({ status: result.movedTo });
    log.info({ eventId: event.id, type: event.type, outcome: result.outcome, orderId: result.orderId }, 'webhook processed');
    return { ...result, eventId: event.id };
  } catch (error) {
    context.metrics.webhookFailures.inc({ reason: 'processing_error' });
    log.error({ err: error, eventId: event.id, type: event.type }, 'webhook processing failed; the gateway will retry');
    throw new ApiError(500, 'processing_failed', 'The event could not be processed; send it again.');
  }
}
