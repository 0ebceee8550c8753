// Orders paid by bank debit (SEPA Direct Debit, ACH) in the reference backend, on PGlite and on
// PostgreSQL: the order waits in `processing` until the bank answers (the sandbox clock is
// advanced, no sleeps) and turns paid only on payment_intent.succeeded; a late refusal fails it
// with the bank's code and leaves nothing in the ledger; a dispute is booked; reordered and
// duplicated webhooks change none of that; reconciliation matches; the operations page shows the
// payment method and the processing status; no IBAN or account number reaches the backend.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BackendStack, DATABASE_TARGETS, expect, OPS_PASSWORD, skipWithoutPostgres, startStack, test } from './backend/backend-stack.ts';
import { BANK_DEBIT_OUTCOME_SECONDS } from '../../src/node/sandbox/bank-debit-payments.ts';
import { ACCOUNT_STAYS_PROCESSING, ACCOUNT_SUCCEEDS, IBAN_DISPUTED, IBAN_FAILS, IBAN_INSUFFICIENT_FUNDS, IBAN_SUCCEEDS, ROUTING } from './harness/bank-test-accounts.ts';

const ALL_ACCOUNTS = [IBAN_SUCCEEDS, IBAN_INSUFFICIENT_FUNDS, IBAN_FAILS, IBAN_DISPUTED, ACCOUNT_SUCCEEDS, ACCOUNT_STAYS_PROCESSING];

type BankMethod = { type: 'sepa_debit'; iban: string } | { type: 'us_bank_account'; accountNumber: string };

interface BankOrder {
  order: { id: string; status: string; currency: string; paymentMethodType: string };
  clientSecret: string;
}

for (const target of DATABASE_TARGETS) {
  test.describe(`bank debit orders on ${target}`, () => {
    test.describe.configure({ mode: 'serial' });
    let stack: BackendStack;
    let since: Date;

    test.beforeAll(async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      // The first stack of a run waits for PGlite's start and the migrations, on a machine shared with other runs.
      test.setTimeout(120_000);
      since = new Date(Date.now() - 1000);
      stack = await startStack(target, postgres, { name: 'bank-debits' });
      await stack.login();
    });
    test.afterAll(async () => {
      await stack?.close();
    });

    function orderRequest(body: Record<string, unknown>): Promise<Response> {
      return fetch(`${stack.url}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: JSON.stringify(body) });
    }

    async function createBankOrder(sku: string, paymentMethodType: BankMethod['type']): Promise<BankOrder> {
      const response = await orderRequest({ sku, paymentMethodType });
      expect(response.status).toBe(201);
      return (await response.json()) as BankOrder;
    }

    /** What a shopper's browser sends: the publishable key, the client_secret, the account and the mandate accepted online. */
    async function confirmAsBrowser(clientSecret: string, method: BankMethod): Promise<string> {
      const intentId = clientSecret.split('_secret_')[0]!;
      const account: Record<string, string> =
        method.type === 'sepa_debit'
          ? { 'payment_method_data[sepa_debit][iban]': method.iban }
          : {
              'payment_method_data[us_bank_account][routing_number]': ROUTING,
              'payment_method_data[us_bank_account][account_number]': method.accountNumber,
              'payment_method_data[us_bank_account][account_holder_type]': 'individual',
              'payment_method_data[us_bank_account][account_type]': 'checking',
            };
      const response = await fetch(`${stack.demo.gatewayUrl}/v1/payment_intents/${intentId}/confirm`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${stack.demo.publishableKey}`, 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'Mozilla/5.0 (bank debit shopper)' },
        body: new URLSearchParams({
          client_secret: clientSecret,
          'payment_method_data[type]': method.type,
          ...account,
          'payment_method_data[billing_details][name]': 'Jenny Rosen',
          'payment_method_data[billing_details][email]': 'jenny@example.com',
          'mandate_data[customer_acceptance][type]': 'online',
          'mandate_data[customer_acceptance][online][infer_from_client]': 'true',
        }),
      });
      const body = (await response.json()) as { status?: string };
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect(body.status).toBe('processing');
      return intentId;
    }

    /** Moves the sandbox's clock past the bank's answer: the answers and their webhooks go out at once. */
    async function bankAnswers(): Promise<void> {
      const response = await fetch(`${stack.demo.gatewayUrl}/__sandbox/clock/advance`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${stack.demo.secretKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ seconds: BANK_DEBIT_OUTCOME_SECONDS + 1 }),
      });
      expect(response.status).toBe(200);
    }

    async function fullOrder(id: string): Promise<{ status: string; failureCode: string | null; paymentMethodType: string; captured: number; disputed: number }> {
      return ((await (await stack.ops(`/api/ops/orders/${id}`)).json()) as { order: { status: string; failureCode: string | null; paymentMethodType: string; captured: number; disputed: number } }).order;
    }

    async function outcomes(intentId: string): Promise<Record<string, string[]>> {
      const rows = await stack.backend.db.query<{ type: string; outcome: string }>('SELECT type, outcome FROM webhook_events WHERE object_id = $1 ORDER BY received_at, id', [intentId]);
      const byType: Record<string, string[]> = {};
      for (const row of rows.rows) (byType[row.type] ??= []).push(row.outcome);
      return byType;
    }

    test('a SEPA debit from a succeeding test IBAN: the order waits in processing with nothing booked, and turns paid only when the bank answers', async () => {
      const { order, clientSecret } = await createBankOrder('hoodie', 'sepa_debit');
      expect(order).toMatchObject({ currency: 'eur', paymentMethodType: 'sepa_debit', status: 'pending' });
      await confirmAsBrowser(clientSecret, { type: 'sepa_debit', iban: IBAN_SUCCEEDS });
      await stack.webhooksDelivered();
      expect(await fullOrder(order.id)).toMatchObject({ status: 'processing', paymentMethodType: 'sepa_debit', captured: 0 });
      expect(await stack.ledger(order.id)).toEqual([]);
      // The shopper's page sees processing too: not paid, nothing to ship yet.
      const shopperView = (await (await fetch(`${stack.url}/api/orders/${order.id}`)).json()) as { order: { status: string } };
      expect(shopperView.order.status).toBe('processing');

      await bankAnswers();
      await stack.webhooksDelivered();
      expect(await fullOrder(order.id)).toMatchObject({ status: 'paid', captured: 4900, failureCode: null });
      expect((await stack.ledger(order.id)).map(({ kind, amount }) => [kind, amount])).toEqual([['capture', 4900]]);
    });

    test('a SEPA debit the bank refuses later: the order goes from processing to failed with the bank\'s code, and the ledger holds nothing', async () => {
      const { order, clientSecret } = await createBankOrder('mug', 'sepa_debit');
      const intentId = await confirmAsBrowser(clientSecret, { type: 'sepa_debit', iban: IBAN_INSUFFICIENT_FUNDS });
      await stack.webhooksDelivered();
      expect((await fullOrder(order.id)).status).toBe('processing');
      await bankAnswers();
      await stack.webhooksDelivered();
      expect(await fullOrder(order.id)).toMatchObject({ status: 'failed', failureCode: 'insufficient_funds', captured: 0 });
      expect(await stack.ledger(order.id)).toEqual([]);
      expect(await outcomes(intentId)).toMatchObject({ 'payment_intent.processing': ['applied'], 'payment_intent.payment_failed': ['applied'] });
    });

    test('after a refusal the shopper pays again with another account: the new attempt goes processing, then paid', async () => {
      const { order, clientSecret } = await createBankOrder('stickers', 'sepa_debit');
      await confirmAsBrowser(clientSecret, { type: 'sepa_debit', iban: IBAN_FAILS });
      await bankAnswers();
      await stack.webhooksDelivered();
      expect(await fullOrder(order.id)).toMatchObject({ status: 'failed', failureCode: 'generic_could_not_process' });
      // The refusal's charge is known: only that attempt's processing news is old; this one is new.
      await confirmAsBrowser(clientSecret, { type: 'sepa_debit', iban: IBAN_SUCCEEDS });
      await stack.webhooksDelivered();
      expect(await fullOrder(order.id)).toMatchObject({ status: 'processing', failureCode: null });
      await bankAnswers();
      await stack.webhooksDelivered();
      expect(await fullOrder(order.id)).toMatchObject({ status: 'paid', captured: 350 });
    });

    test('an ACH debit from Stripe\'s succeeding test account, in dollars: processing, then paid', async () => {
      const { order, clientSecret } = await createBankOrder('desk-mat', 'us_bank_account');
      expect(order).toMatchObject({ currency: 'usd', paymentMethodType: 'us_bank_account' });
      await confirmAsBrowser(clientSecret, { type: 'us_bank_account', accountNumber: ACCOUNT_SUCCEEDS });
      await stack.webhooksDelivered();
      expect((await fullOrder(order.id)).status).toBe('processing');
      await bankAnswers();
      await stack.webhooksDelivered();
      expect(await fullOrder(order.id)).toMatchObject({ status: 'paid', captured: 2500, paymentMethodType: 'us_bank_account' });
    });

    test('a bank debit in the wrong currency, held for capture, or of an unknown type is refused with a typed error and no order', async () => {
      const before = Number((await stack.backend.db.query<{ count: number }>('SELECT count(*)::bigint AS count FROM orders')).rows[0]!.count);
      const sepaInDollars = await orderRequest({ sku: 'desk-mat', paymentMethodType: 'sepa_debit' });
      expect(sepaInDollars.status).toBe(422);
      expect(await sepaInDollars.json()).toMatchObject({ error: { code: 'payment_method_currency_mismatch', message: expect.stringContaining('EUR') } });
      const achInEuros = await orderRequest({ sku: 'mug', paymentMethodType: 'us_bank_account' });
      expect(achInEuros.status).toBe(422);
      expect(await achInEuros.json()).toMatchObject({ error: { code: 'payment_method_currency_mismatch', message: expect.stringContaining('USD') } });
      const held = await orderRequest({ sku: 'mug', paymentMethodType: 'sepa_debit', captureMethod: 'manual' });
      expect(held.status).toBe(422);
      expect(await held.json()).toMatchObject({ error: { code: 'capture_method_unsupported' } });
      const unknown = await orderRequest({ sku: 'mug', paymentMethodType: 'ideal' });
      expect(unknown.status).toBeGreaterThanOrEqual(400);
      expect(unknown.status).toBeLessThan(500);
      expect(((await unknown.json()) as { error: { code: string } }).error.code).toEqual(expect.any(String));
      const after = Number((await stack.backend.db.query<{ count: number }>('SELECT count(*)::bigint AS count FROM orders')).rows[0]!.count);
      expect(after).toBe(before);
    });

    test('one Idempotency-Key is one order: a retry gets the bank debit order back, another payment method type is refused', async () => {
      const key = randomUUID();
      const ask = (paymentMethodType: string) =>
        fetch(`${stack.url}/api/orders`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify({ sku: 'mug', paymentMethodType }) });
      const first = await ask('sepa_debit');
      expect(first.status).toBe(201);
      const created = (await first.json()) as BankOrder;
      const retry = await ask('sepa_debit');
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(((await retry.json()) as BankOrder).order).toMatchObject({ id: created.order.id, paymentMethodType: 'sepa_debit' });
      const byCard = await ask('card');
      expect(byCard.status).toBe(422);
      expect(await byCard.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
    });

    test('webhooks newest first and twice: a late processing never moves a paid order back, nor a failed one', async () => {
      // Success: succeeded arrives before processing, each twice.
      const paid = await createBankOrder('tshirt', 'sepa_debit');
      stack.demo.webhooks.hold();
      const paidIntent = await confirmAsBrowser(paid.clientSecret, { type: 'sepa_debit', iban: IBAN_SUCCEEDS });
      await bankAnswers();
      await stack.demo.webhooks.release({ order: 'reverse', copies: 2 });
      await stack.webhooksDelivered();
      expect(await fullOrder(paid.order.id)).toMatchObject({ status: 'paid', captured: 1999 });
      expect((await stack.ledger(paid.order.id)).map(({ kind, amount }) => [kind, amount])).toEqual([['capture', 1999]]);
      expect(await outcomes(paidIntent)).toMatchObject({ 'payment_intent.succeeded': ['applied'], 'payment_intent.processing': ['stale'] });

      // Failure: payment_failed arrives before processing, each twice.
      const refused = await createBankOrder('tshirt', 'sepa_debit');
      stack.demo.webhooks.hold();
      const refusedIntent = await confirmAsBrowser(refused.clientSecret, { type: 'sepa_debit', iban: IBAN_FAILS });
      await bankAnswers();
      await stack.demo.webhooks.release({ order: 'reverse', copies: 2 });
      await stack.webhooksDelivered();
      expect(await fullOrder(refused.order.id)).toMatchObject({ status: 'failed', failureCode: 'generic_could_not_process', captured: 0 });
      expect(await outcomes(refusedIntent)).toMatchObject({ 'payment_intent.payment_failed': ['applied'], 'payment_intent.processing': ['stale'] });

      // And the processing news replayed long after (a gateway retry, an operator's replay).
      for (const intentId of [paidIntent, refusedIntent]) {
        const processing = stack.demo.webhooks.listEvents().find((event) => event.type === 'payment_intent.processing' && (event.data.object as { id: string }).id === intentId)!;
        stack.demo.webhooks.replay(processing.id);
      }
      await stack.webhooksDelivered();
      expect((await fullOrder(paid.order.id)).status).toBe('paid');
      expect(await fullOrder(refused.order.id)).toMatchObject({ status: 'failed', failureCode: 'generic_could_not_process' });
      expect(await stack.ledger(refused.order.id)).toEqual([]);
    });

    test('a disputed debit: paid, then disputed with the disputed amount booked once, whichever news comes first', async () => {
      const { order, clientSecret } = await createBankOrder('mug', 'sepa_debit');
      stack.demo.webhooks.hold();
      const intentId = await confirmAsBrowser(clientSecret, { type: 'sepa_debit', iban: IBAN_DISPUTED });
      await bankAnswers();
      // The dispute first (before the success it is about), each event twice.
      await stack.demo.webhooks.release({ order: 'reverse', copies: 2 });
      await stack.webhooksDelivered();
      expect(await fullOrder(order.id)).toMatchObject({ status: 'disputed', captured: 1200, disputed: 1200 });
      const dispute = stack.demo.webhooks.listEvents().find((event) => event.type === 'charge.dispute.created' && (event.data.object as { payment_intent: string }).payment_intent === intentId)!;
      stack.demo.webhooks.replay(dispute.id);
      await stack.webhooksDelivered();
      const entries = (await stack.ledger(order.id)).map(({ kind, amount, gatewayRef }) => [kind, amount, gatewayRef]);
      expect(entries.sort()).toEqual([
        ['capture', 1200, intentId],
        ['dispute', 1200, (dispute.data.object as { id: string }).id],
      ]);
    });

    test('reconciliation matches every bank debit order, one still processing included', async () => {
      const { order, clientSecret } = await createBankOrder('desk-mat', 'us_bank_account');
      const intentId = await confirmAsBrowser(clientSecret, { type: 'us_bank_account', accountNumber: ACCOUNT_STAYS_PROCESSING });
      await bankAnswers();
      await stack.webhooksDelivered();
      expect((await fullOrder(order.id)).status).toBe('processing');
      const report = await stack.reconcile(since);
      expect(report.rows.filter((row) => row.result !== 'matched')).toEqual([]);
      expect(report.mismatches).toBe(0);
      expect(report.rows).toContainEqual(expect.objectContaining({ gatewayId: intentId, result: 'matched' }));
      expect(report.counts.matched).toBeGreaterThanOrEqual(7);
    });

    test('the operations page shows how each order is paid and which are waiting for the bank', async ({ page }) => {
      await page.goto(`${stack.url}/ops`);
      await page.getByLabel('User').fill('ops');
      await page.getByLabel('Password').fill(OPS_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      const orders = (await (await stack.ops('/api/ops/orders')).json()) as { orders: { id: string; status: string; paymentMethodType: string; failureCode: string | null }[] };
      const processing = orders.orders.find((order) => order.status === 'processing')!;
      const failed = orders.orders.find((order) => order.status === 'failed' && order.failureCode === 'insufficient_funds')!;
      const ach = orders.orders.find((order) => order.paymentMethodType === 'us_bank_account' && order.status === 'paid')!;
      const row = (id: string) => page.locator(`#orders tr[data-order="${id}"]`);
      await expect(row(processing.id).locator('.status')).toHaveText('processing');
      await expect(row(processing.id)).toContainText('waiting for the bank');
      await expect(row(processing.id).locator('.method')).toHaveText('ACH Direct Debit');
      await expect(row(failed.id).locator('.status')).toHaveText('failed');
      await expect(row(failed.id)).toContainText('insufficient_funds');
      await expect(row(failed.id).locator('.method')).toHaveText('SEPA Direct Debit');
      await expect(row(ach.id).locator('.status')).toHaveText('paid');
      await expect(page.locator('#orders thead')).toContainText('Payment');
    });

    test('no IBAN or account number reaches the backend: not in its database, not in its logs', async () => {
      const tables = await stack.backend.db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
      let dump = '';
      for (const { table_name } of tables.rows) {
        const rows = await stack.backend.db.query<{ row: string }>(`SELECT t::text AS row FROM "${table_name}" t`);
        dump += rows.rows.map((row) => row.row).join('\n');
      }
      // The bank debits above are in the books (the payloads of their webhooks included)...
      expect(dump).toContain('sepa_debit');
      expect(dump).toContain('us_bank_account');
      const logs = readFileSync(stack.logFile, 'utf8');
      expect(logs.length).toBeGreaterThan(0);
      // ...but no account: neither whole nor without its last four (which Stripe shows, as we may).
      for (const account of ALL_ACCOUNTS) {
        // (An all-zero prefix, as in 000000000009's, would match any run of zeros: the whole number is checked.)
        for (const secret of [account, account.slice(0, -4)].filter((part) => /[1-9]/.test(part))) {
          expect(dump.includes(secret), `database holds ${secret.slice(0, 2)}…`).toBe(false);
          expect(logs.includes(secret), `logs hold ${secret.slice(0, 2)}…`).toBe(false);
        }
      }
    });
  });
}
