// Runs what the bank asks after a confirm: the sandbox's challenge page in the modal (or, when the
// page cannot be framed, a full-page redirect to it with the merchant's return-url), or Stripe's
// `use_stripe_sdk` through Stripe.js. Resolves with the payment's result. Merchant realm.
import { messageFor, type CheckoutErrorCode } from '../shared/errors.ts';
import { paymentIntentIdOf, type CheckoutError, type NextAction, type PaymentResult } from '../shared/protocol.ts';
import { showChallengeModal } from './challenge-modal.ts';
import { redirectToChallenge } from './challenge-redirect.ts';
import { loadStripeNextAction } from './stripe-next-action-loader.ts';

const CHALLENGE_CANCELLED_MESSAGE = 'You closed the payment confirmation, so the payment was not made. Press Pay to try again.';

function errorOf(code: CheckoutErrorCode): { error: CheckoutError } {
  return { error: { code, message: messageFor(code) } };
}

export interface NextActionContext {
  clientSecret: string;
  publishableKey: string;
  /** The checkout's checked return-url: allows the full-page fallback. */
  returnUrl: string | undefined;
  /** Where the modal goes (the checkout's shadow root). */
  container: ParentNode;
  /** Reads the intent's status again through the controller frame. */
  readIntentStatus(): Promise<PaymentResult>;
}

export async function runNextAction(action: NextAction, context: NextActionContext): Promise<PaymentResult> {
  if ('useStripeSdk' in action) {
    const run = await loadStripeNextAction();
    const result = run ? await run(context.publishableKey, context.clientSecret) : { unavailable: true as const };
    return 'unavailable' in result ? errorOf('stripe_js_unavailable') : result;
  }

  const outcome = await showChallengeModal({ url: action.url, paymentIntentId: paymentIntentIdOf(context.clientSecret), container: context.container });
  if (outcome === 'cancelled') return { error: { code: 'payment_intent_authentication_failure', message: CHALLENGE_CANCELLED_MESSAGE } };
  if (outcome === 'refused') {
    // Without a return-url there is nowhere to come back to: a typed error, never a hang.
    if (context.returnUrl === undefined) return errorOf('challenge_unavailable');
    await redirectToChallenge(action.url, context.clientSecret);
    return errorOf('challenge_unavailable');
  }
  // The message only says the challenge ended: the gateway says how the payment did.
  return context.readIntentStatus();
}
