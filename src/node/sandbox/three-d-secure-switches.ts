// Test-only switches for the sandbox's 3-D Secure (Node realm), flipped through the admin API
// (POST /__sandbox/three_d_secure, mounted only with `faultInjection`): which next_action a
// challenge is announced with, whether the challenge page may be framed at all, whether it talks to
// a widget framing it, and which origin its URL names.
import type { FormParams } from './form-body.ts';
import { badAdminParam } from './fault-injection.ts';

export const NEXT_ACTION_TYPES = ['redirect_to_url', 'use_stripe_sdk'] as const;
export type NextActionType = (typeof NEXT_ACTION_TYPES)[number];

/** `challenge_origin`: an exact http(s) origin, or "" / null for the gateway's own. */
function parseChallengeOrigin(value: unknown): string | undefined {
  if (value === null || value === '') return undefined;
  try {
    const url = new URL(String(value));
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value) return value;
  } catch {
    // Reported below, like any other bad value.
  }
  throw badAdminParam('challenge_origin', 'challenge_origin must be an origin such as http://localhost:4244, with no path.');
}

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
  /**
   * True: the pages send no message at all (no "shown", no Escape, no result), the way a real
   * bank's page behaves; a widget must see the challenge end some other way (the intent's status).
   */
  silent = false;
  /**
   * An origin the challenge URL names instead of the gateway's own, e.g. `http://localhost:<port>`
   * for a sandbox listening on 127.0.0.1: the sandbox answers /3ds/ on any host it is reached by,
   * so this stands in for a gateway whose challenge pages live elsewhere (hooks.stripe.com).
   */
  challengeOrigin: string | undefined = undefined;

  reset(): void {
    this.nextAction = 'redirect_to_url';
    this.frameable = true;
    this.silent = false;
    this.challengeOrigin = undefined;
  }

  describe(): { object: 'sandbox_three_d_secure'; next_action: NextActionType; frameable: boolean; silent: boolean; challenge_origin: string | null } {
    return { object: 'sandbox_three_d_secure', next_action: this.nextAction, frameable: this.frameable, silent: this.silent, challenge_origin: this.challengeOrigin ?? null };
  }

  /** The challenge page's address: on the switched origin if one is set, else on `publicUrl`. */
  challengeUrl(publicUrl: string, path: string): string {
    return `${this.challengeOrigin ?? publicUrl}${path}`;
  }

  /** Applies `{ next_action?, frameable?, silent?, challenge_origin? }` (JSON or form); `{ reset: true }` restores the defaults. */
  update(params: FormParams): void {
    if (params.reset === true || params.reset === 'true') this.reset();
    const { next_action: nextAction, frameable, silent, challenge_origin: challengeOrigin } = params;
    if (nextAction !== undefined) {
      if (!(NEXT_ACTION_TYPES as readonly unknown[]).includes(nextAction)) throw badAdminParam('next_action', `next_action must be one of: ${NEXT_ACTION_TYPES.join(', ')}.`);
      this.nextAction = nextAction as NextActionType;
    }
    if (frameable !== undefined) {
      if (frameable !== true && frameable !== false && frameable !== 'true' && frameable !== 'false') throw badAdminParam('frameable', 'frameable must be true or false.');
      this.frameable = frameable === true || frameable === 'true';
    }
    if (silent !== undefined) {
      if (silent !== true && silent !== false && silent !== 'true' && silent !== 'false') throw badAdminParam('silent', 'silent must be true or false.');
      this.silent = silent === true || silent === 'true';
    }
    if (challengeOrigin !== undefined) this.challengeOrigin = parseChallengeOrigin(challengeOrigin);
  }
}
