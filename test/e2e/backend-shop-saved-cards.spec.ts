// The reference shop and operations pages in Chromium with saved cards, on PGlite and on
// PostgreSQL: a shopper signs up on the shop page, pays with "Save my card", pays again with
// "Saved card Visa •••• 4242"; the operations page lists the shopper's cards and charges one off
// session; the card that always asks (4000002760003184) leaves the order in "Payments waiting for
// you" until the shopper authenticates it in the drop-in's 3-D Secure dialog. Then the books
// reconcile with zero mismatches.
import type { Page } from '@playwright/test';
import { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { completeChallenge, waitForChallenge } from './harness/three-d-secure-challenge.ts';
import { BackendStack, DATABASE_TARGETS, expect, OPS_PASSWORD, skipWithoutPostgres, startStack, test } from './backend/backend-stack.ts';

const VISA = { number: '4242424242424242', expiry: '1234', cvc: '123' };
const ALWAYS_AUTHENTICATE = { number: '4000002760003184', expiry: '1234', cvc: '123' };

for (const target of DATABASE_TARGETS) {
  test.describe(`shop and operations pages with saved cards on ${target}`, () => {
    let stack: BackendStack;

    test.beforeAll(async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      stack = await startStack(target, postgres, { name: 'shop-saved-cards' });
    });
    test.afterAll(async () => {
      await stack?.close();
    });

    async function payInDropIn(page: Page, card: typeof VISA, challenge = false): Promise<void> {
      const checkout = new CardFieldsHarness(page, 'payframe-checkout');
      await checkout.waitReady();
      await checkout.fillCard(card);
      await checkout.payButton().click();
      if (challenge) await completeChallenge(await waitForChallenge(page));
      await expect(page.locator('#order-status')).toHaveAttribute('data-status', 'paid');
    }

    /** A saved card in the drop-in: the card shown as the gateway knows it, only its CVC typed. */
    async function payWithSavedCardCvc(page: Page, line: string, cvc: string, challenge = false): Promise<void> {
      const checkout = new CardFieldsHarness(page, 'payframe-checkout');
      await checkout.waitReady();
      await expect(checkout.frameLocator('cvc').locator('#saved-card')).toHaveText(line);
      await expect(checkout.input('number')).toBeHidden();
      await checkout.type('cvc', cvc);
      await checkout.payButton().click();
      if (challenge) await completeChallenge(await waitForChallenge(page));
      await expect(page.locator('#order-status')).toHaveAttribute('data-status', 'paid');
    }

    async function buy(page: Page, item: string, payWith: RegExp | undefined, saveCard: boolean): Promise<void> {
      await page.goto(`${stack.url}/shop`);
      await expect(page.getByText('Logged in as')).toBeVisible();
      await page.getByLabel(new RegExp(item)).check();
      if (payWith) await page.getByLabel(payWith).check();
      if (saveCard) await page.getByLabel('Save my card for next time').check();
      await page.getByRole('button', { name: 'Continue to payment' }).click();
    }

    test('sign up, save a card, pay with it, an operator charges it off session; 3184 waits for the shopper, who authenticates it', async ({ page, context }) => {
      // Three payments in the drop-in (two with a challenge) and the operations page: one long story.
      test.setTimeout(120_000);
      const since = new Date(Date.now() - 60_000).toISOString();
      const email = `page-${Date.now()}@example.com`;
      await page.goto(`${stack.url}/shop`);
      await expect(page.locator('#demo-login')).toContainText('shopper@example.com');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign up' }).click();
      await expect(page.locator('#shopper-name')).toHaveText(email);

      // Save my card, then pay again with it: only its CVC typed.
      await buy(page, 'Payframe mug', undefined, true);
      await payInDropIn(page, VISA);
      await buy(page, 'Sticker pack', /Saved card Visa •••• 4242/, false);
      await payWithSavedCardCvc(page, 'Visa •••• 4242, expires 12/34', VISA.cvc);
      // And the card that always asks, saved after its challenge.
      await buy(page, 'Payframe T-shirt', undefined, true);
      await payInDropIn(page, ALWAYS_AUTHENTICATE, true);

      const ops = await context.newPage();
      await ops.goto(`${stack.url}/ops`);
      await ops.getByLabel('User').fill('ops');
      await ops.getByLabel('Password').fill(OPS_PASSWORD);
      await ops.getByRole('button', { name: 'Log in' }).click();
      const rows = ops.locator(`#shoppers tr[data-shopper="${email}"]`);
      await expect(rows).toHaveCount(2);
      await expect(rows.filter({ hasText: '•••• 4242' })).toHaveCount(1);
      await rows.filter({ hasText: '•••• 4242' }).getByLabel(`Item to charge ${email}`).selectOption('hoodie');
      await ops.getByRole('button', { name: `Charge ${email}'s card ending 4242` }).click();
      await expect(ops.locator('#charge-result')).toHaveAttribute('data-outcome', 'ok');
      const paidOrder = (await ops.locator('#charge-result').getAttribute('data-order'))!;
      await expect(ops.locator(`#orders tr[data-order="${paidOrder}"] .status`)).toHaveText('paid');

      await ops.getByRole('button', { name: `Charge ${email}'s card ending 3184` }).click();
      await expect(ops.locator('#charge-result')).toHaveAttribute('data-outcome', 'authentication_required');
      const waitingOrder = (await ops.locator('#charge-result').getAttribute('data-order'))!;
      await expect(ops.locator(`#orders tr[data-order="${waitingOrder}"] .status`)).toHaveText('requires_authentication');

      // The shopper comes back: the payment waits for them; they authenticate it in the drop-in.
      // (Their tab in front again: a background tab gets no animation frames, which the challenge's click waits for.)
      await page.bringToFront();
      await page.goto(`${stack.url}/shop`);
      const waiting = page.locator(`#waiting-list li[data-order="${waitingOrder}"]`);
      await expect(waiting).toContainText('Payframe T-shirt');
      await waiting.getByRole('button', { name: /Authenticate/ }).click();
      await expect(page.locator('#order-id')).toHaveText(waitingOrder);
      await payWithSavedCardCvc(page, 'Visa •••• 3184, expires 12/34', ALWAYS_AUTHENTICATE.cvc, true);
      await expect(page.locator('#waiting')).toBeHidden();
      await expect(ops.locator(`#orders tr[data-order="${waitingOrder}"] .status`)).toHaveText('paid');

      // Log out and back in: the saved cards are the account's.
      await page.goto(`${stack.url}/shop`);
      await page.getByRole('button', { name: 'Log out' }).click();
      await expect(page.getByRole('button', { name: 'Sign up' })).toBeVisible();
      await expect(page.getByLabel('Save my card for next time')).toBeHidden();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByLabel(/Saved card Visa •••• 3184/)).toBeVisible();

      await stack.webhooksDelivered();
      await ops.getByLabel('Since').fill(since);
      await ops.getByRole('button', { name: 'Reconcile' }).click();
      await expect(ops.locator('#reconcile-summary')).toHaveAttribute('data-mismatches', '0');
    });
  });
}
