// GET /v1/charges/:id: the charge behind an intent's `latest_charge` (captured and refunded amounts).
import type { Charge } from './charge-object.ts';
import type { FormParams } from './form-body.ts';
import type { PaymentStore } from './payment-store.ts';
import { rejectUnknownParams } from './request-params.ts';
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
