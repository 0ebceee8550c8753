// Saved cards: attaching a payment method to a customer (POST /v1/payment_methods/:id/attach),
// detaching it (/detach, for good), listing a customer's cards, and Stripe's rules for using a
// saved card in a payment or a setup. Attaching after a SetupIntent or a payment with
// setup_future_usage also marks the card set up for off-session use (card-payments.ts).
import type { CustomerStore } from './customer-store.ts';
import { CUSTOMER_ID } from './customer-object.ts';
import type { EventOutbox } from './event-outbox.ts';
import { optionalString, type FormParams } from './form-body.ts';
import { LIST_PARAMS, listObject, parseListQuery, type StripeList } from './list-objects.ts';
import type { PaymentMethod } from './payment-method-object.ts';
import type { PaymentMethodStore, StoredPaymentMethod } from './payment-method-store.ts';
import { noSuchPaymentMethod } from './payment-methods.ts';
import { optionalId, rejectUnknownParams } from './request-params.ts';
import { StripeApiError, invalidParam, missingParam, resourceMissing } from './stripe-error.ts';

export interface SavedCardContext {
  params: FormParams;
  paymentMethods: PaymentMethodStore;
  customers: CustomerStore;
  events: EventOutbox;
}

const PAYMENT_METHOD_ID = /^pm_[A-Za-z0-9]{1,64}$/;

export function noSuchCustomer(id: string, param = 'id'): StripeApiError {
  return resourceMissing('customer', id, CUSTOMER_ID, param);
}

function paymentMethodState(message: string, param?: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code: 'payment_method_unexpected_state', message, ...(param === undefined ? {} : { param }) });
}

const CONSUMED_MESSAGE =
  'This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.';

/**
 * Whether `method` may pay or be set up for `customerId` (null: the request names no customer):
 * never once detached; a saved card only for its own customer, as Stripe answers. (A card used
 * once without a customer may still pay again here: the sandbox only refuses to attach it.)
 */
export function checkPaymentMethodForCustomer(method: StoredPaymentMethod, customerId: string | null, param = 'payment_method'): void {
  const owner = method.paymentMethod.customer;
  if (method.detached === true) throw paymentMethodState(CONSUMED_MESSAGE, param);
  if (owner !== null && customerId === null) {
    throw invalidParam(param, 'The provided PaymentMethod was previously attached to a Customer. To use it, pass that Customer in the `customer` parameter.');
  }
  if (owner !== null && owner !== customerId) {
    throw invalidParam(param, 'The provided PaymentMethod was previously attached to a different Customer.');
  }
}

/** The customer a request names in `param`, which must exist in this account. */
export function requestedCustomer(value: unknown, param: string, customers: CustomerStore): string | undefined {
  const id = optionalId(value, param);
  if (id === undefined) return undefined;
  if (customers.get(id) === undefined) throw noSuchCustomer(id, param);
  return id;
}

/** Refuses a card attached to another customer, or detached, or used with no customer to keep it. */
export function checkAttachable(method: StoredPaymentMethod, customerId: string | null, param?: string): void {
  const owner = method.paymentMethod.customer;
  if (owner !== null && owner !== customerId) throw paymentMethodState('The payment method you provided has already been attached to a customer.', param);
  if (owner === null && method.consumed === true && method.setUp !== true) throw paymentMethodState(CONSUMED_MESSAGE, param);
}

/** Attaches (announcing payment_method.attached) unless it already belongs to `customerId`. */
function attach(method: StoredPaymentMethod, customerId: string, { paymentMethods, events }: Pick<SavedCardContext, 'paymentMethods' | 'events'>): PaymentMethod {
  const id = method.paymentMethod.id;
  if (method.paymentMethod.customer !== customerId) {
    paymentMethods.setCustomer(id, customerId);
    events.record('payment_method.attached', paymentMethods.get(id)!.paymentMethod);
  }
  return paymentMethods.get(id)!.paymentMethod;
}

/**
 * After a succeeded SetupIntent, or a payment with setup_future_usage: the card is set up for
 * later payments and, when there is a customer, attached to it.
 */
export function saveForFutureUse(
  paymentMethodId: string,
  customerId: string | null,
  usage: 'off_session' | 'on_session',
  context: Pick<SavedCardContext, 'paymentMethods' | 'events'>,
): void {
  context.paymentMethods.markSetUp(paymentMethodId, usage === 'off_session');
  const method = context.paymentMethods.get(paymentMethodId);
  if (method !== undefined && customerId !== null && method.paymentMethod.customer === null) attach(method, customerId, context);
}

export function attachPaymentMethod(id: string, context: SavedCardContext): PaymentMethod {
  const { params, paymentMethods, customers } = context;
  rejectUnknownParams(params, ['customer']);
  const method = paymentMethods.get(id);
  if (method === undefined) throw noSuchPaymentMethod(id);
  if (params.customer === undefined || params.customer === '') throw missingParam('customer');
  const customerId = requestedCustomer(params.customer, 'customer', customers)!;
  checkAttachable(method, customerId);
  return attach(method, customerId, context);
}

export function detachPaymentMethod(id: string, context: SavedCardContext): PaymentMethod {
  const { params, paymentMethods, customers, events } = context;
  rejectUnknownParams(params, []);
  const method = paymentMethods.get(id);
  if (method === undefined) throw noSuchPaymentMethod(id);
  const owner = method.paymentMethod.customer;
  if (owner === null) throw paymentMethodState('The payment method you provided is not attached to a customer so detachment is impossible.');
  paymentMethods.setCustomer(id, null);
  const detached = paymentMethods.get(id)!.paymentMethod;
  events.record('payment_method.detached', detached, { customer: owner });
  // As in Stripe, a customer's default stops naming a card it no longer has.
  const customer = customers.get(owner)?.customer;
  if (customer !== undefined && customer.invoice_settings.default_payment_method === id) {
    customer.invoice_settings.default_payment_method = null;
    events.record('customer.updated', customer, { invoice_settings: { default_payment_method: id } });
  }
  return detached;
}

const LISTABLE_TYPES: readonly string[] = ['card', 'sepa_debit', 'us_bank_account'];

/** GET /v1/customers/:id/payment_methods and GET /v1/payment_methods?customer=…, of one `type` when asked. */
export function listCustomerPaymentMethods(customerId: string | undefined, context: SavedCardContext, url: string): StripeList<PaymentMethod> {
  const { params, paymentMethods, customers } = context;
  rejectUnknownParams(params, [...LIST_PARAMS, 'type', ...(customerId === undefined ? ['customer'] : [])]);
  const type = optionalString(params.type, 'type');
  if (type !== undefined && type !== '' && !LISTABLE_TYPES.includes(type)) throw invalidParam('type', `Invalid type: this sandbox has payment methods of type ${LISTABLE_TYPES.join(', ')}.`);
  const id = customerId ?? optionalId(params.customer, 'customer');
  if (id === undefined) throw missingParam('customer');
  if (customers.get(id) === undefined) throw noSuchCustomer(id, customerId === undefined ? 'customer' : 'id');
  const query = parseListQuery(params);
  // A merchant listing `card`s reads `.card` on each: a saved bank account must not be among them.
  const entries = paymentMethods.ofCustomerNewestFirst(id).filter(({ paymentMethod }) => !type || paymentMethod.type === type).map(({ paymentMethod, sequence }) => ({ id: paymentMethod.id, sequence, created: paymentMethod.created, object: paymentMethod }));
  return listObject({ url, objectName: 'payment_method', idPattern: PAYMENT_METHOD_ID }, entries, query);
}
