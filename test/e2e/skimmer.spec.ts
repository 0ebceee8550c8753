// Invariant 1: a skimmer on the merchant page gets no card number and no CVC, whatever it
// listens to, and no request from the merchant origin carries them. Only the frame that tokenizes
// (fields origin) sends them, to the configured gateway: the drop-in's card frame, or the split
// fields' controller frame. A saved card's re-collected CVC goes the same way: only the card frame
// (or, with split fields, the controller frame) sends it, to the gateway's tokens endpoint.
import type { Request } from '@playwright/test';
import Stripe from 'stripe';
import { expect, test } from './fixtures.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { collectLoot, installSkimmer } from './harness/skimmer.ts';
import { SECRET_CARD } from './harness/secrets.ts';

// Not one of the test cards the demo page lists, so any sighting is a leak.
const PAN = SECRET_CARD.number;
const MISTYPED_PAN = '4111111111111112';
const CVC = SECRET_CARD.cvc;

/** Every form the secrets could take: digits, as displayed, the first 12 digits, the CVC alone. */
function findSecrets(text: string): string[] {
  const patterns: [string, RegExp][] = [
    ['card number', new RegExp(PAN)],
    ['mistyped card number', new RegExp(MISTYPED_PAN)],
    ['card number as displayed', /4111 1111 1111 111/],
    ['first 12 digits', /411111111111/],
    // Three digits appear inside ids and timestamps; the CVC alone, as its own token, must not.
    ['CVC', new RegExp(`(?<![A-Za-z0-9])${CVC}(?![A-Za-z0-9])`)],
  ];
  return patterns.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

function describeRequest(request: Request): string {
  return [request.method(), request.url(), JSON.stringify(request.headers()), request.postData() ?? ''].join(' ');
}

const LAYOUTS = [
  { layout: 'drop-in', label: 'the drop-in', tokenizingPage: 'card' },
  { layout: 'split', label: 'split fields', tokenizingPage: 'controller' },
] as const;

for (const { layout, label, tokenizingPage } of LAYOUTS) {
  test(`a skimmer on the merchant page never sees the card number or CVC (${label})`, async ({ page, demo, checkout, split }) => {
    const harness: CardFieldsHarness = layout === 'drop-in' ? checkout : split;
    const requests: Request[] = [];
    const consoleLines: string[] = [];
    page.on('request', (request) => requests.push(request));
    page.on('console', (message) => consoleLines.push(message.text()));
    await page.addInitScript(installSkimmer, demo.merchantUrl);
    await page.goto(demo.merchantUrl);
    await harness.waitReady();

    // The shopper mistypes, sees the error, corrects, and pays (the demo page saves split fields' card on Enter).
    await harness.type('number', MISTYPED_PAN);
    await harness.input('expiry').focus();
    await expect(harness.errorLine('number')).toHaveText('Your card number is invalid.');
    await harness.clear('number');
    await harness.type('number', PAN);
    await harness.waitForFocus('expiry');
    await harness.type('expiry', '1234');
    await harness.waitForFocus('cvc');
    await harness.type('cvc', CVC);
    await harness.input('cvc').press('Enter');
    await expect(page.locator('#token-id')).toHaveText(/^pm_/);
    await expect(page.locator('#token')).toContainText('•••• 1111');

    const loot = await page.evaluate(collectLoot);
    // The skimmer did hear things: the test would notice if it were deaf.
    expect(loot.records.some((entry) => entry.startsWith('port in:') && entry.includes('"change"'))).toBe(true);
    expect(loot.records.some((entry) => entry.startsWith('dispatch payframe-token'))).toBe(true);
    expect(loot.dom).toContain('pm_');
    expect(findSecrets(loot.records.join('\n'))).toEqual([]);
    expect(findSecrets(loot.dom)).toEqual([]);
    expect(findSecrets(consoleLines.join('\n'))).toEqual([]);

    // Exactly one request carried the card: the tokenizing frame's, to the gateway.
    const carryingCard = requests.filter((request) => findSecrets(describeRequest(request)).length > 0);
    expect(carryingCard).toHaveLength(1);
    const [tokenization] = carryingCard;
    expect(tokenization!.url()).toBe(`${demo.gatewayUrl}/v1/payment_methods`);
    expect(tokenization!.frame().url()).toMatch(new RegExp(`^${demo.fieldsOrigin}/frames/${demo.publishableKey}/${tokenizingPage}\\.html#`));
    // Referrer-Policy: no-referrer: the gateway is not told which page the card came from.
    expect((await tokenization!.allHeaders())['referer'] ?? '').toBe('');
    // Nothing the merchant origin requested carries it.
    const fromMerchant = requests.filter((request) => request.frame().url().startsWith(demo.merchantUrl));
    expect(fromMerchant.length).toBeGreaterThan(0);
    expect(fromMerchant.flatMap((request) => findSecrets(describeRequest(request)))).toEqual([]);
  });
}

for (const { layout, label } of LAYOUTS) {
  test(`the messages the merchant page receives hold state and tokens only (${label})`, async ({ page, demo, checkout, split }) => {
    // A page holding this one element only, so every port message the skimmer hears is its own.
    const harness: CardFieldsHarness = layout === 'drop-in' ? checkout : split;
    await page.addInitScript(installSkimmer, demo.merchantUrl);
    await page.goto(layout === 'drop-in' ? `${demo.merchantUrl}/test-pages/merchant.html` : `${demo.merchantUrl}/test-pages/a11y.html?split`);
    await harness.waitReady();
    await harness.fillCard({ number: PAN, expiry: '1234', cvc: CVC });
    if (layout === 'drop-in') {
      const token = harness.nextEvent<{ paymentMethod: { id: string } }>('payframe-token');
      await harness.payButton().click();
      expect((await token).paymentMethod.id).toMatch(/^pm_/);
    } else {
      const result = await harness.tokenize();
      expect('paymentMethod' in result && result.paymentMethod.id).toMatch(/^pm_/);
    }
    const { records } = await page.evaluate(collectLoot);
    const incoming = records.filter((entry) => entry.startsWith('port in:')).map((entry) => JSON.parse(entry.slice('port in: '.length)) as { type: string });
    // The card frame moves focus between its inputs itself and tells its height; split fields ask the page to move focus ("advance").
    // The card frame, laid out from its URL, says it is ready in its hello (a window message), not on its port.
    const expected = layout === 'drop-in' ? ['change', 'focus', 'blur', 'height', 'tokenize-result'] : ['ready', 'change', 'focus', 'blur', 'advance', 'tokenize-result'];
    expect(new Set(incoming.map((message) => message.type))).toEqual(new Set(expected));
    const hellos = records
      .filter((entry) => entry.startsWith('window message:'))
      .map((entry) => (JSON.parse(entry.slice('window message: '.length)) as { data: { type?: string } }).data)
      .filter((data) => data?.type === 'hello');
    expect(hellos.length).toBeGreaterThan(0);
    for (const hello of hellos) expect(Object.keys(hello).sort()).toEqual(layout === 'drop-in' ? ['checkout', 'frame', 'payframe', 'ready', 'type'] : ['checkout', 'frame', 'payframe', 'type']);
    for (const message of incoming) {
      // No message field may carry a value, its length or a caret position.
      expect(JSON.stringify(message)).not.toMatch(/"(value|length|caret|selection\w*|digits|number|cvc)":/);
    }
  });
}

test('a skimmer never sees a saved card\'s re-collected CVC (the drop-in with payment-method: the CVC input alone)', async ({ page, demo, checkout }) => {
  // The merchant's server: a shopper's saved card and a PaymentIntent to pay with it.
  const gateway = new URL(demo.gatewayUrl);
  const stripe = new Stripe(demo.secretKey, { host: gateway.hostname, port: Number(gateway.port), protocol: 'http', maxNetworkRetries: 0 });
  const customer = await stripe.customers.create({});
  const saved = await stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2034 } });
  await stripe.paymentMethods.attach(saved.id, { customer: customer.id });
  const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'eur', customer: customer.id, payment_method: saved.id });

  const requests: Request[] = [];
  const consoleLines: string[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('console', (message) => consoleLines.push(message.text()));
  await page.addInitScript(installSkimmer, demo.merchantUrl);
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await page.locator('payframe-checkout').evaluate(
    (element, [secret, id]) => {
      element.setAttribute('client-secret', secret!);
      element.setAttribute('payment-method', id!);
    },
    [intent.client_secret!, saved.id] as const,
  );
  await checkout.waitReady();
  await expect(checkout.frameLocator('cvc').locator('#saved-card')).toHaveText('Visa •••• 4242, expires 12/34');
  const paid = checkout.nextEvent<{ paymentIntent: { status: string } }>('payframe-payment');
  await checkout.type('cvc', CVC);
  await checkout.settled('cvc');
  await checkout.payButton().click();
  expect((await paid).paymentIntent.status).toBe('succeeded');

  const loot = await page.evaluate(collectLoot);
  expect(loot.records.some((entry) => entry.startsWith('port in:') && entry.includes('"change"'))).toBe(true);
  expect(loot.records.some((entry) => entry.startsWith('dispatch payframe-payment'))).toBe(true);
  expect(findSecrets(loot.records.join('\n'))).toEqual([]);
  expect(findSecrets(loot.dom)).toEqual([]);
  expect(findSecrets(consoleLines.join('\n'))).toEqual([]);
  // Nothing new reaches the page: the same messages as any card frame's, none holding a value.
  const incoming = loot.records.filter((entry) => entry.startsWith('port in:')).map((entry) => JSON.parse(entry.slice('port in: '.length)) as { type: string });
  expect([...new Set(incoming.map((message) => message.type))].every((type) => ['ready', 'change', 'focus', 'blur', 'height', 'confirm-result'].includes(type))).toBe(true);
  for (const message of incoming) expect(JSON.stringify(message)).not.toMatch(/"(value|length|caret|selection\w*|digits|number|cvc)":/);

  // Exactly one request carried the CVC: the card frame's, to the gateway's tokens endpoint.
  const carryingCvc = requests.filter((request) => findSecrets(describeRequest(request)).length > 0);
  expect(carryingCvc.map((request) => request.url())).toEqual([`${demo.gatewayUrl}/v1/tokens`]);
  expect(carryingCvc[0]!.frame().url()).toMatch(new RegExp(`^${demo.fieldsOrigin}/frames/${demo.publishableKey}/card\\.html#`));
  const fromMerchant = requests.filter((request) => request.frame().url().startsWith(demo.merchantUrl));
  expect(fromMerchant.flatMap((request) => findSecrets(describeRequest(request)))).toEqual([]);
  const charge = await stripe.charges.retrieve((await stripe.paymentIntents.retrieve(intent.id)).latest_charge as string);
  expect(charge.payment_method_details?.card?.checks?.cvc_check).toBe('pass');
});

test("a skimmer never sees a saved card's re-collected CVC in split fields (a card group with payment-method and a <payframe-card-cvc> alone)", async ({ page, demo, split }) => {
  // The merchant's server: a shopper's saved card and a PaymentIntent to pay with it.
  const gateway = new URL(demo.gatewayUrl);
  const stripe = new Stripe(demo.secretKey, { host: gateway.hostname, port: Number(gateway.port), protocol: 'http', maxNetworkRetries: 0 });
  const customer = await stripe.customers.create({});
  const saved = await stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2034 } });
  await stripe.paymentMethods.attach(saved.id, { customer: customer.id });
  const intent = await stripe.paymentIntents.create({ amount: 1999, currency: 'eur', customer: customer.id, payment_method: saved.id });

  const requests: Request[] = [];
  const consoleLines: string[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('console', (message) => consoleLines.push(message.text()));
  await page.addInitScript(installSkimmer, demo.merchantUrl);
  // The merchant's layout: the card's line from payframe-saved-card, the CVC field, a Pay button calling pay().
  await page.goto(`${demo.merchantUrl}/test-pages/saved-card-split.html?${new URLSearchParams({ 'client-secret': intent.client_secret!, 'payment-method': saved.id })}`);
  await split.waitReady();
  await expect(page.locator('#saved-card-line')).toHaveText('Visa •••• 4242, expires 12/34');
  await split.type('cvc', CVC);
  await split.settled('cvc');
  await page.locator('#pay').click();
  await expect(page.locator('#outcome')).toHaveText('Paid (succeeded).');

  const loot = await page.evaluate(collectLoot);
  expect(loot.records.some((entry) => entry.startsWith('port in:') && entry.includes('"change"'))).toBe(true);
  expect(loot.records.some((entry) => entry.startsWith('dispatch payframe-saved-card'))).toBe(true);
  expect(loot.records.some((entry) => entry.startsWith('dispatch payframe-payment'))).toBe(true);
  expect(findSecrets(loot.records.join('\n'))).toEqual([]);
  expect(findSecrets(loot.dom)).toEqual([]);
  expect(findSecrets(consoleLines.join('\n'))).toEqual([]);
  // What reaches the page: the split fields' messages and the saved card's line, none holding a value or its length.
  const incoming = loot.records.filter((entry) => entry.startsWith('port in:')).map((entry) => JSON.parse(entry.slice('port in: '.length)) as { type: string });
  expect([...new Set(incoming.map((message) => message.type))].every((type) => ['ready', 'change', 'focus', 'blur', 'advance', 'messages', 'saved-card', 'confirm-result'].includes(type))).toBe(true);
  expect(incoming.some((message) => message.type === 'saved-card')).toBe(true);
  for (const message of incoming) expect(JSON.stringify(message)).not.toMatch(/"(value|length|caret|selection\w*|digits|number|cvc)":/);

  // Exactly one request carried the CVC: the controller frame's, to the gateway's tokens endpoint.
  const carryingCvc = requests.filter((request) => findSecrets(describeRequest(request)).length > 0);
  expect(carryingCvc.map((request) => request.url())).toEqual([`${demo.gatewayUrl}/v1/tokens`]);
  expect(carryingCvc[0]!.frame().url()).toMatch(new RegExp(`^${demo.fieldsOrigin}/frames/${demo.publishableKey}/controller\\.html#`));
  const fromMerchant = requests.filter((request) => request.frame().url().startsWith(demo.merchantUrl));
  expect(fromMerchant.length).toBeGreaterThan(0);
  expect(fromMerchant.flatMap((request) => findSecrets(describeRequest(request)))).toEqual([]);
  const charge = await stripe.charges.retrieve((await stripe.paymentIntents.retrieve(intent.id)).latest_charge as string);
  expect(charge.payment_method_details?.card?.checks?.cvc_check).toBe('pass');
});
// The drop-in's bank debits: the same skimmer, an IBAN (mistyped, then right) and a US account number.
// Valid accounts that are none of Stripe's published test accounts (the sandbox lets them succeed), so any sighting is a leak.
const IBAN = 'DE02120300000000202051';
const MISTYPED_IBAN = 'DE03120300000000202051';
const ACCOUNT_NUMBER = '987654321012';

function findBankSecrets(text: string): string[] {
  const patterns: [string, RegExp][] = [
    ['IBAN', new RegExp(IBAN)],
    ['mistyped IBAN', new RegExp(MISTYPED_IBAN)],
    ['IBAN as displayed', /DE0[23] 1203 0000 0000 2020/],
    ['IBAN account part (BBAN)', /120300000000202051/],
    ['account number', new RegExp(ACCOUNT_NUMBER)],
    ['account number, first 8 digits', /98765432/],
  ];
  return patterns.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

async function createBankIntent(demo: { gatewayUrl: string; secretKey: string }, type: string, currency: string): Promise<string> {
  const response = await fetch(`${demo.gatewayUrl}/v1/payment_intents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${demo.secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ amount: '1999', currency, 'payment_method_types[]': type }),
  });
  return ((await response.json()) as { client_secret: string }).client_secret;
}

for (const method of ['sepa_debit', 'us_bank_account'] as const) {
  test(`a skimmer on the merchant page never sees the ${method === 'sepa_debit' ? 'IBAN' : 'bank account number'} (drop-in, ${method})`, async ({ page, demo, checkout }) => {
    const requests: Request[] = [];
    const consoleLines: string[] = [];
    page.on('request', (request) => requests.push(request));
    page.on('console', (message) => consoleLines.push(message.text()));
    await page.addInitScript(installSkimmer, demo.merchantUrl);
    await page.goto(`${demo.merchantUrl}/test-pages/merchant.html`);
    await checkout.waitReady();
    const clientSecret = await createBankIntent(demo, method, method === 'sepa_debit' ? 'eur' : 'usd');
    await page.locator('payframe-checkout').evaluate((element, [type, secret]) => {
      element.setAttribute('payment-methods', `card ${type}`);
      element.setAttribute('business-name', 'Skimmed Shop');
      element.setAttribute('client-secret', secret!);
    }, [method, clientSecret]);
    const frame = page.frameLocator('payframe-checkout [part="card"] iframe');
    await frame.getByRole('radio', { name: method === 'sepa_debit' ? 'SEPA Direct Debit' : 'US bank account' }).check();
    if (method === 'sepa_debit') {
      // The shopper mistypes, sees the error, corrects.
      await frame.locator('#iban').pressSequentially(MISTYPED_IBAN);
      await expect(frame.locator('#iban-error')).toHaveText('Your IBAN is invalid. Check that you typed it correctly.');
      await frame.locator('#iban').fill('');
      await frame.locator('#iban').pressSequentially(IBAN);
    } else {
      await frame.locator('#routing_number').pressSequentially('110000000');
      await frame.locator('#account_number').pressSequentially(ACCOUNT_NUMBER);
      await frame.locator('#account_number_confirmation').pressSequentially(ACCOUNT_NUMBER.slice(0, 6) + '9');
      await expect(frame.locator('#account_number_confirmation-error')).toHaveText('The account numbers do not match.');
      await frame.locator('#account_number_confirmation').fill('');
      await frame.locator('#account_number_confirmation').pressSequentially(ACCOUNT_NUMBER);
      await frame.getByRole('radio', { name: 'Checking' }).check();
      await frame.getByRole('radio', { name: 'Individual' }).check();
    }
    await frame.locator('#account_holder_name').pressSequentially('Jenny Rosen');
    await frame.locator('#email').pressSequentially('jenny@example.com');
    const payment = checkout.nextEvent<{ paymentIntent: { status: string } }>('payframe-payment');
    await frame.locator('#email').press('Enter');
    expect((await payment).paymentIntent.status).toBe('processing');

    const loot = await page.evaluate(collectLoot);
    // The skimmer did hear the bank inputs' states and the payment.
    expect(loot.records.some((entry) => entry.startsWith('port in:') && entry.includes('"paymentMethodType"'))).toBe(true);
    expect(loot.records.some((entry) => entry.startsWith('dispatch payframe-payment'))).toBe(true);
    expect(findBankSecrets(loot.records.join('\n'))).toEqual([]);
    expect(findBankSecrets(loot.dom)).toEqual([]);
    expect(findBankSecrets(consoleLines.join('\n'))).toEqual([]);
    const incoming = loot.records.filter((entry) => entry.startsWith('port in:')).map((entry) => JSON.parse(entry.slice('port in: '.length)) as object);
    // No message field may carry a value, its length or a caret position.
    for (const message of incoming) expect(JSON.stringify(message)).not.toMatch(/"(value|length|caret|selection\w*|digits|number|iban|account_number|routing_number|last4|bankName)":/);

    // Exactly one request carried the account: the card frame's confirm, to the gateway.
    const carrying = requests.filter((request) => findBankSecrets(describeRequest(request)).length > 0);
    expect(carrying).toHaveLength(1);
    expect(carrying[0]!.url()).toMatch(new RegExp(`^${demo.gatewayUrl}/v1/payment_intents/pi_\\w+/confirm$`));
    expect(carrying[0]!.frame().url()).toMatch(new RegExp(`^${demo.fieldsOrigin}/frames/${demo.publishableKey}/card\\.html#`));
    expect((await carrying[0]!.allHeaders())['referer'] ?? '').toBe('');
    const fromMerchant = requests.filter((request) => request.frame().url().startsWith(demo.merchantUrl));
    expect(fromMerchant.length).toBeGreaterThan(0);
    expect(fromMerchant.flatMap((request) => findBankSecrets(describeRequest(request)))).toEqual([]);
  });
}
