// The /v1/customers endpoints: create, retrieve, update, list and delete customers of the key's account,
// with Stripe's params (email, name, phone, description, address, metadata, payment_method,
// invoice_settings[default_payment_method]) and errors. Their saved cards: saved-payment-methods.ts.
import type { CustomerStore } from './customer-store.ts';
import { CUSTOMER_ID, type Customer, type CustomerAddress, type DeletedCustomer } from './customer-object.ts';
import type { EventOutbox } from './event-outbox.ts';
import { optionalObject, optionalString, type FormParams } from './form-body.ts';
import { LIST_PARAMS, listObject, parseListQuery, type StripeList } from './list-objects.ts';
import { mergeMetadata, parseMetadata } from './metadata.ts';
import type { PaymentMethodStore } from './payment-method-store.ts';
import { randomAlphanumeric } from './random-ids.ts';
import { optionalId, optionalText, rejectUnknownParams } from './request-params.ts';
import { noSuchPaymentMethod } from './payment-methods.ts';
import { attachPaymentMethod, checkAttachable, detachPaymentMethod, noSuchCustomer } from './saved-payment-methods.ts';
import { StripeApiError } from './stripe-error.ts';

export interface CustomerContext {
  params: FormParams;
  customers: CustomerStore;
  paymentMethods: PaymentMethodStore;
  events: EventOutbox;
}

// Stripe's documented limits.
const MAX_EMAIL_LENGTH = 512;
const MAX_TEXT_LENGTH = 256;
const MAX_DESCRIPTION_LENGTH = 350;
const ADDRESS_FIELDS = ['city', 'country', 'line1', 'line2', 'postal_code', 'state'] as const;
const EDITABLE_PARAMS = ['email', 'name', 'phone', 'description', 'address', 'metadata', 'invoice_settings'];

function newCustomerId(): string {
  return `cus_${randomAlphanumeric(14)}`;
}

/** An email of Stripe's accepted shape; null when sent empty (unset), undefined when absent. The value is never echoed. */
function optionalEmail(value: unknown): string | null | undefined {
  const email = optionalText(value, 'email', MAX_EMAIL_LENGTH);
  if (email === undefined || email === null) return email;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new StripeApiError(400, { type: 'invalid_request_error', code: 'email_invalid', param: 'email', message: 'Invalid email address.' });
  }
  return email;
}

function optionalAddress(value: unknown): CustomerAddress | null | undefined {
  if (value === '') return null;
  const address = optionalObject(value, 'address');
  if (address === undefined) return undefined;
  for (const field of Object.keys(address)) {
    if (!(ADDRESS_FIELDS as readonly string[]).includes(field)) rejectUnknownParams({ [`address[${field}]`]: true }, []);
  }
  const entries = ADDRESS_FIELDS.map((field) => [field, optionalText(address[field], `address[${field}]`, MAX_TEXT_LENGTH) ?? null]);
  return Object.fromEntries(entries) as CustomerAddress;
}

/** `invoice_settings[default_payment_method]`: one of this customer's own cards, or "" to unset. */
function requestedDefaultPaymentMethod(value: unknown, isCustomersCard: (id: string) => boolean): string | null | undefined {
  const settings = optionalObject(value, 'invoice_settings');
  if (settings === undefined) return undefined;
  rejectUnknownParams(Object.fromEntries(Object.keys(settings).map((key) => [`invoice_settings[${key}]`, true])), ['invoice_settings[default_payment_method]']);
  const param = 'invoice_settings[default_payment_method]';
  if (settings.default_payment_method === '') return null;
  const id = optionalId(settings.default_payment_method, param);
  if (id === undefined) return undefined;
  if (!isCustomersCard(id)) {
    const shown = /^pm_[A-Za-z0-9]{1,64}$/.test(id) ? ` ${id}` : '';
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param,
      message: `The customer does not have a payment method with the ID${shown}. The payment method must be attached to the customer.`,
    });
  }
  return id;
}

interface CustomerChanges {
  email?: string | null;
  name?: string | null;
  phone?: string | null;
  description?: string | null;
  address?: CustomerAddress | null;
}

function parseChanges(params: FormParams): CustomerChanges {
  const changes: CustomerChanges = {
    email: optionalEmail(params.email),
    name: optionalText(params.name, 'name', MAX_TEXT_LENGTH),
    phone: optionalText(params.phone, 'phone', MAX_TEXT_LENGTH),
    description: optionalText(params.description, 'description', MAX_DESCRIPTION_LENGTH),
    address: optionalAddress(params.address),
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as CustomerChanges;
}

export function createCustomer(context: CustomerContext, now = new Date()): Customer {
  const { params, customers, paymentMethods, events } = context;
  rejectUnknownParams(params, [...EDITABLE_PARAMS, 'payment_method']);
  const changes = parseChanges(params);
  const metadata = parseMetadata(params.metadata);
  const paymentMethodId = optionalId(params.payment_method, 'payment_method');
  // Everything is checked before the customer exists: a refused param leaves nothing behind.
  const method = paymentMethodId === undefined ? undefined : paymentMethods.get(paymentMethodId);
  if (paymentMethodId !== undefined) {
    if (method === undefined) throw noSuchPaymentMethod(paymentMethodId, 'payment_method');
    checkAttachable(method, null, 'payment_method');
  }
  const defaultMethod = requestedDefaultPaymentMethod(params.invoice_settings, (candidate) => candidate === paymentMethodId);
  const id = newCustomerId();
  const customer: Customer = {
    id,
    object: 'customer',
    address: null,
    balance: 0,
    created: Math.floor(now.getTime() / 1000),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: null,
    invoice_prefix: randomAlphanumeric(8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: defaultMethod ?? null, footer: null, rendering_options: null },
    livemode: false,
    metadata,
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
    ...changes,
  };
  customers.add(customer);
  events.record('customer.created', customer);
  if (method !== undefined) attachPaymentMethod(method.paymentMethod.id, { ...context, params: { customer: id } });
  return customer;
}

export function retrieveCustomer(id: string, { params, customers }: CustomerContext): Customer | DeletedCustomer {
  rejectUnknownParams(params, []);
  // Unlike other objects, Stripe keeps answering for a deleted customer.
  if (customers.isDeleted(id)) return { id, object: 'customer', deleted: true };
  const record = customers.get(id);
  if (record === undefined) throw noSuchCustomer(id);
  return record.customer;
}

/** Deletes for good: its saved cards are detached (never usable again) and it takes no further operations. */
export function deleteCustomer(id: string, context: CustomerContext): DeletedCustomer {
  const { params, customers, paymentMethods, events } = context;
  rejectUnknownParams(params, []);
  const record = customers.get(id);
  if (record === undefined) throw noSuchCustomer(id);
  // The customer goes as a whole: its default is not announced as a separate update.
  record.customer.invoice_settings.default_payment_method = null;
  for (const { paymentMethod } of paymentMethods.ofCustomerNewestFirst(id)) detachPaymentMethod(paymentMethod.id, { ...context, params: {} });
  customers.delete(id);
  events.record('customer.deleted', record.customer);
  return { id, object: 'customer', deleted: true };
}

export function updateCustomer(id: string, context: CustomerContext): Customer {
  const { params, customers, paymentMethods, events } = context;
  const record = customers.get(id);
  if (record === undefined) throw noSuchCustomer(id);
  rejectUnknownParams(params, EDITABLE_PARAMS);
  const customer = record.customer;
  const changes = parseChanges(params);
  const metadata = params.metadata === undefined ? undefined : mergeMetadata(customer.metadata, params.metadata);
  const defaultMethod = requestedDefaultPaymentMethod(params.invoice_settings, (candidate) => paymentMethods.get(candidate)?.paymentMethod.customer === id);

  const previous: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes) as Array<[keyof CustomerChanges, unknown]>) {
    if (JSON.stringify(customer[field]) !== JSON.stringify(value)) previous[field] = customer[field];
  }
  if (metadata !== undefined && JSON.stringify(metadata) !== JSON.stringify(customer.metadata)) previous.metadata = customer.metadata;
  if (defaultMethod !== undefined && defaultMethod !== customer.invoice_settings.default_payment_method) {
    previous.invoice_settings = { default_payment_method: customer.invoice_settings.default_payment_method };
  }
  Object.assign(customer, changes);
  if (metadata !== undefined) customer.metadata = metadata;
  if (defaultMethod !== undefined) customer.invoice_settings.default_payment_method = defaultMethod;
  // Stripe announces only a change: an update that changes nothing sends no event.
  if (Object.keys(previous).length > 0) events.record('customer.updated', customer, previous);
  return customer;
}

export function listCustomers({ params, customers }: CustomerContext): StripeList<Customer> {
  rejectUnknownParams(params, [...LIST_PARAMS, 'email']);
  const query = parseListQuery(params);
  const email = optionalString(params.email, 'email');
  const entries = customers
    .newestFirst()
    // Stripe's email filter is exact and case-sensitive.
    .filter(({ customer }) => email === undefined || email === '' || customer.email === email)
    .map(({ customer, sequence }) => ({ id: customer.id, sequence, created: customer.created, object: customer }));
  return listObject({ url: '/v1/customers', objectName: 'customer', idPattern: CUSTOMER_ID }, entries, query);
}
