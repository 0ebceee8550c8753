// `payframe sandbox --data-dir` as a real process: what stripe-node made before a restart (a paid
// intent, its charge, a refund, a customer, an idempotency key) is the same after it; the folder
// holds no card number or CVC; a second sandbox on the folder is refused; webhook events not yet
// delivered are sent after the restart; a damaged or unknown state file is an error, not a crash.
import { mkdtempSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { DEFAULT_SECRET_KEY } from '../../../src/node/sandbox/keys.ts';
import { sandboxConfigFile, sandboxUrl, startSandboxProcess, startWebhookReceiver, type SandboxProcess } from './sandbox-process.ts';

const FUTURE_YEAR = new Date().getUTCFullYear() + 3;
const CARD_NUMBER = '4242424242424242';
// Unusual enough that finding it in the folder would mean the CVC was written.
const CVC = '947';

function stripeAt(url: string, key = DEFAULT_SECRET_KEY): Stripe {
  return new Stripe(key, { host: new URL(url).hostname, port: Number(new URL(url).port), protocol: 'http', maxNetworkRetries: 0 });
}

/** Every file in the folder, as text. */
function folderText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

async function stop(sandbox: SandboxProcess): Promise<number | null> {
  sandbox.child.kill('SIGTERM');
  return sandbox.closed;
}

test.describe('payframe sandbox --data-dir', () => {
  // Each sandbox starts from source (tsx): seconds each on a busy machine.
  test.setTimeout(90_000);

  test('a restarted sandbox answers with the same intent, charge, refund and customer; the folder holds no card number or CVC; a second sandbox is refused', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'payframe-sandbox-state-')), 'sandbox');
    const first = startSandboxProcess(['--port', '0', '--data-dir', dataDir]);
    const firstUrl = await sandboxUrl(first);
    expect(first.output()).toContain(`state kept in ${dataDir}`);
    let stripe = stripeAt(firstUrl);
    const customer = await stripe.customers.create({ email: 'shopper@example.com' });
    const paid = await stripe.paymentIntents.create({
      amount: 2500,
      currency: 'eur',
      customer: customer.id,
      confirm: true,
      payment_method_data: { type: 'card', card: { number: CARD_NUMBER, exp_month: 12, exp_year: FUTURE_YEAR, cvc: CVC } } as never,
    });
    expect(paid.status).toBe('succeeded');
    const refund = await stripe.refunds.create({ payment_intent: paid.id, amount: 500 }, { idempotencyKey: 'refund-once' });
    const before = {
      intent: await stripe.paymentIntents.retrieve(paid.id),
      charge: await stripe.charges.retrieve(paid.latest_charge as string),
      refund: await stripe.refunds.retrieve(refund.id),
      customer: await stripe.customers.retrieve(customer.id),
      paymentMethod: await stripe.paymentMethods.retrieve(paid.payment_method as string),
    };
    expect(await stop(first)).toBe(0);

    const saved = folderText(dataDir);
    expect(saved).toContain(paid.id);
    // Booleans, so a failure does not print the folder (and the number in it).
    expect(saved.includes(CARD_NUMBER), 'the card number is in the data folder').toBe(false);
    expect(saved.includes(`"${CVC}"`), 'the CVC is in the data folder').toBe(false);
    expect(/"cvc"\s*:/.test(saved), 'a "cvc" field is in the data folder').toBe(false);
    // API keys are not written either (idempotency records are kept by the key's digest).
    expect(saved.includes(DEFAULT_SECRET_KEY), 'the secret key is in the data folder').toBe(false);

    const second = startSandboxProcess(['--port', '0', '--data-dir', dataDir]);
    try {
      stripe = stripeAt(await sandboxUrl(second));
      expect(await stripe.paymentIntents.retrieve(paid.id)).toEqual(before.intent);
      expect(await stripe.charges.retrieve(paid.latest_charge as string)).toEqual(before.charge);
      expect(await stripe.refunds.retrieve(refund.id)).toEqual(before.refund);
      expect(await stripe.customers.retrieve(customer.id)).toEqual(before.customer);
      expect(await stripe.paymentMethods.retrieve(paid.payment_method as string)).toEqual(before.paymentMethod);
      expect((await stripe.paymentIntents.list()).data.map((intent) => intent.id)).toEqual([paid.id]);
      // The refund's idempotency key still replays the first result: no second refund.
      const again = await stripe.refunds.create({ payment_intent: paid.id, amount: 500 }, { idempotencyKey: 'refund-once' });
      expect(again.id).toBe(refund.id);
      expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
      expect((await stripe.refunds.list({ payment_intent: paid.id })).data).toHaveLength(1);
      // New objects go on from there.
      const next = await stripe.paymentIntents.create({ amount: 700, currency: 'eur' });
      expect((await stripe.paymentIntents.list()).data.map((intent) => intent.id)).toEqual([next.id, paid.id]);

      const third = startSandboxProcess(['--port', '0', '--data-dir', dataDir]);
      expect(await third.closed).toBe(2);
      expect(third.output()).toContain('payframe sandbox (data_dir_locked)');
      expect(third.output()).toContain(`is in use by another process (pid ${second.child.pid}, payframe sandbox`);
      expect(third.output()).toContain('Another sandbox already runs on this --data-dir');
      expect(third.output()).not.toMatch(/\n\s+at /);
      // The refused one changed nothing: the running one still answers.
      expect((await stripe.paymentIntents.retrieve(paid.id)).id).toBe(paid.id);
    } finally {
      expect(await stop(second)).toBe(0);
    }
    expect(folderText(dataDir).includes(CARD_NUMBER), 'the card number is in the data folder').toBe(false);
  });

  test('webhook events the endpoint had not received before the restart are sent after it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'payframe-sandbox-state-'));
    const secret = 'whsec_restartTest0123456789';
    const account = { id: 'acct_restart', publishableKey: 'pk_test_restart', secretKey: 'sk_test_restart' };
    // An endpoint nobody listens on: the first attempt fails and the event waits for a retry.
    const down = await startWebhookReceiver(secret);
    await down.close();
    const first = startSandboxProcess(['--port', '0', '--data-dir', dataDir, '--config', sandboxConfigFile({ accounts: [{ ...account, webhookEndpoints: [{ url: down.url, secret }] }] })]);
    const paid = await stripeAt(await sandboxUrl(first), account.secretKey).paymentIntents.create({
      amount: 1200,
      currency: 'eur',
      confirm: true,
      payment_method_data: { type: 'card', card: { number: CARD_NUMBER, exp_month: 12, exp_year: FUTURE_YEAR, cvc: CVC } } as never,
    });
    expect(paid.status).toBe('succeeded');
    expect(await stop(first)).toBe(0);

    const receiver = await startWebhookReceiver(secret);
    const second = startSandboxProcess(['--port', '0', '--data-dir', dataDir, '--config', sandboxConfigFile({ accounts: [{ ...account, webhookEndpoints: [{ url: receiver.url, secret }] }] })]);
    try {
      await sandboxUrl(second);
      const events = await receiver.received(1);
      expect(events.map((event) => [event.type, (event.data.object as { id: string }).id])).toContainEqual(['payment_intent.succeeded', paid.id]);
    } finally {
      await stop(second);
      await receiver.close();
    }
  });

  test('a damaged or unknown state file stops the sandbox with what is wrong, no stack trace', async () => {
    const damaged = mkdtempSync(join(tmpdir(), 'payframe-sandbox-state-'));
    writeFileSync(join(damaged, 'sandbox-state.json'), '{"format":"payframe-sandbox-state","version":1,"acc');
    const corrupt = startSandboxProcess(['--port', '0', '--data-dir', damaged]);
    expect(await corrupt.closed).toBe(2);
    expect(corrupt.output()).toContain('payframe sandbox (state_corrupt)');
    expect(corrupt.output()).toContain('is not valid JSON');
    expect(corrupt.output()).not.toMatch(/\n\s+at /);

    const newer = mkdtempSync(join(tmpdir(), 'payframe-sandbox-state-'));
    writeFileSync(join(newer, 'sandbox-state.json'), JSON.stringify({ format: 'payframe-sandbox-state', version: 99, accounts: {} }));
    const unsupported = startSandboxProcess(['--port', '0', '--data-dir', newer]);
    expect(await unsupported.closed).toBe(2);
    expect(unsupported.output()).toContain('payframe sandbox (state_unsupported)');
    expect(unsupported.output()).toContain('state version 99');
    expect(unsupported.output()).not.toMatch(/\n\s+at /);

    // The refused start left the folder unlocked: once the file is moved away, the sandbox starts empty.
    unlinkSync(join(newer, 'sandbox-state.json'));
    const empty = startSandboxProcess(['--port', '0', '--data-dir', newer]);
    const stripe = stripeAt(await sandboxUrl(empty));
    expect((await stripe.paymentIntents.list()).data).toEqual([]);
    expect(await stop(empty)).toBe(0);
  });
});
