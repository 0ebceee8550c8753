// Setting up a card for later payments, as the issuer would (a zero-amount verification): the
// SetupIntent succeeds (the card is saved for its customer), fails with the card's decline, or
// waits for a 3-D Secure challenge. Every status change of a confirmed SetupIntent happens here,
// and each one is announced (setup_intent.requires_action / succeeded / setup_failed).
import { checkDecline, runChecks } from './card-checks.ts';
import type { CardPaymentContext } from './card-payments.ts';
import { cardDecline, errorDocUrl, isDeclineOutcome } from './card-declines.ts';
import type { StoredCardPaymentMethod } from './payment-method-store.ts';
import type { ThreeDSecureChallenge } from './payment-store.ts';
import { saveForFutureUse } from './saved-payment-methods.ts';
import type { SetupIntentRecord } from './setup-intent-store.ts';
import type { TestCardOutcome } from './test-cards.ts';
import { needsAuthentication, openChallenge, voidChallenge } from './three-d-secure-challenge.ts';

export type SetupResult = 'succeeded' | 'failed' | 'requires_action';

// Stripe's code and message for a SetupIntent whose 3-D Secure authentication failed.
export const SETUP_AUTHENTICATION_FAILURE = {
  code: 'setup_intent_authentication_failure',
  message: 'The latest attempt to set up the payment method has failed because authentication failed.',
} as const;

// A zero-amount verification cannot lack funds: such a card saves fine and declines when charged.
const SAVES_DESPITE: readonly TestCardOutcome[] = ['insufficient_funds', '3ds_required_then_insufficient_funds'];

/** Ends the challenge a SetupIntent waits for (a new confirm or a cancel supersedes it). */
export function voidPendingSetupChallenge(record: SetupIntentRecord, context: CardPaymentContext): void {
  voidChallenge(record.challengeId, context.store);
  record.challengeId = null;
  record.setupIntent.next_action = null;
}

function fail(record: SetupIntentRecord, method: StoredCardPaymentMethod, error: { type: 'card_error' | 'invalid_request_error'; code: string; decline_code?: string; message: string; param?: string }, context: CardPaymentContext): SetupResult {
  const setupIntent = record.setupIntent;
  setupIntent.status = 'requires_payment_method';
  // As for payments: the failed card is taken off the intent; last_setup_error keeps it.
  setupIntent.payment_method = null;
  setupIntent.last_setup_error = { ...error, doc_url: errorDocUrl(error.code), payment_method: structuredClone(method.paymentMethod), payment_method_type: 'card' };
  context.events.record('setup_intent.setup_failed', setupIntent);
  return 'failed';
}

/** The issuer's verification: the card's checks run, and a declining card fails the setup. */
function verify(record: SetupIntentRecord, method: StoredCardPaymentMethod, context: CardPaymentContext): SetupResult {
  const checks = runChecks(method.paymentMethod.card.checks, method.issuerChecks);
  context.paymentMethods.recordChecks(method.paymentMethod.id, checks);
  method.paymentMethod.card.checks = checks;
  const cardOutcome = SAVES_DESPITE.includes(method.outcome) ? 'success' : method.outcome;
  const outcome = isDeclineOutcome(cardOutcome) ? cardOutcome : checkDecline(checks, context.declineOn);
  if (outcome !== undefined && isDeclineOutcome(outcome)) {
    const decline = cardDecline(outcome);
    return fail(record, method, { type: 'card_error', code: decline.code, decline_code: decline.decline_code, message: decline.message, ...(decline.param === undefined ? {} : { param: decline.param }) }, context);
  }
  const setupIntent = record.setupIntent;
  setupIntent.status = 'succeeded';
  saveForFutureUse(method.paymentMethod.id, setupIntent.customer, setupIntent.usage, context);
  context.events.record('setup_intent.succeeded', setupIntent);
  return 'succeeded';
}

/** Confirms `record` with `method`: `succeeded`, `requires_action` (a challenge to pass) or back at `requires_payment_method`. */
export function attemptSetup(record: SetupIntentRecord, method: StoredCardPaymentMethod, context: CardPaymentContext, publicUrl: string): SetupResult {
  voidPendingSetupChallenge(record, context);
  const setupIntent = record.setupIntent;
  setupIntent.payment_method = method.paymentMethod.id;
  setupIntent.last_setup_error = null;
  // Setting a card up is when the issuer asks for authentication, 4000002500003155 included.
  if (needsAuthentication(method.outcome, false)) {
    const { challenge, nextAction } = openChallenge(context.store, publicUrl, { kind: 'setup_intent', id: setupIntent.id, returnUrl: record.returnUrl }, method.paymentMethod.id);
    record.challengeId = challenge.id;
    setupIntent.status = 'requires_action';
    setupIntent.next_action = nextAction;
    context.events.record('setup_intent.requires_action', setupIntent);
    return 'requires_action';
  }
  return verify(record, method, context);
}

/** Applies a challenge's result: authenticated -> the verification goes on; failed -> setup_intent_authentication_failure. */
export function finishSetupChallenge(challenge: ThreeDSecureChallenge, authenticated: boolean, record: SetupIntentRecord, method: StoredCardPaymentMethod, context: CardPaymentContext): void {
  challenge.status = authenticated ? 'authenticated' : 'failed';
  record.challengeId = null;
  record.setupIntent.next_action = null;
  if (authenticated) verify(record, method, context);
  else fail(record, method, { type: 'invalid_request_error', ...SETUP_AUTHENTICATION_FAILURE }, context);
}
