// The environment settings of the demo's programs (Node, never ships): `npm run demo`, the reference
// backend on its own and `npm run reconcile` read each setting by one name, from here, so a moved
// port or key set for one program is where the others look too.
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY } from '../src/node/sandbox/keys.ts';

type Env = NodeJS.ProcessEnv;

/** Each setting once, with what it is for: the README's table says the same. */
export const SETTINGS = {
  DEMO_PORT: 'port of the demo merchant page (http://localhost:<port>)',
  FIELDS_PORT: 'port of the demo fields origin (http://127.0.0.1:<port>)',
  FIELDS_ORIGIN: 'the fields origin the backend\'s shop page loads payframe.js from (default http://127.0.0.1:$FIELDS_PORT)',
  GATEWAY_PORT: 'port of the sandbox gateway the demo starts (http://127.0.0.1:<port>)',
  GATEWAY_URL: 'the gateway the backend and reconcile call (default http://127.0.0.1:$GATEWAY_PORT; https://api.stripe.com for Stripe)',
  STRIPE_PUBLISHABLE_KEY: 'the gateway account\'s publishable key (default the sandbox\'s)',
  STRIPE_SECRET_KEY: 'the gateway account\'s secret key (default the sandbox\'s)',
  STRIPE_WEBHOOK_SECRET: 'the whsec_ secret of the backend\'s webhook endpoint (the backend on its own)',
  BACKEND_PORT: 'port of the reference backend (http://localhost:<port>)',
  BACKEND_URL: 'the backend reconcile asks with OPS_PASSWORD (default http://localhost:$BACKEND_PORT)',
  BACKEND_PUBLIC_ORIGIN: 'the origin operators reach the backend at through a proxy (https://… makes the session cookie __Host- and Secure)',
  BACKEND_ALLOWED_HOSTS: 'more host names the backend answers to, comma-separated (besides localhost, 127.0.0.1, [::1] and BACKEND_PUBLIC_ORIGIN\'s)',
  OPS_USER: 'login of the operations page (default ops)',
  OPS_PASSWORD: 'password of the operations page',
  DATABASE_URL: 'a PostgreSQL database for the backend (default: PGlite in PGLITE_DATA_DIR)',
  PGLITE_DATA_DIR: 'the embedded database\'s folder (default .data/pglite)',
  SANDBOX_DATA_DIR: 'the folder where the demo\'s sandbox gateway keeps its payments across restarts (default .data/sandbox)',
  LOG_LEVEL: 'the backend\'s log level (default info)',
} as const;

export type SettingName = keyof typeof SETTINGS;

/** Names these programs once read: set now, they would be ignored, so they are refused with the new name. */
const RENAMED: Readonly<Record<string, SettingName>> = {
  GATEWAY_SECRET_KEY: 'STRIPE_SECRET_KEY',
  GATEWAY_PUBLISHABLE_KEY: 'STRIPE_PUBLISHABLE_KEY',
};

export type SettingsErrorCode = 'setting_renamed' | 'setting_misspelt' | 'setting_invalid' | 'settings_disagree';

/** A setting a program cannot run with; `message` names it and says what was expected. */
export class SettingsError extends Error {
  constructor(
    readonly code: SettingsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Refuses renamed settings and near-misses of ours (GATEWAY_PROT, STRIPE_SECRET_KY): a misspelt
 * setting would otherwise be ignored and the program would quietly use a default.
 */
export function checkSettingNames(env: Env): void {
  const known = Object.keys(SETTINGS);
  for (const name of Object.keys(env)) {
    if (env[name] === undefined || env[name] === '' || name in SETTINGS) continue;
    const renamed = RENAMED[name];
    if (renamed !== undefined) throw new SettingsError('setting_renamed', `${name} is now called ${renamed}: set ${renamed} instead.`);
    // Only names shaped like ours (NAME_PART) are compared, so unrelated variables are never flagged.
    if (!/^[A-Z]+_[A-Z_]+$/.test(name)) continue;
    const near = known.find((candidate) => editDistance(name, candidate) <= 2);
    if (near !== undefined) throw new SettingsError('setting_misspelt', `${name} is not a setting: did you mean ${near}?`);
  }
}

function read(env: Env, name: SettingName): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function port(env: Env, name: SettingName): number | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  const number = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(number >= 0 && number <= 65535)) throw new SettingsError('setting_invalid', `${name} must be a port number (0-65535), got "${value.slice(0, 40)}".`);
  return number;
}

function httpUrl(env: Env, name: SettingName): URL | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new SettingsError('setting_invalid', `${name} must be an http(s) URL, got "${value.slice(0, 80)}".`);
  return url;
}

/** A server the demo starts, found by its URL setting (for programs that call it) and its port setting (for the demo). */
interface Location {
  /** None for the demo page: no other program calls it. */
  urlSetting?: SettingName;
  portSetting: SettingName;
  host: string;
  defaultPort: number;
}

const LOCATIONS = {
  merchant: { portSetting: 'DEMO_PORT', host: 'localhost', defaultPort: 4242 },
  fields: { urlSetting: 'FIELDS_ORIGIN', portSetting: 'FIELDS_PORT', host: '127.0.0.1', defaultPort: 4243 },
  gateway: { urlSetting: 'GATEWAY_URL', portSetting: 'GATEWAY_PORT', host: '127.0.0.1', defaultPort: 4244 },
  backend: { urlSetting: 'BACKEND_URL', portSetting: 'BACKEND_PORT', host: 'localhost', defaultPort: 4245 },
} as const satisfies Record<string, Location>;

export type DemoServer = keyof typeof LOCATIONS;

function urlPort(url: URL): number {
  return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
}

/**
 * Where another program reaches one of the demo's servers: its URL setting, else the demo's
 * address on its port setting. Both set on the demo's address must agree, or a program would
 * talk to the wrong server.
 */
export function serverUrl(env: Env, server: DemoServer): string {
  const location: Location = LOCATIONS[server];
  const url = location.urlSetting === undefined ? undefined : httpUrl(env, location.urlSetting);
  const portNumber = port(env, location.portSetting);
  // Only a URL on the demo's own address can contradict the port: a proxy's URL may well differ.
  const isDemoAddress = url !== undefined && url.protocol === 'http:' && url.hostname === location.host;
  if (url !== undefined && isDemoAddress && portNumber !== undefined && urlPort(url) !== portNumber) {
    throw new SettingsError('settings_disagree', `${location.urlSetting} (${url.origin}) and ${location.portSetting} (${portNumber}) name different ports: set one of them.`);
  }
  if (url !== undefined) return url.href.replace(/\/$/, '');
  return `http://${location.host}:${portNumber ?? location.defaultPort}`;
}

/**
 * The port `npm run demo` serves one of its servers on: its port setting, or the port of its URL
 * setting, which must then be the demo's own address (the demo cannot serve another host).
 */
export function servedPort(env: Env, server: DemoServer): number {
  const location: Location = LOCATIONS[server];
  const url = location.urlSetting === undefined ? undefined : httpUrl(env, location.urlSetting);
  const portNumber = port(env, location.portSetting);
  if (url === undefined) return portNumber ?? location.defaultPort;
  const isLocal = url.protocol === 'http:' && url.hostname === location.host && url.pathname === '/';
  if (!isLocal) {
    throw new SettingsError('setting_invalid', `${location.urlSetting} is ${url.origin}, but npm run demo serves this itself at http://${location.host}:<port>: unset ${location.urlSetting}, or set it to that address.`);
  }
  return Number(new URL(serverUrl(env, server)).port || 80);
}

/**
 * The port a server that may sit behind a proxy listens on (the backend on its own): its port
 * setting, else the port of its URL setting when that URL is this machine's, else the default.
 */
export function listenPort(env: Env, server: DemoServer): number {
  const location: Location = LOCATIONS[server];
  const portNumber = port(env, location.portSetting);
  if (portNumber !== undefined) return portNumber;
  const url = location.urlSetting === undefined ? undefined : httpUrl(env, location.urlSetting);
  return url !== undefined && url.protocol === 'http:' && url.hostname === location.host ? urlPort(url) : location.defaultPort;
}

export interface GatewayKeys {
  publishableKey: string;
  secretKey: string;
}

/** The gateway account's keys, the sandbox's by default. */
export function gatewayKeys(env: Env): GatewayKeys {
  return { publishableKey: read(env, 'STRIPE_PUBLISHABLE_KEY') ?? DEFAULT_PUBLISHABLE_KEY, secretKey: read(env, 'STRIPE_SECRET_KEY') ?? DEFAULT_SECRET_KEY };
}

export function setting(env: Env, name: SettingName): string | undefined {
  return read(env, name);
}
