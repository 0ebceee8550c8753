// The /v1/refunds endpoints: refund a captured payment in full, in part or in several goes (never
// more than was captured minus what was refunded), retrieve one, and list them.
import { formatAmount, optionalAmount } from './amounts.ts';
import { PAYMENT_INTENT_ID, noSuchPaymentIntent } from './client-secret.ts';
import type { Charge } from './charge-object.ts';
import type { FormParams } from './form-body.ts';
import { LIST_PARAMS, listObject, parseListQuery, type StripeList } from './list-objects.ts';
import { parseMetadata } from './metadata.ts';
import type { PaymentStore } from './payment-store.ts';
import { newRefundId } from './random-ids.ts';
import { REFUND_REASONS, type Refund } from './refund-object.ts';
import { optionalEnum, optionalId, rejectUnknownParams } from './request-params.ts';
import { CHARGE_ID, noSuchCharge } from './charges.ts';
import { StripeApiError, invalidParam, resourceMissing } from './stripe-error.ts';

const REFUND_ID = /^re_[A-Za-z0-9]{1,64}$/;

function refundError(code: string, message: string, param?: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code, message, ...(param === undefined ? {} : { param }) });
}

/** The charge a refund request is about, given by its id or by its payment intent's. */
function chargeToRefund(params: FormParams, store: PaymentStore): Charge {
  const paymentIntentId = optionalId(params.payment_intent, 'payment_intent');
  const chargeId = optionalId(params.charge, 'charge');
  if (paymentIntentId === undefined && chargeId === undefined) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'parameter_missing',
      message: 'One of the following params should be provided for this request: payment_intent or charge.',
    });
  }
  let charge: Charge | undefined;
  if (paymentIntentId !== undefined) {
    const record = store.intent(paymentIntentId);
    if (record === undefined) throw noSuchPaymentIntent(paymentIntentId, 'payment_intent');
    const latest = record.intent.latest_charge;
    charge = latest === null ? undefined : store.charge(latest);
    if (record.intent.status !== 'succeeded' || charge === undefined) {
      throw refundError(
        'charge_not_refundable',
        `This PaymentIntent has no captured charge to refund: its status is ${record.intent.status}.${record.intent.status === 'requires_capture' ? ' Cancel it to release the authorization instead.' : ''}`,
        'payment_intent',
      );
    }
    if (chargeId !== undefined && chargeId !== charge.id) throw invalidParam('charge', 'The charge does not belong to the payment_intent given: pass only one of them.');
  } else {
    charge = store.charge(chargeId!);
    if (charge === undefined) throw noSuchCharge(chargeId!, 'charge');
    if (!charge.captured) throw refundError('charge_not_refundable', `Charge ${charge.id} has no captured amount to refund.`, 'charge');
  }
  return charge;
}

// As Stripe embeds a list: the newest refunds, and has_more when there are older ones beyond.
const EMBEDDED_REFUNDS = 10;

function addToChargeRefunds(charge: Charge, refund: Refund): void {
  const list = charge.refunds;
  list.data.unshift(structuredClone(refund));
  if (list.data.length > EMBEDDED_REFUNDS) {
    list.data.pop();
    list.has_more = true;
  }
}

const CREATE_PARAMS = ['payment_intent', 'charge', 'amount', 'reason', 'metadata'];

export function createRefund(params: FormParams, store: PaymentStore, now = new Date()): Refund {
  rejectUnknownParams(params, CREATE_PARAMS);
  const requestedAmount = optionalAmount(params.amount === '' ? undefined : params.amount, 'amount');
  const reason = optionalEnum(params.reason, 'reason', REFUND_REASONS) ?? null;
  const metadata = parseMetadata(params.metadata);
  const charge = chargeToRefund(params, store);

  const refundable = charge.amount_captured - store.refundedByRefunds(charge.id);
  if (refundable <= 0) throw refundError('charge_already_refunded', `Charge ${charge.id} has already been refunded.`);
  const amount = requestedAmount ?? refundable;
  if (amount > refundable) {
    throw refundError(
      'amount_too_large',
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(refundable, charge.currency)}).`,
      'amount',
    );
  }

  const refund: Refund = {
    id: newRefundId(),
    object: 'refund',
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: Math.floor(now.getTime() / 1000),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details: { type: 'card', card: { type: 'refund' } },
    metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  store.addRefund(refund);
  addToChargeRefunds(charge, refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  return refund;
}

export function retrieveRefund(id: string, params: FormParams, store: PaymentStore): Refund {
  rejectUnknownParams(params, []);
  const record = store.refund(id);
  if (record === undefined) throw resourceMissing('refund', id, REFUND_ID);
  return record.refund;
}

export function listRefunds(params: FormParams, store: PaymentStore): StripeList<Refund> {
  rejectUnknownParams(params, [...LIST_PARAMS, 'payment_intent', 'charge']);
  const query = parseListQuery(params);
  const paymentIntentId = optionalId(params.payment_intent, 'payment_intent');
  const chargeId = optionalId(params.charge, 'charge');
  if (paymentIntentId !== undefined && !PAYMENT_INTENT_ID.test(paymentIntentId)) throw noSuchPaymentIntent(paymentIntentId, 'payment_intent');
  if (chargeId !== undefined && !CHARGE_ID.test(chargeId)) throw noSuchCharge(chargeId, 'charge');
  const entries = store
    .refundsNewestFirst()
    .filter(({ refund }) => (paymentIntentId === undefined || refund.payment_intent === paymentIntentId) && (chargeId === undefined || refund.charge === chargeId))
    .map(({ refund, sequence }) => ({ id: refund.id, sequence, created: refund.created, object: refund }));
  return listObject({ url: '/v1/refunds', objectName: 'refund', idPattern: REFUND_ID }, entries, query);
}

/** GET /v1/charges/:id/refunds, the list a charge's `refunds.url` names. */
export function listChargeRefunds(chargeId: string, params: FormParams, store: PaymentStore): StripeList<Refund> {
  if (store.charge(chargeId) === undefined) throw noSuchCharge(chargeId);
  rejectUnknownParams(params, LIST_PARAMS);
  const entries = store
    .refundsNewestFirst()
    .filter(({ refund }) => refund.charge === chargeId)
    .map(({ refund, sequence }) => ({ id: refund.id, sequence, created: refund.created, object: refund }));
  return listObject({ url: `/v1/charges/${chargeId}/refunds`, objectName: 'refund', idPattern: REFUND_ID }, entries, parseListQuery(params));
}
