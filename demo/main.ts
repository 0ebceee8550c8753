// `npm run demo`: serves the merchant demo page, the fields origin, the sandbox gateway and the
// reference backend, then prints where to open them. Ports: DEMO_PORT, FIELDS_PORT, GATEWAY_PORT,
// BACKEND_PORT; the backend's database: DATABASE_URL, else PGlite in .data/pglite.
import { randomBytes } from 'node:crypto';
import { databaseConfigFromEnv, describeDatabase } from './backend/db/database.ts';
import { startDemoServers } from './servers.ts';

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name} must be a port number (0-65535), got "${value}"`);
    process.exit(2);
  }
  return port;
}

try {
  const database = databaseConfigFromEnv(process.env, '.data/pglite');
  // Demo-only credentials for the operations page: printed below, new on every start unless set.
  const opsPassword = process.env.OPS_PASSWORD || randomBytes(9).toString('base64url');
  const servers = await startDemoServers({
    backend: { port: portFromEnv('BACKEND_PORT', 4245), database, opsPassword },
    merchantPort: portFromEnv('DEMO_PORT', 4242),
    fieldsPort: portFromEnv('FIELDS_PORT', 4243),
    gatewayPort: portFromEnv('GATEWAY_PORT', 4244),
    // QA walks payments (3-D Secure, declines): open on intent mode; `?mode=token` for tokens only.
    demoDefaultMode: 'intent',
    ...(process.env.GATEWAY_PUBLISHABLE_KEY ? { publishableKey: process.env.GATEWAY_PUBLISHABLE_KEY } : {}),
    ...(process.env.GATEWAY_SECRET_KEY ? { secretKey: process.env.GATEWAY_SECRET_KEY } : {}),
  });
  console.log(`Fields origin:   ${servers.fieldsOrigin}`);
  console.log(`Sandbox gateway: ${servers.gatewayUrl}`);
  console.log(`  publishable key: ${servers.publishableKey}  (browser: tokenize, confirm with a client_secret)`);
  // Printed so merchant-server code (stripe-node, curl) can create and capture payments; it is a
  // test key that opens only this local sandbox, never a real Stripe account.
  console.log(`  secret key:      ${servers.secretKey}  (TEST key for your server code / stripe-node; sandbox only)`);
  console.log(`Reference backend: ${describeDatabase(database)}; metrics ${servers.backend!.url}/metrics`);
  console.log(`  shop:       ${servers.backend!.url}/shop`);
  console.log(`  operations: ${servers.backend!.url}/ops  (demo login: ops / ${opsPassword})`);
  console.log(`  reconcile:  OPS_PASSWORD=${opsPassword} npm run reconcile -- --since ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Demo: ${servers.merchantUrl}/`);
  const stop = () => void servers.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') console.error(`A demo port is already in use (${(error as Error).message}). Set DEMO_PORT, FIELDS_PORT, GATEWAY_PORT or BACKEND_PORT to free ports.`);
  else console.error(error);
  process.exit(1);
}
