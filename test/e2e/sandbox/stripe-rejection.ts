// For the specs that drive the sandbox with stripe-node: the error a call rejects with.
import { expect } from '@playwright/test';
import Stripe from 'stripe';

/** The error a promise rejects with (fails the test if it resolves, or rejects with anything but a StripeError). */
export async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, 'expected the call to fail').toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}
