// The backend's Prometheus metrics (prom-client), in a registry of its own so several backends
// in one process (tests) do not collide. Served at /metrics.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class BackendMetrics {
  readonly registry = new Registry();

  /** Orders by status, read from the database when scraped. */
  readonly ordersByStatus: Gauge;

  readonly paymentTransitions = new Counter({
    name: 'payframe_payment_status_transitions_total',
    help: 'Payments that moved to a status, from verified webhooks.',
    labelNames: ['status'],
    registers: [this.registry],
  });

  readonly gatewayLatency = new Histogram({
    name: 'payframe_gateway_request_duration_seconds',
    help: 'Time the gateway took to answer the backend (stripe-node requests).',
    labelNames: ['method', 'path', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly webhooksReceived = new Counter({
    name: 'payframe_webhooks_received_total',
    help: 'Verified webhook events, by type and what processing did with them.',
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });

  readonly webhookFailures = new Counter({
    name: 'payframe_webhook_failures_total',
    help: 'Webhook requests refused or not processed: bad signature, stale timestamp, processing error.',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  readonly reconciliationMismatches = new Gauge({
    name: 'payframe_reconciliation_mismatches',
    help: 'Mismatches found by the last reconciliation run, by kind.',
    labelNames: ['result'],
    registers: [this.registry],
  });

  readonly reconciliationRuns = new Counter({ name: 'payframe_reconciliation_runs_total', help: 'Reconciliation runs.', registers: [this.registry] });

  readonly httpRequests = new Histogram({
    name: 'payframe_backend_http_request_duration_seconds',
    help: 'Backend HTTP requests by route and status.',
    labelNames: ['route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(collectOrders: () => Promise<Record<string, number>>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'payframe_backend_' });
    this.ordersByStatus = new Gauge({
      name: 'payframe_orders',
      help: 'Orders by status (from the database).',
      labelNames: ['status'],
      registers: [this.registry],
      // prom-client calls this on every scrape.
      async collect() {
        this.reset();
        for (const [status, count] of Object.entries(await collectOrders())) this.set({ status }, count);
      },
    });
  }
}
