// What a 3-D Secure challenge authenticates, seen the same way by the challenge pages whether it is
// a payment (a PaymentIntent) or the saving of a card (a SetupIntent): its id, where the shopper
// goes back to, what the page shows, and how the result applies (card-payments.ts, card-setups.ts).
import { formatAmount } from './amounts.ts';
import type { CardPaymentContext } from './card-payments.ts';
import { finishChallenge } from './card-payments.ts';
import { finishSetupChallenge } from './card-setups.ts';
import type { ThreeDSecureChallenge } from './payment-store.ts';
import type { SetupIntentStore } from './setup-intent-store.ts';
import { isCardMethod } from './payment-method-store.ts';

export interface ThreeDSecureContext extends CardPaymentContext {
  setupIntents: SetupIntentStore;
}

export interface ChallengeSubject {
  id: string;
  returnUrl: string | null;
  /** Whether the intent still waits for this very challenge. */
  waitsFor(challenge: ThreeDSecureChallenge): boolean;
  /** The page's amount line, or what saving a card says instead. */
  amount: string;
  heading: string;
  /** The return_url's query params once the challenge is over (Stripe's names for each kind). */
  returnParams(): Record<string, string>;
  finish(challenge: ThreeDSecureChallenge, authenticated: boolean): void;
}

/** The intent a challenge is for, or undefined when it is gone (never made, or evicted). */
export function challengeSubject(challenge: ThreeDSecureChallenge, context: ThreeDSecureContext): ChallengeSubject | undefined {
  // Only cards are challenged: a challenge naming anything else finds no method to finish with.
  const method = () => {
    const stored = context.paymentMethods.get(challenge.paymentMethodId);
    return stored !== undefined && isCardMethod(stored) ? stored : undefined;
  };
  if (challenge.intentKind === 'setup_intent') {
    const record = context.setupIntents.get(challenge.intentId);
    if (record === undefined) return undefined;
    const setupIntent = record.setupIntent;
    return {
      id: setupIntent.id,
      returnUrl: record.returnUrl,
      waitsFor: (candidate) => record.challengeId === candidate.id && setupIntent.status === 'requires_action' && method() !== undefined,
      amount: 'Nothing now: the card is saved for later payments',
      heading: 'Confirm your card',
      returnParams: () => ({
        setup_intent: setupIntent.id,
        setup_intent_client_secret: setupIntent.client_secret,
        redirect_status: setupIntent.status === 'succeeded' ? 'succeeded' : 'failed',
      }),
      finish: (candidate, authenticated) => finishSetupChallenge(candidate, authenticated, record, method()!, context),
    };
  }
  const record = context.store.intent(challenge.intentId);
  if (record === undefined) return undefined;
  const intent = record.intent;
  return {
    id: intent.id,
    returnUrl: record.returnUrl,
    waitsFor: (candidate) => record.challengeId === candidate.id && intent.status === 'requires_action' && method() !== undefined,
    amount: formatAmount(intent.amount, intent.currency),
    heading: 'Confirm your payment',
    returnParams: () => ({
      payment_intent: intent.id,
      payment_intent_client_secret: intent.client_secret,
      redirect_status: intent.status === 'succeeded' || intent.status === 'requires_capture' ? 'succeeded' : 'failed',
    }),
    finish: (candidate, authenticated) => finishChallenge(candidate, authenticated, record, method()!, context),
  };
}
