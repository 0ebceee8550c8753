// Test-only fault injection for the sandbox gateway (Node realm): makes the next N card
// tokenizations fail the way real networks and gateways fail. Armed through the admin API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StripeApiError, internalError } from './stripe-error.ts';

/**
 * What each fault does to a `POST /v1/payment_methods`:
 * - `timeout`: accepted, never answered (lost before processing: nothing is created).
 * - `timeout_after_create`: processed (the payment method exists and its response is kept
 *   for Idempotency-Key replays), then never answered: the client times out.
 * - `500`, `503`: Stripe's api_error body; `502`: an HTML page, as a proxy sends. Nothing created.
 * - `429`: Stripe's rate_limit error with `Retry-After: 1`. Nothing created.
 * - `reset`: the socket is destroyed without an answer. Nothing created.
 * - `malformed_json`: processed (created, kept for replays), then a 200 whose body is cut in
 *   half on the way, as a broken proxy would: the client cannot read the id it was given.
 * - `slow`: processed after `delay_ms` (10 s by default) and answered correctly; the key
 *   counts as in flight meanwhile, so a retry with it gets 409.
 * Faults that process a request go through the Idempotency-Key layer like any request, so a
 * retry with the same key gets the payment method the faulted request created, never a second one.
 */
export const GATEWAY_FAULTS = ['timeout', 'timeout_after_create', '500', '502', '503', '429', 'reset', 'malformed_json', 'slow'] as const;
export type GatewayFault = (typeof GATEWAY_FAULTS)[number];

const FAULTS_THAT_PROCESS: ReadonlySet<GatewayFault> = new Set(['timeout_after_create', 'malformed_json', 'slow']);

export const DEFAULT_SLOW_DELAY_MS = 10_000;
export const RATE_LIMIT_RETRY_AFTER_SECONDS = 1;
const MAX_TIMES = 1_000;
const MAX_DELAY_MS = 60_000;

export interface ArmedFault {
  fault: GatewayFault;
  delayMs: number;
}

export function isGatewayFault(value: unknown): value is GatewayFault {
  return typeof value === 'string' && (GATEWAY_FAULTS as readonly string[]).includes(value);
}

/** Whether the gateway runs the request (and may create a payment method) despite the fault. */
export function faultProcessesRequest(fault: GatewayFault): boolean {
  return FAULTS_THAT_PROCESS.has(fault);
}

/** The faults armed for the next tokenizations, and how many tokenizations the gateway saw. */
export class FaultSchedule {
  private armed: (ArmedFault & { remaining: number }) | undefined;
  private tokenizationsSeen = 0;

  get tokenizationRequests(): number {
    return this.tokenizationsSeen;
  }

  /** Replaces whatever was armed: the next `times` tokenizations get `fault`. */
  arm(fault: GatewayFault, times: number, delayMs = DEFAULT_SLOW_DELAY_MS): void {
    if (!Number.isInteger(times) || times < 1 || times > MAX_TIMES) {
      throw badAdminParam('times', `times must be an integer from 1 to ${MAX_TIMES}.`);
    }
    if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > MAX_DELAY_MS) {
      throw badAdminParam('delay_ms', `delay_ms must be an integer from 0 to ${MAX_DELAY_MS}.`);
    }
    this.armed = { fault, delayMs, remaining: times };
  }

  clear(): void {
    this.armed = undefined;
  }

  /** Called once per tokenization request that reached the endpoint: its fault, if one is armed. */
  take(): ArmedFault | undefined {
    this.tokenizationsSeen += 1;
    const armed = this.armed;
    if (armed === undefined) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.armed = undefined;
    return { fault: armed.fault, delayMs: armed.delayMs };
  }

  describe(): { fault: GatewayFault; remaining: number } | null {
    return this.armed === undefined ? null : { fault: this.armed.fault, remaining: this.armed.remaining };
  }
}

export function badAdminParam(param: string, message: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid', param, message });
}

function jsonBody(body: unknown): string {
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * Answers (or does not answer) a request whose fault means it is never processed.
 * CORS headers are already set, so a browser sees the status instead of a network error.
 */
export function misbehaveWithoutProcessing(fault: GatewayFault, req: IncomingMessage, res: ServerResponse): void {
  switch (fault) {
    case 'timeout':
      // Hold the request; the client's abort closes the socket, and close() ends any left over.
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case '500':
      res.statusCode = 500;
      res.end(jsonBody(internalError().toBody()));
      return;
    case '502':
      res.statusCode = 502;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n');
      return;
    case '503':
      res.statusCode = 503;
      res.end(jsonBody(new StripeApiError(503, { type: 'api_error', message: 'The sandbox gateway is temporarily unavailable. Please try again shortly.' }).toBody()));
      return;
    case '429':
      res.statusCode = 429;
      res.setHeader('Retry-After', String(RATE_LIMIT_RETRY_AFTER_SECONDS));
      res.end(
        jsonBody(
          new StripeApiError(429, {
            type: 'invalid_request_error',
            code: 'rate_limit',
            message: 'Request rate limit exceeded. Please retry after a short delay.',
          }).toBody(),
        ),
      );
      return;
    case 'timeout_after_create':
    case 'malformed_json':
    case 'slow':
      throw new Error(`The ${fault} fault processes the request`);
  }
}

/** A JSON body cut in half: never valid JSON, whatever it held. */
export function truncatedJson(body: string): string {
  return body.slice(0, Math.max(1, Math.floor(body.trimEnd().length / 2)));
}
