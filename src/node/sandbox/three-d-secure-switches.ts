// Test-only switches for the sandbox's 3-D Secure (Node realm), flipped through the admin API
// (POST /__sandbox/three_d_secure, mounted only with `faultInjection`): which next_action a
// challenge is announced with, and whether the challenge page may be framed at all.
import type { FormParams } from './form-body.ts';
import { badAdminParam } from './fault-injection.ts';

export const NEXT_ACTION_TYPES = ['redirect_to_url', 'use_stripe_sdk'] as const;
export type NextActionType = (typeof NEXT_ACTION_TYPES)[number];

export class ThreeDSecureSwitches {
  /**
   * `redirect_to_url` (the default): the sandbox's own answer. `use_stripe_sdk`: what Stripe answers
   * an account whose integration handles next actions with Stripe.js; the challenge URL then sits
   * in `use_stripe_sdk.stripe_js`, as Stripe's does.
   */
  nextAction: NextActionType = 'redirect_to_url';
  /**
   * False: the challenge page answers `frame-ancestors 'none'` whoever asks, like a bank page that
   * refuses to be framed, so a widget must fall back to a full-page redirect.
   */
  frameable = true;

  reset(): void {
    this.nextAction = 'redirect_to_url';
    this.frameable = true;
  }

  describe(): { object: 'sandbox_three_d_secure'; next_action: NextActionType; frameable: boolean } {
    return { object: 'sandbox_three_d_secure', next_action: this.nextAction, frameable: this.frameable };
  }

  /** Applies `{ next_action?, frameable? }` (JSON or form); `{ reset: true }` restores the defaults. */
  update(params: FormParams): void {
    if (params.reset === true || params.reset === 'true') this.reset();
    const { next_action: nextAction, frameable } = params;
    if (nextAction !== undefined) {
      if (!(NEXT_ACTION_TYPES as readonly unknown[]).includes(nextAction)) throw badAdminParam('next_action', `next_action must be one of: ${NEXT_ACTION_TYPES.join(', ')}.`);
      this.nextAction = nextAction as NextActionType;
    }
    if (frameable !== undefined) {
      if (frameable !== true && frameable !== false && frameable !== 'true' && frameable !== 'false') throw badAdminParam('frameable', 'frameable must be true or false.');
      this.frameable = frameable === true || frameable === 'true';
    }
  }
}
