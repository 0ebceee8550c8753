// The shopper's account API (/api/shopper/*) and the operations team's view of shoppers
// (/api/ops/shoppers): signup, login, logout, who am I (with the saved cards), my orders, paying
// with "Save my card" or a saved card, and coming back to authenticate a payment the bank held.
// Same guards as the back office: same-origin only (checked for every /api/shopper/ request in
// backend-server.ts), a session cookie in the database, and the session's CSRF token on every POST.
import type Stripe from 'stripe';
import { z } from 'zod';
import { CookieSessions, requireCsrfToken, type CookieSession } from './cookie-sessions.ts';
import type { Database } from './db/database.ts';
import { ApiError, notFound } from './http/api-error.ts';
import { readJson } from './http/request-body.ts';
import { sendJson, type RequestContext, type Route } from './http/router.ts';
import { requireIdempotencyKey, runOnce } from './idempotent-operations.ts';
import { forgetUserFailures, recordFailure, refuseThrottled, type LoginAttempt } from './login-throttle.ts';
import { chargeOffSession } from './off-session-charges.ts';
import type { OrderStatus } from './order-status.ts';
import { createOrderOnce } from './order-requests.ts';
import { createOrder, type ShopperTerms } from './orders.ts';
import { listSavedCards, requireOwnCard } from './saved-cards.ts';
import { DEMO_SHOPPER, findShopper, listShoppers, logIn, signUp, type Shopper } from './shoppers.ts';

/** A shopping session lasts a month, as shops keep their customers logged in. */
export const SHOPPER_SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

export class ShopperSessions extends CookieSessions {
  constructor(db: Database, secure: boolean) {
    super(db, { table: 'shopper_sessions', subjectColumn: 'shopper_id', cookieBaseName: 'payframe_shopper', lifetimeSeconds: SHOPPER_SESSION_LIFETIME_SECONDS, loginRequiredMessage: 'Log in to your account first.' }, secure);
  }
}

const Credentials = z.object({ email: z.string().max(254), password: z.string().max(200) }).strict();
const ShopperOrderBody = z
  .object({
    sku: z.string().max(40),
    captureMethod: z.enum(['automatic', 'manual']).default('automatic'),
    saveCard: z.boolean().default(false),
    paymentMethod: z.string().regex(/^pm_[A-Za-z0-9]{1,60}$/).optional(),
  })
  .strict();
const ChargeBody = z.object({ sku: z.string().max(40), paymentMethod: z.string().regex(/^pm_[A-Za-z0-9]{1,60}$/) }).strict();

const ORDER_ID = 'ord_[A-Za-z0-9]{1,40}';

export interface ShopperOrder {
  id: string;
  description: string;
  amount: number;
  currency: string;
  status: OrderStatus;
  captureMethod: string;
  offSession: boolean;
  createdAt: string;
}

async function shopperOrders(db: Database, shopperId: string): Promise<ShopperOrder[]> {
  const { rows } = await db.query<{ id: string; description: string; amount: number; currency: string; status: OrderStatus; capture_method: string; off_session: boolean; created_at: Date | string }>(
    'SELECT id, description, amount, currency, status, capture_method, off_session, created_at FROM orders WHERE shopper_id = $1 ORDER BY created_at DESC, id LIMIT 50',
    [shopperId],
  );
  return rows.map((row) => ({
    id: row.id,
    description: row.description,
    amount: Number(row.amount),
    currency: row.currency,
    status: row.status,
    captureMethod: row.capture_method,
    offSession: row.off_session,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

export interface ShopperApiDeps {
  db: Database;
  stripe: Stripe;
  sessions: ShopperSessions;
  publishableKey: string;
  /** Settles once the demo account exists (or could not be made): logins wait for it. */
  demoShopper: Promise<void>;
  /** Test keys: the demo account exists and the shop page may show its login. */
  testMode: boolean;
  /** The operations guards of backend-server.ts: a logged-in operator, and for changes also the CSRF token. */
  requireOps(context: RequestContext): Promise<CookieSession>;
  requireOpsChange(context: RequestContext): Promise<CookieSession>;
}

export function shopperRoutes({ db, stripe, sessions, publishableKey, demoShopper, testMode, requireOps, requireOpsChange }: ShopperApiDeps): Route[] {
  /** The logged-in shopper; for changes (`change`) also the session's CSRF token. */
  async function requireShopper(context: RequestContext, change: boolean): Promise<{ shopper: Shopper; session: CookieSession }> {
    const session = await sessions.require(context.req);
    if (change) requireCsrfToken(context.req, session);
    const shopper = await findShopper(db, session.subject);
    if (!shopper) throw new ApiError(401, 'login_required', 'Log in to your account first.');
    return { shopper, session };
  }

  async function startSession(context: RequestContext, shopper: Shopper, status: number): Promise<void> {
    const { cookie, csrfToken } = await sessions.create(shopper.id);
    sendJson(context.res, status, { shopper: { email: shopper.email }, csrfToken }, { 'Set-Cookie': cookie });
  }

  /** Throttled like the operations login, counted apart from operators' names. */
  function attemptOf(context: RequestContext, email: string): LoginAttempt {
    return { user: `shopper:${email.trim().toLowerCase()}`, address: context.req.socket.remoteAddress ?? 'unknown' };
  }

  return [
    {
      method: 'POST',
      path: /^\/api\/shopper\/signup$/,
      name: 'shopper_signup',
      async handle(context) {
        const body = await readJson(context.req, Credentials);
        const shopper = await signUp(db, stripe, body.email, body.password);
        context.log.info({ shopperId: shopper.id }, 'shopper signed up');
        await startSession(context, shopper, 201);
      },
    },
    {
      method: 'POST',
      path: /^\/api\/shopper\/login$/,
      name: 'shopper_login',
      async handle(context) {
        const body = await readJson(context.req, Credentials);
        const attempt = attemptOf(context, body.email);
        // Logged with the address only: neither the password nor the email typed.
        await refuseThrottled(db, attempt);
        await demoShopper;
        const shopper = await logIn(db, body.email, body.password).catch(async (error: unknown) => {
          if (error instanceof ApiError && error.code === 'invalid_credentials') {
            await recordFailure(db, attempt);
            context.log.warn({ address: attempt.address }, 'shopper login failed');
          }
          throw error;
        });
        await forgetUserFailures(db, attempt);
        context.log.info({ shopperId: shopper.id }, 'shopper login');
        await startSession(context, shopper, 200);
      },
    },
    {
      method: 'POST',
      path: /^\/api\/shopper\/logout$/,
      name: 'shopper_logout',
      async handle(context) {
        // No live session: nothing to revoke, the cookie is cleared all the same.
        const session = await sessions.current(context.req);
        if (session) {
          requireCsrfToken(context.req, session);
          await sessions.revoke(session);
        }
        sendJson(context.res, 200, {}, { 'Set-Cookie': sessions.clearedCookie() });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/shopper\/me$/,
      name: 'shopper_me',
      async handle(context) {
        const { shopper, session } = await requireShopper(context, false);
        sendJson(context.res, 200, { shopper: { email: shopper.email }, csrfToken: session.csrfToken, cards: await listSavedCards(stripe, shopper.customerId) });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/shopper\/demo$/,
      name: 'shopper_demo',
      // The demo account's login, for the shop page's hint (test mode, like the test cards).
      handle(context) {
        if (!testMode) throw notFound('demo account');
        sendJson(context.res, 200, DEMO_SHOPPER);
      },
    },
    {
      method: 'GET',
      path: /^\/api\/shopper\/orders$/,
      name: 'shopper_orders',
      async handle(context) {
        const { shopper } = await requireShopper(context, false);
        sendJson(context.res, 200, { orders: await shopperOrders(db, shopper.id) });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/shopper\/orders$/,
      name: 'shopper_create_order',
      async handle(context) {
        const { shopper } = await requireShopper(context, true);
        const body = await readJson(context.req, ShopperOrderBody);
        const card = body.paymentMethod === undefined ? undefined : await requireOwnCard(stripe, shopper, body.paymentMethod);
        const terms: ShopperTerms = { shopperId: shopper.id, customerId: shopper.customerId, saveCard: body.saveCard && card === undefined, ...(card ? { paymentMethod: card.id } : {}) };
        // With an Idempotency-Key (the shop page always sends one), a retry at any instance gets the same order.
        const keyHeader = context.req.headers['idempotency-key'];
        const { order, clientSecret, replayed } =
          keyHeader === undefined
            ? { ...(await createOrder(db, stripe, body.sku, body.captureMethod, undefined, 'card', terms)), replayed: false }
            : await createOrderOnce(db, stripe, requireIdempotencyKey(keyHeader), { sku: body.sku, captureMethod: body.captureMethod, shopper: terms });
        const answer = { id: order.id, description: order.description, amount: order.amount, currency: order.currency, status: order.status, captureMethod: order.captureMethod };
        context.log.info({ orderId: order.id, shopperId: shopper.id, saveCard: body.saveCard, savedCard: card !== undefined, replayed }, replayed ? 'shopper order request replayed' : 'shopper order created');
        // With a saved card the drop-in shows it and asks for its CVC alone (its bank's challenge, if it asks, shows there too).
        sendJson(context.res, 201, { order: answer, clientSecret, publishableKey, paymentMethod: card?.id ?? null }, replayed ? { 'Idempotent-Replayed': 'true' } : {});
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^/api/shopper/orders/(${ORDER_ID})/authenticate$`),
      name: 'shopper_authenticate',
      async handle(context) {
        const { shopper } = await requireShopper(context, true);
        const orderId = context.params[0]!;
        // Another shopper's order is "no such order": its existence is not theirs to learn.
        const row = (await db.query<{ status: OrderStatus; payment_intent_id: string | null; amount: number; currency: string; description: string }>(
          'SELECT status, payment_intent_id, amount, currency, description FROM orders WHERE id = $1 AND shopper_id = $2',
          [orderId, shopper.id],
        )).rows[0];
        if (!row || row.payment_intent_id === null) throw notFound('order');
        if (row.status !== 'requires_authentication') throw new ApiError(409, 'nothing_to_authenticate', 'This payment does not wait for you.');
        let intent: Stripe.PaymentIntent;
        try {
          intent = await stripe.paymentIntents.retrieve(row.payment_intent_id);
        } catch (error) {
          throw new ApiError(502, 'gateway_unavailable', 'The payment gateway did not answer; try again.', error);
        }
        const failedWith = intent.last_payment_error?.payment_method?.id ?? (typeof intent.payment_method === 'string' ? intent.payment_method : intent.payment_method?.id);
        // A declined confirm takes the card off the intent (Stripe keeps it in last_payment_error):
        // put it back, so the drop-in finds the card it shows on the intent it pays.
        if (failedWith && intent.payment_method === null) {
          try {
            await stripe.paymentIntents.update(row.payment_intent_id, { payment_method: failedWith });
          } catch (error) {
            throw new ApiError(502, 'gateway_unavailable', 'The payment gateway did not answer; try again.', error);
          }
        }
        context.log.info({ orderId, shopperId: shopper.id }, 'shopper authenticates');
        sendJson(context.res, 200, {
          order: { id: orderId, description: row.description, amount: Number(row.amount), currency: row.currency, status: row.status },
          clientSecret: intent.client_secret,
          publishableKey,
          // The card the bank held the payment for: the drop-in shows it and asks for its CVC alone.
          paymentMethod: failedWith ?? null,
        });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/ops\/shoppers$/,
      name: 'ops_shoppers',
      async handle(context) {
        await requireOps(context);
        const shoppers = await listShoppers(db);
        const withCards = await Promise.all(shoppers.map(async (shopper) => ({ ...shopper, cards: await listSavedCards(stripe, shopper.customerId) })));
        sendJson(context.res, 200, { shoppers: withCards });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/ops\/shoppers\/(shp_[A-Za-z0-9]{1,40})\/charges$/,
      name: 'ops_charge_saved_card',
      async handle(context) {
        const { subject: user } = await requireOpsChange(context);
        const key = requireIdempotencyKey(context.req.headers['idempotency-key']);
        const body = await readJson(context.req, ChargeBody);
        const shopperId = context.params[0]!;
        const result = await runOnce(db, key, 'off_session_charge', { shopperId, ...body }, async () => {
          const shopper = await findShopper(db, shopperId);
          if (!shopper) throw notFound('shopper');
          const card = await requireOwnCard(stripe, shopper, body.paymentMethod);
          return chargeOffSession(db, stripe, shopper, card, body.sku, key);
        });
        context.log.info({ user, action: 'off_session_charge', shopperId, status: result.status, replayed: result.replayed }, 'operation');
        sendJson(context.res, result.status, result.body, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
      },
    },
  ];
}
