// The backend's test fixtures: the demo's servers with the reference backend on PGlite (in
// memory) or on PostgreSQL, fast webhook retries, logs captured to a file, and the calls a test
// makes as the shopper's browser (create order, confirm like the controller frame does), as the
// operations team (login, capture, cancel, refund) and as the gateway's own admin.
import { test as base, expect } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import type { DatabaseConfig } from '../../../demo/backend/db/database.ts';
import { createLogger } from '../../../demo/backend/observability/logger.ts';
import type { RunningBackend } from '../../../demo/backend/backend-server.ts';
import { startDemoServers, type DemoServers } from '../../../demo/servers.ts';
import { startPostgres, type PostgresServer } from './throwaway-postgres.ts';

export type DatabaseTarget = 'pglite' | 'postgres';
export const DATABASE_TARGETS: DatabaseTarget[] = ['pglite', 'postgres'];
export const OPS_PASSWORD = 'test-ops-password-7f3a';
export const VISA = '4242424242424242';
export const DECLINED = '4000000000009995';
const FUTURE_YEAR = String(new Date().getUTCFullYear() + 3);

export const LOG_DIR = join(import.meta.dirname, '../../../test-results/backend-logs');

export interface OrderAnswer {
  order: { id: string; amount: number; currency: string; status: string; captureMethod: string };
  clientSecret: string;
  publishableKey: string;
}

export class BackendStack {
  private cookie = '';
  private csrfToken = '';

  constructor(
    readonly demo: DemoServers,
    readonly backend: RunningBackend,
    readonly logFile: string,
  ) {}

  get url(): string {
    return this.backend.url;
  }

  async createOrder(sku = 'tshirt', captureMethod: 'automatic' | 'manual' = 'automatic'): Promise<OrderAnswer> {
    const response = await fetch(`${this.url}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sku, captureMethod }) });
    expect(response.status).toBe(201);
    return (await response.json()) as OrderAnswer;
  }

  /** What the controller frame sends: the publishable key, the client_secret and the card. */
  async confirm(clientSecret: string, number = VISA): Promise<{ status: number; body: { status?: string; error?: { code: string } } }> {
    const intentId = clientSecret.split('_secret_')[0];
    const response = await fetch(`${this.demo.gatewayUrl}/v1/payment_intents/${intentId}/confirm`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.demo.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': randomUUID() },
      body: new URLSearchParams({
        client_secret: clientSecret,
        'payment_method_data[type]': 'card',
        'payment_method_data[card][number]': number,
        'payment_method_data[card][exp_month]': '12',
        'payment_method_data[card][exp_year]': FUTURE_YEAR,
        'payment_method_data[card][cvc]': '123',
      }),
    });
    return { status: response.status, body: (await response.json()) as { status?: string } };
  }

  async order(id: string): Promise<{ status: string; authorized: number; captured: number; refunded: number; paymentIntentId: string }> {
    const response = await this.ops(`/api/ops/orders/${id}`);
    return ((await response.json()) as { order: { status: string; authorized: number; captured: number; refunded: number; paymentIntentId: string } }).order;
  }

  async ledger(id: string): Promise<{ kind: string; amount: number; gatewayRef: string }[]> {
    const response = await this.ops(`/api/ops/orders/${id}`);
    return ((await response.json()) as { ledger: { kind: string; amount: number; gatewayRef: string }[] }).ledger;
  }

  /** Waits until the gateway has delivered every webhook (each one answered or out of retries). */
  async webhooksDelivered(): Promise<void> {
    await this.demo.webhooks.idle();
  }

  async login(): Promise<void> {
    const response = await fetch(`${this.url}/api/ops/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'ops', password: OPS_PASSWORD }) });
    expect(response.status).toBe(200);
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';', 1)[0]!;
    this.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /** A call of the operations API as the logged-in operator: POSTs carry the session's CSRF token. */
  ops(path: string, init: RequestInit = {}): Promise<Response> {
    const csrf: Record<string, string> = init.method === 'POST' ? { 'X-CSRF-Token': this.csrfToken } : {};
    return fetch(`${this.url}${path}`, { ...init, headers: { Cookie: this.cookie, 'Content-Type': 'application/json', ...csrf, ...(init.headers as Record<string, string> | undefined) } });
  }

  async operate(orderId: string, action: 'capture' | 'cancel' | 'refund', amount?: number, key: string = randomUUID()): Promise<{ status: number; body: Record<string, unknown>; replayed: boolean }> {
    const response = await this.ops(`/api/ops/orders/${orderId}/${action}`, {
      method: 'POST',
      headers: { 'Idempotency-Key': key },
      body: JSON.stringify(amount === undefined ? {} : { amount }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, replayed: response.headers.get('idempotent-replayed') === 'true' };
  }

  async reconcile(since: Date): Promise<{ mismatches: number; counts: Record<string, number>; rows: { result: string; kind: string; gatewayId: string; orderId: string | null }[] }> {
    const response = await this.ops('/api/ops/reconciliation', { method: 'POST', body: JSON.stringify({ since: since.toISOString() }) });
    expect(response.status).toBe(200);
    return (await response.json()) as { mismatches: number; counts: Record<string, number>; rows: { result: string; kind: string; gatewayId: string; orderId: string | null }[] };
  }

  close(): Promise<void> {
    return this.demo.close();
  }
}

export interface StackOptions {
  /** A name for the log file. */
  name: string;
  retryDelaysMs?: number[];
  database?: DatabaseConfig;
  logLevel?: string;
}

export async function databaseFor(target: DatabaseTarget, postgres: PostgresServer | undefined): Promise<DatabaseConfig> {
  if (target === 'pglite') return { kind: 'pglite' };
  if (postgres === undefined) throw new Error('No PostgreSQL server');
  return { kind: 'postgres', url: await postgres.createDatabase() };
}

export async function startStack(target: DatabaseTarget, postgres: PostgresServer | undefined, options: StackOptions): Promise<BackendStack> {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${options.name.replace(/[^\w-]+/g, '-')}-${target}.log`);
  const logger = createLogger({ level: options.logLevel ?? 'info', destination: pino.destination({ dest: logFile, sync: true }) });
  const demo = await startDemoServers({
    merchantPort: 0,
    fieldsPort: 0,
    gatewayPort: 0,
    gatewayFaultInjection: true,
    webhookDelivery: { retryDelaysMs: options.retryDelaysMs ?? [20, 50, 100, 200, 400], attemptTimeoutMs: 5_000 },
    backend: { port: 0, database: options.database ?? (await databaseFor(target, postgres)), opsPassword: OPS_PASSWORD, logger },
  });
  return new BackendStack(demo, demo.backend!, logFile);
}

/** `test` with a PostgreSQL server shared by the worker's tests (undefined when there is none). */
export const test = base.extend<{}, { postgres: PostgresServer | undefined }>({
  postgres: [
    async ({}, use) => {
      const server = await startPostgres();
      await use(server);
      await server?.stop();
    },
    { scope: 'worker' },
  ],
});

/** Skips a PostgreSQL run, saying why, when the machine has no PostgreSQL. */
export function skipWithoutPostgres(target: DatabaseTarget, postgres: PostgresServer | undefined): void {
  test.skip(target === 'postgres' && postgres === undefined, 'PostgreSQL binaries not found (/usr/lib/postgresql/*/bin) and no DATABASE_URL: install Debian\'s postgresql to run these on PostgreSQL.');
}

export { expect };
