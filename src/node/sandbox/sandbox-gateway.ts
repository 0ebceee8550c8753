// The local sandbox payment gateway: a node:http server speaking a Stripe-compatible subset
// of Stripe's REST API (payment methods, payment intents, refunds, customers and their saved
// cards, setup intents, bank debits with their mandates and disputes), so the demo and stripe-node
// can take payments without Stripe; it also serves the simulated 3-D Secure challenge page.
// It holds several accounts: every object belongs to the account whose key created it.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { allowedHostNames, hostIsAllowed } from './allowed-hosts.ts';
import { authenticate, requireSecretKey, type AuthenticatedKey } from './api-keys.ts';
import { settleBankDebits } from './bank-debit-payments.ts';
import { listCharges, retrieveCharge } from './charges.ts';
import { retrieveDispute } from './disputes.ts';
import { retrieveMandate } from './mandates.ts';
import { SandboxClock } from './sandbox-clock.ts';
import { applyCors, requireAccountOrigin, setPreflightHeaders } from './cors.ts';
import { FaultSchedule, faultProcessesRequest, misbehaveWithoutProcessing, truncatedJson, type ArmedFault } from './fault-injection.ts';
import { isFormContentType, parseFormBody, readRequestBody, type FormParams } from './form-body.ts';
import { IdempotencyStore, validateIdempotencyKey, type StoredResponse } from './idempotency.ts';
import type { PaymentMethodStore } from './payment-method-store.ts';
import {
  cancelPaymentIntent,
  capturePaymentIntent,
  confirmPaymentIntent,
  createPaymentIntent,
  listPaymentIntents,
  retrievePaymentIntent,
  updatePaymentIntent,
  type PaymentIntentContext,
} from './payment-intents.ts';
import { createPaymentMethod, retrievePaymentMethod } from './payment-methods.ts';
import { createCvcToken } from './cvc-tokens.ts';
import { createCustomer, deleteCustomer, listCustomers, retrieveCustomer, updateCustomer, type CustomerContext } from './customers.ts';
import { attachPaymentMethod, detachPaymentMethod, listCustomerPaymentMethods, type SavedCardContext } from './saved-payment-methods.ts';
import {
  cancelSetupIntent,
  confirmSetupIntent,
  createSetupIntent,
  listSetupIntents,
  retrieveSetupIntent,
  updateSetupIntent,
  type SetupIntentContext,
} from './setup-intents.ts';
import type { PaymentStore } from './payment-store.ts';
import { newRequestId } from './random-ids.ts';
import { createRefund, listChargeRefunds, listRefunds, retrieveRefund } from './refunds.ts';
import { SandboxAccounts, type GatewayAccount, type SandboxAccount } from './sandbox-accounts.ts';
import { SANDBOX_ADMIN_PREFIX, handleSandboxAdmin } from './sandbox-admin.ts';
import { StripeApiError, internalError } from './stripe-error.ts';
import { THREE_D_SECURE_PREFIX, handleThreeDSecureRequest, type ThreeDSecureContext } from './three-d-secure-routes.ts';
import { PaymentEventWatcher } from './payment-event-watcher.ts';
import { SandboxStateFolder } from './sandbox-state-file.ts';
import { WEBHOOK_ADMIN_PATHS, handleWebhookAdmin } from './webhook-admin.ts';
import type { WebhookDispatcher } from './webhook-dispatcher.ts';
import type { CausingRequest } from './webhook-events.ts';

export { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY } from './keys.ts';
export { PaymentMethodStore } from './payment-method-store.ts';
export { PaymentStore } from './payment-store.ts';
export { GATEWAY_FAULTS, type GatewayFault } from './fault-injection.ts';
export { WebhookDispatcher, type WebhookEndpoint } from './webhook-dispatcher.ts';
export { SandboxAccountsError, type GatewayAccount, type SandboxAccount } from './sandbox-accounts.ts';
export { SandboxStateError } from './sandbox-state-file.ts';
export { DataDirLockedError } from '../data-dir-lock.ts';

/**
 * The first account is described by the top-level `publishableKey`, `secretKey` and
 * `allowedOrigins` (with `store`, `payments` and `webhooks`), as before accounts existed;
 * `accounts` adds more (or, without top-level keys, are all of them).
 */
export interface SandboxGatewayOptions {
  publishableKey?: string;
  secretKey?: string;
  /** Browser origins (e.g. the fields origin) allowed to call the gateway with the first account's keys. */
  allowedOrigins?: string[];
  /** More accounts, each with its own keys, origins and objects. */
  accounts?: SandboxAccount[];
  /** Where the first account's payment methods go; pass one to inspect it in tests. */
  store?: PaymentMethodStore;
  /** Where the first account's payment intents, charges, refunds and 3DS challenges go. */
  payments?: PaymentStore;
  /**
   * The gateway's origin as browsers reach it, for the 3-D Secure challenge URL in `next_action`.
   * Defaults to the address the server listens on (127.0.0.1 for an unspecified address).
   */
  publicUrl?: string;
  /**
   * Test only (`payframe sandbox --test-admin`): mounts the admin API under /__sandbox/ (arm faults
   * for the next tokenizations, read counters, read and advance the sandbox clock that bank debits
   * settle on; secret key, no browser). Off by default: the paths answer 404 then, and the sandbox
   * clock is real time.
   */
  faultInjection?: boolean;
  /** Sends the first account's webhook events to its endpoints; pass one to register endpoints and steer deliveries. */
  webhooks?: WebhookDispatcher;
  /**
   * Host names the gateway answers to besides localhost, 127.0.0.1, [::1], publicUrl's and the
   * address a connection arrives at. Any other Host (a DNS-rebinding page's own name) gets 421.
   */
  allowedHosts?: string[];
  /**
   * A folder to keep the accounts' objects in across restarts (sandbox-state-file.ts), locked to this
   * process. Without it, everything lives in memory and is gone when the gateway stops.
   */
  dataDir?: string;
  /**
   * How the lock on dataDir names this process to a second opener. Default: `npm run <script>`
   * under npm, else `payframe sandbox`; the `payframe sandbox` command names itself, since a
   * process an npm script started inherits that script's name.
   */
  dataDirOwner?: string;
}

export interface StartSandboxGatewayOptions extends SandboxGatewayOptions {
  /** 0 picks any free port. */
  port: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
}

export interface RunningSandboxGateway {
  url: string;
  port: number;
  /** The first account's webhooks. */
  webhooks: WebhookDispatcher;
  /** Every account, the first one first, with the stores that hold its objects. */
  accounts: readonly GatewayAccount[];
  /** Sends the webhook events a previous run (same dataDir) had not delivered: call once the endpoints are registered. */
  resumeDeliveries(): void;
  close(): Promise<void>;
}

interface RouteContext {
  params: FormParams;
  pathMatch: RegExpExecArray;
  auth: AuthenticatedKey;
  /** The authenticated account's stores: a route never sees another account's objects. */
  store: PaymentMethodStore;
  payments: PaymentStore;
  publicUrl: string;
  /** The caller's address, as Stripe records it on a token. */
  clientIp: string | null;
  /** The caller's User-Agent: a mandate accepted with infer_from_client records it. */
  userAgent: string | null;
  /** Sandbox time (real time unless the test admin API advanced it). */
  clock: SandboxClock;
}

/** The authenticated account, whose customers, setup intents and event outbox a route uses. */
function accountOf(context: RouteContext): GatewayAccount {
  return context.auth.account;
}

type RouteResult = Omit<StoredResponse, 'requestId'>;

/**
 * Which key a route needs: `publishable` takes either key; `client_secret` takes the secret key,
 * or the publishable key plus the intent's client_secret (checked by the handler); `secret` only that.
 */
type RouteAccess = 'publishable' | 'client_secret' | 'secret';

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: RegExp;
  access: RouteAccess;
  /** Whether armed faults apply to this route (tokenization only). */
  faultable: boolean;
  handle(context: RouteContext): unknown;
}

function intentContext(context: RouteContext): PaymentIntentContext {
  const account = accountOf(context);
  return {
    auth: context.auth,
    params: context.params,
    store: context.payments,
    paymentMethods: context.store,
    publicUrl: context.publicUrl,
    declineOn: account.declineOn,
    customers: account.customers,
    events: account.events,
    cvcTokens: account.cvcTokens,
    clock: context.clock,
    client: { ipAddress: context.clientIp, userAgent: context.userAgent },
  };
}

function setupContext(context: RouteContext): SetupIntentContext {
  return { ...intentContext(context), setupIntents: accountOf(context).setupIntents };
}

function customerContext(context: RouteContext): CustomerContext & SavedCardContext {
  const account = accountOf(context);
  return { params: context.params, customers: account.customers, paymentMethods: context.store, events: account.events };
}

const ID = '([^/]+)';

const ROUTES: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/v1\/payment_methods$/,
    access: 'publishable',
    faultable: true,
    handle: ({ params, store }) => createPaymentMethod(params, store),
  },
  {
    method: 'GET',
    path: new RegExp(`^/v1/payment_methods/${ID}$`),
    access: 'secret',
    faultable: false,
    handle: ({ pathMatch, store }) => retrievePaymentMethod(pathMatch[1]!, store),
  },
  {
    method: 'POST',
    path: /^\/v1\/tokens$/,
    access: 'publishable',
    faultable: false,
    handle: ({ params, auth, clientIp }) => createCvcToken(params, auth.account.cvcTokens, clientIp),
  },
  {
    method: 'GET',
    path: /^\/v1\/payment_methods$/,
    access: 'secret',
    faultable: false,
    handle: (context) => listCustomerPaymentMethods(undefined, customerContext(context), '/v1/payment_methods'),
  },
  {
    method: 'POST',
    path: new RegExp(`^/v1/payment_methods/${ID}/attach$`),
    access: 'secret',
    faultable: false,
    handle: (context) => attachPaymentMethod(context.pathMatch[1]!, customerContext(context)),
  },
  {
    method: 'POST',
    path: new RegExp(`^/v1/payment_methods/${ID}/detach$`),
    access: 'secret',
    faultable: false,
    handle: (context) => detachPaymentMethod(context.pathMatch[1]!, customerContext(context)),
  },
  { method: 'POST', path: /^\/v1\/customers$/, access: 'secret', faultable: false, handle: (context) => createCustomer(customerContext(context)) },
  { method: 'GET', path: /^\/v1\/customers$/, access: 'secret', faultable: false, handle: (context) => listCustomers(customerContext(context)) },
  {
    method: 'GET',
    path: new RegExp(`^/v1/customers/${ID}$`),
    access: 'secret',
    faultable: false,
    handle: (context) => retrieveCustomer(context.pathMatch[1]!, customerContext(context)),
  },
  {
    method: 'POST',
    path: new RegExp(`^/v1/customers/${ID}$`),
    access: 'secret',
    faultable: false,
    handle: (context) => updateCustomer(context.pathMatch[1]!, customerContext(context)),
  },
  {
    method: 'DELETE',
    path: new RegExp(`^/v1/customers/${ID}$`),
    access: 'secret',
    faultable: false,
    handle: (context) => deleteCustomer(context.pathMatch[1]!, customerContext(context)),
  },
  {
    method: 'GET',
    path: new RegExp(`^/v1/customers/${ID}/payment_methods$`),
    access: 'secret',
    faultable: false,
    handle: (context) => listCustomerPaymentMethods(context.pathMatch[1]!, customerContext(context), `/v1/customers/${context.pathMatch[1]!}/payment_methods`),
  },
  { method: 'POST', path: /^\/v1\/setup_intents$/, access: 'secret', faultable: false, handle: (context) => createSetupIntent(setupContext(context)) },
  { method: 'GET', path: /^\/v1\/setup_intents$/, access: 'secret', faultable: false, handle: (context) => listSetupIntents(setupContext(context)) },
  {
    method: 'GET',
    path: new RegExp(`^/v1/setup_intents/${ID}$`),
    access: 'client_secret',
    faultable: false,
    handle: (context) => retrieveSetupIntent(context.pathMatch[1]!, setupContext(context)),
  },
  {
    method: 'POST',
    path: new RegExp(`^/v1/setup_intents/${ID}$`),
    access: 'secret',
    faultable: false,
    handle: (context) => updateSetupIntent(context.pathMatch[1]!, setupContext(context)),
  },
  {
    method: 'POST',
    path: new RegExp(`^/v1/setup_intents/${ID}/confirm$`),
    access: 'client_secret',
    faultable: false,
    handle: (context) => confirmSetupIntent(context.pathMatch[1]!, setupContext(context)),
  },
  {
    method: 'POST',
    path: new RegExp(`^/v1/setup_intents/${ID}/cancel$`),
    access: 'secret',
    faultable: false,
    handle: (context) => cancelSetupIntent(context.pathMatch[1]!, setupContext(context)),
  },
  { method: 'POST', path: /^\/v1\/payment_intents$/, access: 'secret', faultable: false, handle: (context) => createPaymentIntent(intentContext(context)) },
  { method: 'GET', path: /^\/v1\/payment_intents$/, access: 'secret', faultable: false, handle: (context) => listPaymentIntents(intentContext(context)) },
  {
    method: 'GET',
    path: new RegExp(`^/v1/payment_intents/${ID}$`),
    access: 'client_secret',
    faultable: false,
    handle: (context) => retrievePaymentIntent(context.pathMatch[1]!, intentContext(context)),
  },
  {
    method: 'POST',
    path: new RegExp(`^/v1/payment_intents/${ID}$`),
    access: 'secret',
    faultable: false,
    handle: (context) => updatePaymentIntent(context.pathMatch[1]!, intentContext(context)),
  },
  {
    method: 'POST',
    path: new RegExp(`^/v1/payment_intents/${ID}/confirm$`),
    access: 'client_secret',
    faultable: false,
    handle: (context) => confirmPaymentIntent(context.pathMatch[1]!, intentContext(context)),
  },
  {
    method: 'POST',
    path: new RegExp(`^/v1/payment_intents/${ID}/capture$`),
    access: 'secret',
    faultable: false,
    handle: (context) => capturePaymentIntent(context.pathMatch[1]!, intentContext(context)),
  },
  {
    method: 'POST',
    path: new RegExp(`^/v1/payment_intents/${ID}/cancel$`),
    access: 'secret',
    faultable: false,
    handle: (context) => cancelPaymentIntent(context.pathMatch[1]!, intentContext(context)),
  },
  { method: 'POST', path: /^\/v1\/refunds$/, access: 'secret', faultable: false, handle: ({ params, payments }) => createRefund(params, payments) },
  { method: 'GET', path: /^\/v1\/refunds$/, access: 'secret', faultable: false, handle: ({ params, payments }) => listRefunds(params, payments) },
  {
    method: 'GET',
    path: new RegExp(`^/v1/refunds/${ID}$`),
    access: 'secret',
    faultable: false,
    handle: ({ pathMatch, params, payments }) => retrieveRefund(pathMatch[1]!, params, payments),
  },
  {
    method: 'GET',
    path: new RegExp(`^/v1/mandates/${ID}$`),
    access: 'secret',
    faultable: false,
    handle: ({ pathMatch, params, payments }) => retrieveMandate(pathMatch[1]!, params, payments),
  },
  {
    method: 'GET',
    path: new RegExp(`^/v1/disputes/${ID}$`),
    access: 'secret',
    faultable: false,
    handle: ({ pathMatch, params, payments }) => retrieveDispute(pathMatch[1]!, params, payments),
  },
  {
    method: 'GET',
    path: new RegExp(`^/v1/charges/${ID}$`),
    access: 'secret',
    faultable: false,
    handle: ({ pathMatch, params, payments }) => retrieveCharge(pathMatch[1]!, params, payments),
  },
  { method: 'GET', path: /^\/v1\/charges$/, access: 'secret', faultable: false, handle: ({ params, payments }) => listCharges(params, payments) },
  {
    method: 'GET',
    path: new RegExp(`^/v1/charges/${ID}/refunds$`),
    access: 'secret',
    faultable: false,
    handle: ({ pathMatch, params, payments }) => listChargeRefunds(pathMatch[1]!, params, payments),
  },
];

function findRoute(method: string, path: string): { route: Route; pathMatch: RegExpExecArray } {
  for (const route of ROUTES) {
    const pathMatch = route.method === method ? route.path.exec(path) : null;
    if (pathMatch !== null) return { route, pathMatch };
  }
  // Long digit runs are masked in case a card number was put into the URL.
  const shownPath = path.replace(/\d{12,}/g, '****').slice(0, 200);
  throw new StripeApiError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${shownPath}).`,
  });
}

function toJson(body: unknown): string {
  // Stripe pretty-prints its responses too.
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** Runs a route, turning any error into Stripe's error body so it can be stored for replays. */
function runRoute(route: Route, context: RouteContext): RouteResult {
  try {
    return { status: 200, body: toJson(route.handle(context)) };
  } catch (error) {
    const apiError = error instanceof StripeApiError ? error : internalError();
    return { status: apiError.status, body: toJson(apiError.toBody()) };
  }
}

// Stripe saves a result only once the endpoint has started executing: successes and card
// errors, not parameter validation failures. 5xx are not saved either, so stripe-node's
// retries (same key) run the request again.
function isReplayable(status: number): boolean {
  return status < 400 || status === 402;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  // The client may have given up (a slow fault): nothing left to answer.
  if (res.destroyed) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.statusCode = status;
  res.end(body);
}

interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** Sends a processed request's reply, or withholds or garbles it when a fault says so. */
function deliver(res: ServerResponse, reply: Reply, fault: ArmedFault | undefined): void {
  if (fault?.fault === 'timeout_after_create') return;
  if (fault?.fault === 'malformed_json') {
    send(res, 200, truncatedJson(reply.body), reply.headers);
    return;
  }
  send(res, reply.status, reply.body, reply.headers);
}

/** The accounts the options describe, the top-level (single-account) options first. */
function accountsOf(options: SandboxGatewayOptions): SandboxAccount[] {
  const { publishableKey, secretKey } = options;
  const accounts = [...(options.accounts ?? [])];
  if (publishableKey !== undefined || secretKey !== undefined) {
    // Both or neither: a lone key would make an account that cannot do half its job.
    accounts.unshift({ publishableKey: publishableKey ?? '', secretKey: secretKey ?? '', allowedOrigins: options.allowedOrigins ?? [] });
  }
  const [first, ...rest] = accounts;
  if (first === undefined) return [];
  return [{ ...first, paymentMethods: first.paymentMethods ?? options.store, payments: first.payments ?? options.payments, webhooks: first.webhooks ?? options.webhooks }, ...rest];
}

function threeDSecureContext(account: GatewayAccount): ThreeDSecureContext {
  return { store: account.payments, paymentMethods: account.paymentMethods, declineOn: account.declineOn, setupIntents: account.setupIntents, events: account.events };
}

// How often, in real time, the gateway looks for bank debits the banks have answered meanwhile, so
// their webhooks go out with no request to prompt them (requests and clock advances look too).
const BANK_DEBIT_CHECK_INTERVAL_MS = 1000;

function createRequestHandler(
  accounts: SandboxAccounts,
  options: SandboxGatewayOptions,
  publicUrl: () => string,
  idempotency: IdempotencyStore,
  state: SandboxStateFolder | undefined,
  clock: SandboxClock,
) {
  const faults = options.faultInjection ? new FaultSchedule() : undefined;
  const paymentEvents = new Map(accounts.all.map((account) => [account, new PaymentEventWatcher(account.payments)]));
  /** Applies the bank answers due by now (sandbox time), in every account; returns how many. */
  const settleDueBankDebits = () => accounts.all.reduce((count, account) => count + settleBankDebits({ store: account.payments, paymentMethods: account.paymentMethods, events: account.events }, clock.nowMs()), 0);
  /** Sends what changed as each account's events, to its own endpoints only; then saves. */
  const announce = (request: CausingRequest) => {
    // Events announced by name come first: a customer.created precedes the payment that uses it.
    for (const [account, watcher] of paymentEvents) {
      for (const event of [...account.events.collect(request), ...watcher.collect(request)]) account.webhooks.publish(event);
    }
    // After the events are published, so a save keeps the ones not yet delivered.
    state?.changed();
  };
  // Stripe sends a bank's answer with no request behind it: request id and idempotency key null.
  const checkBankDebits = () => {
    if (settleDueBankDebits() > 0) announce({ id: null, idempotency_key: null });
  };
  const threeDSecureContextFor = (challengeId: string | undefined) =>
    threeDSecureContext((challengeId === undefined ? undefined : accounts.ownerOfChallenge(challengeId)) ?? accounts.first);

  const hostNames = allowedHostNames([...(options.allowedHosts ?? []), ...(options.publicUrl ? [options.publicUrl] : [])]);

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Request-Id', requestId);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const method = req.method ?? 'GET';
    const [path = '/', query = ''] = (req.url ?? '/').split(/\?(.*)/s, 2);
    try {
      // First of all: a page whose own name points at us (DNS rebinding) reaches no route, not even the challenge page.
      if (!hostIsAllowed(req.headers.host, hostNames, req.socket.localAddress)) {
        throw new StripeApiError(421, { type: 'invalid_request_error', code: 'host_not_allowed', message: 'This sandbox gateway does not answer to that host name; start it with --allow-host to add one.' });
      }
      if (faults && WEBHOOK_ADMIN_PATHS.test(path)) {
        send(res, 200, toJson(await handleWebhookAdmin(req, method, path, accounts)));
        return;
      }
      // Every request sees the bank debits as they are now: answers due meanwhile are applied (and announced) first.
      checkBankDebits();
      if (faults && path.startsWith(SANDBOX_ADMIN_PREFIX)) {
        send(res, 200, toJson(await handleSandboxAdmin(req, method, path, { accounts, faults, clock, answerDueBankDebits: checkBankDebits })));
        return;
      }
      // The challenge page is the gateway's own web page: no API key, no CORS (its form posts same-origin).
      if (path.startsWith(THREE_D_SECURE_PREFIX)) {
        await handleThreeDSecureRequest(req, res, method, path, threeDSecureContextFor);
        return;
      }
      // A preflight carries no key: it passes for any account's origin, the request itself for its key's own.
      applyCors(req, res, accounts.anyAllowedOrigin);
      if (method === 'OPTIONS') {
        if (req.headers.origin !== undefined) setPreflightHeaders(res);
        send(res, 204, '');
        return;
      }
      const { route, pathMatch } = findRoute(method, path);
      const auth = authenticate(req, accounts);
      requireAccountOrigin(req, auth.account.allowedOrigins);
      if (route.access === 'secret') requireSecretKey(auth);

      // GET params come in the query string, in the same form encoding as POST bodies.
      let params: FormParams = method === 'GET' || method === 'DELETE' ? parseFormBody(query) : {};
      if (method === 'POST') {
        if (!isFormContentType(req.headers['content-type'])) {
          throw new StripeApiError(400, {
            type: 'invalid_request_error',
            message: 'Invalid request: bodies must be sent as application/x-www-form-urlencoded.',
          });
        }
        params = parseFormBody(await readRequestBody(req));
      }

      const routeContext: RouteContext = {
        params,
        pathMatch,
        auth,
        store: auth.account.paymentMethods,
        payments: auth.account.payments,
        publicUrl: publicUrl(),
        clientIp: req.socket.remoteAddress ?? null,
        userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 1000) : null,
        clock,
      };

      // Faults hit requests that reached the endpoint whole: authenticated, body read.
      const fault = route.faultable ? faults?.take() : undefined;
      if (fault && !faultProcessesRequest(fault.fault)) {
        misbehaveWithoutProcessing(fault.fault, req, res);
        return;
      }
      // A slow gateway: the key is in flight meanwhile, and the work goes on if the client leaves.
      const slowDown = () => (fault?.fault === 'slow' ? sleep(fault.delayMs, undefined, { ref: false }) : undefined);

      const idempotencyKey = method === 'POST' ? req.headers['idempotency-key'] : undefined;
      if (typeof idempotencyKey !== 'string') {
        await slowDown();
        deliver(res, runRoute(route, routeContext), fault);
        return;
      }
      validateIdempotencyKey(idempotencyKey);
      const lookup = idempotency.begin(auth.key, idempotencyKey, method, path, params);
      if (lookup.kind === 'replay') {
        await slowDown();
        const headers = { 'Idempotent-Replayed': 'true', 'Original-Request': lookup.response.requestId };
        deliver(res, { ...lookup.response, headers }, fault);
        return;
      }
      let result: RouteResult;
      try {
        await slowDown();
        result = runRoute(route, routeContext);
        if (isReplayable(result.status)) lookup.save({ ...result, requestId });
      } finally {
        lookup.release();
      }
      deliver(res, result, fault);
    } catch (error) {
      const apiError = error instanceof StripeApiError ? error : internalError();
      send(res, apiError.status, toJson(apiError.toBody()));
    } finally {
      // Discard any unread body (refused early, or over the limit) so the connection stays usable.
      req.resume();
      // Whatever this request changed (a payment, a capture, a 3-D Secure result) goes out as events.
      const idempotencyKey = req.headers['idempotency-key'];
      announce({ id: requestId, idempotency_key: typeof idempotencyKey === 'string' ? idempotencyKey : null });
    }
  };
  return { handleRequest, checkBankDebits };
}

/** http://host:port of a listening server; an unspecified address (0.0.0.0, ::) is reached at 127.0.0.1. */
function listeningUrl(server: http.Server): string {
  const address = server.address() as AddressInfo | null;
  if (address === null) return 'http://127.0.0.1';
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

export interface SandboxGateway {
  server: http.Server;
  accounts: readonly GatewayAccount[];
  /** See RunningSandboxGateway.resumeDeliveries; nothing to do without a dataDir. */
  resumeDeliveries(): void;
}

/**
 * The gateway's server and its accounts; throws SandboxAccountsError for accounts it cannot hold,
 * and with a dataDir, DataDirLockedError (another process has it) or SandboxStateError (a bad state file).
 * With a dataDir, the state is written a last time and the folder unlocked when the server closes.
 */
export function createSandboxGateway(options: SandboxGatewayOptions): SandboxGateway {
  const accounts = new SandboxAccounts(accountsOf(options));
  const idempotency = new IdempotencyStore();
  const state = options.dataDir === undefined ? undefined : new SandboxStateFolder(options.dataDir, options.dataDirOwner);
  // Before the request handler exists: its event watchers take what is restored as already announced.
  state?.restore(accounts.all, idempotency);
  const clock = new SandboxClock();
  const { handleRequest, checkBankDebits } = createRequestHandler(accounts, options, () => options.publicUrl ?? listeningUrl(server), idempotency, state, clock);
  const server = http.createServer((req, res) => {
    handleRequest(req, res).catch(() => {
      // Last resort (the handler already catches): never let a request take the process down.
      if (!res.headersSent) send(res, 500, toJson(internalError().toBody()));
      else res.destroy();
    });
  });
  const bankDebitTimer = setInterval(checkBankDebits, BANK_DEBIT_CHECK_INTERVAL_MS);
  bankDebitTimer.unref();
  server.once('close', () => clearInterval(bankDebitTimer));
  if (state !== undefined) server.once('close', () => state.close());
  return { server, accounts: accounts.all, resumeDeliveries: () => state?.resumeDeliveries() };
}

export async function startSandboxGateway(options: StartSandboxGatewayOptions): Promise<RunningSandboxGateway> {
  const { port, host = '127.0.0.1', ...gatewayOptions } = options;
  const { server, accounts, resumeDeliveries } = createSandboxGateway(gatewayOptions);
  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => {
      // Closed although it never listened: its 'close' unlocks a data folder.
      server.close();
      reject(error);
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    webhooks: accounts[0]!.webhooks,
    accounts,
    resumeDeliveries,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const account of accounts) account.webhooks.close();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections (fetch keeps them) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
