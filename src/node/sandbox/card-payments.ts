// Paying an intent with a card, as the card network would: the payment method's test-card outcome
// decides whether the attempt is authorized, declined (a failed charge and last_payment_error) or
// must first pass a 3-D Secure challenge (or, off session, fails authentication_required). Every
// status change of a confirmed intent happens here; a paid setup_future_usage saves the card.
import { randomUUID } from 'node:crypto';
import { checkDecline, runChecks, type DeclineOn } from './card-checks.ts';
import { paymentNetwork } from './card-networks.ts';
import { AUTHENTICATION_FAILURE, cardDecline, errorDocUrl, isDeclineOutcome, type DeclineOutcome } from './card-declines.ts';
import { newCharge, type Charge, type ChargeCardDetails, type ChargeThreeDSecure } from './charge-object.ts';
import type { PaymentIntent } from './payment-intent-object.ts';
import type { PaymentMethodStore, StoredCardPaymentMethod } from './payment-method-store.ts';
import type { EventOutbox } from './event-outbox.ts';
import type { IntentRecord, PaymentStore, ThreeDSecureChallenge } from './payment-store.ts';
import { saveForFutureUse } from './saved-payment-methods.ts';
import type { TestCardOutcome } from './test-cards.ts';
import { needsAuthentication, openChallenge, voidChallenge } from './three-d-secure-challenge.ts';

export type AttemptResult = 'authorized' | 'declined' | 'requires_action';

/** The account's state and settings a payment attempt reads and changes. */
export interface CardPaymentContext {
  store: PaymentStore;
  paymentMethods: PaymentMethodStore;
  /** Whether a failed CVC or postal code check declines the payment (card-checks.ts). */
  declineOn: DeclineOn;
  /** Where a card saved by setup_future_usage announces payment_method.attached. */
  events: EventOutbox;
}

/** Ends the challenge an intent waits for (a new confirm, an update or a cancel supersedes it). */
export function voidPendingChallenge(record: IntentRecord, store: PaymentStore): void {
  voidChallenge(record.challengeId, store);
  record.challengeId = null;
  record.intent.next_action = null;
}

/** The 3-D Secure result of an authenticated payment on `network`, as Stripe shows it on the charge. */
function authenticated(flow: ChargeThreeDSecure['authentication_flow'], network: string): ChargeThreeDSecure {
  return {
    authentication_flow: flow,
    // EMV 3-D Secure's ECI for a fully authenticated cardholder: Mastercard's value, else Visa's (and the others').
    electronic_commerce_indicator: network === 'mastercard' ? '02' : '05',
    exemption_indicator: null,
    result: 'authenticated',
    result_reason: null,
    transaction_id: randomUUID(),
    version: '2.2.0',
  };
}

function cardCharge(intent: PaymentIntent, method: StoredCardPaymentMethod, authentication: ChargeThreeDSecure['authentication_flow'] | null, now: Date): Charge & { payment_method_details: ChargeCardDetails } {
  const { paymentMethod } = method;
  const card = paymentMethod.card;
  // The network the payment went on: the shopper's choice on a co-badged card.
  const network = paymentNetwork(card.networks, card.brand);
  const threeDSecure = authentication === null ? null : authenticated(authentication, network);
  return newCharge(intent, paymentMethod, now.getTime(), {
    paid: true,
    status: 'succeeded',
    payment_method_details: {
      type: 'card',
      card: {
        amount_authorized: intent.amount,
        authorization_code: null,
        brand: card.brand,
        checks: { ...card.checks },
        country: card.country,
        electronic_commerce_indicator: threeDSecure?.electronic_commerce_indicator ?? null,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        extended_authorization: { status: 'disabled' },
        fingerprint: card.fingerprint,
        funding: card.funding,
        incremental_authorization: { status: 'unavailable' },
        installments: null,
        last4: card.last4,
        mandate: null,
        multicapture: { status: 'unavailable' },
        network,
        network_token: { used: false },
        network_transaction_id: null,
        overcapture: { maximum_amount_capturable: intent.amount, status: 'unavailable' },
        regulated_status: card.regulated_status,
        three_d_secure: threeDSecure,
        transaction_link_id: null,
        wallet: null,
      },
    },
  });
}

/** The outcome once authentication (if any) is behind: 3DS cards then pay or decline like any card. */
function outcomeAfterAuthentication(outcome: TestCardOutcome): TestCardOutcome {
  if (outcome === '3ds_required_then_insufficient_funds') return 'insufficient_funds';
  if (outcome === '3ds_required' || outcome === '3ds_optional' || outcome === '3ds_required_unless_set_up') return 'success';
  return outcome;
}

/**
 * Sends the payment to the "issuer": an authorized charge, or a declined one. The issuer answers
 * the card's checks either way; the payment method and the charge then show the results.
 * `authentication` is how 3-D Secure authenticated the cardholder first, or null when it did not run.
 */
function authorize(
  record: IntentRecord,
  method: StoredCardPaymentMethod,
  authentication: ChargeThreeDSecure['authentication_flow'] | null,
  context: CardPaymentContext,
  now: Date,
  issuerDecline?: DeclineOutcome,
): AttemptResult {
  const intent = record.intent;
  // A re-collected CVC (a CVC update token) is sent to the issuer with this authorization, once.
  const asked = record.recollectedCvc ? { ...method.paymentMethod.card.checks, cvc_check: 'unchecked' as const } : method.paymentMethod.card.checks;
  record.recollectedCvc = false;
  const checks = runChecks(asked, method.issuerChecks);
  method.paymentMethod.card.checks = checks;
  context.paymentMethods.recordChecks(method.paymentMethod.id, checks);
  const charge = cardCharge(intent, method, authentication, now);
  context.store.addCharge(charge);
  intent.latest_charge = charge.id;
  const cardOutcome = issuerDecline ?? outcomeAfterAuthentication(method.outcome);
  const outcome = isDeclineOutcome(cardOutcome) ? cardOutcome : (checkDecline(checks, context.declineOn) ?? cardOutcome);

  if (isDeclineOutcome(outcome)) {
    const decline = cardDecline(outcome);
    Object.assign(charge, {
      paid: false,
      status: 'failed',
      failure_code: decline.code,
      failure_message: decline.message,
      outcome: {
        ...charge.outcome,
        network_status: 'declined_by_network',
        reason: decline.decline_code,
        seller_message: 'The bank did not return any further details with this decline.',
        type: 'issuer_declined',
      },
    } satisfies Partial<Charge>);
    charge.payment_method_details.card.amount_authorized = null;
    intent.status = 'requires_payment_method';
    // As in Stripe: the failed payment method is detached; last_payment_error keeps it.
    intent.payment_method = null;
    intent.last_payment_error = {
      type: 'card_error',
      charge: charge.id,
      code: decline.code,
      decline_code: decline.decline_code,
      doc_url: errorDocUrl(decline.code),
      message: decline.message,
      ...(decline.param === undefined ? {} : { param: decline.param }),
      payment_method: structuredClone(method.paymentMethod),
      payment_method_type: 'card',
    };
    return 'declined';
  }

  if (intent.capture_method === 'manual') {
    intent.status = 'requires_capture';
    intent.amount_capturable = intent.amount;
  } else {
    charge.captured = true;
    charge.amount_captured = intent.amount;
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
  }
  if (intent.setup_future_usage !== null) saveForFutureUse(method.paymentMethod.id, intent.customer, intent.setup_future_usage, context);
  return 'authorized';
}

function startChallenge(record: IntentRecord, method: StoredCardPaymentMethod, { store }: CardPaymentContext, publicUrl: string): AttemptResult {
  const { challenge, nextAction } = openChallenge(store, publicUrl, { kind: 'payment_intent', id: record.intent.id, returnUrl: record.returnUrl }, method.paymentMethod.id);
  record.challengeId = challenge.id;
  record.intent.status = 'requires_action';
  record.intent.next_action = nextAction;
  return 'requires_action';
}

/**
 * Confirms `record` with `method`: the intent ends `succeeded`, `requires_capture`,
 * `requires_action` (a challenge to pass) or back at `requires_payment_method` with the decline.
 */
export function attemptPayment(record: IntentRecord, method: StoredCardPaymentMethod, context: CardPaymentContext, publicUrl: string, now = new Date()): AttemptResult {
  voidPendingChallenge(record, context.store);
  record.intent.payment_method = method.paymentMethod.id;
  record.intent.last_payment_error = null;
  // A card used with nothing to keep it for later may never be attached afterwards (Stripe's rule).
  if (record.intent.setup_future_usage === null) context.paymentMethods.markConsumed(method.paymentMethod.id);
  if (needsAuthentication(method.outcome, method.setUpOffSession === true && record.offSession)) {
    // Off session nobody can answer a challenge: the issuer declines, as Stripe documents.
    if (record.offSession) return authorize(record, method, null, context, now, 'authentication_required');
    return startChallenge(record, method, context, publicUrl);
  }
  return authorize(record, method, method.outcome === '3ds_optional' ? 'frictionless' : null, context, now);
}

/**
 * Applies a challenge's result to its intent: authenticated -> the payment goes on as its card
 * says; failed -> back to `requires_payment_method` with payment_intent_authentication_failure.
 */
export function finishChallenge(challenge: ThreeDSecureChallenge, authenticated: boolean, record: IntentRecord, method: StoredCardPaymentMethod, context: CardPaymentContext, now = new Date()): void {
  challenge.status = authenticated ? 'authenticated' : 'failed';
  record.challengeId = null;
  record.intent.next_action = null;
  if (authenticated) {
    authorize(record, method, 'challenge', context, now);
    return;
  }
  record.intent.status = 'requires_payment_method';
  record.intent.payment_method = null;
  record.intent.last_payment_error = {
    type: 'invalid_request_error',
    code: AUTHENTICATION_FAILURE.code,
    doc_url: errorDocUrl(AUTHENTICATION_FAILURE.code),
    message: AUTHENTICATION_FAILURE.message,
    payment_method: structuredClone(method.paymentMethod),
    payment_method_type: 'card',
  };
}
