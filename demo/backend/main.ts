// Runs the reference backend on its own, against a gateway that is already running (the
// sandbox started elsewhere, or Stripe): `node --import tsx demo/backend/main.ts`.
// Env: BACKEND_PORT (4245), GATEWAY_URL, STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY,
// STRIPE_WEBHOOK_SECRET (the endpoint's whsec_), FIELDS_ORIGIN, OPS_PASSWORD, and DATABASE_URL
// or PGLITE_DATA_DIR (default .data/pglite).
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY } from '../../src/node/sandbox/keys.ts';
import { startBackend } from './backend-server.ts';
import { databaseConfigFromEnv } from './db/database.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} must be set.`);
    process.exit(2);
  }
  return value;
}

const backend = await startBackend({
  port: Number(process.env.BACKEND_PORT ?? 4245),
  database: databaseConfigFromEnv(process.env, '.data/pglite'),
  gatewayUrl: process.env.GATEWAY_URL || 'http://127.0.0.1:4244',
  secretKey: process.env.STRIPE_SECRET_KEY || DEFAULT_SECRET_KEY,
  publishableKey: process.env.STRIPE_PUBLISHABLE_KEY || DEFAULT_PUBLISHABLE_KEY,
  webhookSecret: required('STRIPE_WEBHOOK_SECRET'),
  fieldsOrigin: process.env.FIELDS_ORIGIN || 'http://127.0.0.1:4243',
  opsUser: process.env.OPS_USER || 'ops',
  opsPassword: required('OPS_PASSWORD'),
});
const stop = () => void backend.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
