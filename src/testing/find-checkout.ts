// Finds the one Payframe checkout in a page or a part of it (shadow roots included: Playwright's
// locators pierce open ones) and waits until it is ready for a shopper. Node (Playwright tests).
import type { Locator, Page } from '@playwright/test';
import { PayframeCheckoutDriver } from './checkout-driver.ts';
import { ensureRecording } from './page-events.ts';
import { isTimeout, PayframeTestingError } from './testing-error.ts';

export interface FindCheckoutOptions {
  /** How long to wait for the element and its frames, and each later step of the driver (ms). Default 15000. */
  timeout?: number;
}

const CHECKOUT_TAGS = 'payframe-checkout, payframe-card-group';

function isPage(scope: Page | Locator): scope is Page {
  return typeof (scope as Page).mainFrame === 'function';
}

/**
 * The <payframe-checkout> (drop-in) or <payframe-card-group> (split fields) in `scope`, once it
 * reported ready (payframe-ready). Throws a PayframeTestingError: `checkout_not_found`,
 * `several_checkouts`, `ready_timeout`, or `frames_failed` (with the checkout's own error code).
 */
export async function findCheckout(scope: Page | Locator, options: FindCheckoutOptions = {}): Promise<PayframeCheckoutDriver> {
  const timeout = options.timeout ?? 15_000;
  const page = isPage(scope) ? scope : scope.page();
  // Recording starts before the wait, so nothing the checkout reports from here on is missed.
  await ensureRecording(page);
  const found = await checkoutsIn(scope, timeout);
  const count = await found.count();
  if (count > 1) throw new PayframeTestingError('several_checkouts', `${count} Payframe checkouts were found: pass a locator that holds only the one to drive.`);
  const host = found.first();
  const tag = await host.evaluate((element) => element.localName);
  await waitForReady(host, timeout);
  return new PayframeCheckoutDriver(page, host, tag === 'payframe-checkout' ? 'drop-in' : 'split-fields', timeout);
}

/** The checkouts in `scope` (a locator that is itself a checkout is the one), once one is attached. */
async function checkoutsIn(scope: Page | Locator, timeout: number): Promise<Locator> {
  const inside = scope.locator(CHECKOUT_TAGS);
  const either = isPage(scope) ? inside : scope.and(scope.page().locator(CHECKOUT_TAGS)).or(inside);
  try {
    await either.first().waitFor({ state: 'attached', timeout });
  } catch (error) {
    if (isTimeout(error)) throw new PayframeTestingError('checkout_not_found', `No <payframe-checkout> or <payframe-card-group> appeared within ${timeout} ms.`);
    throw error;
  }
  return either;
}

/** Waits in the page for `ready`, or payframe-ready, or payframe-error (the frames could not load), up to `timeout` ms. */
async function waitForReady(host: Locator, timeout: number): Promise<void> {
  const result = await host.evaluate(
    (element, limit) =>
      new Promise<{ ready: true } | { ready: false; code?: string }>((resolve) => {
        if ((element as unknown as { ready?: boolean }).ready === true) return resolve({ ready: true });
        element.addEventListener('payframe-ready', () => resolve({ ready: true }), { once: true });
        element.addEventListener('payframe-error', (event) => resolve({ ready: false, code: (event as CustomEvent<{ error?: { code?: string } }>).detail.error?.code ?? 'unknown' }), { once: true });
        // A deadline, not a wait for readiness: the event resolves this as soon as it comes.
        setTimeout(() => resolve({ ready: (element as unknown as { ready?: boolean }).ready === true }), limit);
      }),
    timeout,
  );
  if (result.ready) return;
  if (result.code) throw new PayframeTestingError('frames_failed', `The checkout's frames could not load: ${result.code}.`);
  throw new PayframeTestingError('ready_timeout', `The checkout was not ready within ${timeout} ms (no payframe-ready).`);
}
