// Drives the sandbox's 3-D Secure challenge the way a shopper does, inside the checkout's modal
// dialog: read the one-time code the bank's page shows, type it, press Complete. The driving is
// payframe/testing's (src/testing/three-d-secure.ts); this adds the locators our specs check.
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { waitForModalChallenge, type ThreeDSecureChallenge } from '../../../src/testing/three-d-secure.ts';

export interface OpenChallenge {
  dialog: Locator;
  challenge: FrameLocator;
  /** payframe/testing's handle on it. */
  threeDSecure: ThreeDSecureChallenge;
}

/**
 * Waits for the "Confirm your payment" dialog of a checkout and its challenge page, with its
 * buttons shown: a click aimed at a frame that is still loading can miss it. (No trial click on
 * the frame here: Playwright's moves focus into it, where Escape no longer reaches the dialog.)
 */
export async function waitForChallenge(page: Page, host = 'payframe-checkout'): Promise<OpenChallenge> {
  const threeDSecure = await waitForModalChallenge(page, page.locator(host), 20_000);
  const dialog = page.getByRole('dialog', { name: 'Confirm your payment' });
  await expect(dialog).toBeVisible();
  const challenge = page.frameLocator(`${host} dialog iframe`);
  await expect(challenge.getByRole('button', { name: 'Complete authentication' })).toBeVisible();
  return { dialog, challenge, threeDSecure };
}

/** Types the code the challenge page shows and presses Complete authentication. */
export async function completeChallenge({ challenge, threeDSecure }: OpenChallenge): Promise<void> {
  expect((await challenge.locator('.code').textContent())?.trim()).toMatch(/^\d{6}$/);
  await threeDSecure.complete();
}
