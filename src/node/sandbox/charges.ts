// GET /v1/charges/:id: the charge behind an intent's `latest_charge` (captured and refunded amounts);
// GET /v1/charges: the account's charges, newest first, by payment intent or customer.
import type { Charge } from './charge-object.ts';
import { PAYMENT_INTENT_ID, noSuchPaymentIntent } from './client-secret.ts';
import type { FormParams } from './form-body.ts';
import { LIST_PARAMS, listObject, parseListQuery, type StripeList } from './list-objects.ts';
import type { PaymentStore } from './payment-store.ts';
import { optionalId, rejectUnknownParams } from './request-params.ts';
import { resourceMissing, type StripeApiError } from './stripe-error.ts';

export const CHARGE_ID = /^ch_[A-Za-z0-9]{1,64}$/;

export function noSuchCharge(id: string, param = 'id'): StripeApiError {
  return resourceMissing('charge', id, CHARGE_ID, param);
}

export function retrieveCharge(id: string, params: FormParams, store: PaymentStore): Charge {
  rejectUnknownParams(params, []);
  const charge = store.charge(id);
  if (charge === undefined) throw noSuchCharge(id);
  return charge;
}

export function listCharges(params: FormParams, store: PaymentStore): StripeList<Charge> {
  rejectUnknownParams(params, [...LIST_PARAMS, 'payment_intent', 'customer']);
  const query = parseListQuery(params);
  const paymentIntentId = optionalId(params.payment_intent, 'payment_intent');
  const customerId = optionalId(params.customer, 'customer');
  if (paymentIntentId !== undefined && !PAYMENT_INTENT_ID.test(paymentIntentId)) throw noSuchPaymentIntent(paymentIntentId, 'payment_intent');
  const entries = store
    .chargesNewestFirst()
    .filter(({ charge }) => (paymentIntentId === undefined || charge.payment_intent === paymentIntentId) && (customerId === undefined || charge.customer === customerId))
    .map(({ charge, sequence }) => ({ id: charge.id, sequence, created: charge.created, object: charge }));
  return listObject({ url: '/v1/charges', objectName: 'charge', idPattern: CHARGE_ID }, entries, query);
}
