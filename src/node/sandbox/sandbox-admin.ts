// The sandbox gateway's test-only admin API (Node realm), mounted only with `faultInjection: true`
// (`payframe sandbox --test-admin`): arm faults, flip the 3-D Secure switches, read counters, read
// and advance the sandbox clock. Never reachable from a web page: refuses any request with an Origin.
// Faults and the clock are the gateway's; the 3-D Secure switches and the counters are the calling account's.
import type { IncomingMessage } from 'node:http';
import { authenticate, requireSecretKey } from './api-keys.ts';
import { FaultSchedule, GATEWAY_FAULTS, badAdminParam, isGatewayFault } from './fault-injection.ts';
import { parseFormBody, readRequestBody, type FormParams } from './form-body.ts';
import type { GatewayAccount, SandboxAccounts } from './sandbox-accounts.ts';
import { MAX_CLOCK_ADVANCE_SECONDS, type SandboxClock, type SandboxClockView } from './sandbox-clock.ts';
import { StripeApiError } from './stripe-error.ts';

export const SANDBOX_ADMIN_PREFIX = '/__sandbox/';

interface SandboxAdminContext {
  accounts: SandboxAccounts;
  faults: FaultSchedule;
  clock: SandboxClock;
  /** Applies (and announces) the bank answers due at the clock's new time. */
  answerDueBankDebits(): void;
}

function notFound(method: string, path: string): StripeApiError {
  return new StripeApiError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${path.replace(/\d{12,}/g, '****').slice(0, 200)}).`,
  });
}

async function readAdminBody(req: IncomingMessage): Promise<FormParams> {
  const body = await readRequestBody(req, 4 * 1024);
  const contentType = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') return parseFormBody(body);
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as FormParams;
  } catch {
    // Falls through to the error below.
  }
  throw new StripeApiError(400, { type: 'invalid_request_error', message: 'Invalid request: the body must be a JSON object.' });
}

/** A count from JSON (a number) or from a form (a string of digits). */
function readInteger(value: unknown, param: string): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number') throw badAdminParam(param, `${param} must be an integer.`);
  return number;
}

async function armFaults(req: IncomingMessage, faults: FaultSchedule): Promise<unknown> {
  const params = await readAdminBody(req);
  const fault = params.fault;
  if (fault === 'none') {
    faults.clear();
  } else if (isGatewayFault(fault)) {
    faults.arm(fault, readInteger(params.times, 'times') ?? 1, readInteger(params.delay_ms, 'delay_ms'));
  } else {
    // The submitted value is not echoed.
    throw badAdminParam('fault', `fault must be one of: none, ${GATEWAY_FAULTS.join(', ')}.`);
  }
  return { object: 'sandbox_faults', armed: faults.describe() };
}

/** `seconds`: how far to move the sandbox clock forward (a whole number, up to a year). */
async function advanceClock(req: IncomingMessage, context: SandboxAdminContext): Promise<SandboxClockView> {
  const seconds = readInteger((await readAdminBody(req)).seconds, 'seconds');
  if (seconds === undefined || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_CLOCK_ADVANCE_SECONDS) {
    throw badAdminParam('seconds', `seconds must be a whole number from 1 to ${MAX_CLOCK_ADVANCE_SECONDS}.`);
  }
  context.clock.advance(seconds);
  context.answerDueBankDebits();
  return context.clock.describe();
}

/**
 * Handles a request under /__sandbox/. Browsers send an Origin header on every cross-origin
 * POST and every CORS request, so refusing it (before looking at the key) keeps web pages out,
 * even one that somehow learnt the secret key; responses carry no CORS headers either.
 */
export async function handleSandboxAdmin(req: IncomingMessage, method: string, path: string, context: SandboxAdminContext): Promise<unknown> {
  if (req.headers.origin !== undefined) {
    throw new StripeApiError(403, {
      type: 'invalid_request_error',
      code: 'origin_not_allowed',
      message: 'The sandbox admin API is for test code, not for browsers: requests with an Origin header are refused.',
    });
  }
  const account = (): GatewayAccount => {
    const auth = authenticate(req, context.accounts);
    requireSecretKey(auth);
    return auth.account;
  };
  if (method === 'POST' && path === `${SANDBOX_ADMIN_PREFIX}faults`) {
    account();
    return armFaults(req, context.faults);
  }
  if (method === 'POST' && path === `${SANDBOX_ADMIN_PREFIX}three_d_secure`) {
    const { payments } = account();
    payments.threeDSecure.update(await readAdminBody(req));
    return payments.threeDSecure.describe();
  }
  if (method === 'GET' && path === `${SANDBOX_ADMIN_PREFIX}clock`) {
    account();
    return context.clock.describe();
  }
  if (method === 'POST' && path === `${SANDBOX_ADMIN_PREFIX}clock/advance`) {
    account();
    return advanceClock(req, context);
  }
  if (method === 'GET' && path === `${SANDBOX_ADMIN_PREFIX}stats`) {
    const { id, paymentMethods } = account();
    return {
      object: 'sandbox_stats',
      account: id,
      payment_methods_created: paymentMethods.createdCount,
      tokenization_requests: context.faults.tokenizationRequests,
      armed_fault: context.faults.describe(),
    };
  }
  throw notFound(method, path);
}
