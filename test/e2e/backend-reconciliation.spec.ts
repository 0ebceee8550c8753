// Reconciliation, on PGlite and on PostgreSQL: after real payments, captures and refunds the
// ledger and the gateway agree; seeded differences (a gateway payment with no order, an order
// whose status disagrees, a refund only the ledger holds) are each found, in the API, the CSV
// and `npm run reconcile`, which exits 1 on a mismatch and 0 when the books agree.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '../../demo/backend/db/database.ts';
import { BackendStack, DATABASE_TARGETS, databaseFor, expect, OPS_PASSWORD, skipWithoutPostgres, startStack, test, VISA } from './backend/backend-stack.ts';

const FUTURE_YEAR = new Date().getUTCFullYear() + 3;
const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs `npm run reconcile` as a user would (node + tsx, no npm wrapper), with `env`. */
function runReconcileCommand(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/backend/reconcile-cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', OPS_PASSWORD: '', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

for (const target of DATABASE_TARGETS) {
  test.describe(`reconciliation on ${target}`, () => {
    let stack: BackendStack;
    let database: DatabaseConfig;
    const since = new Date(Date.now() - 60_000);

    test.beforeAll(async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      database = await databaseFor(target, postgres);
      stack = await startStack(target, postgres, { name: 'reconciliation', database });
      await stack.login();
    });
    test.afterAll(async () => {
      await stack?.close();
    });

    /** The command reads PostgreSQL directly; with the embedded database it asks the running backend. */
    function commandEnv(): Record<string, string> {
      return database.kind === 'postgres'
        ? { DATABASE_URL: database.url, GATEWAY_URL: stack.demo.gatewayUrl, STRIPE_SECRET_KEY: stack.demo.secretKey }
        : { OPS_PASSWORD, BACKEND_URL: stack.url };
    }

    test('payments, captures, cancels and refunds reconcile with zero mismatches; the command exits 0', async () => {
      const paid = await stack.createOrder('tshirt');
      await stack.confirm(paid.clientSecret);
      const held = await stack.createOrder('hoodie', 'manual');
      await stack.confirm(held.clientSecret);
      const canceled = await stack.createOrder('mug', 'manual');
      await stack.confirm(canceled.clientSecret);
      await stack.createOrder('stickers'); // never paid
      await stack.webhooksDelivered();
      await stack.operate(held.order.id, 'capture', 4000);
      await stack.operate(canceled.order.id, 'cancel');
      await stack.operate(paid.order.id, 'refund', 999);
      await stack.webhooksDelivered();

      const report = await stack.reconcile(since);
      expect(report.mismatches).toBe(0);
      expect(report.counts.matched).toBeGreaterThanOrEqual(4);
      expect(report.rows.find((row) => row.kind === 'refund')).toMatchObject({ result: 'matched', orderId: paid.order.id });

      const command = await runReconcileCommand(['--since', since.toISOString()], commandEnv());
      expect(command.output).toContain('OK: ledger and gateway agree.');
      expect(command.code).toBe(0);
    });

    test('seeded differences are found: a gateway payment with no order, a wrong status, a refund only the ledger has', async () => {
      // 1. Paid at the gateway without an order (the webhook told the backend; it is still a mismatch).
      const orphan = await stack.backend.stripe.paymentIntents.create({ amount: 4242, currency: 'eur', confirm: true, payment_method_data: { type: 'card', card: { number: VISA, exp_month: 12, exp_year: FUTURE_YEAR, cvc: '123' } } as never });
      // 2. An order whose status says something the gateway does not.
      const paid = await stack.createOrder('mug');
      await stack.confirm(paid.clientSecret);
      await stack.webhooksDelivered();
      await stack.backend.db.query("UPDATE orders SET status = 'canceled' WHERE id = $1", [paid.order.id]);
      // 3. A refund in the ledger that the gateway never made.
      await stack.backend.db.query("INSERT INTO ledger_entries (order_id, payment_intent_id, kind, amount, currency, gateway_ref) VALUES ($1, $2, 'refund', 100, 'eur', 're_seededMismatch000000000')", [
        paid.order.id,
        paid.clientSecret.split('_secret_')[0],
      ]);

      const report = await stack.reconcile(since);
      const find = (gatewayId: string) => report.rows.find((row) => row.gatewayId === gatewayId);
      expect(find(orphan.id)).toMatchObject({ result: 'missing_in_ledger', kind: 'payment', orderId: null });
      expect(find(paid.clientSecret.split('_secret_')[0]!)).toMatchObject({ result: 'status_mismatch', orderId: paid.order.id });
      expect(find('re_seededMismatch000000000')).toMatchObject({ result: 'missing_at_gateway', kind: 'refund' });
      expect(report.mismatches).toBe(3);

      const csv = await stack.ops('/api/ops/reconciliation.csv', { method: 'POST', body: JSON.stringify({ since: since.toISOString() }) });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toBe('result,kind,gateway_id,order_id,currency,ledger_amount,gateway_amount,ledger_status,gateway_status,detail');
      expect(lines.filter((line) => line.startsWith('missing_in_ledger,payment,' + orphan.id))).toHaveLength(1);

      const metrics = await (await fetch(`${stack.url}/metrics`)).text();
      expect(metrics).toMatch(/payframe_reconciliation_mismatches\{result="missing_in_ledger"\} 1/);

      const csvFile = join(mkdtempSync(join(tmpdir(), 'payframe-reconcile-')), 'report.csv');
      const command = await runReconcileCommand(['--since', since.toISOString(), '--csv', csvFile], commandEnv());
      expect(command.output).toContain('MISMATCHES: 3');
      expect(command.output).toContain(orphan.id);
      expect(command.code).toBe(1);
      expect(readFileSync(csvFile, 'utf8')).toContain(`missing_in_ledger,payment,${orphan.id}`);
    });
  });
}

test('npm run reconcile refuses a missing or unreadable --since with exit code 2', async () => {
  expect((await runReconcileCommand([], {})).code).toBe(2);
  const bad = await runReconcileCommand(['--since', 'last tuesday'], {});
  expect(bad.code).toBe(2);
  expect(bad.output).toContain('--since must be an ISO date');
});
