// GET /v1/mandates/:id: the mandate a bank debit's charge names (payment_method_details.<type>.mandate).
import type { Mandate } from './mandate-object.ts';
import type { FormParams } from './form-body.ts';
import type { PaymentStore } from './payment-store.ts';
import { rejectUnknownParams } from './request-params.ts';
import { resourceMissing } from './stripe-error.ts';

const MANDATE_ID = /^mandate_[A-Za-z0-9]{1,64}$/;

export function retrieveMandate(id: string, params: FormParams, store: PaymentStore): Mandate {
  rejectUnknownParams(params, []);
  const mandate = store.mandate(id);
  if (mandate === undefined) throw resourceMissing('mandate', id, MANDATE_ID);
  return mandate;
}
