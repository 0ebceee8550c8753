// Delivers the sandbox's events to registered webhook endpoints as Stripe does: a JSON POST
// signed with the endpoint's whsec_ secret (a fresh timestamp per attempt), retried with
// backoff while the endpoint answers non-2xx or cannot be reached, a bounded number of times.
// Tests can hold deliveries and release them reversed or duplicated, and replay any event.
import { randomAlphanumeric } from './random-ids.ts';
import { newWebhookSecret, signatureHeader } from './webhook-signature.ts';
import type { GatewayEvent } from './webhook-events.ts';

export interface WebhookEndpoint {
  id: string;
  url: string;
  secret: string;
}

export interface WebhookDispatcherOptions {
  /** Waits before each retry; its length bounds the attempts (1 + retries). */
  retryDelaysMs?: readonly number[];
  /** How long one attempt may take before it counts as failed. */
  attemptTimeoutMs?: number;
  /** Deliveries in flight at once, across endpoints. */
  maxConcurrent?: number;
}

export interface DeliveryAttempt {
  at: number;
  /** The HTTP status, or 0 when the endpoint could not be reached or timed out. */
  status: number;
}

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  state: 'pending' | 'held' | 'succeeded' | 'failed';
  attempts: DeliveryAttempt[];
}

// Stripe retries for three days; the sandbox keeps the shape (growing waits) at demo scale.
const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000];
const MAX_EVENTS = 10_000;

export class WebhookDispatcher {
  private readonly endpoints = new Map<string, WebhookEndpoint>();
  private readonly events = new Map<string, GatewayEvent>();
  private readonly deliveries: Delivery[] = [];
  private readonly ready: Delivery[] = [];
  private readonly held: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly idleWaiters: (() => void)[] = [];
  private active = 0;
  private waiting = 0;
  private holding = false;
  private duplicates = 0;
  private closed = false;
  private readonly retryDelaysMs: readonly number[];
  private readonly attemptTimeoutMs: number;
  private readonly maxConcurrent: number;

  constructor(options: WebhookDispatcherOptions = {}) {
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
    this.maxConcurrent = options.maxConcurrent ?? 16;
  }

  /** Registers an endpoint; its secret is made here unless given (a fixed one survives restarts). */
  addEndpoint(url: string, secret = newWebhookSecret()): WebhookEndpoint {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('A webhook endpoint URL must be http(s).');
    const endpoint = { id: `we_${randomAlphanumeric(24)}`, url: parsed.href, secret };
    this.endpoints.set(endpoint.id, endpoint);
    return endpoint;
  }

  removeEndpoint(id: string): boolean {
    return this.endpoints.delete(id);
  }

  listEndpoints(): WebhookEndpoint[] {
    return [...this.endpoints.values()];
  }

  event(id: string): GatewayEvent | undefined {
    return this.events.get(id);
  }

  /** Every event published, oldest first. */
  listEvents(): GatewayEvent[] {
    return [...this.events.values()];
  }

  listDeliveries(): Delivery[] {
    return this.deliveries.map((delivery) => ({ ...delivery, attempts: [...delivery.attempts] }));
  }

  publish(event: GatewayEvent): void {
    event.pending_webhooks = this.endpoints.size;
    if (this.events.size >= MAX_EVENTS) this.events.delete(this.events.keys().next().value!);
    this.events.set(event.id, event);
    for (const endpoint of this.endpoints.values()) this.enqueue(event, endpoint);
  }

  /**
   * Events some endpoint has not yet answered (queued, held, or waiting for a retry), oldest first:
   * what a data folder keeps so a restarted sandbox still sends them (sandbox-state-file.ts).
   */
  undeliveredEvents(): GatewayEvent[] {
    const ids = new Set(this.deliveries.filter((delivery) => delivery.state === 'pending' || delivery.state === 'held').map((delivery) => delivery.eventId));
    return [...this.events.values()].filter((event) => ids.has(event.id));
  }

  /** Sends an event again (to one endpoint, or all), as a new delivery with its own retries. */
  replay(eventId: string, endpointId?: string): Delivery[] {
    const event = this.events.get(eventId);
    if (event === undefined) throw new Error(`No such event: ${eventId}`);
    const targets = endpointId === undefined ? [...this.endpoints.values()] : [this.endpoints.get(endpointId)].filter((endpoint) => endpoint !== undefined);
    return targets.map((endpoint) => this.enqueue(event, endpoint));
  }

  /** Test only: keep new deliveries back until release(). */
  hold(): void {
    this.holding = true;
  }

  /**
   * Test only: sends what was held, one at a time in the order asked (`reverse`: newest
   * first, the out-of-order case), each `copies` times, then goes back to sending at once.
   */
  async release(options: { order?: 'published' | 'reverse'; copies?: number } = {}): Promise<void> {
    this.holding = false;
    const batch = this.held.splice(0);
    if (options.order === 'reverse') batch.reverse();
    this.active += 1;
    try {
      for (const delivery of batch) {
        for (let copy = 1; copy < (options.copies ?? 1); copy++) await this.attempt(this.copyOf(delivery));
        await this.attempt(delivery);
      }
    } finally {
      this.active -= 1;
      this.settleIdle();
    }
  }

  /** Test only: each of the next `count` deliveries is sent twice, both at once (a race). */
  duplicateNext(count: number): void {
    this.duplicates = count;
  }

  /** Resolves once nothing is queued, in flight or waiting to retry (held deliveries excepted). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.ready.length = 0;
    this.waiting = 0;
    this.settleIdle();
  }

  private enqueue(event: GatewayEvent, endpoint: WebhookEndpoint): Delivery {
    const delivery: Delivery = { id: `whdel_${randomAlphanumeric(20)}`, eventId: event.id, eventType: event.type, endpointId: endpoint.id, state: 'pending', attempts: [] };
    this.deliveries.push(delivery);
    if (this.deliveries.length > MAX_EVENTS) this.deliveries.shift();
    if (this.holding) {
      delivery.state = 'held';
      this.held.push(delivery);
      return delivery;
    }
    if (this.duplicates > 0) {
      this.duplicates -= 1;
      this.schedule(this.copyOf(delivery));
    }
    this.schedule(delivery);
    return delivery;
  }

  private copyOf(delivery: Delivery): Delivery {
    const copy: Delivery = { ...delivery, id: `whdel_${randomAlphanumeric(20)}`, state: 'pending', attempts: [] };
    this.deliveries.push(copy);
    return copy;
  }

  private schedule(delivery: Delivery): void {
    delivery.state = 'pending';
    this.ready.push(delivery);
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.active < this.maxConcurrent && this.ready.length > 0) {
      const delivery = this.ready.shift()!;
      this.active += 1;
      void this.attempt(delivery).finally(() => {
        this.active -= 1;
        this.pump();
        this.settleIdle();
      });
    }
  }

  /** One attempt; on failure, the next one is scheduled while retries remain. */
  private async attempt(delivery: Delivery): Promise<void> {
    const endpoint = this.endpoints.get(delivery.endpointId);
    const event = this.events.get(delivery.eventId);
    if (endpoint === undefined || event === undefined || this.closed) {
      delivery.state = 'failed';
      return;
    }
    const payload = `${JSON.stringify(event, null, 2)}`;
    const timestamp = Math.floor(Date.now() / 1000);
    let status = 0;
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Stripe-Signature': signatureHeader(endpoint.secret, payload, timestamp),
        },
        body: payload,
        signal: AbortSignal.timeout(this.attemptTimeoutMs),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      status = 0;
    }
    delivery.attempts.push({ at: timestamp, status });
    if (status >= 200 && status < 300) {
      delivery.state = 'succeeded';
      return;
    }
    const delay = this.retryDelaysMs[delivery.attempts.length - 1];
    if (delay === undefined || this.closed) {
      delivery.state = 'failed';
      return;
    }
    this.waiting += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.waiting -= 1;
      this.schedule(delivery);
    }, delay);
    this.timers.add(timer);
  }

  private isIdle(): boolean {
    return this.active === 0 && this.ready.length === 0 && this.waiting === 0;
  }

  private settleIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
