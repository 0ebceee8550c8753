// Stripe's error for each declining test-card outcome (code, decline_code, message, param) and
// for a failed 3-D Secure authentication: what `last_payment_error` and a 402 card_error carry.
import type { TestCardOutcome } from './test-cards.ts';

export type DeclineOutcome =
  | Extract<TestCardOutcome, 'generic_decline' | 'insufficient_funds' | 'lost_card' | 'stolen_card' | 'expired_card' | 'incorrect_cvc' | 'processing_error'>
  // A failed postal code check on an account that declines on it (card-checks.ts).
  | 'incorrect_zip'
  // A card that needs 3-D Secure, paid off session (no shopper to authenticate): card-payments.ts.
  | 'authentication_required';

export interface CardDecline {
  code: string;
  decline_code: string;
  message: string;
  /** Set where Stripe names the card field at fault. */
  param?: string;
}

// https://docs.stripe.com/testing#declined-payments: the pairs and messages Stripe answers with.
const DECLINES: Readonly<Record<DeclineOutcome, CardDecline>> = {
  generic_decline: { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
  insufficient_funds: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  lost_card: { code: 'card_declined', decline_code: 'lost_card', message: 'Your card was declined.' },
  stolen_card: { code: 'card_declined', decline_code: 'stolen_card', message: 'Your card was declined.' },
  expired_card: { code: 'expired_card', decline_code: 'expired_card', message: 'Your card has expired.', param: 'exp_month' },
  incorrect_cvc: { code: 'incorrect_cvc', decline_code: 'incorrect_cvc', message: "Your card's security code is incorrect.", param: 'cvc' },
  // Stripe's answer when the account declines on a failed postal code check (`param` is the
  // card's legacy name for the postal code, as Stripe sends it).
  incorrect_zip: { code: 'incorrect_zip', decline_code: 'incorrect_zip', message: 'The zip code you supplied failed validation.', param: 'address_zip' },
  // https://docs.stripe.com/payments/save-and-reuse#charge-saved-payment-method
  authentication_required: {
    code: 'authentication_required',
    decline_code: 'authentication_required',
    message: 'Your card was declined. This transaction requires authentication.',
  },
  processing_error: {
    code: 'processing_error',
    decline_code: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
  },
};

export function isDeclineOutcome(outcome: string): outcome is DeclineOutcome {
  return Object.hasOwn(DECLINES, outcome);
}

export function cardDecline(outcome: DeclineOutcome): CardDecline {
  return DECLINES[outcome];
}

export const AUTHENTICATION_FAILURE = {
  code: 'payment_intent_authentication_failure',
  message:
    'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
} as const;

/** Stripe's documentation page for an error code. */
export function errorDocUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}
