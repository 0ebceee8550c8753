// The sandbox's objects judged against Stripe's own example objects (no browser): every customer,
// SetupIntent, payment method, PaymentIntent, charge, refund, mandate and dispute it returns, through stripe-node,
// in lists and in webhook events, carries exactly the top-level fields of its kind's example, and
// the sandbox's types are stripe-node's.
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import type { Charge } from '../../../src/node/sandbox/charge-object.ts';
import type { Customer } from '../../../src/node/sandbox/customer-object.ts';
import type { Dispute } from '../../../src/node/sandbox/dispute-object.ts';
import type { Mandate } from '../../../src/node/sandbox/mandate-object.ts';
import type { PaymentIntent } from '../../../src/node/sandbox/payment-intent-object.ts';
import type { PaymentMethod } from '../../../src/node/sandbox/payment-method-object.ts';
import type { Refund } from '../../../src/node/sandbox/refund-object.ts';
import type { SetupIntent } from '../../../src/node/sandbox/setup-intent-object.ts';
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY, startSandboxGateway, WebhookDispatcher, type RunningSandboxGateway } from '../../../src/node/sandbox/sandbox-gateway.ts';

// The fields of Stripe's example objects: stripe/openapi, openapi/fixtures3.json at commit
// f6c2a48f (what stripe-mock serves), `resources.<kind>`, sorted. The sandbox's objects carry every
// one of them, and nothing else.
const FIXTURE_FIELDS = {
  customer:
    'address balance created currency default_source delinquent description discount email id invoice_prefix invoice_settings livemode metadata name next_invoice_sequence object phone preferred_locales shipping tax_exempt test_clock',
  setup_intent:
    'application automatic_payment_methods cancellation_reason client_secret created customer description excluded_payment_method_types flow_directions id last_setup_error latest_attempt livemode mandate metadata next_action object on_behalf_of payment_method payment_method_configuration_details payment_method_options payment_method_types single_use_mandate status usage',
  payment_method: 'allow_redisplay billing_details card created customer customer_account id livemode metadata object type',
  payment_intent:
    'amount amount_capturable amount_details amount_received application application_fee_amount automatic_payment_methods canceled_at cancellation_reason capture_method client_secret confirmation_method created currency customer customer_account description excluded_payment_method_types id last_payment_error latest_charge livemode managed_payments metadata next_action object on_behalf_of payment_method payment_method_configuration_details payment_method_options payment_method_types processing receipt_email review setup_future_usage shipping source statement_descriptor statement_descriptor_suffix status transfer_data transfer_group',
  charge:
    'amount amount_captured amount_refunded application application_fee application_fee_amount balance_transaction billing_details calculated_statement_descriptor captured created currency customer description disputed failure_balance_transaction failure_code failure_message fraud_details id livemode metadata object on_behalf_of outcome paid payment_intent payment_method payment_method_details receipt_email receipt_number receipt_url refunded refunds review shipping source source_transfer statement_descriptor statement_descriptor_suffix status transfer_data transfer_group',
  refund:
    'amount balance_transaction charge created currency customer customer_account destination_details id metadata object payment_intent payment_method reason receipt_number source_transfer_reversal status transfer_reversal',
  mandate: 'customer_acceptance id livemode multi_use object payment_method payment_method_details status type',
  dispute:
    'amount balance_transactions charge created currency enhanced_eligibility_types evidence evidence_details id is_charge_refundable livemode metadata object payment_intent payment_method_details reason status',
} as const;

// Nested objects of the same examples (same file and commit).
const NESTED_FIXTURE_FIELDS = {
  'payment_method.card':
    'brand checks country display_brand exp_month exp_year fingerprint funding generated_from last4 networks regulated_status three_d_secure_usage wallet',
  billing_details: 'address email name phone tax_id',
  'charge.payment_method_details.card':
    'amount_authorized authorization_code brand checks country exp_month exp_year extended_authorization fingerprint funding incremental_authorization installments last4 mandate multicapture network network_token network_transaction_id overcapture regulated_status three_d_secure transaction_link_id wallet',
  'charge.payment_method_details.card.three_d_secure':
    'authentication_flow electronic_commerce_indicator exemption_indicator result result_reason transaction_id version',
  'charge.outcome': 'advice_code network_advice_code network_decline_code network_status reason seller_message type',
} as const;

type Kind = keyof typeof FIXTURE_FIELDS;

function fieldsOf(kind: Kind): string[] {
  return FIXTURE_FIELDS[kind].split(' ');
}

function nestedFieldsOf(path: keyof typeof NESTED_FIXTURE_FIELDS, ...beyondTheExample: string[]): string[] {
  return [...NESTED_FIXTURE_FIELDS[path].split(' '), ...beyondTheExample].sort();
}

function keysOf(object: unknown): string[] {
  return Object.keys(object as object).sort();
}

// Compile time: each sandbox object is stripe-node's type of its kind, but for the fields stripe-node
// 23.1 (a newer API than the example) has beyond the example objects, which the sandbox leaves out.
export const typesAgree = {
  customer: (object: Customer): Stripe.Customer => object,
  setupIntent: (object: SetupIntent): Omit<Stripe.SetupIntent, 'allowed_payment_method_types'> => object,
  paymentMethod: (object: PaymentMethod): Stripe.PaymentMethod => object,
  paymentIntent: (object: PaymentIntent): Omit<Stripe.PaymentIntent, 'allowed_payment_method_types' | 'payment_record'> => object,
  charge: (object: Charge): Stripe.Charge => object,
  refund: (object: Refund): Stripe.Refund => object,
  mandate: (object: Mandate): Stripe.Mandate => object,
  dispute: (object: Dispute): Omit<Stripe.Dispute, 'intended_submission_method' | 'evidence_details'> & { evidence_details: Omit<Stripe.Dispute.EvidenceDetails, 'submission_method'> } =>
    object,
};

const FUTURE_YEAR = new Date().getUTCFullYear() + 3;
const VISA = '4242424242424242';
const MASTERCARD = '5555555555554444';
const DECLINED = '4000000000000002';
const FRICTIONLESS_3DS = '4000000000003055';

let gateway: RunningSandboxGateway;
let stripe: Stripe;

test.beforeAll(async () => {
  gateway = await startSandboxGateway({
    port: 0,
    publishableKey: DEFAULT_PUBLISHABLE_KEY,
    secretKey: DEFAULT_SECRET_KEY,
    allowedOrigins: [],
    webhooks: new WebhookDispatcher({ retryDelaysMs: [] }),
  });
  stripe = new Stripe(DEFAULT_SECRET_KEY, { host: '127.0.0.1', port: gateway.port, protocol: 'http', maxNetworkRetries: 0 });
});

test.afterAll(async () => {
  await gateway.close();
});

async function card(number: string, customer?: string): Promise<Stripe.PaymentMethod> {
  const method = await stripe.paymentMethods.create({
    type: 'card',
    card: { number, exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' },
    billing_details: { name: 'Jenny Rosen', address: { postal_code: '94107', country: 'US' } },
  });
  return customer === undefined ? method : stripe.paymentMethods.attach(method.id, { customer });
}

async function pay(method: Stripe.PaymentMethod, options: Partial<Stripe.PaymentIntentCreateParams> = {}): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.create({ amount: 2500, currency: 'eur', payment_method: method.id, confirm: true, ...options });
}

/** The objects of the account's events of `type`, as the webhook carries them. */
function eventObjects(type: string): unknown[] {
  return gateway.accounts[0]!.webhooks
    .listEvents()
    .filter((event) => event.type === type)
    .map((event) => event.data.object);
}

test("customers and SetupIntents carry exactly the fields of Stripe's example objects", async () => {
  const customer = await stripe.customers.create({});
  expect(keysOf(customer)).toEqual(fieldsOf('customer'));
  const setup = await stripe.setupIntents.create({ customer: customer.id });
  expect(keysOf(setup)).toEqual(fieldsOf('setup_intent'));
});

test("payment methods, PaymentIntents, charges and refunds carry exactly the fields of Stripe's example objects", async () => {
  const method = await card(VISA);
  expect(keysOf(method)).toEqual(fieldsOf('payment_method'));
  const intent = await pay(method);
  expect(intent.status).toBe('succeeded');
  expect(keysOf(intent)).toEqual(fieldsOf('payment_intent'));
  const charge = await stripe.charges.retrieve(intent.latest_charge as string);
  expect(keysOf(charge)).toEqual(fieldsOf('charge'));
  const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 500 });
  expect(keysOf(refund)).toEqual(fieldsOf('refund'));
});

test("bank debits' payment methods, mandates and disputes carry exactly the fields of Stripe's example objects", async () => {
  // A gateway of its own, with the sandbox clock (a bank debit's dispute comes with the bank's answer),
  // whose bank objects the other tests' every-event checks do not meet.
  const bankGateway = await startSandboxGateway({ port: 0, publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY, allowedOrigins: [], faultInjection: true });
  try {
    await checkBankDebitFields(bankGateway, new Stripe(DEFAULT_SECRET_KEY, { host: '127.0.0.1', port: bankGateway.port, protocol: 'http', maxNetworkRetries: 0 }));
  } finally {
    await bankGateway.close();
  }
});

async function checkBankDebitFields(gateway: RunningSandboxGateway, stripe: Stripe): Promise<void> {
  const customer = await stripe.customers.create({ email: 'jenny@example.com' });
  const method = await stripe.paymentMethods.create({
    type: 'sepa_debit',
    sepa_debit: { iban: 'AT591904300235473203' },
    billing_details: { name: 'Jenny Rosen', email: 'jenny@example.com' },
  });
  // A bank method has the card's fields, with its own details in place of `card`.
  expect(keysOf(method)).toEqual(fieldsOf('payment_method').map((field) => (field === 'card' ? 'sepa_debit' : field)).sort());
  const intent = await stripe.paymentIntents.create({
    amount: 2500,
    currency: 'eur',
    allowed_payment_method_types: ['sepa_debit'],
    payment_method: method.id,
    customer: customer.id,
    setup_future_usage: 'off_session',
    confirm: true,
    mandate_data: { customer_acceptance: { type: 'online', online: { ip_address: '203.0.113.7', user_agent: 'spec' } } },
  });
  expect(keysOf(intent)).toEqual(fieldsOf('payment_intent'));
  const charge = await stripe.charges.retrieve(intent.latest_charge as string);
  expect(keysOf(charge)).toEqual(fieldsOf('charge'));
  const mandate = await stripe.mandates.retrieve(charge.payment_method_details!.sepa_debit!.mandate!);
  expect(keysOf(mandate)).toEqual(fieldsOf('mandate'));
  const advanced = await fetch(`${gateway.url}/__sandbox/clock/advance`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEFAULT_SECRET_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ seconds: 60 * 60 }),
  });
  expect(advanced.status).toBe(200);
  const [created] = gateway.accounts[0]!.webhooks.listEvents().filter((event) => event.type === 'charge.dispute.created').map((event) => event.data.object as Dispute);
  expect(keysOf(created)).toEqual(fieldsOf('dispute'));
  expect(keysOf(await stripe.disputes.retrieve(created!.id))).toEqual(fieldsOf('dispute'));
}

test('the same fields wherever the object appears: every endpoint, list, embedded object and webhook event', async () => {
  const shopper = await stripe.customers.create({ email: 'jenny@example.com' });
  const saved = await card(MASTERCARD, shopper.id);
  const unconfirmed = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
  const manual = await pay(saved, { customer: shopper.id, capture_method: 'manual' });
  const captured = await stripe.paymentIntents.capture(manual.id, { amount_to_capture: 600 });
  const declined = await pay(await card(DECLINED)).catch((error: Stripe.errors.StripeCardError) => error.payment_intent!);
  const authenticated = await pay(await card(FRICTIONLESS_3DS));
  const refund = await stripe.refunds.create({ payment_intent: captured.id });
  const chargeIds = [captured, declined, authenticated].map((intent) => intent.latest_charge as string);
  const charges = await Promise.all(chargeIds.map((id) => stripe.charges.retrieve(id)));

  const seen: Array<[Kind, string, unknown]> = [
    ['payment_method', 'attached', saved],
    ['payment_method', 'retrieved', await stripe.paymentMethods.retrieve(saved.id)],
    ['payment_method', "in a customer's list", (await stripe.customers.listPaymentMethods(shopper.id)).data[0]],
    ['payment_method', 'in last_payment_error', declined.last_payment_error?.payment_method],
    ['payment_intent', 'created unconfirmed', unconfirmed],
    ['payment_intent', 'updated', await stripe.paymentIntents.update(unconfirmed.id, { description: 'Order 7' })],
    ['payment_intent', 'canceled', await stripe.paymentIntents.cancel(unconfirmed.id)],
    ['payment_intent', 'captured', captured],
    ['payment_intent', 'declined', declined],
    ['payment_intent', 'retrieved', await stripe.paymentIntents.retrieve(authenticated.id)],
    ...(await stripe.paymentIntents.list({ limit: 5 })).data.map((intent): [Kind, string, unknown] => ['payment_intent', 'listed', intent]),
    ...charges.map((charge): [Kind, string, unknown] => ['charge', `retrieved (${charge.status})`, charge]),
    ['refund', 'created', refund],
    ['refund', 'retrieved', await stripe.refunds.retrieve(refund.id)],
    ['refund', 'listed', (await stripe.refunds.list({ payment_intent: captured.id })).data[0]],
    ['refund', "in its charge's refunds", (await stripe.charges.retrieve(refund.charge as string)).refunds?.data[0]],
    ...(['payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.amount_capturable_updated', 'payment_intent.canceled'] as const).map(
      (type): [Kind, string, unknown] => ['payment_intent', `in ${type}`, eventObjects(type)[0]],
    ),
    ['charge', 'in charge.refunded', eventObjects('charge.refunded')[0]],
    ['refund', 'in refund.updated', eventObjects('refund.updated')[0]],
    ['payment_method', 'in payment_method.attached', eventObjects('payment_method.attached')[0]],
    ['customer', 'in customer.created', eventObjects('customer.created')[0]],
  ];
  for (const [kind, where, object] of seen) {
    expect(object, `a ${kind} ${where}`).toBeDefined();
    expect(keysOf(object), `a ${kind} ${where}`).toEqual(fieldsOf(kind));
  }
});

test("a payment method's card and billing details have the example's fields, with what the sandbox knows", async () => {
  const method = await card(VISA);
  expect(keysOf(method.card)).toEqual(nestedFieldsOf('payment_method.card'));
  expect(keysOf(method.billing_details)).toEqual(nestedFieldsOf('billing_details'));
  expect(method).toMatchObject({
    allow_redisplay: 'unspecified',
    customer_account: null,
    billing_details: { name: 'Jenny Rosen', email: null, phone: null, tax_id: null, address: { postal_code: '94107', country: 'US', line1: null } },
    card: { brand: 'visa', display_brand: 'visa', last4: '4242', generated_from: null, regulated_status: null, wallet: null },
  });
});

test("a charge says what the sandbox knows: amounts, the customer, the card's details and checks, the outcome, its refunds", async () => {
  const shopper = await stripe.customers.create({});
  const method = await card(VISA, shopper.id);
  const intent = await pay(method, { customer: shopper.id, description: 'Order 12', metadata: { order: '12' } });
  const paid = await stripe.charges.retrieve(intent.latest_charge as string);
  // The fields of the example's card, and the ECI stripe-node 23.1's type has beyond it.
  expect(keysOf(paid.payment_method_details?.card)).toEqual(nestedFieldsOf('charge.payment_method_details.card', 'electronic_commerce_indicator'));
  // Radar's risk level, which Stripe gives for card payments, beyond the example's outcome.
  expect(keysOf(paid.outcome)).toEqual(nestedFieldsOf('charge.outcome', 'risk_level'));
  expect(paid).toMatchObject({
    amount: 2500,
    amount_captured: 2500,
    amount_refunded: 0,
    balance_transaction: null,
    billing_details: method.billing_details,
    calculated_statement_descriptor: 'PAYFRAME SANDBOX',
    captured: true,
    customer: shopper.id,
    description: 'Order 12',
    disputed: false,
    fraud_details: {},
    metadata: { order: '12' },
    outcome: { advice_code: null, network_advice_code: null, network_decline_code: null, network_status: 'approved_by_network', reason: null, seller_message: 'Payment complete.', type: 'authorized' },
    paid: true,
    payment_intent: intent.id,
    payment_method: method.id,
    receipt_url: null,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${paid.id}/refunds` },
    shipping: null,
    source: null,
    status: 'succeeded',
  });
  expect(paid.payment_method_details).toEqual({
    type: 'card',
    card: {
      amount_authorized: 2500,
      authorization_code: null,
      brand: 'visa',
      checks: { address_line1_check: null, address_postal_code_check: 'pass', cvc_check: 'pass' },
      country: 'US',
      electronic_commerce_indicator: null,
      exp_month: 12,
      exp_year: FUTURE_YEAR,
      extended_authorization: { status: 'disabled' },
      fingerprint: method.card!.fingerprint,
      funding: 'credit',
      incremental_authorization: { status: 'unavailable' },
      installments: null,
      last4: '4242',
      mandate: null,
      multicapture: { status: 'unavailable' },
      network: 'visa',
      network_token: { used: false },
      network_transaction_id: null,
      overcapture: { maximum_amount_capturable: 2500, status: 'unavailable' },
      regulated_status: null,
      three_d_secure: null,
      transaction_link_id: null,
      wallet: null,
    },
  });

  const first = await stripe.refunds.create({ charge: paid.id, amount: 1000, reason: 'requested_by_customer' });
  expect(first).toMatchObject({
    customer: shopper.id,
    customer_account: null,
    payment_method: method.id,
    destination_details: { type: 'card', card: { type: 'refund' } },
  });
  const second = await stripe.refunds.create({ charge: paid.id });
  const refunded = await stripe.charges.retrieve(paid.id);
  expect(refunded).toMatchObject({ amount_refunded: 2500, refunded: true });
  expect(refunded.refunds).toEqual({ object: 'list', data: [second, first], has_more: false, url: `/v1/charges/${paid.id}/refunds` });
});

test("a declined charge and a 3-D Secure one carry Stripe's outcome and authentication details", async () => {
  const declined = await pay(await card(DECLINED)).catch((error: Stripe.errors.StripeCardError) => error.payment_intent!);
  const failed = await stripe.charges.retrieve(declined.latest_charge as string);
  expect(failed).toMatchObject({
    status: 'failed',
    paid: false,
    amount_captured: 0,
    failure_code: 'card_declined',
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'declined_by_network',
      reason: 'generic_decline',
      seller_message: 'The bank did not return any further details with this decline.',
      type: 'issuer_declined',
    },
    payment_method_details: { card: { amount_authorized: null, three_d_secure: null } },
  });

  const visa = await stripe.charges.retrieve((await pay(await card(FRICTIONLESS_3DS))).latest_charge as string);
  const threeDSecure = visa.payment_method_details?.card?.three_d_secure;
  expect(keysOf(threeDSecure)).toEqual(nestedFieldsOf('charge.payment_method_details.card.three_d_secure'));
  expect(threeDSecure).toMatchObject({
    authentication_flow: 'frictionless',
    electronic_commerce_indicator: '05',
    exemption_indicator: null,
    result: 'authenticated',
    result_reason: null,
    version: '2.2.0',
  });
  expect(threeDSecure?.transaction_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(visa.payment_method_details?.card?.electronic_commerce_indicator).toBe('05');
});
