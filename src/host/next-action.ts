// Runs what the bank asks after a confirm: the bank's challenge page in the modal (or, when the
// shopper says it does not show there, a full-page redirect to it with the merchant's
// return-url), or Stripe's `use_stripe_sdk` through Stripe.js. Resolves with the payment's result. Merchant realm, loaded
// lazily (next-action-loader.ts): checkouts whose payments need no next action never download it.
import type { CheckoutErrorCode } from '../shared/errors.ts';
import type { CheckoutError, NextAction, PaymentResult } from '../shared/protocol.ts';
import type { ChallengeTexts } from './challenge-modal.ts';
import { showChallengeModal } from './challenge-modal.ts';
import { redirectToChallenge } from './challenge-redirect.ts';
import { runStripeNextAction } from './stripe-next-action.ts';

export interface NextActionContext {
  clientSecret: string;
  publishableKey: string;
  /** The checkout's checked return-url: allows the full-page fallback. */
  returnUrl: string | undefined;
  /** Where the modal goes (the checkout's shadow root). */
  container: ParentNode;
  /** Reads the intent's status again through the controller frame. */
  readIntentStatus(): Promise<PaymentResult>;
  /** Payframe's error for a code, with its message (the table stays in the main bundle). */
  checkoutError(code: CheckoutErrorCode): CheckoutError;
  /** The dialog's words in the checkout's language. */
  texts: ChallengeTexts;
}

export type RunNextAction = (action: NextAction, context: NextActionContext) => Promise<PaymentResult>;

export const runNextAction: RunNextAction = async (action, context) => {
  if ('useStripeSdk' in action) {
    const result = await runStripeNextAction(context.publishableKey, context.clientSecret);
    return 'unavailable' in result ? { error: context.checkoutError('stripe_js_unavailable') } : result;
  }

  const paymentIntentId = context.clientSecret.slice(0, context.clientSecret.indexOf('_secret_'));
  const { readIntentStatus } = context;
  const outcome = await showChallengeModal({ url: action.url, paymentIntentId, container: context.container, texts: context.texts, readIntentStatus });
  // Stripe's code for the kind of intent: a SetupIntent's (`seti_…`, saving a card) or a PaymentIntent's.
  if (outcome.kind === 'cancelled') return { error: { code: `${paymentIntentId.startsWith('seti_') ? 'setup' : 'payment'}_intent_authentication_failure`, message: context.texts.challengeCancelled } };
  if (outcome.kind === 'not-showing') {
    // Without a return-url there is nowhere to come back to: a typed error, never a hang.
    if (context.returnUrl === undefined) return { error: context.checkoutError('challenge_unavailable') };
    await redirectToChallenge(action.url, paymentIntentId);
    return { error: context.checkoutError('challenge_unavailable') };
  }
  // A completion message only says the challenge ended: the gateway says how the payment did.
  return outcome.result ?? readIntentStatus();
};
