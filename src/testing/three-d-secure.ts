// The sandbox gateway's 3-D Secure challenge, done as a shopper does it: in the checkout's modal
// (the bank's page in a frame) or on the full page it sends the shopper to when the bank's page
// cannot be framed. Node (Playwright tests). Only for `payframe sandbox`'s challenge page.
import type { FrameLocator, Locator, Page } from '@playwright/test';
import { clickWhenPlaced } from './stable-click.ts';
import { isTimeout, PayframeTestingError } from './testing-error.ts';

/** Where the bank's page shows: in the checkout's dialog, or as the tab's page. */
export type ChallengePlace = 'modal' | 'full-page';

/** The sandbox's challenge page, wherever it shows: its parts a shopper uses (the same in every language of the checkout). */
function challengeParts(scope: Page | FrameLocator) {
  return {
    code: scope.locator('.code'),
    input: scope.locator('input#code'),
    complete: scope.locator('button[value="complete"]'),
    fail: scope.locator('button[value="fail"]'),
  };
}

export class ThreeDSecureChallenge {
  constructor(
    private readonly page: Page,
    private readonly host: Locator,
    readonly place: ChallengePlace,
    private readonly timeout: number,
  ) {}

  private get scope(): Page | FrameLocator {
    return this.place === 'modal' ? this.host.frameLocator('dialog.challenge iframe') : this.page;
  }

  /** Types the one-time code the bank's page shows and presses Complete authentication. On the full page, waits to be back at the shop. */
  async complete(): Promise<void> {
    const parts = challengeParts(this.scope);
    const code = ((await parts.code.textContent({ timeout: this.timeout })) ?? '').trim();
    await parts.input.fill(code, { timeout: this.timeout });
    await this.press(parts.complete);
  }

  /** Presses Fail authentication. On the full page, waits to be back at the shop. */
  async fail(): Promise<void> {
    await this.press(challengeParts(this.scope).fail);
  }

  /**
   * For a bank's page that the modal cannot show (it refuses frames): says so as the shopper does
   * ("My bank's page is not showing"), and waits for the tab to be on the bank's page. The
   * checkout needs a `return-url` for this; without one it reports `challenge_unavailable`.
   */
  async showFullPage(): Promise<ThreeDSecureChallenge> {
    if (this.place === 'full-page') return this;
    const wayOut = this.host.locator('dialog.challenge .challenge-not-showing');
    await clickWhenPlaced(this.page, wayOut, { timeout: this.timeout });
    const onPage = new ThreeDSecureChallenge(this.page, this.host, 'full-page', this.timeout);
    await waitForShown(challengeParts(this.page).complete, this.timeout);
    return onPage;
  }

  private async press(button: Locator): Promise<void> {
    if (this.place === 'modal') {
      await clickWhenPlaced(this.page, button, { timeout: this.timeout });
      return;
    }
    const challengeUrl = this.page.url();
    await clickWhenPlaced(this.page, button, { timeout: this.timeout });
    // The bank's page answers the form with a redirect back to the shop's return URL.
    await this.page.waitForURL((url) => url.href !== challengeUrl && !url.pathname.startsWith('/3ds/challenge/'), { timeout: this.timeout });
  }
}

async function waitForShown(target: Locator, timeout: number): Promise<void> {
  try {
    await target.waitFor({ state: 'visible', timeout });
  } catch (error) {
    if (isTimeout(error)) throw new PayframeTestingError('challenge_not_found', `No 3-D Secure challenge page showed within ${timeout} ms.`);
    throw error;
  }
}

/**
 * Waits for the 3-D Secure dialog of this checkout and for what it shows: the sandbox's challenge
 * page with its buttons (a click aimed at a frame still loading can miss), or, for a bank's page the
 * frame refuses, the way out to the full page (then call showFullPage()).
 */
export async function waitForModalChallenge(page: Page, host: Locator, timeout: number): Promise<ThreeDSecureChallenge> {
  const shown = [challengeParts(host.frameLocator('dialog.challenge iframe')).complete, host.locator('dialog.challenge .challenge-not-showing')];
  try {
    await host.locator('dialog.challenge').waitFor({ state: 'visible', timeout });
    await Promise.any(shown.map((target) => target.waitFor({ state: 'visible', timeout })));
  } catch (error) {
    const timedOut = isTimeout(error) || (error instanceof AggregateError && error.errors.every(isTimeout));
    if (timedOut) throw new PayframeTestingError('challenge_not_found', `No 3-D Secure challenge showed in the checkout's dialog within ${timeout} ms.`);
    throw error;
  }
  return new ThreeDSecureChallenge(page, host, 'modal', timeout);
}
