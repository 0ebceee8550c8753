// `npm run demo`: serves the merchant demo page, the fields origin, the sandbox gateway and the
// reference backend, then prints where to open them. Settings (demo/settings.ts, the same names the
// backend and `npm run reconcile` read): DEMO_PORT, FIELDS_PORT, GATEWAY_PORT, BACKEND_PORT,
// STRIPE_PUBLISHABLE_KEY, STRIPE_SECRET_KEY, OPS_PASSWORD; DATABASE_URL, else PGlite in .data/pglite;
// SANDBOX_DATA_DIR, where the sandbox gateway keeps its payments across restarts (.data/sandbox).
import { randomBytes } from 'node:crypto';
import { DataDirLockedError } from '../src/node/data-dir-lock.ts';
import { databaseConfigFromEnv, describeDatabase } from './backend/db/database.ts';
import { startDemoServers } from './servers.ts';
import { SettingsError, checkSettingNames, gatewayKeys, servedPort, setting } from './settings.ts';

/** The settings `npm run reconcile` needs to find what this demo serves, when they differ from the defaults. */
function reconcileSettings(): string {
  return (['BACKEND_PORT', 'BACKEND_URL'] as const).flatMap((name) => (setting(process.env, name) === undefined ? [] : [`${name}=${setting(process.env, name)} `])).join('');
}

try {
  checkSettingNames(process.env);
  const database = databaseConfigFromEnv(process.env, '.data/pglite');
  const sandboxDataDir = setting(process.env, 'SANDBOX_DATA_DIR') ?? '.data/sandbox';
  // Demo-only credentials for the operations page: printed below, new on every start unless set.
  const opsPassword = process.env.OPS_PASSWORD || randomBytes(9).toString('base64url');
  const servers = await startDemoServers({
    backend: { port: servedPort(process.env, 'backend'), database, opsPassword },
    merchantPort: servedPort(process.env, 'merchant'),
    fieldsPort: servedPort(process.env, 'fields'),
    gatewayPort: servedPort(process.env, 'gateway'),
    // Kept on disk like the backend's books, so after a restart both still know the same payments.
    gatewayDataDir: sandboxDataDir,
    // QA walks payments (3-D Secure, declines): open on intent mode; `?mode=token` for tokens only.
    demoDefaultMode: 'intent',
    ...gatewayKeys(process.env),
  });
  console.log(`Fields origin:   ${servers.fieldsOrigin}`);
  console.log(`Sandbox gateway: ${servers.gatewayUrl}  (its state is kept in ${sandboxDataDir})`);
  console.log(`  publishable key: ${servers.publishableKey}  (browser: tokenize, confirm with a client_secret)`);
  // Printed so merchant-server code (stripe-node, curl) can create and capture payments; it is a
  // test key that opens only this local sandbox, never a real Stripe account.
  console.log(`  secret key:      ${servers.secretKey}  (TEST key for your server code / stripe-node; sandbox only)`);
  console.log(`Reference backend: ${describeDatabase(database)}; metrics ${servers.backend!.url}/metrics`);
  console.log(`  shop:       ${servers.backend!.url}/shop`);
  console.log(`  operations: ${servers.backend!.url}/ops  (demo login: ops / ${opsPassword})`);
  console.log(`  reconcile:  ${reconcileSettings()}OPS_PASSWORD=${opsPassword} npm run reconcile -- --since ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Demo: ${servers.merchantUrl}/`);
  const stop = () => void servers.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof SettingsError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof DataDirLockedError) {
    console.error(
      `npm run demo (${error.code}): ${error.message}\n` +
        'Another demo (or the backend) is already running on these folders: use the one that runs (its URLs are in its output), ' +
        'stop it first, or point this one elsewhere with PGLITE_DATA_DIR and SANDBOX_DATA_DIR.',
    );
    process.exit(1);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') console.error(`A demo port is already in use (${(error as Error).message}). Set DEMO_PORT, FIELDS_PORT, GATEWAY_PORT or BACKEND_PORT to free ports.`);
  else console.error(error);
  process.exit(1);
}
