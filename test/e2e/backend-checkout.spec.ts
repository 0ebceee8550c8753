// The reference shop and operations pages in Chromium with the real widget, on PGlite and on
// PostgreSQL: pick an item, pay in the card frame, the order turns paid only once the gateway's
// webhook has reached the backend; the operations page logs in, captures, refunds (a double
// click refunds once) and reconciles. Then the whole run's logs are searched for card data and secrets.
import { readFileSync } from 'node:fs';
import { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { BackendStack, DATABASE_TARGETS, expect, OPS_PASSWORD, skipWithoutPostgres, startStack, test } from './backend/backend-stack.ts';

const VISA = { number: '4242424242424242', expiry: '1234', cvc: '123' };

for (const target of DATABASE_TARGETS) {
  test.describe(`shop and operations pages on ${target}`, () => {
    let stack: BackendStack;
    const clientSecrets: string[] = [];

    test.beforeAll(async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      stack = await startStack(target, postgres, { name: 'checkout', logLevel: 'debug' });
    });
    test.afterAll(async () => {
      await stack?.close();
    });

    async function buy(page: import('@playwright/test').Page, sku: string, manual: boolean): Promise<string> {
      page.on('response', async (response) => {
        if (response.url().endsWith('/api/orders') && response.request().method() === 'POST') clientSecrets.push(((await response.json()) as { clientSecret: string }).clientSecret);
      });
      await page.goto(`${stack.url}/shop`);
      await page.getByLabel(new RegExp(sku)).check();
      if (manual) await page.getByLabel(/Authorize only/).check();
      await page.getByRole('button', { name: 'Continue to payment' }).click();
      const checkout = new CardFieldsHarness(page, 'payframe-checkout');
      await checkout.waitReady();
      await checkout.fillCard(VISA);
      await checkout.payButton().click();
      await expect(page.locator('#order-status')).toHaveAttribute('data-status', manual ? 'authorized' : 'paid');
      return (await page.locator('#order-id').textContent())!;
    }

    test('a shopper pays in the frames; the order is paid from the webhook, not from the page', async ({ page }) => {
      const orderId = await buy(page, 'Payframe T-shirt', false);
      await expect(page.locator('#order-status')).toHaveText(/Order paid/);
      // The webhook did it: the event is in the database and the ledger holds the capture.
      const events = await stack.backend.db.query<{ outcome: string }>("SELECT e.outcome FROM webhook_events e JOIN orders o ON o.payment_intent_id = e.object_id WHERE o.id = $1 AND e.type = 'payment_intent.succeeded'", [orderId]);
      expect(events.rows).toEqual([{ outcome: 'applied' }]);
      await stack.login();
      expect(await stack.order(orderId)).toMatchObject({ status: 'paid', captured: 1999 });
    });

    test('operations: log in, capture part of an authorization, refund twice (a double click refunds once), reconcile', async ({ page }) => {
      const since = new Date(Date.now() - 60_000).toISOString();
      const orderId = await buy(page, 'Payframe hoodie', true);
      await page.goto(`${stack.url}/ops`);
      await page.getByLabel('User').fill('ops');
      await page.getByLabel('Password').fill(OPS_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      const row = page.locator(`tr[data-order="${orderId}"]`);
      await expect(row.locator('.status')).toHaveText('authorized');
      await row.getByLabel(`Amount for ${orderId}`).fill('4000');
      await row.getByRole('button', { name: 'Capture' }).click();
      await expect(row.locator('.status')).toHaveText('paid');
      await row.getByLabel(`Amount for ${orderId}`).fill('1000');
      await row.getByRole('button', { name: 'Refund' }).dblclick();
      await expect(row.locator('.status')).toHaveText('partially_refunded');
      await row.getByLabel(`Amount for ${orderId}`).fill('500');
      await row.getByRole('button', { name: 'Refund' }).click();
      await expect(row.locator('td').nth(7)).toHaveText('15.00');
      await stack.webhooksDelivered();
      const intentId = (await stack.backend.db.query<{ payment_intent_id: string }>('SELECT payment_intent_id FROM orders WHERE id = $1', [orderId])).rows[0]!.payment_intent_id;
      const refunds = await stack.backend.stripe.refunds.list({ payment_intent: intentId });
      expect(refunds.data.map((refund) => refund.amount).sort()).toEqual([1000, 500].sort());

      await page.getByLabel('Since').fill(since);
      await page.getByRole('button', { name: 'Reconcile' }).click();
      await expect(page.locator('#reconcile-summary')).toHaveAttribute('data-mismatches', '0');
      await expect(page.locator(`#reconciliation tr[data-result="matched"]`).first()).toBeVisible();
    });

    test('a whole run\'s logs hold no card number, CVC, API key, webhook secret or client secret', async () => {
      // Bad webhooks and failed logins are logged too: send some.
      await fetch(`${stack.url}/webhooks/stripe`, { method: 'POST', headers: { 'Stripe-Signature': 't=1,v1=00' }, body: '{"card":{"number":"4242424242424242","cvc":"123"}}' });
      await fetch(`${stack.url}/api/ops/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'ops', password: 'wrong-password-x' }) });
      await stack.webhooksDelivered();
      const logs = readFileSync(stack.logFile, 'utf8');
      const lines = logs.trim().split('\n');
      expect(lines.length).toBeGreaterThan(20);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      expect(lines.some((line) => (JSON.parse(line) as { reqId?: string }).reqId !== undefined)).toBe(true);
      expect(logs).toContain('webhook processed');
      const webhookSecret = stack.demo.webhooks.listEndpoints()[0]!.secret;
      expect(clientSecrets.length).toBeGreaterThanOrEqual(2);
      for (const secret of [VISA.number, '4242 4242 4242 4242', stack.demo.secretKey, webhookSecret, OPS_PASSWORD, 'wrong-password-x', ...clientSecrets]) expect(logs).not.toContain(secret);
      expect(logs).not.toMatch(/sk_test_|whsec_|_secret_|"cvc":"\d/);
    });
  });
}
