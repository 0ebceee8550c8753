// The reference merchant backend (Node realm): the shop (catalogue, orders, PaymentIntents via
// the stripe SDK), the webhook endpoint that alone moves orders, the operations API behind a
// demo login (same-origin only, CSRF-checked, sessions and login throttling in the database),
// reconciliation, /metrics, /healthz and /readyz, and the shop and operations pages. It answers
// only to its own host names (no DNS rebinding).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import type Stripe from 'stripe';
import { z } from 'zod';
import { CATALOGUE } from './catalogue.ts';
import { openDatabase, type Database, type DatabaseConfig } from './db/database.ts';
import { migrate, pendingMigrations } from './db/migrations.ts';
import { close as closeServer, listen } from '../../src/node/http/listen.ts';
import { allowedHostNames, hostIsAllowed, hostNameOf } from '../../src/node/sandbox/allowed-hosts.ts';
import { ApiError } from './http/api-error.ts';
import { readJson } from './http/request-body.ts';
import { allowedMethods, findRoute, sendJson, type RequestContext, type Route } from './http/router.ts';
import { requireSameOrigin } from './http/same-origin.ts';
import { requireIdempotencyKey, runOnce } from './idempotent-operations.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { BackendMetrics } from './observability/metrics.ts';
import { runOperation, type OperationAction } from './operations.ts';
import { forgetUserFailures, recordFailure, refuseThrottled } from './login-throttle.ts';
import { OpsSessions, requireCsrfToken, type OpsSession } from './ops-sessions.ts';
import { createOrderOnce } from './order-requests.ts';
import { countOrdersByStatus, createOrder, getOrder, ledgerFor, listOrders } from './orders.ts';
import { PAYMENT_METHOD_TYPES } from './order-status.ts';
import { reconcile } from './reconciliation.ts';
import { toCsv } from './reconciliation-report.ts';
import { createStripeClient } from './stripe-client.ts';
import { ReconciliationInProgressError, withReconciliationLease } from './reconciliation-lease.ts';
import { receiveWebhook } from './webhook-receiver.ts';
import { ShopperSessions, shopperRoutes } from './shopper-api.ts';
import { ensureDemoShopper } from './shoppers.ts';

export interface BackendOptions {
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1; the pages are addressed as http://localhost:<port>. */
  host?: string;
  /** An open database (the caller closes it), or where to open one (the backend closes it). */
  database: Database | DatabaseConfig;
  /** The gateway's API base URL, for the SDK (and the 3-D Secure frame in the pages' CSP). */
  gatewayUrl: string;
  secretKey: string;
  publishableKey: string;
  /** The whsec_ secret of this backend's webhook endpoint at the gateway. */
  webhookSecret: string;
  webhookToleranceSeconds?: number;
  /** Where payframe.js and the card frames come from. */
  fieldsOrigin: string;
  opsUser: string;
  opsPassword: string;
  /**
   * The origin operators reach the backend at when a proxy serves it (https://ops.shop.example):
   * https makes the session cookie `__Host-` prefixed and Secure, and its host name is answered to.
   */
  publicOrigin?: string;
  /** More host names to answer to besides localhost, 127.0.0.1, [::1] and publicOrigin's (a rebinding page's are refused). */
  allowedHosts?: string[];
  logger?: Logger;
}

export interface RunningBackend {
  url: string;
  port: number;
  db: Database;
  stripe: Stripe;
  metrics: BackendMetrics;
  logger: Logger;
  close(): Promise<void>;
}

const PAGES_DIR = join(import.meta.dirname, 'pages');
const ASSETS: Record<string, string> = {
  'shop.js': 'text/javascript; charset=utf-8',
  'ops.js': 'text/javascript; charset=utf-8',
  'backend.css': 'text/css; charset=utf-8',
};

const CreateOrderBody = z
  .object({ sku: z.string().max(40), captureMethod: z.enum(['automatic', 'manual']).default('automatic'), paymentMethodType: z.enum(PAYMENT_METHOD_TYPES).default('card') })
  .strict();
const LoginBody = z.object({ user: z.string().max(100), password: z.string().max(200) }).strict();
const OperationBody = z.object({ amount: z.number().int().positive().max(99_999_999).optional() }).strict();
const ReconciliationBody = z.object({ since: z.string().max(40) }).strict();

function isDatabase(value: Database | DatabaseConfig): value is Database {
  return typeof (value as Database).query === 'function';
}

export async function startBackend(options: BackendOptions): Promise<RunningBackend> {
  const ownsDatabase = !isDatabase(options.database);
  const db = isDatabase(options.database) ? options.database : await openDatabase(options.database);
  await migrate(db);
  const logger = options.logger ?? createLogger();
  const metrics = new BackendMetrics(() => countOrdersByStatus(db));
  const stripe = createStripeClient(options.gatewayUrl, options.secretKey, metrics);
  const publicOrigin = options.publicOrigin === undefined ? undefined : new URL(options.publicOrigin);
  const sessions = new OpsSessions(db, options.opsUser, options.opsPassword, publicOrigin?.protocol === 'https:');
  const shopperSessions = new ShopperSessions(db, publicOrigin?.protocol === 'https:');
  // The demo account (its customer is made at the gateway) is made in the background: a gateway
  // that is slow or down does not hold up the start, and shopper logins wait for it. Test mode only:
  // its password is printed on the shop page.
  const testMode = options.secretKey.startsWith('sk_test_');
  const demoShopper = testMode ? ensureDemoShopper(db, stripe).catch((error: unknown) => logger.warn({ err: error }, 'demo shopper not created')) : Promise.resolve();
  const hostNames = allowedHostNames([...(options.allowedHosts ?? []), ...(publicOrigin ? [publicOrigin.hostname] : [])]);

  function pageHeaders(): Record<string, string> {
    const gatewayOrigin = new URL(options.gatewayUrl).origin;
    return {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': [
        "default-src 'self'",
        `script-src 'self' ${options.fieldsOrigin}`,
        `frame-src ${options.fieldsOrigin} ${gatewayOrigin}`,
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
    };
  }

  function servePage(context: RequestContext, file: string): void {
    const html = readFileSync(join(PAGES_DIR, file), 'utf8').replaceAll('{{FIELDS_ORIGIN}}', options.fieldsOrigin).replaceAll('{{PUBLISHABLE_KEY}}', options.publishableKey);
    context.res.writeHead(200, pageHeaders());
    context.res.end(html);
  }

  /** Our origin as this request reached us (its Host is one of ours by now): what a same-origin Origin says. */
  function ownOrigin(req: http.IncomingMessage): string {
    if (publicOrigin && hostNameOf(req.headers.host) === publicOrigin.hostname) return publicOrigin.origin;
    return `http://${req.headers.host}`;
  }

  /** A logged-in operator (the request is same-origin already: every /api/ops/* request is checked first). */
  function requireOps(context: RequestContext): Promise<OpsSession> {
    return sessions.require(context.req);
  }

  /** What changes or runs something: a POST, logged in, with the session's CSRF token. */
  async function requireOpsChange(context: RequestContext): Promise<OpsSession> {
    const session = await sessions.require(context.req);
    requireCsrfToken(context.req, session);
    return session;
  }

  async function operation(context: RequestContext, action: OperationAction): Promise<void> {
    const { subject: user } = await requireOpsChange(context);
    const key = requireIdempotencyKey(context.req.headers['idempotency-key']);
    const body = await readJson(context.req, OperationBody);
    if (action === 'cancel' && body.amount !== undefined) throw new ApiError(400, 'invalid_request', 'A cancel takes no amount.');
    const orderId = context.params[0]!;
    const result = await runOnce(db, key, action, { orderId, amount: body.amount ?? null }, (gatewayKey) => runOperation(db, stripe, orderId, action, body.amount, gatewayKey));
    context.log.info({ user, action, orderId, amount: body.amount, status: result.status, replayed: result.replayed }, 'operation');
    sendJson(context.res, result.status, result.body, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
  }

  const routes: Route[] = [
    { method: 'GET', path: /^\/healthz$/, name: 'healthz', handle: ({ res }) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: /^\/readyz$/,
      name: 'readyz',
      async handle({ res }) {
        try {
          const pending = await pendingMigrations(db);
          if (pending.length > 0) return sendJson(res, 503, { status: 'not_ready', reason: `migrations not applied: ${pending.join(', ')}` });
          sendJson(res, 200, { status: 'ready', database: db.kind });
        } catch {
          sendJson(res, 503, { status: 'not_ready', reason: 'database unreachable' });
        }
      },
    },
    {
      method: 'GET',
      path: /^\/metrics$/,
      name: 'metrics',
      async handle({ res }) {
        const body = await metrics.registry.metrics();
        res.writeHead(200, { 'Content-Type': metrics.registry.contentType });
        res.end(body);
      },
    },
    {
      method: 'GET',
      path: /^\/$/,
      name: 'root',
      handle: ({ res }) => {
        res.writeHead(302, { Location: '/shop' });
        res.end();
      },
    },
    { method: 'GET', path: /^\/shop$/, name: 'shop_page', handle: (context) => servePage(context, 'shop.html') },
    { method: 'GET', path: /^\/ops$/, name: 'ops_page', handle: (context) => servePage(context, 'ops.html') },
    {
      method: 'GET',
      path: /^\/assets\/([\w.-]+)$/,
      name: 'asset',
      handle({ res, params }) {
        const type = ASSETS[params[0]!];
        if (type === undefined) throw new ApiError(404, 'not_found', 'No such file.');
        res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
        res.end(readFileSync(join(PAGES_DIR, params[0]!)));
      },
    },
    { method: 'GET', path: /^\/api\/catalogue$/, name: 'catalogue', handle: ({ res }) => sendJson(res, 200, { items: CATALOGUE }) },
    {
      method: 'POST',
      path: /^\/api\/orders$/,
      name: 'create_order',
      async handle({ req, res, log }) {
        const body = await readJson(req, CreateOrderBody);
        // With an Idempotency-Key (the shop page always sends one), a retry at any instance gets the same order.
        const keyHeader = req.headers['idempotency-key'];
        const { order, clientSecret, replayed } =
          keyHeader === undefined ? { ...(await createOrder(db, stripe, body.sku, body.captureMethod, undefined, body.paymentMethodType)), replayed: false } : await createOrderOnce(db, stripe, requireIdempotencyKey(keyHeader), body);
        log.info({ orderId: order.id, paymentIntentId: order.paymentIntentId, amount: order.amount, captureMethod: order.captureMethod, paymentMethodType: order.paymentMethodType, replayed }, replayed ? 'order request replayed' : 'order created');
        sendJson(res, 201, { order: publicOrder(order), clientSecret, publishableKey: options.publishableKey }, replayed ? { 'Idempotent-Replayed': 'true' } : {});
      },
    },
    {
      method: 'GET',
      path: /^\/api\/orders\/(ord_[A-Za-z0-9]{1,40})$/,
      name: 'get_order',
      async handle({ res, params }) {
        sendJson(res, 200, { order: publicOrder(await getOrder(db, params[0]!)) });
      },
    },
    {
      method: 'POST',
      path: /^\/webhooks\/stripe$/,
      name: 'webhook',
      async handle(context) {
        const result = await receiveWebhook(context.req, { db, stripe, webhookSecret: options.webhookSecret, metrics, ...(options.webhookToleranceSeconds ? { toleranceSeconds: options.webhookToleranceSeconds } : {}) }, context.log);
        sendJson(context.res, 200, { received: true, outcome: result.outcome });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/ops\/login$/,
      name: 'ops_login',
      async handle({ req, res, log }) {
        const body = await readJson(req, LoginBody);
        // The attempt is logged with the user and address, never the password.
        const attempt = { user: body.user, address: req.socket.remoteAddress ?? 'unknown' };
        try {
          await refuseThrottled(db, attempt);
        } catch (error) {
          log.warn({ ...attempt, reason: 'throttled' }, 'ops login throttled');
          throw error;
        }
        if (!sessions.credentialsMatch(body.user, body.password)) {
          await recordFailure(db, attempt);
          log.warn({ ...attempt, reason: 'invalid_credentials' }, 'ops login failed');
          throw new ApiError(401, 'invalid_credentials', 'Wrong user name or password.');
        }
        await forgetUserFailures(db, attempt);
        const { cookie, csrfToken } = await sessions.create(body.user);
        log.info(attempt, 'ops login');
        sendJson(res, 200, { user: body.user, csrfToken }, { 'Set-Cookie': cookie });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/ops\/logout$/,
      name: 'ops_logout',
      async handle(context) {
        // No live session: nothing to revoke, the cookie is cleared all the same.
        const session = await requireOps(context).catch(() => undefined);
        if (session) {
          requireCsrfToken(context.req, session);
          await sessions.revoke(session);
          context.log.info({ user: session.subject }, 'ops logout');
        }
        sendJson(context.res, 200, {}, { 'Set-Cookie': sessions.clearedCookie() });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/ops\/sessions\/revoke$/,
      name: 'ops_revoke_sessions',
      async handle(context) {
        const { subject: user } = await requireOpsChange(context);
        const revoked = await sessions.revokeAll(user);
        context.log.info({ user, revoked }, 'ops sessions revoked');
        sendJson(context.res, 200, { revoked }, { 'Set-Cookie': sessions.clearedCookie() });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/ops\/session$/,
      name: 'ops_session',
      async handle(context) {
        const { subject: user, csrfToken } = await requireOps(context);
        sendJson(context.res, 200, { user, csrfToken });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/ops\/orders$/,
      name: 'ops_orders',
      async handle(context) {
        await requireOps(context);
        sendJson(context.res, 200, { orders: await listOrders(db) });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/ops\/orders\/(ord_[A-Za-z0-9]{1,40})$/,
      name: 'ops_order',
      async handle(context) {
        await requireOps(context);
        const id = context.params[0]!;
        sendJson(context.res, 200, { order: await getOrder(db, id), ledger: await ledgerFor(db, id) });
      },
    },
    { method: 'POST', path: /^\/api\/ops\/orders\/(ord_[A-Za-z0-9]{1,40})\/capture$/, name: 'ops_capture', handle: (context) => operation(context, 'capture') },
    { method: 'POST', path: /^\/api\/ops\/orders\/(ord_[A-Za-z0-9]{1,40})\/cancel$/, name: 'ops_cancel', handle: (context) => operation(context, 'cancel') },
    { method: 'POST', path: /^\/api\/ops\/orders\/(ord_[A-Za-z0-9]{1,40})\/refund$/, name: 'ops_refund', handle: (context) => operation(context, 'refund') },
    {
      // A POST: it runs a comparison against the gateway, which no link or popup may start.
      method: 'POST',
      path: /^\/api\/ops\/reconciliation(\.csv)?$/,
      name: 'ops_reconciliation',
      async handle(context) {
        await requireOpsChange(context);
        const sinceText = (await readJson(context.req, ReconciliationBody)).since;
        const since = new Date(sinceText);
        if (!sinceText || Number.isNaN(since.getTime())) throw new ApiError(400, 'invalid_since', 'since must be an ISO date, e.g. 2026-11-24 or 2026-11-24T10:00:00Z.');
        const report = await withReconciliationLease(db, () => reconcile(db, stripe, since)).catch((error: unknown) => {
          if (error instanceof ReconciliationInProgressError) throw new ApiError(409, error.code, error.message);
          throw error;
        });
        recordReconciliation(metrics, report.counts);
        context.log.info({ since: report.since, counts: report.counts }, 'reconciliation');
        if (context.params[0] === '.csv') {
          context.res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="reconciliation.csv"', 'Cache-Control': 'no-store' });
          context.res.end(toCsv(report));
          return;
        }
        sendJson(context.res, 200, report);
      },
    },
    ...shopperRoutes({ db, stripe, sessions: shopperSessions, publishableKey: options.publishableKey, demoShopper, testMode, requireOps, requireOpsChange }),
  ];

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ reqId: requestId });
    res.setHeader('X-Request-Id', requestId);
    const url = new URL(req.url ?? '/', 'http://backend.invalid');
    const found = findRoute(routes, req.method ?? 'GET', url.pathname);
    const routeName = found?.route.name ?? 'not_found';
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequests.observe({ route: routeName, status: String(res.statusCode) }, seconds);
      // The path only: query strings and bodies are not logged.
      log.info({ method: req.method, route: routeName, path: url.pathname, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    const run = async () => {
      // Before anything else: a page whose own name points at us (DNS rebinding) is not answered.
      if (!hostIsAllowed(req.headers.host, hostNames, req.socket.localAddress)) throw new ApiError(421, 'host_not_allowed', 'This server does not answer to that host name.');
      if (url.pathname.startsWith('/api/ops/')) requireSameOrigin(req, ownOrigin(req));
      if (url.pathname.startsWith('/api/shopper/')) requireSameOrigin(req, ownOrigin(req), 'Account requests are accepted from the shop\'s own pages only.');
      if (!found) {
        const allow = allowedMethods(routes, url.pathname);
        if (allow.length > 0) throw new ApiError(405, 'method_not_allowed', `Use ${allow.join(' or ')} here.`, undefined, { Allow: allow.join(', ') });
        throw new ApiError(404, 'not_found', 'No such page or API.');
      }
      await found.route.handle({ req, res, url, params: found.params, log, requestId });
    };
    run().catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'internal_error', 'Something went wrong on our side.', error);
      if (apiError.status >= 500) log.error({ err: apiError.cause ?? error, code: apiError.code }, 'request failed');
      if (res.headersSent) res.destroy();
      else sendJson(res, apiError.status, apiError.toBody(), apiError.headers);
      req.resume();
    });
  });

  const port = await listen(server, options.port, options.host ?? '127.0.0.1');
  const url = `http://localhost:${port}`;
  logger.info({ url, ...(publicOrigin ? { publicOrigin: publicOrigin.origin } : {}), database: db.kind }, 'backend listening');
  return {
    url,
    port,
    db,
    stripe,
    metrics,
    logger,
    async close() {
      await closeServer(server);
      await demoShopper;
      if (ownsDatabase) await db.close();
      logger.flush?.();
    },
  };
}

/** What the shopper's page may know about an order. */
function publicOrder(order: Awaited<ReturnType<typeof getOrder>>) {
  return { id: order.id, description: order.description, amount: order.amount, currency: order.currency, status: order.status, captureMethod: order.captureMethod, paymentMethodType: order.paymentMethodType };
}

export function recordReconciliation(metrics: BackendMetrics, counts: Record<string, number>): void {
  metrics.reconciliationRuns.inc();
  for (const [result, count] of Object.entries(counts)) if (result !== 'matched') metrics.reconciliationMismatches.set({ result }, count);
}
