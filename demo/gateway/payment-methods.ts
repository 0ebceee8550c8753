// The /v1/payment_methods endpoints: create (tokenize a card) and retrieve.
import { parseBillingDetails } from './billing-details.ts';
import { displayBrand } from './card-brand.ts';
import { cardFingerprint } from './card-fingerprint.ts';
import { validateCardParams } from './card-params.ts';
import type { FormParams } from './form-body.ts';
import { parseMetadata } from './metadata.ts';
import type { PaymentMethod } from './payment-method-object.ts';
import type { PaymentMethodStore } from './payment-method-store.ts';
import { newPaymentMethodId } from './random-ids.ts';
import { StripeApiError, invalidParam, missingParam } from './stripe-error.ts';
import { cardMetadata, testCardOutcome } from './test-cards.ts';

export function createPaymentMethod(params: FormParams, store: PaymentMethodStore, now = new Date()): PaymentMethod {
  const type = params.type;
  if (type === undefined || type === '') throw missingParam('type');
  if (type !== 'card') {
    // The submitted value is not echoed: error bodies never repeat what the client sent.
    throw invalidParam('type', 'Invalid type: this sandbox supports only payment methods of type `card`.');
  }
  const card = validateCardParams(params.card, now);
  const billingDetails = parseBillingDetails(params.billing_details);
  const metadata = parseMetadata(params.metadata);
  const { funding, country } = cardMetadata(card.number);

  const paymentMethod: PaymentMethod = {
    id: newPaymentMethodId(),
    object: 'payment_method',
    type: 'card',
    billing_details: billingDetails,
    card: {
      brand: card.brand,
      checks: {
        address_line1_check: null,
        address_postal_code_check: null,
        cvc_check: card.cvc === undefined ? null : 'unchecked',
      },
      country,
      display_brand: displayBrand(card.brand),
      exp_month: card.expMonth,
      exp_year: card.expYear,
      fingerprint: cardFingerprint(card.number),
      funding,
      last4: card.number.slice(-4),
      networks: { available: [card.brand], preferred: null },
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: Math.floor(now.getTime() / 1000),
    customer: null,
    livemode: false,
    metadata,
  };
  store.save({ paymentMethod, outcome: testCardOutcome(card.number) });
  return paymentMethod;
}

export function retrievePaymentMethod(id: string, store: PaymentMethodStore): PaymentMethod {
  const entry = store.get(id);
  if (entry === undefined) {
    // Echo the id only when it has the shape of one of ours (it cannot hold card data then).
    const shown = /^pm_[A-Za-z0-9]{1,64}$/.test(id) ? `: '${id}'` : '';
    throw new StripeApiError(404, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'id',
      message: `No such PaymentMethod${shown}`,
    });
  }
  return entry.paymentMethod;
}
