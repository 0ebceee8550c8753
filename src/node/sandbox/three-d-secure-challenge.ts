// When a card asks for 3-D Secure, and opening the challenge for a PaymentIntent or a SetupIntent:
// the challenge record (its one-time code, the card it authenticates) and the next_action that
// sends the shopper to it.
import type { RedirectToUrlAction, UseStripeSdkAction } from './payment-intent-object.ts';
import type { PaymentStore, ThreeDSecureChallenge } from './payment-store.ts';
import { newChallengeId, newOneTimeCode } from './random-ids.ts';
import type { TestCardOutcome } from './test-cards.ts';

export const CHALLENGE_PATH_PREFIX = '/3ds/challenge/';

/**
 * Whether paying with a card of this outcome asks for 3-D Secure: 4000002760003184 and the other
 * 3DS-required cards always do; 4000002500003155 not off session once it was set up for off_session use.
 */
export function needsAuthentication(outcome: TestCardOutcome, setUpOffSession: boolean): boolean {
  if (outcome === '3ds_required_unless_set_up') return !setUpOffSession;
  return outcome === '3ds_required' || outcome === '3ds_required_then_insufficient_funds';
}

export interface OpenedChallenge {
  challenge: ThreeDSecureChallenge;
  nextAction: RedirectToUrlAction | UseStripeSdkAction;
}

export function openChallenge(
  store: PaymentStore,
  publicUrl: string,
  intent: { kind: ThreeDSecureChallenge['intentKind']; id: string; returnUrl: string | null },
  paymentMethodId: string,
): OpenedChallenge {
  const challenge: ThreeDSecureChallenge = {
    id: newChallengeId(),
    intentKind: intent.kind,
    intentId: intent.id,
    paymentMethodId,
    code: newOneTimeCode(),
    status: 'pending',
    wrongCodes: 0,
  };
  store.addChallenge(challenge);
  const url = store.threeDSecure.challengeUrl(publicUrl, `${CHALLENGE_PATH_PREFIX}${challenge.id}`);
  const nextAction: OpenedChallenge['nextAction'] =
    store.threeDSecure.nextAction === 'use_stripe_sdk'
      ? { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url, source: challenge.id } }
      : { type: 'redirect_to_url', redirect_to_url: { url, return_url: intent.returnUrl } };
  return { challenge, nextAction };
}

/** Ends a challenge that is still pending (a new confirm, an update or a cancel supersedes it). */
export function voidChallenge(challengeId: string | null, store: PaymentStore): void {
  if (challengeId === null) return;
  const challenge = store.challenge(challengeId);
  if (challenge?.status === 'pending') challenge.status = 'void';
}
