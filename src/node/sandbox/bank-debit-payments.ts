// Paying an intent by bank debit (sepa_debit, us_bank_account), as the banks would: the confirm
// records the shopper's mandate and sends the debit, so the intent goes `processing` with a pending
// charge; the bank's answer comes later on the sandbox clock (sandbox-clock.ts), when
// settleBankDebits finds it due: `succeeded` (then, for Stripe's disputed test accounts, a dispute)
// or back to `requires_payment_method` with the failure code of the test account.
import { BANK_FAILURE_MESSAGES, type BankFailureCode, type BankTestOutcome } from './bank-test-accounts.ts';
import { errorDocUrl } from './card-declines.ts';
import { newCharge, type Charge, type ChargePaymentMethodDetails } from './charge-object.ts';
import { EVIDENCE_FIELDS, type Dispute } from './dispute-object.ts';
import type { EventOutbox } from './event-outbox.ts';
import { optionalObject, optionalString } from './form-body.ts';
import type { ApiKeyKind } from './api-keys.ts';
import type { CustomerAcceptance, Mandate } from './mandate-object.ts';
import type { PaymentIntent } from './payment-intent-object.ts';
import type { PaymentMethodStore, StoredBankPaymentMethod } from './payment-method-store.ts';
import type { IntentRecord, PaymentStore, PendingBankDebit } from './payment-store.ts';
import { newDisputeId, newMandateId, randomAlphanumeric } from './random-ids.ts';
import { optionalBoolean, optionalEnum } from './request-params.ts';
import { saveForFutureUse } from './saved-payment-methods.ts';
import { StripeApiError, invalidParam, missingParam } from './stripe-error.ts';

// How long the banks take to answer, in sandbox time. Stripe's test mode answers a debit within
// about a minute, and its "delayed" test accounts "after at least three minutes".
export const BANK_DEBIT_OUTCOME_SECONDS = 60;
export const DELAYED_BANK_DEBIT_OUTCOME_SECONDS = 3 * 60;

/** A failure after which the account cannot be debited again: its mandate ends. */
const MANDATE_ENDING_FAILURES: readonly BankFailureCode[] = ['account_closed', 'no_account', 'debit_not_authorized'];

export interface BankDebitContext {
  store: PaymentStore;
  paymentMethods: PaymentMethodStore;
  events: EventOutbox;
}

/** Who is confirming: what `infer_from_client` takes the acceptance's address and browser from. */
export interface ConfirmingClient {
  keyKind: ApiKeyKind;
  ipAddress: string | null;
  userAgent: string | null;
}

function unixTime(ms: number): number {
  return Math.floor(ms / 1000);
}

/**
 * `mandate_data[customer_acceptance]`: `online` with the shopper's ip_address and user_agent (or,
 * from a browser with the publishable key, `infer_from_client`), or `offline` (secret key only:
 * the merchant keeps the paper). Values are the shopper's, echoed back on the mandate as Stripe does.
 */
export function parseMandateData(value: unknown, client: ConfirmingClient, nowMs: number): CustomerAcceptance {
  const mandateData = optionalObject(value, 'mandate_data');
  if (mandateData === undefined) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'parameter_missing',
      param: 'mandate_data',
      message: "Missing required param: mandate_data. A bank debit needs the customer's acceptance of the mandate (mandate_data[customer_acceptance]).",
    });
  }
  const acceptance = optionalObject(mandateData.customer_acceptance, 'mandate_data[customer_acceptance]');
  if (acceptance === undefined) throw missingParam('mandate_data[customer_acceptance][type]');
  const type = optionalEnum(acceptance.type, 'mandate_data[customer_acceptance][type]', ['online', 'offline'] as const);
  if (type === undefined) throw missingParam('mandate_data[customer_acceptance][type]');
  const acceptedAtParam = optionalString(acceptance.accepted_at, 'mandate_data[customer_acceptance][accepted_at]');
  if (acceptedAtParam !== undefined && client.keyKind !== 'secret') throw invalidParam('mandate_data[customer_acceptance][accepted_at]', 'accepted_at can only be set with a secret key.');
  if (acceptedAtParam !== undefined && !/^\d{1,12}$/.test(acceptedAtParam)) throw invalidParam('mandate_data[customer_acceptance][accepted_at]', 'accepted_at must be a unix timestamp.');
  const acceptedAt = acceptedAtParam === undefined ? unixTime(nowMs) : Number(acceptedAtParam);
  if (type === 'offline') {
    if (client.keyKind !== 'secret') throw invalidParam('mandate_data[customer_acceptance][type]', 'An offline acceptance can only be given with a secret key.');
    return { accepted_at: acceptedAt, type, offline: {} };
  }
  const online = optionalObject(acceptance.online, 'mandate_data[customer_acceptance][online]') ?? {};
  const inferred = optionalBoolean(online.infer_from_client, 'mandate_data[customer_acceptance][online][infer_from_client]') === true;
  if (inferred && client.keyKind !== 'publishable') {
    throw invalidParam('mandate_data[customer_acceptance][online][infer_from_client]', 'infer_from_client can only be used with a publishable key: pass ip_address and user_agent.');
  }
  const ipAddress = inferred ? client.ipAddress : optionalString(online.ip_address, 'mandate_data[customer_acceptance][online][ip_address]');
  const userAgent = inferred ? client.userAgent : optionalString(online.user_agent, 'mandate_data[customer_acceptance][online][user_agent]');
  if (!ipAddress) throw missingParam('mandate_data[customer_acceptance][online][ip_address]');
  if (!userAgent) throw missingParam('mandate_data[customer_acceptance][online][user_agent]');
  if (ipAddress.length > 100 || userAgent.length > 1000) throw invalidParam('mandate_data[customer_acceptance][online]', 'ip_address or user_agent is too long.');
  return { accepted_at: acceptedAt, type, online: { ip_address: ipAddress, user_agent: userAgent } };
}

function newMandate(intent: PaymentIntent, method: StoredBankPaymentMethod, acceptance: CustomerAcceptance): Mandate {
  const { paymentMethod } = method;
  // A payment saved for later (setup_future_usage) is debited again under the same mandate.
  const reusable = intent.setup_future_usage !== null;
  return {
    id: newMandateId(),
    object: 'mandate',
    customer_acceptance: acceptance,
    livemode: false,
    ...(reusable ? { multi_use: {} } : { single_use: { amount: intent.amount, currency: intent.currency } }),
    payment_method: paymentMethod.id,
    payment_method_details:
      paymentMethod.type === 'sepa_debit'
        ? { type: 'sepa_debit', sepa_debit: { reference: randomAlphanumeric(16).toUpperCase(), url: '' } }
        : { type: 'us_bank_account', us_bank_account: {} },
    status: 'pending',
    type: reusable ? 'multi_use' : 'single_use',
  };
}

function chargeDetails(method: StoredBankPaymentMethod, mandateId: string): ChargePaymentMethodDetails {
  const { paymentMethod } = method;
  if (paymentMethod.type === 'sepa_debit') {
    const { bank_code, branch_code, country, fingerprint, last4 } = paymentMethod.sepa_debit;
    return { type: 'sepa_debit', sepa_debit: { bank_code, branch_code, country, fingerprint, last4, mandate: mandateId } };
  }
  const { account_holder_type, account_type, bank_name, fingerprint, last4, routing_number } = paymentMethod.us_bank_account;
  return { type: 'us_bank_account', us_bank_account: { account_holder_type, account_type, bank_name, fingerprint, last4, mandate: mandateId, payment_reference: null, routing_number } };
}

function pendingCharge(intent: PaymentIntent, method: StoredBankPaymentMethod, mandateId: string, nowMs: number): Charge {
  // Not paid until the bank answers (settleBankDebits below).
  return newCharge(intent, method.paymentMethod, nowMs, { paid: false, status: 'pending', payment_method_details: chargeDetails(method, mandateId) });
}

function settlesAt(outcome: BankTestOutcome, nowMs: number): number | null {
  if (outcome.result === 'stays_processing') return null;
  return nowMs + (outcome.delayed ? DELAYED_BANK_DEBIT_OUTCOME_SECONDS : BANK_DEBIT_OUTCOME_SECONDS) * 1000;
}

/** The confirm of a bank debit: a pending mandate and charge, and the intent `processing` until the bank answers. */
export function startBankDebit(record: IntentRecord, method: StoredBankPaymentMethod, acceptance: CustomerAcceptance, context: BankDebitContext, nowMs: number): void {
  const intent = record.intent;
  const mandate = newMandate(intent, method, acceptance);
  context.store.addMandate(mandate);
  const charge = pendingCharge(intent, method, mandate.id, nowMs);
  context.store.addCharge(charge);
  intent.payment_method = method.paymentMethod.id;
  intent.last_payment_error = null;
  intent.latest_charge = charge.id;
  intent.status = 'processing';
  // Used with nothing to keep it for later: it may never be attached afterwards (Stripe's rule, as for cards).
  if (intent.setup_future_usage === null) context.paymentMethods.markConsumed(method.paymentMethod.id);
  const outcome = method.bankOutcome ?? { result: 'succeeds' };
  record.bankDebit = { chargeId: charge.id, mandateId: mandate.id, settlesAt: settlesAt(outcome, nowMs), outcome };
}

function updateMandate(mandate: Mandate | undefined, status: Mandate['status'], events: EventOutbox): void {
  if (mandate === undefined || mandate.status === status) return;
  const previous = mandate.status;
  mandate.status = status;
  events.record('mandate.updated', mandate, { status: previous });
}

function openDispute(charge: Charge, intent: PaymentIntent, nowMs: number): Dispute {
  return {
    id: newDisputeId(),
    object: 'dispute',
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created: unixTime(nowMs),
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: { ...(Object.fromEntries(EVIDENCE_FIELDS.map((field) => [field, null])) as Record<(typeof EVIDENCE_FIELDS)[number], null>), enhanced_evidence: {} },
    evidence_details: { due_by: null, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: intent.id,
    payment_method_details: { type: charge.payment_method_details.type as 'sepa_debit' | 'us_bank_account' },
    reason: 'unrecognized',
    status: 'lost',
  };
}

function succeed(record: IntentRecord, debit: PendingBankDebit, charge: Charge, context: BankDebitContext, nowMs: number): void {
  const intent = record.intent;
  Object.assign(charge, { status: 'succeeded', paid: true, captured: true, amount_captured: charge.amount } satisfies Partial<Charge>);
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  updateMandate(context.store.mandate(debit.mandateId), 'active', context.events);
  if (intent.setup_future_usage !== null && intent.payment_method !== null) saveForFutureUse(intent.payment_method, intent.customer, intent.setup_future_usage, context);
  if (debit.outcome.result === 'disputed') {
    // Stripe's disputed test accounts: the shopper disputes the debit right after it succeeds.
    const dispute = openDispute(charge, intent, nowMs);
    context.store.addDispute(dispute);
    charge.disputed = true;
    context.events.record('charge.dispute.created', dispute);
  }
}

function fail(record: IntentRecord, debit: PendingBankDebit, charge: Charge, context: BankDebitContext): void {
  const intent = record.intent;
  const code = debit.outcome.failureCode ?? 'generic_could_not_process';
  const message = BANK_FAILURE_MESSAGES[code];
  Object.assign(charge, {
    status: 'failed',
    failure_code: code,
    failure_message: message,
    outcome: { ...charge.outcome, network_status: 'declined_by_network', reason: code, seller_message: message, type: 'issuer_declined' },
  } satisfies Partial<Charge>);
  const method = intent.payment_method === null ? undefined : context.paymentMethods.get(intent.payment_method);
  intent.status = 'requires_payment_method';
  // As for a declined card: the failed payment method is taken off; last_payment_error keeps it.
  intent.payment_method = null;
  if (method !== undefined) {
    intent.last_payment_error = {
      type: 'invalid_request_error',
      charge: charge.id,
      code,
      doc_url: errorDocUrl(code),
      message,
      payment_method: structuredClone(method.paymentMethod),
      payment_method_type: method.paymentMethod.type,
    };
  }
  updateMandate(context.store.mandate(debit.mandateId), MANDATE_ENDING_FAILURES.includes(code) ? 'inactive' : 'active', context.events);
}

/** Applies every bank answer due by `nowMs` (sandbox time); returns how many it applied. */
export function settleBankDebits(context: BankDebitContext, nowMs: number): number {
  let settled = 0;
  for (const record of context.store.processingBankDebits()) {
    const debit = record.bankDebit;
    if (debit.settlesAt === null || debit.settlesAt > nowMs) continue;
    const answered: IntentRecord = record;
    delete answered.bankDebit;
    const charge = context.store.charge(debit.chargeId);
    if (charge === undefined) continue;
    if (debit.outcome.result === 'fails') fail(record, debit, charge, context);
    else succeed(record, debit, charge, context, nowMs);
    settled += 1;
  }
  return settled;
}
