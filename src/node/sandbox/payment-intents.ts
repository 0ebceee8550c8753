// The /v1/payment_intents endpoints: create, retrieve, update, confirm, capture, cancel and list,
// with Stripe's status rules. What a card attempt does to an intent lives in card-payments.ts, what
// a bank debit does in bank-debit-payments.ts.
import { formatAmount, optionalAmount, optionalCurrency, requiredAmount, requiredCurrency } from './amounts.ts';
import type { AuthenticatedKey } from './api-keys.ts';
import { parseMandateData, startBankDebit } from './bank-debit-payments.ts';
import type { DeclineOn } from './card-checks.ts';
import type { CustomerAcceptance } from './mandate-object.ts';
import type { PaymentMethodType } from './payment-method-object.ts';
import type { SandboxClock } from './sandbox-clock.ts';
import type { CustomerStore } from './customer-store.ts';
import { redeemCvcToken, type CvcTokenStore } from './cvc-tokens.ts';
import type { EventOutbox } from './event-outbox.ts';
import { attemptPayment, voidPendingChallenge } from './card-payments.ts';
import { PAYMENT_INTENT_ID, intentForKey, noSuchPaymentIntent } from './client-secret.ts';
import { optionalObject, type FormParams } from './form-body.ts';
import { LIST_PARAMS, listObject, parseListQuery, type StripeList } from './list-objects.ts';
import { mergeMetadata, parseMetadata } from './metadata.ts';
import {
  CANCELLATION_REASONS,
  CAPTURE_METHODS,
  SETUP_FUTURE_USAGES,
  publishableView,
  type PaymentIntent,
  type PaymentIntentStatus,
  type PaymentMethodOptions,
  type PublishablePaymentIntent,
} from './payment-intent-object.ts';
import { isCardMethod, type PaymentMethodStore, type StoredBankPaymentMethod, type StoredPaymentMethod } from './payment-method-store.ts';
import { requestedPaymentMethod } from './payment-methods.ts';
import type { IntentRecord, PaymentStore } from './payment-store.ts';
import { newClientSecret, newPaymentIntentId } from './random-ids.ts';
import { optionalBoolean, optionalEnum, optionalText, optionalUrl, rejectUnknownParams } from './request-params.ts';
import { checkPaymentMethodForCustomer, requestedCustomer } from './saved-payment-methods.ts';
import { StripeApiError, invalidParam, unexpectedState } from './stripe-error.ts';

export interface PaymentIntentContext {
  auth: AuthenticatedKey;
  params: FormParams;
  store: PaymentStore;
  paymentMethods: PaymentMethodStore;
  /** The gateway's own origin, for the 3-D Secure challenge URL. */
  publicUrl: string;
  /** The account's decline_on settings (card-checks.ts). */
  declineOn: DeclineOn;
  /** The account's customers, whom saved cards belong to. */
  customers: CustomerStore;
  events: EventOutbox;
  /** CVC update tokens a confirmation may name (payment_method_options[card][cvc_token]). */
  cvcTokens: CvcTokenStore;
  /** Sandbox time, which bank debits settle on (sandbox-clock.ts). */
  clock: SandboxClock;
  /** The caller's address and browser: a mandate accepted online with infer_from_client records them. */
  client: { ipAddress: string | null; userAgent: string | null };
}

const MAX_DESCRIPTION_LENGTH = 1000;
const CONFIRMABLE: readonly PaymentIntentStatus[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
// Amount, currency, payment method and capture method may change until the payment is under way.
const EDITABLE: readonly PaymentIntentStatus[] = CONFIRMABLE;
const CANCELABLE: readonly PaymentIntentStatus[] = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];

/** What the caller may see: everything with the secret key, the browser's subset with a client_secret. */
function viewFor(auth: AuthenticatedKey, intent: PaymentIntent): PaymentIntent | PublishablePaymentIntent {
  return auth.kind === 'secret' ? intent : publishableView(intent);
}

function missingPaymentMethod(): StripeApiError {
  return unexpectedState(
    "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
  );
}

/** Stripe's 402 for a declined confirm: the error, the intent as it now is, and the card tried. */
function declineError(record: IntentRecord, auth: AuthenticatedKey): StripeApiError {
  const { payment_method_type: _type, ...lastError } = record.intent.last_payment_error!;
  return new StripeApiError(402, {
    ...lastError,
    type: 'card_error',
    payment_intent: viewFor(auth, record.intent),
  });
}

/** A bank method's mandate acceptance (mandate_data), read before anything changes; undefined for a card. */
function bankMandate(method: StoredPaymentMethod, context: PaymentIntentContext): CustomerAcceptance | undefined {
  if (isCardMethod(method)) return undefined;
  return parseMandateData(context.params.mandate_data, { keyKind: context.auth.kind, ...context.client }, context.clock.nowMs());
}

/**
 * Runs the attempt; a card decline answers 402 (the intent keeps its new state for later reads).
 * A bank debit leaves the intent `processing` until the bank answers.
 */
function confirmWith(record: IntentRecord, method: StoredPaymentMethod, context: PaymentIntentContext, acceptance: CustomerAcceptance | undefined): PaymentIntent | PublishablePaymentIntent {
  if (!isCardMethod(method)) {
    startBankDebit(record, method as StoredBankPaymentMethod, acceptance!, { store: context.store, paymentMethods: context.paymentMethods, events: context.events }, context.clock.nowMs());
    return viewFor(context.auth, record.intent);
  }
  if (attemptPayment(record, method, context, context.publicUrl) === 'declined') throw declineError(record, context.auth);
  return viewFor(context.auth, record.intent);
}

/**
 * `off_session`: true (or Stripe's older "one_off" / "recurring") says the shopper is not there to
 * authenticate. Stripe takes it only with a confirmation.
 */
function parseOffSession(value: unknown): boolean | undefined {
  if (value === 'one_off' || value === 'recurring') return true;
  return optionalBoolean(value, 'off_session');
}

/**
 * The method an intent is confirmed with must be of a type the intent takes, and usable by the
 * intent's customer (saved-payment-methods.ts).
 */
function checkMethodForIntent(method: StoredPaymentMethod | undefined, intent: PaymentIntent): void {
  if (method === undefined) return;
  if (!intent.payment_method_types.includes(method.paymentMethod.type)) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'payment_intent_incompatible_payment_method',
      param: 'payment_method',
      message: `The PaymentMethod provided (${method.paymentMethod.type}) is not allowed for this PaymentIntent. Please attach a PaymentMethod of one of the following types: ${intent.payment_method_types.join(', ')}.`,
    });
  }
  checkPaymentMethodForCustomer(method, intent.customer);
}

const SUPPORTED_TYPES: readonly PaymentMethodType[] = ['card', 'sepa_debit', 'us_bank_account'];
// The one currency each bank network debits in.
const BANK_DEBIT_CURRENCIES: Partial<Record<PaymentMethodType, string>> = { sepa_debit: 'eur', us_bank_account: 'usd' };

function parsePaymentMethodTypes(value: unknown, currency: string, captureMethod: string): PaymentMethodType[] {
  if (value === undefined) return ['card'];
  const types = Array.isArray(value) ? value : [];
  if (types.length === 0 || !types.every((type): type is PaymentMethodType => SUPPORTED_TYPES.includes(type)) || new Set(types).size !== types.length) {
    throw invalidParam('payment_method_types', `Invalid payment_method_types: the sandbox supports a list of ${SUPPORTED_TYPES.join(', ')}, each at most once.`);
  }
  for (const type of types) {
    const debitCurrency = BANK_DEBIT_CURRENCIES[type];
    if (debitCurrency !== undefined && debitCurrency !== currency) {
      throw invalidParam('payment_method_types', `The currency provided (${currency}) is invalid for payment method type ${type}: it debits in ${debitCurrency} only.`);
    }
    if (debitCurrency !== undefined && captureMethod === 'manual') {
      throw invalidParam('capture_method', `A ${type} payment cannot be captured later: use capture_method automatic.`);
    }
  }
  return types;
}

function paymentMethodOptions(types: readonly PaymentMethodType[]): PaymentMethodOptions {
  return {
    ...(types.includes('card') ? { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' as const } } : {}),
    ...(types.includes('sepa_debit') ? { sepa_debit: {} } : {}),
    ...(types.includes('us_bank_account') ? { us_bank_account: { verification_method: 'automatic' as const } } : {}),
  };
}

function parseAutomaticPaymentMethods(value: unknown): PaymentIntent['automatic_payment_methods'] {
  const settings = optionalObject(value, 'automatic_payment_methods');
  if (settings === undefined) return null;
  const enabled = optionalBoolean(settings.enabled, 'automatic_payment_methods[enabled]') ?? false;
  const allowRedirects = optionalEnum(settings.allow_redirects, 'automatic_payment_methods[allow_redirects]', ['always', 'never'] as const);
  return enabled ? { enabled, allow_redirects: allowRedirects ?? 'always' } : { enabled };
}

const CREATE_PARAMS = [
  'amount',
  'currency',
  'capture_method',
  'confirm',
  'payment_method',
  'payment_method_data',
  'payment_method_types',
  'allowed_payment_method_types',
  'automatic_payment_methods',
  'metadata',
  'description',
  'return_url',
  'customer',
  'setup_future_usage',
  'off_session',
  'payment_method_options',
  'mandate_data',
];

export function createPaymentIntent(context: PaymentIntentContext, now = new Date()): PaymentIntent | PublishablePaymentIntent {
  const { params } = context;
  rejectUnknownParams(params, CREATE_PARAMS);
  const amount = requiredAmount(params.amount, 'amount');
  const currency = requiredCurrency(params.currency);
  const captureMethod = optionalEnum(params.capture_method, 'capture_method', CAPTURE_METHODS) ?? 'automatic';
  const confirm = optionalBoolean(params.confirm, 'confirm') ?? false;
  const returnUrl = optionalUrl(params.return_url, 'return_url');
  // Stripe's rule: the return_url belongs to a confirmation.
  if (returnUrl !== undefined && !confirm) throw invalidParam('return_url', 'return_url can only be passed when confirm is true.');
  const offSession = parseOffSession(params.off_session);
  if (offSession !== undefined && !confirm) throw invalidParam('off_session', 'off_session can only be passed when confirm is true.');
  const customer = requestedCustomer(params.customer, 'customer', context.customers) ?? null;
  const setupFutureUsage = optionalEnum(params.setup_future_usage, 'setup_future_usage', SETUP_FUTURE_USAGES) ?? null;
  // Stripe's API renamed the param allowed_payment_method_types (2026): either name is taken, not both.
  if (params.payment_method_types !== undefined && params.allowed_payment_method_types !== undefined) {
    throw invalidParam('allowed_payment_method_types', 'You cannot pass both payment_method_types and allowed_payment_method_types.');
  }
  const paymentMethodTypes = parsePaymentMethodTypes(params.payment_method_types ?? params.allowed_payment_method_types, currency, captureMethod);
  const automaticPaymentMethods = parseAutomaticPaymentMethods(params.automatic_payment_methods);
  const metadata = parseMetadata(params.metadata);
  const description = optionalText(params.description, 'description', MAX_DESCRIPTION_LENGTH) ?? null;
  if (confirm && params.payment_method === undefined && params.payment_method_data === undefined) throw missingPaymentMethod();
  const method = requestedPaymentMethod(params, context.paymentMethods);

  const id = newPaymentIntentId();
  const intent: PaymentIntent = {
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: automaticPaymentMethods,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: captureMethod,
    client_secret: newClientSecret(id),
    confirmation_method: 'automatic',
    created: Math.floor(now.getTime() / 1000),
    currency,
    customer,
    customer_account: null,
    description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: method?.paymentMethod.id ?? null,
    payment_method_configuration_details: null,
    payment_method_options: paymentMethodOptions(paymentMethodTypes),
    payment_method_types: paymentMethodTypes,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: setupFutureUsage,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: method === undefined ? 'requires_payment_method' : 'requires_confirmation',
    transfer_data: null,
    transfer_group: null,
  };
  checkMethodForIntent(method, intent);
  const acceptance = confirm && method !== undefined ? bankMandate(method, context) : undefined;
  const recollectedCvc = redeemCvcToken(params.payment_method_options, context.cvcTokens);
  const record = context.store.addIntent(intent, returnUrl ?? null);
  record.offSession = offSession ?? false;
  record.recollectedCvc = recollectedCvc;
  return confirm && method !== undefined ? confirmWith(record, method, context, acceptance) : intent;
}

export function retrievePaymentIntent(id: string, context: PaymentIntentContext): PaymentIntent | PublishablePaymentIntent {
  const record = intentForKey(context.auth, id, context.params, context.store);
  rejectUnknownParams(context.params, ['client_secret']);
  return viewFor(context.auth, record.intent);
}

const UPDATE_PARAMS = ['amount', 'currency', 'capture_method', 'payment_method', 'metadata', 'description', 'customer', 'setup_future_usage'];

export function updatePaymentIntent(id: string, context: PaymentIntentContext): PaymentIntent {
  const { params, store } = context;
  const record = store.intent(id);
  if (record === undefined) throw noSuchPaymentIntent(id);
  rejectUnknownParams(params, UPDATE_PARAMS);
  const intent = record.intent;
  const amount = optionalAmount(params.amount === '' ? undefined : params.amount, 'amount');
  const currency = optionalCurrency(params.currency === '' ? undefined : params.currency);
  const captureMethod = optionalEnum(params.capture_method, 'capture_method', CAPTURE_METHODS);
  const method = requestedPaymentMethod({ payment_method: params.payment_method }, context.paymentMethods);
  const description = optionalText(params.description, 'description', MAX_DESCRIPTION_LENGTH);
  const metadata = params.metadata === undefined ? undefined : mergeMetadata(intent.metadata, params.metadata);
  const customer = requestedCustomer(params.customer, 'customer', context.customers);
  const setupFutureUsage = params.setup_future_usage === '' ? null : optionalEnum(params.setup_future_usage, 'setup_future_usage', SETUP_FUTURE_USAGES);

  const paymentFields = { amount, currency, capture_method: captureMethod, payment_method: method, customer, setup_future_usage: setupFutureUsage };
  const changedPaymentField = Object.entries(paymentFields).find(([, value]) => value !== undefined)?.[0];
  if (changedPaymentField !== undefined) {
    if (!EDITABLE.includes(intent.status)) {
      throw unexpectedState(
        `This PaymentIntent's ${changedPaymentField} could not be updated because it has a status of ${intent.status}. You may only update the ${changedPaymentField} of a PaymentIntent with one of the following statuses: ${EDITABLE.join(', ')}.`,
      );
    }
    // A challenge passed for other terms must not pay these: the intent needs confirming again.
    voidPendingChallenge(record, store);
    if (amount !== undefined) intent.amount = amount;
    if (currency !== undefined) intent.currency = currency;
    if (captureMethod !== undefined) intent.capture_method = captureMethod;
    if (customer !== undefined) {
      // A customer, once set, stays: Stripe lets it be set but never changed.
      if (intent.customer !== null && intent.customer !== customer) throw invalidParam('customer', 'You cannot change the customer of a PaymentIntent once it is set.');
      intent.customer = customer;
    }
    if (setupFutureUsage !== undefined) intent.setup_future_usage = setupFutureUsage;
    checkMethodForIntent(method ?? (intent.payment_method === null ? undefined : context.paymentMethods.get(intent.payment_method)), intent);
    if (method !== undefined) intent.payment_method = method.paymentMethod.id;
    intent.status = intent.payment_method === null ? 'requires_payment_method' : 'requires_confirmation';
  }
  if (description !== undefined) intent.description = description;
  if (metadata !== undefined) intent.metadata = metadata;
  return intent;
}

// What Stripe.js may send on confirm (setup_future_usage included, as confirmCardPayment takes it).
const BROWSER_CONFIRM_PARAMS = ['client_secret', 'payment_method', 'payment_method_data', 'payment_method_options', 'return_url', 'setup_future_usage', 'mandate_data'];
// Only the merchant's server can say the shopper is away.
const CONFIRM_PARAMS = [...BROWSER_CONFIRM_PARAMS, 'off_session'];

export function confirmPaymentIntent(id: string, context: PaymentIntentContext): PaymentIntent | PublishablePaymentIntent {
  const { params, paymentMethods } = context;
  const record = intentForKey(context.auth, id, params, context.store);
  rejectUnknownParams(params, context.auth.kind === 'secret' ? CONFIRM_PARAMS : BROWSER_CONFIRM_PARAMS);
  const intent = record.intent;
  if (!CONFIRMABLE.includes(intent.status)) {
    throw unexpectedState(
      `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
    );
  }
  const returnUrl = optionalUrl(params.return_url, 'return_url');
  if (params.payment_method === undefined && params.payment_method_data === undefined && intent.payment_method === null) throw missingPaymentMethod();
  const offSession = parseOffSession(params.off_session);
  const setupFutureUsage = params.setup_future_usage === '' ? null : optionalEnum(params.setup_future_usage, 'setup_future_usage', SETUP_FUTURE_USAGES);
  const method = requestedPaymentMethod(params, paymentMethods) ?? paymentMethods.get(intent.payment_method!);
  if (method === undefined) throw missingPaymentMethod();
  checkMethodForIntent(method, intent);
  const acceptance = bankMandate(method, context);
  if (returnUrl !== undefined) record.returnUrl = returnUrl;
  if (setupFutureUsage !== undefined) intent.setup_future_usage = setupFutureUsage;
  record.offSession = offSession ?? false;
  // Used up last, once everything else was accepted.
  if (params.payment_method_options !== undefined) record.recollectedCvc = redeemCvcToken(params.payment_method_options, context.cvcTokens);
  return confirmWith(record, method, context, acceptance);
}

export function capturePaymentIntent(id: string, context: PaymentIntentContext): PaymentIntent {
  const { params, store } = context;
  const record = store.intent(id);
  if (record === undefined) throw noSuchPaymentIntent(id);
  rejectUnknownParams(params, ['amount_to_capture']);
  const intent = record.intent;
  if (intent.status !== 'requires_capture') {
    throw unexpectedState(
      `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
    );
  }
  const amountToCapture = optionalAmount(params.amount_to_capture === '' ? undefined : params.amount_to_capture, 'amount_to_capture') ?? intent.amount_capturable;
  if (amountToCapture > intent.amount_capturable) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'amount_too_large',
      param: 'amount_to_capture',
      message: `The amount to capture (${formatAmount(amountToCapture, intent.currency)}) must be less than or equal to the amount capturable (${formatAmount(intent.amount_capturable, intent.currency)}).`,
    });
  }
  const charge = intent.latest_charge === null ? undefined : store.charge(intent.latest_charge);
  if (charge !== undefined) {
    charge.captured = true;
    charge.amount_captured = amountToCapture;
    // As in Stripe, the uncaptured rest is released and shows as refunded on the charge.
    charge.amount_refunded = charge.amount - amountToCapture;
  }
  intent.amount_received = amountToCapture;
  intent.amount_capturable = 0;
  intent.status = 'succeeded';
  return intent;
}

export function cancelPaymentIntent(id: string, context: PaymentIntentContext, now = new Date()): PaymentIntent {
  const { params, store } = context;
  const record = store.intent(id);
  if (record === undefined) throw noSuchPaymentIntent(id);
  rejectUnknownParams(params, ['cancellation_reason']);
  const reason = optionalEnum(params.cancellation_reason, 'cancellation_reason', CANCELLATION_REASONS) ?? null;
  const intent = record.intent;
  if (!CANCELABLE.includes(intent.status)) {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
    );
  }
  voidPendingChallenge(record, store);
  if (intent.status === 'requires_capture') {
    // The authorization is released in full.
    const charge = intent.latest_charge === null ? undefined : store.charge(intent.latest_charge);
    if (charge !== undefined) Object.assign(charge, { amount_refunded: charge.amount, refunded: true });
    intent.amount_capturable = 0;
  }
  intent.status = 'canceled';
  intent.canceled_at = Math.floor(now.getTime() / 1000);
  intent.cancellation_reason = reason;
  return intent;
}

export function listPaymentIntents(context: PaymentIntentContext): StripeList<PaymentIntent> {
  rejectUnknownParams(context.params, LIST_PARAMS);
  const query = parseListQuery(context.params);
  const entries = context.store.intentsNewestFirst().map(({ intent, sequence }) => ({ id: intent.id, sequence, created: intent.created, object: intent }));
  return listObject({ url: '/v1/payment_intents', objectName: 'payment_intent', idPattern: PAYMENT_INTENT_ID }, entries, query);
}
