// Bank debits in the sandbox, judged by the official stripe-node SDK (no browser): sepa_debit and
// us_bank_account payment methods from Stripe's test accounts, PaymentIntents that go `processing`
// on confirm and get the bank's answer when the test advances the sandbox clock (no sleeps), the
// mandate, the dispute of Stripe's disputed accounts, the webhooks; bad IBANs and routing numbers
// refused with typed errors that never echo the number; the clock admin API closed to browsers.
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { BANK_DEBIT_OUTCOME_SECONDS, DELAYED_BANK_DEBIT_OUTCOME_SECONDS } from '../../../src/node/sandbox/bank-debit-payments.ts';
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY, startSandboxGateway, WebhookDispatcher, type RunningSandboxGateway } from '../../../src/node/sandbox/sandbox-gateway.ts';
import { sandboxUrl, startSandboxProcess, startWebhookReceiver, type WebhookReceiver } from './sandbox-process.ts';
import { rejection } from './stripe-rejection.ts';
import { ACCOUNT_CLOSED, ACCOUNT_DISPUTED, ACCOUNT_STAYS_PROCESSING, ACCOUNT_SUCCEEDS, IBAN_DISPUTED, IBAN_FAILS, IBAN_INSUFFICIENT_FUNDS, IBAN_SUCCEEDS, IBAN_SUCCEEDS_LATER, ROUTING } from '../harness/bank-test-accounts.ts';

const WEBHOOK_SECRET = 'whsec_bank_debits_spec';
const HOLDER = { name: 'Jenny Rosen', email: 'jenny@example.com' };
const ONLINE_ACCEPTANCE = { customer_acceptance: { type: 'online' as const, online: { ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0 (bank-debits spec)' } } };


let gateway: RunningSandboxGateway;
let stripe: Stripe;
let receiver: WebhookReceiver;

test.beforeAll(async () => {
  receiver = await startWebhookReceiver(WEBHOOK_SECRET);
  const webhooks = new WebhookDispatcher({ retryDelaysMs: [] });
  webhooks.addEndpoint(receiver.url, WEBHOOK_SECRET);
  gateway = await startSandboxGateway({ port: 0, publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY, allowedOrigins: [], webhooks, faultInjection: true });
  stripe = new Stripe(DEFAULT_SECRET_KEY, { host: '127.0.0.1', port: gateway.port, protocol: 'http', maxNetworkRetries: 0 });
});

test.afterAll(async () => {
  await gateway.close();
  await receiver.close();
});

async function admin(path: string, init: { method?: string; body?: unknown; key?: string; origin?: string } = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { Authorization: `Bearer ${init.key ?? DEFAULT_SECRET_KEY}`, 'Content-Type': 'application/json' };
  if (init.origin !== undefined) headers.Origin = init.origin;
  const response = await fetch(`${gateway.url}/__sandbox/${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function advanceClock(seconds: number): Promise<void> {
  const { status } = await admin('clock/advance', { method: 'POST', body: { seconds } });
  expect(status).toBe(200);
}

/** Resolves with the first verified event that matches, waiting for deliveries (the test's timeout bounds it). */
async function webhookWhere(matches: (event: Stripe.Event) => boolean): Promise<Stripe.Event> {
  for (;;) {
    const found = receiver.events.find(matches);
    if (found !== undefined) return found;
    await receiver.received(receiver.events.length + 1);
  }
}

function webhook(type: string, objectId: string): Promise<Stripe.Event> {
  return webhookWhere((event) => event.type === type && (event.data.object as { id?: string }).id === objectId);
}

function sepaMethod(iban: string): Promise<Stripe.PaymentMethod> {
  return stripe.paymentMethods.create({ type: 'sepa_debit', sepa_debit: { iban }, billing_details: HOLDER });
}

function usBankMethod(accountNumber: string, routingNumber = ROUTING): Promise<Stripe.PaymentMethod> {
  return stripe.paymentMethods.create({
    type: 'us_bank_account',
    us_bank_account: { routing_number: routingNumber, account_number: accountNumber, account_holder_type: 'company', account_type: 'savings' },
    billing_details: HOLDER,
  });
}

function debit(method: Stripe.PaymentMethod, options: Partial<Stripe.PaymentIntentCreateParams> = {}): Promise<Stripe.PaymentIntent> {
  const sepa = method.type === 'sepa_debit';
  return stripe.paymentIntents.create({
    amount: 4200,
    currency: sepa ? 'eur' : 'usd',
    allowed_payment_method_types: [method.type],
    payment_method: method.id,
    confirm: true,
    mandate_data: ONLINE_ACCEPTANCE,
    ...options,
  });
}

test('a sepa_debit payment method carries Stripe\'s fields and only the last four characters of the IBAN', async () => {
  const method = await sepaMethod('at61 1904 3002 3457 3201');
  expect(method).toMatchObject({ object: 'payment_method', type: 'sepa_debit', billing_details: { name: 'Jenny Rosen', email: 'jenny@example.com' } });
  expect(Object.keys(method.sepa_debit!).sort()).toEqual(['bank_code', 'branch_code', 'country', 'fingerprint', 'generated_from', 'last4']);
  expect(method.sepa_debit).toMatchObject({ bank_code: '19043', branch_code: null, country: 'AT', generated_from: null, last4: '3201' });
  expect(method.card).toBeUndefined();
  // The same IBAN typed another way is the same account.
  expect((await sepaMethod(IBAN_SUCCEEDS)).sepa_debit!.fingerprint).toBe(method.sepa_debit!.fingerprint);
  expect(JSON.stringify(await stripe.paymentMethods.retrieve(method.id))).not.toContain('0234573201');
});

test('a us_bank_account payment method carries Stripe\'s fields and only the last four digits of the account number', async () => {
  const method = await usBankMethod(ACCOUNT_SUCCEEDS);
  expect(Object.keys(method.us_bank_account!).sort()).toEqual(
    ['account_holder_type', 'account_type', 'bank_name', 'financial_connections_account', 'fingerprint', 'last4', 'networks', 'routing_number', 'status_details'],
  );
  expect(method.us_bank_account).toMatchObject({
    account_holder_type: 'company',
    account_type: 'savings',
    bank_name: 'STRIPE TEST BANK',
    financial_connections_account: null,
    last4: '6789',
    networks: { preferred: 'ach', supported: ['ach'] },
    routing_number: ROUTING,
  });
  expect(JSON.stringify(method)).not.toContain(ACCOUNT_SUCCEEDS);
});

test('a SEPA debit from the succeeding test IBAN is processing until the clock passes the bank\'s answer, then succeeds; the mandate turns active', async () => {
  const method = await sepaMethod(IBAN_SUCCEEDS);
  const intent = await debit(method);
  expect(intent).toMatchObject({ status: 'processing', payment_method: method.id, payment_method_types: ['sepa_debit'], amount_received: 0, last_payment_error: null });
  expect(intent.payment_method_options).toEqual({ sepa_debit: {} });
  await webhook('payment_intent.processing', intent.id);

  const charge = await stripe.charges.retrieve(intent.latest_charge as string);
  expect(charge).toMatchObject({ status: 'pending', paid: false, payment_method_details: { type: 'sepa_debit', sepa_debit: { last4: '3201', country: 'AT' } } });
  const mandateId = charge.payment_method_details!.sepa_debit!.mandate!;
  const mandate = await stripe.mandates.retrieve(mandateId);
  expect(mandate).toMatchObject({
    object: 'mandate',
    status: 'pending',
    type: 'single_use',
    single_use: { amount: 4200, currency: 'eur' },
    payment_method: method.id,
    customer_acceptance: { type: 'online', online: ONLINE_ACCEPTANCE.customer_acceptance.online },
    payment_method_details: { type: 'sepa_debit' },
  });
  expect(mandate.payment_method_details.sepa_debit!.reference).toMatch(/^[A-Z0-9]{16}$/);

  const before = (await admin('clock')).json;
  await advanceClock(BANK_DEBIT_OUTCOME_SECONDS - 1);
  expect((await admin('clock')).json.now).toBeGreaterThanOrEqual((before.now as number) + BANK_DEBIT_OUTCOME_SECONDS - 1);
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('processing');
  await advanceClock(1);
  expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'succeeded', amount_received: 4200 });
  expect(await stripe.charges.retrieve(charge.id)).toMatchObject({ status: 'succeeded', paid: true, captured: true, amount_captured: 4200, disputed: false });
  expect((await stripe.mandates.retrieve(mandateId)).status).toBe('active');

  const succeeded = await webhook('payment_intent.succeeded', intent.id);
  // A bank's answer has no request behind it, as in Stripe.
  expect(succeeded.request).toEqual({ id: null, idempotency_key: null });
  const updated = await webhook('mandate.updated', mandateId);
  expect(updated.data.previous_attributes).toEqual({ status: 'pending' });
  expect((updated.data.object as Stripe.Mandate).status).toBe('active');
});

test('Stripe\'s delayed test IBAN answers only after three minutes', async () => {
  const intent = await debit(await sepaMethod(IBAN_SUCCEEDS_LATER));
  await advanceClock(BANK_DEBIT_OUTCOME_SECONDS);
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('processing');
  await advanceClock(DELAYED_BANK_DEBIT_OUTCOME_SECONDS - BANK_DEBIT_OUTCOME_SECONDS);
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
});

test('a SEPA debit from a failing test IBAN goes back to requires_payment_method with the failure code', async () => {
  for (const [iban, code] of [
    [IBAN_FAILS, 'generic_could_not_process'],
    [IBAN_INSUFFICIENT_FUNDS, 'insufficient_funds'],
  ] as const) {
    const method = await sepaMethod(iban);
    const intent = await debit(method);
    expect(intent.status).toBe('processing');
    await advanceClock(BANK_DEBIT_OUTCOME_SECONDS);
    const failed = await stripe.paymentIntents.retrieve(intent.id);
    expect(failed).toMatchObject({ status: 'requires_payment_method', payment_method: null, amount_received: 0 });
    expect(failed.last_payment_error).toMatchObject({ code, charge: intent.latest_charge, payment_method_type: 'sepa_debit', payment_method: { id: method.id } });
    expect(await stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ status: 'failed', paid: false, failure_code: code });
    const event = await webhook('payment_intent.payment_failed', intent.id);
    expect((event.data.object as Stripe.PaymentIntent).last_payment_error?.code).toBe(code);
    expect(JSON.stringify(event)).not.toContain(iban.slice(4));
  }
});

test('an ACH debit from the test account succeeds after the clock advance; a closed account fails with account_closed and ends its mandate', async () => {
  const paid = await debit(await usBankMethod(ACCOUNT_SUCCEEDS));
  expect(paid).toMatchObject({ status: 'processing', payment_method_types: ['us_bank_account'], payment_method_options: { us_bank_account: { verification_method: 'automatic' } } });
  const closed = await debit(await usBankMethod(ACCOUNT_CLOSED));
  const closedCharge = await stripe.charges.retrieve(closed.latest_charge as string);
  expect(closedCharge.payment_method_details).toMatchObject({ type: 'us_bank_account', us_bank_account: { last4: '1113', routing_number: ROUTING, bank_name: 'STRIPE TEST BANK' } });
  const closedMandate = closedCharge.payment_method_details!.us_bank_account!.mandate as string;

  await advanceClock(BANK_DEBIT_OUTCOME_SECONDS);
  expect((await stripe.paymentIntents.retrieve(paid.id)).status).toBe('succeeded');
  const failed = await stripe.paymentIntents.retrieve(closed.id);
  expect(failed.status).toBe('requires_payment_method');
  expect(failed.last_payment_error).toMatchObject({ code: 'account_closed', payment_method_type: 'us_bank_account' });
  expect((await stripe.mandates.retrieve(closedMandate)).status).toBe('inactive');
  await webhook('payment_intent.payment_failed', closed.id);
  expect((await webhook('mandate.updated', closedMandate)).data.previous_attributes).toEqual({ status: 'pending' });
});

test('Stripe\'s disputed test accounts succeed, then open a dispute announced by charge.dispute.created', async () => {
  for (const method of [await sepaMethod(IBAN_DISPUTED), await usBankMethod(ACCOUNT_DISPUTED)]) {
    const intent = await debit(method);
    await advanceClock(BANK_DEBIT_OUTCOME_SECONDS);
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
    const charge = await stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge.disputed).toBe(true);
    const created = await webhookWhere((event) => event.type === 'charge.dispute.created' && (event.data.object as Stripe.Dispute).charge === charge.id);
    const dispute = created.data.object as Stripe.Dispute;
    expect(dispute).toMatchObject({ object: 'dispute', amount: 4200, payment_intent: intent.id, status: 'lost', payment_method_details: { type: method.type } });
    expect(await stripe.disputes.retrieve(dispute.id)).toEqual(dispute);
  }
});

test('Stripe\'s "stays processing" account never gets an answer, and its intent can be canceled', async () => {
  const intent = await debit(await usBankMethod(ACCOUNT_STAYS_PROCESSING));
  await advanceClock(30 * 24 * 60 * 60);
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('processing');
  expect((await stripe.paymentIntents.cancel(intent.id)).status).toBe('canceled');
});

test('a bank debit saved for later attaches the method to the customer once it succeeds, under a multi_use mandate', async () => {
  const customer = await stripe.customers.create({ email: HOLDER.email });
  const method = await sepaMethod(IBAN_SUCCEEDS);
  const intent = await debit(method, { customer: customer.id, setup_future_usage: 'off_session' });
  const charge = await stripe.charges.retrieve(intent.latest_charge as string);
  const mandate = await stripe.mandates.retrieve(charge.payment_method_details!.sepa_debit!.mandate!);
  expect(mandate).toMatchObject({ type: 'multi_use', multi_use: {} });
  expect(mandate.single_use).toBeUndefined();
  await advanceClock(BANK_DEBIT_OUTCOME_SECONDS);
  expect((await stripe.paymentMethods.retrieve(method.id)).customer).toBe(customer.id);
  expect((await webhook('payment_method.attached', method.id)).data.object).toMatchObject({ customer: customer.id, type: 'sepa_debit' });
  // Code that lists the customer's cards gets cards only.
  expect((await stripe.customers.listPaymentMethods(customer.id, { type: 'card' })).data).toEqual([]);
  expect((await stripe.customers.listPaymentMethods(customer.id, { type: 'sepa_debit' })).data.map(({ id }) => id)).toEqual([method.id]);
});

test('the IBAN can come inline with the confirm (payment_method_data), with an offline acceptance from the server', async () => {
  // The API's older name for the list, as older stripe-node versions send it.
  const intent = await stripe.paymentIntents.create({ amount: 990, currency: 'eur', payment_method_types: ['sepa_debit'] } as Stripe.PaymentIntentCreateParams);
  const confirmed = await stripe.paymentIntents.confirm(intent.id, {
    payment_method_data: { type: 'sepa_debit', sepa_debit: { iban: IBAN_SUCCEEDS }, billing_details: HOLDER },
    mandate_data: { customer_acceptance: { type: 'offline' } },
  });
  expect(confirmed.status).toBe('processing');
  const charge = await stripe.charges.retrieve(confirmed.latest_charge as string);
  const mandate = await stripe.mandates.retrieve(charge.payment_method_details!.sepa_debit!.mandate!);
  expect(mandate.customer_acceptance).toMatchObject({ type: 'offline', offline: {} });
});

test('a browser confirms with the publishable key and client_secret: infer_from_client records its address and browser, offline is refused', async () => {
  const intent = await stripe.paymentIntents.create({ amount: 1500, currency: 'eur', allowed_payment_method_types: ['sepa_debit'] });
  const confirm = (acceptance: string) =>
    fetch(`${gateway.url}/v1/payment_intents/${intent.id}/confirm`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEFAULT_PUBLISHABLE_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'Mozilla/5.0 (shopper)' },
      body:
        `client_secret=${intent.client_secret}&payment_method_data[type]=sepa_debit&payment_method_data[sepa_debit][iban]=${IBAN_SUCCEEDS}` +
        `&payment_method_data[billing_details][name]=Jenny%20Rosen&payment_method_data[billing_details][email]=jenny%40example.com&${acceptance}`,
    });
  const offline = await confirm('mandate_data[customer_acceptance][type]=offline');
  expect(offline.status).toBe(400);
  expect(((await offline.json()) as { error: { param: string } }).error.param).toBe('mandate_data[customer_acceptance][type]');
  const online = await confirm('mandate_data[customer_acceptance][type]=online&mandate_data[customer_acceptance][online][infer_from_client]=true');
  const text = await online.text();
  expect(online.status, text).toBe(200);
  expect(text).not.toContain(IBAN_SUCCEEDS.slice(4));
  // The browser's view: the status, without the merchant's fields.
  expect(JSON.parse(text)).toMatchObject({ id: intent.id, status: 'processing' });
  expect(JSON.parse(text).latest_charge).toBeUndefined();
  const charge = await stripe.charges.retrieve((await stripe.paymentIntents.retrieve(intent.id)).latest_charge as string);
  const mandate = await stripe.mandates.retrieve(charge.payment_method_details!.sepa_debit!.mandate!);
  expect(mandate.customer_acceptance).toMatchObject({ type: 'online', online: { ip_address: expect.stringMatching(/127\.0\.0\.1$/), user_agent: 'Mozilla/5.0 (shopper)' } });
});

test('a bad IBAN is refused with invalid_bank_account_iban, naming the param and never the IBAN', async () => {
  for (const iban of ['AT611904300234573202', 'AT6119043002345732', 'US611904300234573201', 'AT61-1904']) {
    const error = await rejection(sepaMethod(iban));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ code: 'invalid_bank_account_iban', param: 'sepa_debit[iban]', statusCode: 400 });
    expect(error.message).toMatch(/^The IBAN you provided is invalid: /);
    expect(JSON.stringify(error.raw)).not.toContain(iban.slice(4, 12));
  }
  const inline = await rejection(
    stripe.paymentIntents.create({ amount: 990, currency: 'eur', allowed_payment_method_types: ['sepa_debit'], confirm: true, mandate_data: ONLINE_ACCEPTANCE, payment_method_data: { type: 'sepa_debit', sepa_debit: { iban: 'DE89370400440532013001' }, billing_details: HOLDER } }),
  );
  expect(inline).toMatchObject({ code: 'invalid_bank_account_iban', param: 'payment_method_data[sepa_debit][iban]' });
});

test('a bad routing or account number is refused with a typed error that never echoes it', async () => {
  for (const [routing, account, code, param] of [
    ['110000001', ACCOUNT_SUCCEEDS, 'routing_number_invalid', 'us_bank_account[routing_number]'],
    ['11000000', ACCOUNT_SUCCEEDS, 'routing_number_invalid', 'us_bank_account[routing_number]'],
    [ROUTING, '12', 'account_number_invalid', 'us_bank_account[account_number]'],
    [ROUTING, '123456789012345678', 'account_number_invalid', 'us_bank_account[account_number]'],
  ] as const) {
    const error = await rejection(usBankMethod(account, routing));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ code, param });
    expect(JSON.stringify(error.raw)).not.toContain(routing === ROUTING ? account : routing);
  }
});

test('bank methods need the holder\'s name and email; bank debits need a mandate, the network\'s currency and a method of an allowed type', async () => {
  const noEmail = await rejection(stripe.paymentMethods.create({ type: 'sepa_debit', sepa_debit: { iban: IBAN_SUCCEEDS }, billing_details: { name: 'Jenny Rosen' } }));
  expect(noEmail).toMatchObject({ code: 'parameter_missing', param: 'billing_details[email]' });
  const noName = await rejection(stripe.paymentMethods.create({ type: 'us_bank_account', us_bank_account: { routing_number: ROUTING, account_number: ACCOUNT_SUCCEEDS }, billing_details: { email: HOLDER.email } }));
  expect(noName).toMatchObject({ code: 'parameter_missing', param: 'billing_details[name]' });

  const method = await sepaMethod(IBAN_SUCCEEDS);
  const intent = await stripe.paymentIntents.create({ amount: 990, currency: 'eur', allowed_payment_method_types: ['sepa_debit'], payment_method: method.id });
  const noMandate = await rejection(stripe.paymentIntents.confirm(intent.id));
  expect(noMandate).toMatchObject({ code: 'parameter_missing', param: 'mandate_data' });
  expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe('requires_confirmation');
  const noAgent = await rejection(stripe.paymentIntents.confirm(intent.id, { mandate_data: { customer_acceptance: { type: 'online', online: { ip_address: '203.0.113.7' } } } as Stripe.PaymentIntentConfirmParams.MandateData }));
  expect(noAgent).toMatchObject({ code: 'parameter_missing', param: 'mandate_data[customer_acceptance][online][user_agent]' });

  const wrongCurrency = await rejection(stripe.paymentIntents.create({ amount: 990, currency: 'usd', allowed_payment_method_types: ['sepa_debit'] }));
  expect(wrongCurrency).toMatchObject({ param: 'payment_method_types' });
  const cardOnly = await rejection(stripe.paymentIntents.create({ amount: 990, currency: 'eur', payment_method: method.id }));
  expect(cardOnly).toMatchObject({ code: 'payment_intent_incompatible_payment_method', param: 'payment_method' });
});

test('the clock admin API takes only the secret key, refuses browsers, and bounds its advance', async () => {
  expect((await admin('clock', { origin: 'http://localhost:4242' })).status).toBe(403);
  expect((await admin('clock/advance', { method: 'POST', body: { seconds: 60 }, origin: 'http://localhost:4242' })).status).toBe(403);
  // The publishable key is the browser's: the secret key is required, as on Stripe's secret-key routes.
  expect((await admin('clock/advance', { method: 'POST', body: { seconds: 60 }, key: DEFAULT_PUBLISHABLE_KEY })).status).toBe(401);
  expect((await admin('clock/advance', { method: 'POST', body: { seconds: 60 }, key: 'sk_test_unknown' })).status).toBe(401);
  for (const seconds of [0, -5, 1.5, '60s', 10 ** 12]) {
    const refused = await admin('clock/advance', { method: 'POST', body: { seconds } });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: { param: 'seconds' } });
  }
  expect((await admin('clock')).json).toMatchObject({ object: 'sandbox_clock' });
});

test('without the test admin flag the sandbox clock is real time: payframe sandbox has no clock routes', async () => {
  test.setTimeout(60_000);
  for (const [args, expected] of [
    [[], 404],
    [['--test-admin'], 200],
  ] as const) {
    const sandbox = startSandboxProcess(['--port', '0', ...args]);
    try {
      const url = await sandboxUrl(sandbox);
      const response = await fetch(`${url}/__sandbox/clock`, { headers: { Authorization: `Bearer ${DEFAULT_SECRET_KEY}` } });
      expect(response.status).toBe(expected);
      if (expected === 200) expect(Math.abs(((await response.json()) as { now: number }).now - Date.now() / 1000)).toBeLessThan(60);
    } finally {
      sandbox.child.kill('SIGTERM');
      await sandbox.closed;
    }
  }
});
