// The /v1/setup_intents endpoints: create, retrieve (the browser with its client_secret too),
// update, confirm, cancel and list, with Stripe's status rules. What confirming does to the card
// (verification, 3-D Secure, saving it for the customer) lives in card-setups.ts.
import type { AuthenticatedKey } from './api-keys.ts';
import { attemptSetup, voidPendingSetupChallenge } from './card-setups.ts';
import type { CardPaymentContext } from './card-payments.ts';
import { recordForKey } from './client-secret.ts';
import type { CustomerStore } from './customer-store.ts';
import type { FormParams } from './form-body.ts';
import { LIST_PARAMS, listObject, parseListQuery, type StripeList } from './list-objects.ts';
import { mergeMetadata, parseMetadata } from './metadata.ts';
import { isCardMethod, type StoredPaymentMethod } from './payment-method-store.ts';
import { requestedPaymentMethod } from './payment-methods.ts';
import { newClientSecret, randomAlphanumeric } from './random-ids.ts';
import { optionalBoolean, optionalEnum, optionalId, optionalText, optionalUrl, rejectUnknownParams } from './request-params.ts';
import { checkPaymentMethodForCustomer, requestedCustomer } from './saved-payment-methods.ts';
import {
  SETUP_CANCELLATION_REASONS,
  SETUP_INTENT_ID,
  SETUP_USAGES,
  publishableSetupIntentView,
  type PublishableSetupIntent,
  type SetupIntent,
  type SetupIntentStatus,
} from './setup-intent-object.ts';
import type { SetupIntentRecord, SetupIntentStore } from './setup-intent-store.ts';
import { StripeApiError, invalidParam, resourceMissing } from './stripe-error.ts';

export interface SetupIntentContext extends CardPaymentContext {
  auth: AuthenticatedKey;
  params: FormParams;
  setupIntents: SetupIntentStore;
  customers: CustomerStore;
  /** The gateway's own origin, for the 3-D Secure challenge URL. */
  publicUrl: string;
}

const MAX_DESCRIPTION_LENGTH = 1000;
const CONFIRMABLE: readonly SetupIntentStatus[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE = CONFIRMABLE;

function newSetupIntentId(): string {
  return `seti_${randomAlphanumeric(24)}`;
}

export function noSuchSetupIntent(id: string, param = 'id'): StripeApiError {
  return resourceMissing('setupintent', id, SETUP_INTENT_ID, param);
}

function unexpectedSetupState(message: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code: 'setup_intent_unexpected_state', message });
}

function viewFor(auth: AuthenticatedKey, setupIntent: SetupIntent): SetupIntent | PublishableSetupIntent {
  return auth.kind === 'secret' ? setupIntent : publishableSetupIntentView(setupIntent);
}

function setupIntentForKey(id: string, context: SetupIntentContext): SetupIntentRecord {
  const record = context.setupIntents.get(id);
  return recordForKey(context.auth, context.params, { record, clientSecret: record?.setupIntent.client_secret, objectName: 'SetupIntent', notFound: () => noSuchSetupIntent(id) });
}

function missingPaymentMethod(): StripeApiError {
  return unexpectedSetupState(
    "You cannot confirm this SetupIntent because it's missing a payment method. You can either update the SetupIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
  );
}

/** Runs the setup; a declined card answers 402 with the SetupIntent as it now is. */
function confirmWith(record: SetupIntentRecord, method: StoredPaymentMethod, context: SetupIntentContext): SetupIntent | PublishableSetupIntent {
  checkPaymentMethodForCustomer(method, record.setupIntent.customer);
  // SetupIntents here save cards only: a bank account's mandate comes with a payment (bank-debit-payments.ts).
  if (!isCardMethod(method)) throw invalidParam('payment_method', 'The sandbox sets up only cards with SetupIntents: pay with a sepa_debit or us_bank_account payment method through a PaymentIntent.');
  if (attemptSetup(record, method, context, context.publicUrl) === 'failed') {
    const { payment_method_type: _type, ...lastError } = record.setupIntent.last_setup_error!;
    throw new StripeApiError(lastError.type === 'card_error' ? 402 : 400, { ...lastError, setup_intent: viewFor(context.auth, record.setupIntent) });
  }
  return viewFor(context.auth, record.setupIntent);
}

function parsePaymentMethodTypes(value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length !== 1 || value[0] !== 'card') {
    throw invalidParam('payment_method_types', 'Invalid payment_method_types: the sandbox supports only ["card"].');
  }
}

const CREATE_PARAMS = ['customer', 'payment_method', 'payment_method_data', 'payment_method_types', 'usage', 'confirm', 'return_url', 'metadata', 'description'];

export function createSetupIntent(context: SetupIntentContext, now = new Date()): SetupIntent | PublishableSetupIntent {
  const { params } = context;
  rejectUnknownParams(params, CREATE_PARAMS);
  const confirm = optionalBoolean(params.confirm, 'confirm') ?? false;
  const returnUrl = optionalUrl(params.return_url, 'return_url');
  if (returnUrl !== undefined && !confirm) throw invalidParam('return_url', 'return_url can only be passed when confirm is true.');
  parsePaymentMethodTypes(params.payment_method_types);
  const customer = requestedCustomer(params.customer, 'customer', context.customers) ?? null;
  const usage = optionalEnum(params.usage, 'usage', SETUP_USAGES) ?? 'off_session';
  const metadata = parseMetadata(params.metadata);
  const description = optionalText(params.description, 'description', MAX_DESCRIPTION_LENGTH) ?? null;
  if (confirm && params.payment_method === undefined && params.payment_method_data === undefined) throw missingPaymentMethod();
  const method = requestedPaymentMethod(params, context.paymentMethods);
  if (method !== undefined) checkPaymentMethodForCustomer(method, customer);

  const id = newSetupIntentId();
  const setupIntent: SetupIntent = {
    id,
    object: 'setup_intent',
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: newClientSecret(id),
    created: Math.floor(now.getTime() / 1000),
    customer,
    description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: method?.paymentMethod.id ?? null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    single_use_mandate: null,
    status: method === undefined ? 'requires_payment_method' : 'requires_confirmation',
    usage,
  };
  const record = context.setupIntents.add(setupIntent, returnUrl ?? null);
  context.events.record('setup_intent.created', setupIntent);
  return confirm && method !== undefined ? confirmWith(record, method, context) : setupIntent;
}

export function retrieveSetupIntent(id: string, context: SetupIntentContext): SetupIntent | PublishableSetupIntent {
  const record = setupIntentForKey(id, context);
  rejectUnknownParams(context.params, ['client_secret']);
  return viewFor(context.auth, record.setupIntent);
}

export function updateSetupIntent(id: string, context: SetupIntentContext): SetupIntent {
  const { params } = context;
  const record = context.setupIntents.get(id);
  if (record === undefined) throw noSuchSetupIntent(id);
  rejectUnknownParams(params, ['customer', 'payment_method', 'metadata', 'description']);
  const setupIntent = record.setupIntent;
  const customer = requestedCustomer(params.customer, 'customer', context.customers);
  const method = requestedPaymentMethod({ payment_method: params.payment_method }, context.paymentMethods);
  const description = optionalText(params.description, 'description', MAX_DESCRIPTION_LENGTH);
  const metadata = params.metadata === undefined ? undefined : mergeMetadata(setupIntent.metadata, params.metadata);
  if (customer !== undefined || method !== undefined) {
    if (!CONFIRMABLE.includes(setupIntent.status)) {
      throw unexpectedSetupState(`This SetupIntent could not be updated because it has a status of ${setupIntent.status}.`);
    }
    if (customer !== undefined && setupIntent.customer !== null && setupIntent.customer !== customer) {
      throw invalidParam('customer', 'You cannot change the customer of a SetupIntent once it is set.');
    }
    const owner = customer ?? setupIntent.customer;
    if (method !== undefined) checkPaymentMethodForCustomer(method, owner);
    voidPendingSetupChallenge(record, context);
    setupIntent.customer = owner;
    if (method !== undefined) setupIntent.payment_method = method.paymentMethod.id;
    setupIntent.status = setupIntent.payment_method === null ? 'requires_payment_method' : 'requires_confirmation';
  }
  if (description !== undefined) setupIntent.description = description;
  if (metadata !== undefined) setupIntent.metadata = metadata;
  return setupIntent;
}

export function confirmSetupIntent(id: string, context: SetupIntentContext): SetupIntent | PublishableSetupIntent {
  const { params, paymentMethods } = context;
  const record = setupIntentForKey(id, context);
  rejectUnknownParams(params, ['client_secret', 'payment_method', 'payment_method_data', 'return_url']);
  const setupIntent = record.setupIntent;
  if (!CONFIRMABLE.includes(setupIntent.status)) {
    throw unexpectedSetupState(
      `You cannot confirm this SetupIntent because it has a status of ${setupIntent.status}. Only a SetupIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
    );
  }
  const returnUrl = optionalUrl(params.return_url, 'return_url');
  if (params.payment_method === undefined && params.payment_method_data === undefined && setupIntent.payment_method === null) throw missingPaymentMethod();
  const method = requestedPaymentMethod(params, paymentMethods) ?? paymentMethods.get(setupIntent.payment_method!);
  if (method === undefined) throw missingPaymentMethod();
  if (returnUrl !== undefined) record.returnUrl = returnUrl;
  return confirmWith(record, method, context);
}

export function cancelSetupIntent(id: string, context: SetupIntentContext): SetupIntent {
  const { params } = context;
  const record = context.setupIntents.get(id);
  if (record === undefined) throw noSuchSetupIntent(id);
  rejectUnknownParams(params, ['cancellation_reason']);
  const reason = optionalEnum(params.cancellation_reason, 'cancellation_reason', SETUP_CANCELLATION_REASONS) ?? null;
  const setupIntent = record.setupIntent;
  if (!CANCELABLE.includes(setupIntent.status)) {
    throw unexpectedSetupState(
      `You cannot cancel this SetupIntent because it has a status of ${setupIntent.status}. Only a SetupIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
    );
  }
  voidPendingSetupChallenge(record, context);
  setupIntent.status = 'canceled';
  setupIntent.cancellation_reason = reason;
  context.events.record('setup_intent.canceled', setupIntent);
  return setupIntent;
}

export function listSetupIntents(context: SetupIntentContext): StripeList<SetupIntent> {
  const { params } = context;
  rejectUnknownParams(params, [...LIST_PARAMS, 'customer', 'payment_method']);
  const query = parseListQuery(params);
  const customer = optionalId(params.customer, 'customer');
  const paymentMethod = optionalId(params.payment_method, 'payment_method');
  const entries = context.setupIntents
    .newestFirst()
    .filter(({ setupIntent }) => (customer === undefined || setupIntent.customer === customer) && (paymentMethod === undefined || setupIntent.payment_method === paymentMethod))
    .map(({ setupIntent, sequence }) => ({ id: setupIntent.id, sequence, created: setupIntent.created, object: setupIntent }));
  return listObject({ url: '/v1/setup_intents', objectName: 'setup_intent', idPattern: SETUP_INTENT_ID }, entries, query);
}
