// The /v1/payment_methods endpoints: create (tokenize a card, or a bank account through
// bank-payment-methods.ts) and retrieve; and the same creation for the `payment_method_data` param
// of a PaymentIntent (what Stripe.js sends on confirm).
import { createSepaDebitMethod, createUsBankAccountMethod } from './bank-payment-methods.ts';
import { parseBillingDetails } from './billing-details.ts';
import { displayBrand, type StripeCardBrand } from './card-brand.ts';
import { uncheckedChecks } from './card-checks.ts';
import { PREFERRED_NETWORK_PARAM, availableNetworks, preferredNetwork, type CardNetworks } from './card-networks.ts';
import { cardFingerprint } from './card-fingerprint.ts';
import { validateCardParams } from './card-params.ts';
import { optionalObject, optionalString, type FormParams } from './form-body.ts';
import { parseMetadata } from './metadata.ts';
import type { CardPaymentMethod, PaymentMethod } from './payment-method-object.ts';
import type { PaymentMethodStore, StoredPaymentMethod } from './payment-method-store.ts';
import { newPaymentMethodId } from './random-ids.ts';
import { optionalId } from './request-params.ts';
import { StripeApiError, invalidParam, missingParam, resourceMissing } from './stripe-error.ts';
import { cardMetadata, issuerCheckResults, testCardOutcome } from './test-cards.ts';

/** `card[networks]`: the card's networks and the one `card[networks][preferred]` chose (card-networks.ts). */
function cardNetworksOf(cardParam: unknown, digits: string, brand: StripeCardBrand): CardNetworks {
  const card = optionalObject(cardParam, 'card');
  const networksParam = optionalObject(card?.networks, 'card[networks]');
  const available = availableNetworks(digits, brand);
  return { available, preferred: preferredNetwork(optionalString(networksParam?.preferred, PREFERRED_NETWORK_PARAM), available) };
}

export function createPaymentMethod(params: FormParams, store: PaymentMethodStore, now = new Date()): PaymentMethod {
  const type = params.type;
  if (type === undefined || type === '') throw missingParam('type');
  if (type === 'sepa_debit') return createSepaDebitMethod(params, store, now);
  if (type === 'us_bank_account') return createUsBankAccountMethod(params, store, now);
  if (type !== 'card') {
    // The submitted value is not echoed: error bodies never repeat what the client sent.
    throw invalidParam('type', 'Invalid type: this sandbox supports payment methods of type `card`, `sepa_debit` and `us_bank_account`.');
  }
  const card = validateCardParams(params.card, now);
  const networks = cardNetworksOf(params.card, card.number, card.brand);
  const billingDetails = parseBillingDetails(params.billing_details);
  const metadata = parseMetadata(params.metadata);
  const { funding, country } = cardMetadata(card.number);

  const paymentMethod: CardPaymentMethod = {
    id: newPaymentMethodId(),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    type: 'card',
    billing_details: billingDetails,
    card: {
      brand: card.brand,
      checks: uncheckedChecks({
        address_line1_check: billingDetails.address.line1 !== null,
        address_postal_code_check: billingDetails.address.postal_code !== null,
        cvc_check: card.cvc !== undefined,
      }),
      country,
      // Follows the shopper's choice on a co-badged card (a preferred cartes_bancaires shows as such).
      display_brand: displayBrand(networks.preferred ?? card.brand),
      exp_month: card.expMonth,
      exp_year: card.expYear,
      fingerprint: cardFingerprint(card.number),
      funding,
      generated_from: null,
      last4: card.number.slice(-4),
      networks,
      regulated_status: null,
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: Math.floor(now.getTime() / 1000),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata,
  };
  store.save({ paymentMethod, outcome: testCardOutcome(card.number), issuerChecks: issuerCheckResults(card.number) });
  return paymentMethod;
}

const PAYMENT_METHOD_DATA_FIELDS = ['type', 'card', 'sepa_debit', 'us_bank_account', 'billing_details', 'metadata'];

/**
 * `payment_method_data[...]`: checked and stored exactly like POST /v1/payment_methods (only
 * last4, fingerprint and the test-card outcome are kept); errors name the nested param.
 */
export function createPaymentMethodFromData(data: unknown, store: PaymentMethodStore, now = new Date()): PaymentMethod {
  const params = optionalObject(data, 'payment_method_data') ?? {};
  for (const field of Object.keys(params)) {
    if (!PAYMENT_METHOD_DATA_FIELDS.includes(field)) {
      throw invalidParam('payment_method_data', 'Invalid payment_method_data: the sandbox accepts type, card, sepa_debit, us_bank_account, billing_details and metadata.');
    }
  }
  try {
    return createPaymentMethod(params, store, now);
  } catch (error) {
    if (!(error instanceof StripeApiError) || error.fields.param === undefined) throw error;
    const param = error.fields.param.replace(/^([^[]+)/, 'payment_method_data[$1]');
    throw new StripeApiError(error.status, { ...error.fields, param });
  }
}

/** Echo the id only when it has the shape of one of ours (it cannot hold card data then). */
export function noSuchPaymentMethod(id: string, param = 'id'): StripeApiError {
  return resourceMissing('PaymentMethod', id, /^pm_[A-Za-z0-9]{1,64}$/, param);
}

export function retrievePaymentMethod(id: string, store: PaymentMethodStore): PaymentMethod {
  const entry = store.get(id);
  if (entry === undefined) throw noSuchPaymentMethod(id);
  return entry.paymentMethod;
}

/** The payment method a request names (`payment_method`) or describes (`payment_method_data`). */
export function requestedPaymentMethod(params: FormParams, paymentMethods: PaymentMethodStore): StoredPaymentMethod | undefined {
  const id = optionalId(params.payment_method, 'payment_method');
  if (id !== undefined && params.payment_method_data !== undefined) {
    throw invalidParam('payment_method_data', 'You cannot pass both payment_method and payment_method_data.');
  }
  if (params.payment_method_data !== undefined) {
    const created = createPaymentMethodFromData(params.payment_method_data, paymentMethods);
    return paymentMethods.get(created.id);
  }
  if (id === undefined) return undefined;
  const method = paymentMethods.get(id);
  if (method === undefined) throw noSuchPaymentMethod(id, 'payment_method');
  return method;
}
