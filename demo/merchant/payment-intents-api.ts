// The demo shop's small payment backend, on the merchant origin: it creates and reads
// PaymentIntents with the official `stripe` SDK (pointed at the sandbox gateway), so the secret
// key stays on this server. Node realm. Meant to be replaced by a full order backend.
//   POST /api/payment-intents      { amount, currency, captureMethod? } -> 201 intent (with clientSecret)
//   GET  /api/payment-intents/:id  -> 200 intent (no clientSecret)
//   POST /api/setup-intents        {} -> 201 SetupIntent for a new customer (with clientSecret)
//   GET  /api/setup-intents/:id    -> 200 SetupIntent (no clientSecret)
// A payment may use the card a SetupIntent of this shop saved: { ..., savedCard: { setupIntent } }.
// Errors: { error: { code, message } } (see api-errors.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import Stripe from 'stripe';
import * as z from 'zod';
import { ApiError, apiErrorFromGateway } from './api-errors.ts';

export interface PaymentIntentsApiConfig {
  /** Read on every request: the gateway's address is known only once it listens. */
  gatewayUrl: string;
  secretKey: string;
}

/** Stripe's limit: eight digits of minor units. */
const MAX_AMOUNT = 99_999_999;
const MAX_BODY_BYTES = 4096;
/** Intents this server remembers as its own; older ones fall out first. */
const MAX_KNOWN_INTENTS = 10_000;

const createRequestSchema = z.strictObject({
  amount: z
    .number({ error: 'amount must be a number, in the currency\'s minor unit (1999 for 19.99).' })
    .int({ error: 'amount must be a whole number of the currency\'s minor unit (1999 for 19.99).' })
    .min(1, { error: 'amount must be at least 1.' })
    .max(MAX_AMOUNT, { error: `amount must be at most ${MAX_AMOUNT}.` }),
  currency: z.string({ error: 'currency is required.' }).regex(/^[A-Za-z]{3}$/, { error: 'currency must be a three-letter ISO code, like "eur".' }),
  captureMethod: z.enum(['automatic', 'manual'], { error: 'captureMethod must be "automatic" or "manual".' }).default('automatic'),
  savedCard: z
    .strictObject({ setupIntent: z.string({ error: 'savedCard.setupIntent must be the id of a SetupIntent this shop created.' }) })
    .optional(),
});

const setupIntentIdSchema = z.string().regex(/^seti_[A-Za-z0-9]{1,64}$/);

const intentIdSchema = z.string().regex(/^pi_[A-Za-z0-9]{1,64}$/);

export type CreatePaymentIntentRequest = z.infer<typeof createRequestSchema>;

/** What the demo page gets to know about an intent: no card details beyond what Stripe shows. */
export interface PaymentIntentView {
  id: string;
  status: Stripe.PaymentIntent.Status;
  amount: number;
  amountReceived: number;
  currency: string;
  captureMethod: string;
  created: number;
  nextAction: string | null;
  lastPaymentError: { code: string | null; declineCode: string | null; message: string | null } | null;
  /** Only in the answer to create: the browser needs it to pay this one intent. */
  clientSecret?: string;
}

/** What the demo page gets to know about a SetupIntent: ids and statuses, nothing of the card. */
export interface SetupIntentView {
  id: string;
  status: Stripe.SetupIntent.Status;
  customer: string | null;
  paymentMethod: string | null;
  nextAction: string | null;
  lastSetupError: { code: string | null; message: string | null } | null;
  clientSecret?: string;
}

const idOf = (value: string | { id: string } | null): string | null => (typeof value === 'string' ? value : (value?.id ?? null));

function setupViewOf(intent: Stripe.SetupIntent): SetupIntentView {
  const error = intent.last_setup_error;
  return {
    id: intent.id,
    status: intent.status,
    customer: idOf(intent.customer),
    paymentMethod: idOf(intent.payment_method),
    nextAction: intent.next_action?.type ?? null,
    lastSetupError: error ? { code: error.code ?? null, message: error.message ?? null } : null,
  };
}

function viewOf(intent: Stripe.PaymentIntent): PaymentIntentView {
  const error = intent.last_payment_error;
  return {
    id: intent.id,
    status: intent.status,
    amount: intent.amount,
    amountReceived: intent.amount_received,
    currency: intent.currency,
    captureMethod: intent.capture_method,
    created: intent.created,
    nextAction: intent.next_action?.type ?? null,
    lastPaymentError: error ? { code: error.code ?? null, declineCode: error.decline_code ?? null, message: error.message ?? null } : null,
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.code === 'unrecognized_keys' ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.` : issue.message)).join(' ');
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new ApiError('unsupported_media_type');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError('body_too_large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ApiError('invalid_json');
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  response.end(JSON.stringify(body));
}

export class PaymentIntentsApi {
  private client: { gatewayUrl: string; stripe: Stripe } | undefined;
  private readonly knownIntents = new Set<string>();

  constructor(private readonly config: PaymentIntentsApiConfig) {}

  /** Handles `/api/...` requests; returns false for any other path. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const { pathname } = new URL(request.url ?? '/', 'http://merchant.invalid');
    if (!pathname.startsWith('/api/')) return false;
    try {
      const [status, body] = await this.route(request, pathname);
      sendJson(response, status, body);
    } catch (error) {
      const apiError = apiErrorFromGateway(error);
      // The response may already be gone (client hung up): nothing more to tell it then.
      if (!response.headersSent) sendJson(response, apiError.status, apiError.toJSON());
    }
    return true;
  }

  private async route(request: IncomingMessage, pathname: string): Promise<[number, unknown]> {
    if (pathname === '/api/payment-intents') {
      if (request.method !== 'POST') throw new ApiError('method_not_allowed');
      this.refuseOtherOrigins(request);
      return [201, await this.create(await readJsonBody(request))];
    }
    const match = /^\/api\/payment-intents\/([^/]+)$/.exec(pathname);
    if (match) {
      if (request.method !== 'GET') throw new ApiError('method_not_allowed');
      return [200, await this.retrieve(decodeURIComponent(match[1]!))];
    }
    if (pathname === '/api/setup-intents') {
      if (request.method !== 'POST') throw new ApiError('method_not_allowed');
      this.refuseOtherOrigins(request);
      return [201, await this.createSetup()];
    }
    const setupMatch = /^\/api\/setup-intents\/([^/]+)$/.exec(pathname);
    if (setupMatch) {
      if (request.method !== 'GET') throw new ApiError('method_not_allowed');
      return [200, setupViewOf(await this.knownSetupIntent(decodeURIComponent(setupMatch[1]!)))];
    }
    throw new ApiError('not_found');
  }

  /** A browser on another site must not spend this shop's key: its Origin header gives it away. */
  private refuseOtherOrigins(request: IncomingMessage): void {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${request.headers.host}`) throw new ApiError('forbidden_origin');
  }

  private async create(body: unknown): Promise<PaymentIntentView> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError('invalid_request', 'Send a JSON object: { "amount": 1999, "currency": "eur", "captureMethod": "automatic" }.');
    const parsed = createRequestSchema.safeParse(body);
    if (!parsed.success) throw new ApiError('invalid_request', describeIssues(parsed.error));
    const { amount, currency, captureMethod, savedCard } = parsed.data;
    const saved = savedCard ? await this.savedCardOf(savedCard.setupIntent) : undefined;
    const intent = await this.stripe().paymentIntents.create({
      amount,
      currency: currency.toLowerCase(),
      capture_method: captureMethod,
      metadata: { source: 'payframe-demo' },
      ...(saved ? { customer: saved.customer, payment_method: saved.paymentMethod } : {}),
    });
    this.remember(intent.id);
    return { ...viewOf(intent), clientSecret: intent.client_secret ?? '' };
  }

  private async retrieve(id: string): Promise<PaymentIntentView> {
    // Only this shop's intents: a guessed or foreign id reads like one that does not exist.
    if (!intentIdSchema.safeParse(id).success || !this.knownIntents.has(id)) throw new ApiError('payment_intent_not_found');
    return viewOf(await this.stripe().paymentIntents.retrieve(id));
  }

  /** A SetupIntent for a new customer: the demo has no accounts, each saved card gets its own customer. */
  private async createSetup(): Promise<SetupIntentView> {
    const customer = await this.stripe().customers.create({ description: 'Payframe demo shopper', metadata: { source: 'payframe-demo' } });
    const intent = await this.stripe().setupIntents.create({ customer: customer.id, usage: 'off_session', metadata: { source: 'payframe-demo' } });
    this.remember(intent.id);
    return { ...setupViewOf(intent), clientSecret: intent.client_secret ?? '' };
  }

  private async knownSetupIntent(id: string): Promise<Stripe.SetupIntent> {
    // As with payments: a guessed or foreign id reads like one that does not exist.
    if (!setupIntentIdSchema.safeParse(id).success || !this.knownIntents.has(id)) throw new ApiError('setup_intent_not_found');
    return this.stripe().setupIntents.retrieve(id);
  }

  /** The customer and card a SetupIntent of this shop saved; the page names the SetupIntent, never a customer. */
  private async savedCardOf(setupIntentId: string): Promise<{ customer: string; paymentMethod: string }> {
    const view = setupViewOf(await this.knownSetupIntent(setupIntentId));
    if (view.status !== 'succeeded' || !view.customer || !view.paymentMethod) throw new ApiError('card_not_saved');
    return { customer: view.customer, paymentMethod: view.paymentMethod };
  }

  private remember(id: string): void {
    this.knownIntents.add(id);
    if (this.knownIntents.size > MAX_KNOWN_INTENTS) this.knownIntents.delete(this.knownIntents.values().next().value!);
  }

  private stripe(): Stripe {
    const { gatewayUrl, secretKey } = this.config;
    if (this.client?.gatewayUrl !== gatewayUrl) {
      const url = new URL(gatewayUrl);
      const protocol = url.protocol === 'https:' ? 'https' : 'http';
      const port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
      this.client = { gatewayUrl, stripe: new Stripe(secretKey, { host: url.hostname, port, protocol, maxNetworkRetries: 2, timeout: 10_000 }) };
    }
    return this.client.stripe;
  }
}
