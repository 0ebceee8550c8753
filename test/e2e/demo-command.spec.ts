// `npm run demo` itself: starts the three origins on the ports asked for and prints the URL.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { CardFieldsHarness } from './harness/card-fields-harness.ts';
import { freePort } from './harness/free-port.ts';

test('npm run demo serves the three origins and prints a Demo: line; it opens on paying a PaymentIntent, and token mode still gives a token', async ({ page }) => {
  // A whole stack starts from source (tsx, the embedded database): a minute on a busy machine.
  test.setTimeout(180_000);
  const [demoPort, fieldsPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, ['scripts/demo.mjs'], {
    cwd: new URL('../..', import.meta.url).pathname,
    // The reference backend gets a free port and a throwaway embedded database too.
    env: { ...process.env, DEMO_PORT: String(demoPort), FIELDS_PORT: String(fieldsPort), GATEWAY_PORT: String(gatewayPort), BACKEND_PORT: String(await freePort()), PGLITE_DATA_DIR: mkdtempSync(join(tmpdir(), 'payframe-demo-db-')), SANDBOX_DATA_DIR: mkdtempSync(join(tmpdir(), 'payframe-demo-sandbox-')) },
  });
  try {
    const demoUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /^Demo: (\S+)/m.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`demo exited with ${code}: ${output}`)));
    });
    expect(demoUrl).toBe(`http://localhost:${demoPort}/`);
    await page.goto(demoUrl);
    await page.waitForFunction(() => (document.querySelector('payframe-checkout') as { ready?: boolean } | null)?.ready === true);
    // The drop-in's one card frame comes from the fields origin on the port asked for.
    const checkout = new CardFieldsHarness(page, 'payframe-checkout');
    expect(await checkout.cardIframe().getAttribute('src')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${fieldsPort}/frames/pk_test_payframe_sandbox/card\\.html#`));

    // Intent mode by default: the shop's backend (stripe SDK, the printed keys) created an intent, and Pay pays it.
    await expect(page.getByRole('radio', { name: 'Pay a PaymentIntent' })).toBeChecked();
    await expect(page.locator('#timeline .step[data-status="requires_payment_method"]')).toHaveCount(1);
    await checkout.fillCard({ number: '4242424242424242', expiry: '1234', cvc: '123' });
    await page.locator('payframe-checkout button').click();
    await expect(page.locator('#timeline .step[data-status="succeeded"]')).toContainText('€19.99 received');

    // Token mode, what the page did first: the same card, still in the fields, becomes a pm_ token.
    await page.getByRole('radio', { name: 'Token only' }).check();
    await expect(page.locator('payframe-checkout')).not.toHaveAttribute('client-secret');
    await page.locator('payframe-checkout button').click();
    await expect(page.locator('#token-id')).toHaveText(/^pm_/);
  } finally {
    child.kill('SIGTERM');
  }
});
