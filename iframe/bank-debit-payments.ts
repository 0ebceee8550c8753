// A bank debit's confirm (the drop-in's bank debits, bank-panels.ts): the merchant's PaymentIntent
// confirmed at the gateway this fields origin is configured for, with the payment method and mandate
// params the panel read, under the card confirms' rules: retries per retry-policy.ts under one
// Idempotency-Key (reused only for the same account on the same intent, after a try that got no
// answer), and one confirm at a time. Part of the bank debits' own build; fields origin.
import { intentPathOf } from '../src/shared/protocol-constants.ts';
import type { CheckoutError, ConfirmResult } from '../src/shared/protocol.ts';
import { readChallengeOrigins } from './challenge-origins.ts';
import { readGatewayUrl } from './gateway-config.ts';
import { IdempotencyKeys } from './gateway/idempotency-keys.ts';
import { readConfirmAnswer } from './gateway/payment-intent-answers.ts';
import { requestWithRetries } from './gateway/stripe-compatible-gateway.ts';
import { checkoutError } from './gateway/stripe-errors.ts';

/** Confirms `clientSecret`'s intent with `params` (bank-debit-params.ts), for the key the frame was served for. Never rejects. */
export function createBankDebitConfirm(publishableKey: string): (clientSecret: string, params: URLSearchParams) => Promise<ConfirmResult | { error: CheckoutError }> {
  const gatewayUrl = readGatewayUrl();
  const challengeOrigins = gatewayUrl ? readChallengeOrigins(gatewayUrl) : [];
  const keys = new IdempotencyKeys();
  let inFlight: Promise<ConfirmResult | { error: CheckoutError }> | undefined;

  async function confirm(clientSecret: string, params: URLSearchParams): Promise<ConfirmResult | { error: CheckoutError }> {
    if (!gatewayUrl) return { error: checkoutError('gateway_unavailable') };
    const body = new URLSearchParams({ client_secret: clientSecret });
    for (const [name, value] of params) body.set(name, value);
    // The account is remembered only as the keys' in-memory HMAC, as a card is.
    const idempotencyKey = await keys.keyFor({ number: `${params}`, expMonth: 0, expYear: 0 }, `${publishableKey} ${clientSecret}`);
    const { result, settled } = await requestWithRetries(gatewayUrl, {
      method: 'POST',
      path: `${intentPathOf(clientSecret)}/confirm`,
      publishableKey,
      body,
      idempotencyKey: idempotencyKey.key,
      readSuccess: (json) => readConfirmAnswer(json, clientSecret, challengeOrigins),
    });
    idempotencyKey.finished(settled);
    return result;
  }

  // One confirm at a time: a second request while one runs gets the same result.
  return (clientSecret, params) => (inFlight ??= confirm(clientSecret, params).finally(() => (inFlight = undefined)));
}
