// Every test card of the sandbox, paid through <payframe-checkout client-secret> on the demo page:
// what the shopper reads above the Pay button, what the merchant's event says (code, decline code),
// and what the gateway holds afterwards (status, brand, how the charge was authenticated).
import type { Page } from '@playwright/test';
import type { CheckoutError, PaymentIntentSummary } from '../../src/index.ts';
import { completeChallenge, waitForChallenge } from './harness/three-d-secure-challenge.ts';
import { expect, test } from './fixtures.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { authenticationOf, cardBrandOf, createIntent, readIntent, type CreatedIntent } from './harness/intent-server.ts';

type Challenge = 'none' | 'complete' | 'frictionless';

interface CardCase {
  number: string;
  cvc?: string;
  /** What the shopper does in the bank's page, if one opens. */
  challenge?: Challenge;
  /** The gateway's card brand, for the cards that pay. */
  brand?: string;
  /** The final status at the gateway. */
  status: 'succeeded' | 'requires_payment_method';
  /** The merchant's payframe-error (the gateway's code and decline code), and the message the shopper reads (Payframe's), for the cards that do not pay. */
  error?: { code: string; declineCode: string; message: string };
}

const PAYS: CardCase[] = [
  { number: '4242424242424242', brand: 'visa', status: 'succeeded' },
  { number: '5555555555554444', brand: 'mastercard', status: 'succeeded' },
  { number: '2223003122003222', brand: 'mastercard', status: 'succeeded' },
  { number: '378282246310005', cvc: '1234', brand: 'amex', status: 'succeeded' },
  { number: '6011111111111117', brand: 'discover', status: 'succeeded' },
  { number: '36227206271667', brand: 'diners', status: 'succeeded' },
  { number: '3566002020360505', brand: 'jcb', status: 'succeeded' },
  { number: '6205500000000000004', brand: 'unionpay', status: 'succeeded' },
];

const DECLINED = 'requires_payment_method' as const;
const DECLINES: CardCase[] = [
  { number: '4000000000000002', status: DECLINED, error: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' } },
  { number: '4000000000009995', status: DECLINED, error: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' } },
  { number: '4000000000009987', status: DECLINED, error: { code: 'card_declined', declineCode: 'lost_card', message: 'Your card was declined.' } },
  { number: '4000000000009979', status: DECLINED, error: { code: 'card_declined', declineCode: 'stolen_card', message: 'Your card was declined.' } },
  { number: '4000000000000069', status: DECLINED, error: { code: 'expired_card', declineCode: 'expired_card', message: 'Your card has expired.' } },
  { number: '4000000000000127', status: DECLINED, error: { code: 'incorrect_cvc', declineCode: 'incorrect_cvc', message: "Your card's security code is incorrect." } },
  {
    number: '4000000000000119',
    status: DECLINED,
    error: { code: 'processing_error', declineCode: 'processing_error', message: 'An error occurred while processing your card. Please try again.' },
  },
];

const THREE_D_SECURE: CardCase[] = [
  { number: '4000002760003184', challenge: 'complete', brand: 'visa', status: 'succeeded' },
  { number: '4000000000003220', challenge: 'complete', brand: 'visa', status: 'succeeded' },
  {
    number: '4000008260003178',
    challenge: 'complete',
    status: DECLINED,
    error: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  },
  { number: '4000000000003055', challenge: 'frictionless', brand: 'visa', status: 'succeeded' },
];

function formError(page: Page) {
  return page.locator('payframe-checkout [part="form-error"]');
}

/** Requests for the bank's challenge page, from any frame: none means no challenge was shown. */
function recordChallengePages(page: Page, gatewayUrl: string): () => string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${gatewayUrl}/3ds/challenge/`)) seen.push(request.url());
  });
  return () => [...seen];
}

/** The bank's page in the modal: type the code it shows, press Complete, and the modal closes. */
async function passChallenge(checkout: CardFieldsHarness): Promise<void> {
  const challenge = await waitForChallenge(checkout.page);
  await completeChallenge(challenge);
  await expect(challenge.dialog).toHaveCount(0);
}

/** Waits for the first payframe-payment or payframe-error the checkout dispatches (recorded since beforeEach). */
async function outcome(checkout: CardFieldsHarness): Promise<{ type: string; detail: Record<string, unknown> }> {
  await expect.poll(async () => (await checkout.recordedEvents()).length, { timeout: 15_000 }).toBeGreaterThan(0);
  return (await checkout.recordedEvents())[0]!;
}

let intent: CreatedIntent;

test.beforeEach(async ({ page, demo, checkout }) => {
  intent = await createIntent(demo);
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await page.locator('payframe-checkout').evaluate((element, clientSecret) => element.setAttribute('client-secret', clientSecret), intent.clientSecret);
  await checkout.recordEvents(['payframe-payment', 'payframe-error']);
});

for (const card of [...PAYS, ...DECLINES, ...THREE_D_SECURE]) {
  const expected = card.error ? `${card.error.code}/${card.error.declineCode}` : card.status;
  const how = card.challenge === 'complete' ? ', after the challenge' : card.challenge === 'frictionless' ? ', frictionless (no challenge)' : '';
  test(`${card.number}${how}: ${expected}`, async ({ page, demo, checkout }) => {
    const challengePages = recordChallengePages(page, demo.gatewayUrl);
    await checkout.fillCard({ number: card.number, expiry: '1234', cvc: card.cvc ?? '123' });
    await checkout.payButton().click();
    if (card.challenge === 'complete') await passChallenge(checkout);

    const event = await outcome(checkout);
    if (card.error) {
      expect(event.type).toBe('payframe-error');
      expect((event.detail as { error: CheckoutError }).error).toEqual(card.error);
      // The shopper reads Payframe's text for the decline (in English here); the card stays, to fix and pay again.
      await expect(formError(page)).toHaveText(card.error.message);
      await expect(checkout.input('number')).not.toHaveValue('');
    } else {
      expect(event).toEqual({ type: 'payframe-payment', detail: { paymentIntent: { id: intent.id, status: card.status } satisfies PaymentIntentSummary } });
      await expect(formError(page)).toHaveText('');
    }
    await expect(checkout.payButton()).toHaveAttribute('aria-disabled', 'false');
    expect((await checkout.recordedEvents()).length).toBe(1);

    const atGateway = await readIntent(demo, intent.id);
    expect(atGateway.status).toBe(card.status);
    if (card.error) expect(atGateway.last_payment_error).toMatchObject({ code: card.error.code, decline_code: card.error.declineCode });
    if (card.brand) expect(await cardBrandOf(demo, atGateway)).toBe(card.brand);
    const authentication = await authenticationOf(demo, atGateway);
    if (card.challenge === 'complete') {
      expect(authentication).toBe('challenge');
      expect(challengePages().length).toBeGreaterThan(0);
    } else {
      expect(authentication).toBe(card.challenge === 'frictionless' ? 'frictionless' : null);
      expect(challengePages()).toEqual([]);
    }
  });
}

test('after a decline, a 3-D Secure card pays the same intent once the challenge is passed', async ({ page, demo, checkout }) => {
  await checkout.fillCard({ number: '4000000000000002', expiry: '1234', cvc: '123' });
  await checkout.payButton().click();
  await expect(formError(page)).toHaveText('Your card was declined.');
  expect((await readIntent(demo, intent.id)).status).toBe('requires_payment_method');

  await checkout.clear('number');
  await checkout.type('number', '4000002760003184');
  await checkout.payButton().click();
  await passChallenge(checkout);
  await expect.poll(async () => (await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-error', 'payframe-payment']);
  expect((await checkout.recordedEvents())[1]!.detail).toEqual({ paymentIntent: { id: intent.id, status: 'succeeded' } });
  await expect(formError(page)).toHaveText('');
  expect((await readIntent(demo, intent.id)).status).toBe('succeeded');
});

test('after a failed challenge, the shopper can pay the same intent with another card', async ({ page, demo, checkout }) => {
  await checkout.fillCard({ number: '4000002760003184', expiry: '1234', cvc: '123' });
  await checkout.payButton().click();
  const { dialog, challenge } = await waitForChallenge(page);
  await challenge.getByRole('button', { name: 'Fail authentication' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(formError(page)).toHaveText(/failed authentication/);
  expect((await readIntent(demo, intent.id)).last_payment_error).toMatchObject({ code: 'payment_intent_authentication_failure' });

  await checkout.clear('number');
  await checkout.type('number', '5555555555554444');
  await checkout.payButton().click();
  await expect.poll(async () => (await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-error', 'payframe-payment']);
  expect((await checkout.recordedEvents())[1]!.detail).toEqual({ paymentIntent: { id: intent.id, status: 'succeeded' } });
  const atGateway = await readIntent(demo, intent.id);
  expect(atGateway.status).toBe('succeeded');
  expect(await cardBrandOf(demo, atGateway)).toBe('mastercard');
});
