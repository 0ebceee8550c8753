// GET /v1/disputes/:id: the dispute a disputed bank debit opened (charge.dispute.created names it).
import type { Dispute } from './dispute-object.ts';
import type { FormParams } from './form-body.ts';
import type { PaymentStore } from './payment-store.ts';
import { rejectUnknownParams } from './request-params.ts';
import { resourceMissing } from './stripe-error.ts';

const DISPUTE_ID = /^dp_[A-Za-z0-9]{1,64}$/;

export function retrieveDispute(id: string, params: FormParams, store: PaymentStore): Dispute {
  rejectUnknownParams(params, []);
  const dispute = store.dispute(id);
  if (dispute === undefined) throw resourceMissing('dispute', id, DISPUTE_ID);
  return dispute;
}
