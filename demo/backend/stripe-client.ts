// The backend's gateway client: the official stripe SDK, pointed at the sandbox gateway by
// default or at Stripe itself (GATEWAY_URL=https://api.stripe.com with real keys). Every
// request's latency goes to the gateway histogram.
import Stripe from 'stripe';
import type { BackendMetrics } from './observability/metrics.ts';

export function createStripeClient(gatewayUrl: string, secretKey: string, metrics?: BackendMetrics): Stripe {
  const url = new URL(gatewayUrl);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  const stripe = new Stripe(secretKey, {
    host: url.hostname,
    port: Number(url.port || (protocol === 'https' ? 443 : 80)),
    protocol,
    maxNetworkRetries: 2,
    timeout: 20_000,
  });
  if (metrics) {
    stripe.on('response', (event: { method: string; path: string; status: number; elapsed: number }) => {
      // Ids make paths unbounded: label by shape (/v1/payment_intents/:id/capture).
      const path = event.path.replace(/\/(pi|re|ch|pm|evt)_[A-Za-z0-9_]+/g, '/:id').split('?')[0]!;
      metrics.gatewayLatency.observe({ method: event.method, path, status: String(event.status) }, event.elapsed / 1000);
    });
  }
  return stripe;
}
