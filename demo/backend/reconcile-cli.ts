// `npm run reconcile -- --since <ISO date> [--csv <file>]`: compares the ledger with the
// gateway for the period, prints the table, writes the CSV if asked, exits 1 on any mismatch
// (2 on bad usage or when it cannot run).
//   DATABASE_URL set      -> reads that PostgreSQL database and asks the gateway itself;
//   OPS_PASSWORD set      -> asks the running backend (BACKEND_URL, else http://localhost:$BACKEND_PORT,
//                            4245 by default), which is how to reconcile while `npm run demo` holds the
//                            embedded database;
//   otherwise             -> opens the embedded database (PGLITE_DATA_DIR, default .data/pglite).
// The gateway: GATEWAY_URL, else the demo's sandbox on GATEWAY_PORT (4244), with STRIPE_SECRET_KEY.
// The same settings `npm run demo` reads (demo/settings.ts): started with the same ones, they meet.
import { writeFileSync } from 'node:fs';
import { DataDirLockedError } from '../../src/node/data-dir-lock.ts';
import { parseArgs } from 'node:util';
import { databaseConfigFromEnv, openDatabase } from './db/database.ts';
import { migrate } from './db/migrations.ts';
import { reconcile, type ReconciliationReport } from './reconciliation.ts';
import { ReconciliationInProgressError, withReconciliationLease } from './reconciliation-lease.ts';
import { toCsv, toTable } from './reconciliation-report.ts';
import { scrubString } from './observability/redaction.ts';
import { createStripeClient } from './stripe-client.ts';
import { SettingsError, checkSettingNames, gatewayKeys, serverUrl } from '../settings.ts';

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run reconcile -- --since <ISO date> [--csv <file>]`);
  process.exit(2);
}

async function viaBackend(since: Date): Promise<ReconciliationReport> {
  const base = serverUrl(process.env, 'backend');
  const login = await fetch(`${base}/api/ops/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: process.env.OPS_USER || 'ops', password: process.env.OPS_PASSWORD }),
  });
  if (!login.ok) throw new Error(`The backend at ${base} refused the login (${login.status}).`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';', 1)[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  // A reconciliation is a POST with the session's CSRF token, as from the operations page.
  const response = await fetch(`${base}/api/ops/reconciliation`, {
    method: 'POST',
    headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ since: since.toISOString() }),
  });
  if (response.status === 409) {
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    if (body?.error?.code === 'reconciliation_in_progress') throw new ReconciliationInProgressError(body.error.message ?? 'A reconciliation is already running. Retry in a moment.');
  }
  if (!response.ok) throw new Error(`The backend at ${base} answered ${response.status}.`);
  return (await response.json()) as ReconciliationReport;
}

async function direct(since: Date): Promise<ReconciliationReport> {
  const db = await openDatabase(databaseConfigFromEnv(process.env, '.data/pglite'));
  try {
    await migrate(db);
    const stripe = createStripeClient(serverUrl(process.env, 'gateway'), gatewayKeys(process.env).secretKey);
    return await withReconciliationLease(db, () => reconcile(db, stripe, since));
  } finally {
    await db.close();
  }
}

try {
  checkSettingNames(process.env);
  // Checked before any work, so a bad setting is a usage error (2), not a failed run.
  serverUrl(process.env, 'backend');
  serverUrl(process.env, 'gateway');
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  usage(error.message);
}

const { values } = parseArgs({ options: { since: { type: 'string' }, csv: { type: 'string' } }, strict: true });
if (!values.since) usage('--since is required.');
const since = new Date(values.since);
if (Number.isNaN(since.getTime())) usage(`--since must be an ISO date (e.g. 2026-11-24 or 2026-11-24T10:00:00Z), got "${values.since}".`);

// Stopped by a signal, it still exits through process.exit, which releases the embedded database's lock.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

try {
  const report = process.env.OPS_PASSWORD && !process.env.DATABASE_URL ? await viaBackend(since) : await direct(since);
  process.stdout.write(toTable(report));
  if (values.csv) {
    writeFileSync(values.csv, toCsv(report));
    console.log(`CSV written to ${values.csv}`);
  }
  process.exit(report.mismatches === 0 ? 0 : 1);
} catch (error) {
  if (error instanceof DataDirLockedError) {
    // The usual case: `npm run demo` runs and holds the embedded database. Its backend can answer instead.
    console.error(
      `Reconciliation could not run (${error.code}): ${error.message}\n` +
        `To reconcile while the demo (or the backend) runs, ask it over HTTP: set OPS_PASSWORD to the operations password it printed` +
        ` (and BACKEND_URL if it does not listen on ${serverUrl(process.env, 'backend')}):\n` +
        `  OPS_PASSWORD=<password> npm run reconcile -- --since ${values.since}`,
    );
    process.exit(2);
  }
  if (error instanceof ReconciliationInProgressError) {
    console.error(`Reconciliation could not run (${error.code}): ${error.message}`);
    process.exit(2);
  }
  // A driver or SDK message may quote a connection string or a key: scrubbed like the logs.
  console.error(`Reconciliation could not run: ${scrubString(String((error as Error).message))}`);
  process.exit(2);
}
