// Runs the reference backend on its own, against a gateway that is already running (the
// sandbox started elsewhere, or Stripe): `node --import tsx demo/backend/main.ts`.
// Settings (demo/settings.ts, the names `npm run demo` and `npm run reconcile` read): BACKEND_PORT
// (4245), GATEWAY_URL or GATEWAY_PORT, STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY,
// STRIPE_WEBHOOK_SECRET (the endpoint's whsec_), FIELDS_ORIGIN or FIELDS_PORT, OPS_USER,
// OPS_PASSWORD, DATABASE_URL or PGLITE_DATA_DIR (default .data/pglite), and behind a proxy
// BACKEND_PUBLIC_ORIGIN and BACKEND_ALLOWED_HOSTS.
import { DataDirLockedError } from '../../src/node/data-dir-lock.ts';
import { SettingsError, checkSettingNames, gatewayKeys, listenPort, serverUrl, setting, type SettingName } from '../settings.ts';
import { startBackend } from './backend-server.ts';
import { databaseConfigFromEnv } from './db/database.ts';

function required(name: SettingName): string {
  const value = setting(process.env, name);
  if (value === undefined) throw new SettingsError('setting_invalid', `${name} must be set.`);
  return value;
}

function publicOrigin(): { publicOrigin?: string } {
  const value = setting(process.env, 'BACKEND_PUBLIC_ORIGIN');
  if (value === undefined) return {};
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || !['http:', 'https:'].includes(url.protocol) || url.origin !== value.replace(/\/$/, '')) {
    throw new SettingsError('setting_invalid', `BACKEND_PUBLIC_ORIGIN must be an origin such as https://ops.shop.example, got "${value.slice(0, 80)}".`);
  }
  return { publicOrigin: url.origin };
}

let backend: Awaited<ReturnType<typeof startBackend>>;
try {
  checkSettingNames(process.env);
  backend = await startBackend({
    port: listenPort(process.env, 'backend'),
    database: databaseConfigFromEnv(process.env, '.data/pglite'),
    gatewayUrl: serverUrl(process.env, 'gateway'),
    ...gatewayKeys(process.env),
    webhookSecret: required('STRIPE_WEBHOOK_SECRET'),
    fieldsOrigin: serverUrl(process.env, 'fields'),
    opsUser: setting(process.env, 'OPS_USER') ?? 'ops',
    opsPassword: required('OPS_PASSWORD'),
    ...publicOrigin(),
    allowedHosts: (setting(process.env, 'BACKEND_ALLOWED_HOSTS') ?? '').split(',').map((name) => name.trim()).filter((name) => name !== ''),
  });
} catch (error) {
  if (error instanceof DataDirLockedError) {
    console.error(`The backend cannot start (${error.code}): ${error.message}\nA backend or \`npm run demo\` already runs on it: reach that one, stop it first, or set PGLITE_DATA_DIR to another folder.`);
    process.exit(1);
  }
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const stop = () => void backend.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
