import { expect, test } from '@playwright/test';
import { findCheckout, testCard } from 'payframe/testing';

test('a Visa test card pays through the drop-in', async ({ page }) => {
  await page.goto('/');
  const checkout = await findCheckout(page);
  await checkout.fillCard({ number: testCard('visa').number, expiry: '12/34', cvc: '123' });
  expect(await checkout.fieldState('number')).toMatchObject({ complete: true, brand: 'visa' });

  const outcome = await checkout.pay();
  expect(outcome).toMatchObject({ status: 'paid', paymentIntent: { status: 'succeeded' } });
});

test('a declined card shows the decline, and nothing is paid', async ({ page }) => {
  await page.goto('/');
  const checkout = await findCheckout(page);
  await checkout.fillCard({ number: testCard('insufficient-funds').number, expiry: '12/34', cvc: '123' });

  const outcome = await checkout.pay();
  expect(outcome).toMatchObject({ status: 'failed', error: { code: 'card_declined', declineCode: 'insufficient_funds' } });
});

test('a 3-D Secure card pays once the shopper completes the challenge', async ({ page }) => {
  await page.goto('/');
  const checkout = await findCheckout(page);
  await checkout.fillCard({ number: testCard('3ds-challenge').number, expiry: '12/34', cvc: '123' });

  const payment = await checkout.pressPay();
  const challenge = await checkout.threeDSecureChallenge();
  await challenge.complete();
  expect(await payment.outcome()).toMatchObject({ status: 'paid', paymentIntent: { status: 'succeeded' } });
});

test('split fields tokenize a Mastercard test card', async ({ page }) => {
  await page.goto('/split');
  const card = await findCheckout(page);
  await card.fillCard({ number: testCard('mastercard').number, expiry: '12/34', cvc: '123' });
  expect(await card.fieldState('cvc')).toMatchObject({ complete: true });

  const outcome = await card.tokenize();
  expect(outcome).toMatchObject({ status: 'tokenized', paymentMethod: { card: { brand: 'mastercard', last4: '4444' } } });
});

test('an incomplete number is the field error the page shows', async ({ page }) => {
  await page.goto('/split');
  const card = await findCheckout(page);
  await card.type('number', '4242');
  const outcome = await card.tokenize();
  expect(outcome).toMatchObject({ status: 'failed', error: { code: 'incomplete_number' } });
  await card.clear('number');
  expect(await card.fieldState('number')).toMatchObject({ empty: true, complete: false });
});
