// Stripe's webhook signature: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">`
// keyed with the endpoint's `whsec_` secret, as stripe.webhooks.constructEvent verifies it.
import { createHmac } from 'node:crypto';
import { randomAlphanumeric } from './random-ids.ts';

export function newWebhookSecret(): string {
  return `whsec_${randomAlphanumeric(32)}`;
}

export function signatureHeader(secret: string, payload: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
