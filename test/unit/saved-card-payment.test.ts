// The saved-card steps both layouts share (iframe/saved-card-payment.ts: the drop-in's card frame and
// the split fields' controller), against a stand-in gateway: the card is the intent's or nothing is
// sent, and the line reads as the drop-in shows it. In Chromium.
import { expect } from '@esm-bundle/chai';
import { readConfirmAnswer } from '../../iframe/gateway/payment-intent-answers.ts';
import type { requestWithRetries } from '../../iframe/gateway/stripe-compatible-gateway.ts';
import { createSavedCardPayment, describeSavedCard } from '../../iframe/saved-card-payment.ts';
import { CARD_BRAND_NAMES } from '../../src/shared/card-brands.ts';

const CLIENT_SECRET = 'pi_3Abc123_secret_xyz';
const SAVED = 'pm_saved4242';

/** A gateway answering with `answers` by path prefix, recording each request. */
function standInGateway(answers: Record<string, unknown>) {
  const requests: { method: string; path: string; body?: string }[] = [];
  const request = (async (_baseUrl: string, details: Parameters<typeof requestWithRetries>[1]) => {
    requests.push({ method: details.method, path: details.path, ...(details.body ? { body: String(details.body) } : {}) });
    const key = Object.keys(answers).find((prefix) => details.path.startsWith(prefix));
    const json = key === undefined ? undefined : answers[key];
    if (json && typeof json === 'object' && 'error' in json) return { result: json, settled: true };
    const read = details.readSuccess(json);
    return { result: read ?? { error: { code: 'gateway_invalid_response', message: '' } }, settled: true };
  }) as typeof requestWithRetries;
  return { request, requests };
}

function payment(paymentMethod: string, answers: Record<string, unknown>) {
  const gateway = standInGateway(answers);
  const steps = createSavedCardPayment({
    paymentMethod,
    key: 'pk_test_123',
    gatewayUrl: 'https://api.psp.example',
    requestWithRetries: gateway.request,
    readConfirmAnswer,
    challengeOrigins: [],
    failure: (code) => ({ error: { code, message: `words for ${code}` } }),
  });
  return { steps, requests: gateway.requests };
}

const intentPaying = (id: string | null) => ({
  id: 'pi_3Abc123',
  object: 'payment_intent',
  payment_method: id === null ? null : { id, object: 'payment_method', type: 'card', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 } },
});

it('the intent that pays with the named card gives its brand, last four and expiry', async () => {
  const { steps, requests } = payment(SAVED, { '/v1/payment_intents/pi_3Abc123?': intentPaying(SAVED) });
  expect(await steps.verify(CLIENT_SECRET)).to.deep.equal({ brand: 'visa', last4: '4242', month: 12, year: 2034 });
  expect(requests).to.have.length(1);
  expect(requests[0]!.path).to.contain('expand%5B%5D=payment_method');
});

it('an intent paying with another card, or with none, is a mismatch; so is an intent the key cannot see', async () => {
  for (const answer of [intentPaying('pm_someoneElse'), intentPaying(null), { error: { code: 'resource_missing', message: 'No such payment_intent' } }]) {
    const { steps } = payment(SAVED, { '/v1/payment_intents/': answer });
    expect(await steps.verify(CLIENT_SECRET)).to.deep.equal({ error: { code: 'payment_method_mismatch', message: 'words for payment_method_mismatch' } });
  }
});

it('a payment-method that is not a pm_ id asks the gateway nothing', async () => {
  const { steps, requests } = payment('card_4242"><img src=x>', {});
  expect(await steps.verify(CLIENT_SECRET)).to.deep.equal({ error: { code: 'invalid_payment_method', message: 'words for invalid_payment_method' } });
  expect(requests).to.deep.equal([]);
});

it('pay() with a mismatch sends neither the CVC nor a confirm', async () => {
  const { steps, requests } = payment(SAVED, { '/v1/payment_intents/pi_3Abc123?': intentPaying('pm_other') });
  let asked = false;
  const result = await steps.pay(CLIENT_SECRET, undefined, () => ((asked = true), '123'));
  expect(result).to.deep.equal({ error: { code: 'payment_method_mismatch', message: 'words for payment_method_mismatch' } });
  expect(asked).to.equal(false);
  expect(requests.map((request) => request.method)).to.deep.equal(['GET']);
});

it('pay() sends the CVC as a cvc_update token, then confirms with the saved card and the token', async () => {
  const { steps, requests } = payment(SAVED, {
    '/v1/payment_intents/pi_3Abc123?': intentPaying(SAVED),
    '/v1/tokens': { id: 'cvctok_1', object: 'token', type: 'cvc_update' },
    '/v1/payment_intents/pi_3Abc123/confirm': { id: 'pi_3Abc123', object: 'payment_intent', status: 'succeeded' },
  });
  const result = await steps.pay(CLIENT_SECRET, undefined, (card) => (card.last4 === '4242' ? '123' : { error: { code: 'incomplete_cvc', message: '' } }));
  expect(result).to.deep.equal({ paymentIntent: { id: 'pi_3Abc123', status: 'succeeded' } });
  expect(requests.map((request) => request.path.split('?')[0])).to.deep.equal(['/v1/payment_intents/pi_3Abc123', '/v1/tokens', '/v1/payment_intents/pi_3Abc123/confirm']);
  expect(new URLSearchParams(requests[1]!.body).get('cvc_update[cvc]')).to.equal('123');
  const confirm = new URLSearchParams(requests[2]!.body);
  expect(confirm.get('payment_method')).to.equal(SAVED);
  expect(confirm.get('payment_method_options[card][cvc_token]')).to.equal('cvctok_1');
});

it("pay() with a CVC the card's rules refuse sends nothing after the check", async () => {
  const { steps, requests } = payment(SAVED, { '/v1/payment_intents/pi_3Abc123?': intentPaying(SAVED) });
  const incomplete = { error: { code: 'incomplete_cvc', message: 'x', field: 'cvc' as const } };
  expect(await steps.pay(CLIENT_SECRET, undefined, () => incomplete)).to.deep.equal(incomplete);
  expect(requests).to.have.length(1);
});

it('the line reads the brand by its name, the last four and the expiry as MM/YY', () => {
  const card = { brand: 'amex', last4: '0005', month: 3, year: 2034 };
  expect(describeSavedCard('{brand} •••• {last4}, expires {month}/{year}', card, CARD_BRAND_NAMES)).to.equal('American Express •••• 0005, expires 03/34');
  expect(describeSavedCard('{brand} •••• {last4}', { ...card, brand: 'newnetwork' }, CARD_BRAND_NAMES)).to.equal('newnetwork •••• 0005');
});
