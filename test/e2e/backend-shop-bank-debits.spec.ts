// The reference shop's page in Chromium, paid by SEPA Direct Debit: a guest picks "SEPA Direct
// Debit", the drop-in shows the IBAN, the holder's name and email and the mandate naming the shop;
// the order waits in processing until the sandbox's bank answers (its clock advanced by the test,
// no sleeps) and only then turns paid; a failing test IBAN turns the order failed with the bank's
// code. The IBAN never reaches the shop's origin. PGlite: the books' rules run on both databases in
// backend-bank-debits.spec.ts; this is the page.
import type { FrameLocator, Page, Request } from '@playwright/test';
import { BackendStack, expect, startStack, test } from './backend/backend-stack.ts';
import { BANK_DEBIT_OUTCOME_SECONDS } from '../../src/node/sandbox/bank-debit-payments.ts';
import { clickWhenPlaced } from '../../src/testing/stable-click.ts';
import { IBAN_INSUFFICIENT_FUNDS, IBAN_SUCCEEDS } from './harness/bank-test-accounts.ts';

// Stripe's published test IBANs (src/node/sandbox/bank-test-accounts.ts).

test.describe('the shop page paid by SEPA Direct Debit on pglite', () => {
  let stack: BackendStack;

  test.beforeAll(async ({ postgres }) => {
    stack = await startStack('pglite', postgres, { name: 'shop-bank-debits' });
    await stack.login();
  });
  test.afterAll(async () => {
    await stack?.close();
  });

  const card = (page: Page): FrameLocator => page.frameLocator('payframe-checkout [part="card"] iframe');

  /** The sandbox's bank answers every debit due (its clock moved past the answer; the webhooks go out). */
  async function bankAnswers(): Promise<void> {
    const response = await fetch(`${stack.demo.gatewayUrl}/__sandbox/clock/advance`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${stack.demo.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ seconds: BANK_DEBIT_OUTCOME_SECONDS + 1 }),
    });
    expect(response.status).toBe(200);
  }

  /** A guest orders the T-shirt paying by SEPA Direct Debit and confirms with `iban`; resolves with the order id. */
  async function orderBySepa(page: Page, iban: string): Promise<string> {
    await page.goto(`${stack.url}/shop`);
    await page.getByLabel(/Payframe T-shirt/).check();
    await page.getByRole('radio', { name: /SEPA Direct Debit/ }).check();
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await expect(page.locator('payframe-checkout')).toHaveAttribute('payment-methods', 'sepa_debit');
    await card(page).locator('#iban').pressSequentially(iban);
    await card(page).locator('#account_holder_name').pressSequentially('Jenny Rosen');
    await card(page).locator('#email').pressSequentially('jenny@example.com');
    // The mandate names the shop before the shopper pays.
    await expect(card(page).locator('#mandate')).toContainText('Payframe demo shop');
    // As a shopper clicks: once the frame is placed again after the typing scrolled the page.
    await clickWhenPlaced(page, page.locator('payframe-checkout [part="button"]'), { timeout: 10_000 });
    await expect(page.locator('#order-status')).toHaveAttribute('data-status', 'processing');
    return (await page.locator('#order-id').textContent())!;
  }

  test('a succeeding IBAN: the order waits in processing and turns paid only when the bank answers; the IBAN never reaches the shop', async ({ page }) => {
    const shopRequests: Request[] = [];
    page.on('request', (request) => {
      if (request.frame().url().startsWith(stack.url)) shopRequests.push(request);
    });
    const orderId = await orderBySepa(page, IBAN_SUCCEEDS);
    expect(await stack.order(orderId)).toMatchObject({ status: 'processing', captured: 0 });

    await bankAnswers();
    await expect(page.locator('#order-status')).toHaveAttribute('data-status', 'paid');
    expect(await stack.order(orderId)).toMatchObject({ status: 'paid', captured: 1999 });

    // The shop's page and its requests hold no IBAN: only the card frame's confirm, to the gateway, did.
    const shown = await page.locator('body').innerText();
    expect(shown).not.toContain(IBAN_SUCCEEDS);
    for (const request of shopRequests) expect(`${request.url()} ${request.postData() ?? ''}`).not.toContain(IBAN_SUCCEEDS);
  });

  test('an IBAN the bank refuses: processing, then failed with the bank\'s code', async ({ page }) => {
    const orderId = await orderBySepa(page, IBAN_INSUFFICIENT_FUNDS);
    await bankAnswers();
    await expect(page.locator('#order-status')).toHaveAttribute('data-status', 'failed');
    const order = (await (await stack.ops(`/api/ops/orders/${orderId}`)).json()) as { order: { status: string; failureCode: string | null; captured: number } };
    expect(order.order).toMatchObject({ status: 'failed', failureCode: 'insufficient_funds', captured: 0 });
  });
});
