// Whether a read of the intent's status says its 3-D Secure challenge is over, for a bank's page
// that says nothing when it is done (every real one). Merchant realm, next-action chunk.
import type { CheckoutErrorCode } from '../shared/errors.ts';
import type { PaymentResult } from '../shared/protocol.ts';

/** A read that failed on the way (the gateway or the network): the intent may still wait. */
const READ_FAILURES: ReadonlySet<string> = new Set<CheckoutErrorCode>(['network_error', 'timeout', 'gateway_unavailable', 'rate_limited', 'gateway_invalid_response', 'not_ready']);

/** Over once the intent (a PaymentIntent or a SetupIntent) left `requires_action` (paid or saved, to capture, processing) or holds why it failed. */
export function challengeIsOver(result: PaymentResult): boolean {
  if ('error' in result) return !READ_FAILURES.has(result.error.code);
  return ('setupIntent' in result ? result.setupIntent : result.paymentIntent).status !== 'requires_action';
}
