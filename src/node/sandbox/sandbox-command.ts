// `payframe sandbox`: runs the sandbox gateway alone (Node, ships), for merchants' own tests the
// way `npm run demo` runs it, and prints its URL and each account's test keys.
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { DataDirLockedError } from '../data-dir-lock.ts';
import { stopOnSignals } from '../http/graceful-shutdown.ts';
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY } from './keys.ts';
import { hostNameOf } from './allowed-hosts.ts';
import { SandboxAccountsError, isWebOrigin, type GatewayAccount, type SandboxAccount } from './sandbox-accounts.ts';
import { SandboxConfigError, readSandboxConfigFile, type ConfiguredAccount } from './sandbox-config-file.ts';
import { createSandboxGateway } from './sandbox-gateway.ts';
import { SandboxStateError } from './sandbox-state-file.ts';

export const DEFAULT_SANDBOX_PORT = 4244;
/** Where `payframe fields` listens by default: the one browser origin a sandbox started with no settings serves. */
const DEFAULT_FIELDS_ORIGIN = 'http://127.0.0.1:4243';

export const SANDBOX_USAGE = `Usage:
  payframe sandbox [--port N] [--host H] [--config accounts.json] [--allow-origin ORIGIN]... [--allow-host NAME]... [--data-dir DIR] [--test-admin]
      Run the sandbox gateway (a Stripe-compatible test API) alone, printing its URL and keys.
      --port N               port to listen on (default 4244; 0 picks a free one)
      --host H               address to listen on (default 127.0.0.1)
      --config FILE          the accounts: { "accounts": [ { "id": "acct_...", "publishableKey": "pk_test_...",
                             "secretKey": "sk_test_...", "allowedOrigins": ["http://..."] } ] }
                             (optional per account: "extraPublishableKeys", "extraSecretKeys", and
                             "webhookEndpoints": [ { "url": "http://...", "secret": "whsec_..." } ],
                             "declineOn": { "cvcFailure": true, "avsFailure": true } to decline payments
                             whose CVC / postal code check fails; by default they succeed, as in Stripe)
                             (default: one account, ${DEFAULT_PUBLISHABLE_KEY} / ${DEFAULT_SECRET_KEY})
      --allow-origin ORIGIN  a fields origin allowed to call the gateway from a browser, for every
                             account (repeatable; with neither this nor --config: ${DEFAULT_FIELDS_ORIGIN},
                             where payframe fields listens by default)
      --allow-host NAME      a host name the gateway answers to besides localhost, 127.0.0.1, [::1], the
                             --host name and the address a request arrives at (repeatable; e.g. a
                             container's service name). Requests naming any other host get 421, so a
                             DNS-rebinding page cannot reach the sandbox.
      --data-dir DIR         keep the accounts' payments, customers, saved cards and idempotency records in
                             DIR across restarts (one sandbox at a time per DIR; no card number, CVC, IBAN or
                             account number is written; delete DIR to start empty). Without it, all is
                             gone when it stops.
      --test-admin           for test suites: mount the admin API under /__sandbox/ (secret key, refused to
                             browsers): GET /__sandbox/clock, POST /__sandbox/clock/advance {"seconds": N} to
                             bring bank debits' outcomes forward, and the fault and 3-D Secure switches.
                             Without it the sandbox clock is real time.`;

/** The account a sandbox started without --config holds: the keys the demo and README use. */
const DEFAULT_ACCOUNT: SandboxAccount = { id: 'acct_payframe_sandbox', publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY };

/** How the command was called, wrong: exit status 2 with the usage. */
export class SandboxUsageError extends Error {
  readonly code = 'usage';
}

export interface SandboxCommandOptions {
  port: number;
  host: string;
  configPath: string | undefined;
  allowOrigins: string[];
  allowHosts: string[];
  dataDir: string | undefined;
  testAdmin: boolean;
}

export function parseSandboxArgs(args: string[]): SandboxCommandOptions {
  let values: { port?: string | undefined; host?: string | undefined; config?: string | undefined; 'allow-origin'?: string[] | undefined; 'allow-host'?: string[] | undefined; 'data-dir'?: string | undefined; 'test-admin'?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args,
      options: { port: { type: 'string' }, host: { type: 'string' }, config: { type: 'string' }, 'allow-origin': { type: 'string', multiple: true }, 'allow-host': { type: 'string', multiple: true }, 'data-dir': { type: 'string' }, 'test-admin': { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SandboxUsageError((error as Error).message);
  }
  const port = values.port === undefined ? DEFAULT_SANDBOX_PORT : /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new SandboxUsageError(`--port must be a port number from 0 to 65535, got "${values.port}"`);
  if (values.host === '') throw new SandboxUsageError('--host must be an address to listen on, such as 127.0.0.1 or 0.0.0.0');
  const allowOrigins = values['allow-origin'] ?? [];
  for (const origin of allowOrigins) {
    if (!isWebOrigin(origin)) throw new SandboxUsageError(`--allow-origin "${origin}" is not an origin such as http://127.0.0.1:4243 (scheme, host, optional port; no path or trailing slash)`);
  }
  const allowHosts = values['allow-host'] ?? [];
  for (const name of allowHosts) {
    if (hostNameOf(name) === undefined || /[:/]/.test(name.replace(/^\[.*\]$/, ''))) throw new SandboxUsageError(`--allow-host "${name}" is not a host name such as sandbox.internal (no scheme, port or path)`);
  }
  const host = values.host ?? '127.0.0.1';
  // The name it listens on is one of its own (an unspecified address is not a name).
  if (!['0.0.0.0', '::'].includes(host)) allowHosts.push(host);
  if (values['data-dir'] === '') throw new SandboxUsageError('--data-dir must name a folder, such as .data/sandbox');
  return { port, host, configPath: values.config, allowOrigins, allowHosts, dataDir: values['data-dir'], testAdmin: values['test-admin'] ?? false };
}

/** The config file's accounts (or the default one), each also allowing the --allow-origin origins. */
function accountsToRun(options: SandboxCommandOptions): ConfiguredAccount[] {
  if (options.configPath === undefined && options.allowOrigins.length === 0) return [{ ...DEFAULT_ACCOUNT, allowedOrigins: [DEFAULT_FIELDS_ORIGIN] }];
  const accounts = options.configPath === undefined ? [DEFAULT_ACCOUNT] : readSandboxConfigFile(options.configPath);
  return accounts.map((account) => ({ ...account, allowedOrigins: [...new Set([...(account.allowedOrigins ?? []), ...options.allowOrigins])] }));
}

function describeAccount(account: GatewayAccount): string[] {
  const endpoints = account.webhooks.listEndpoints();
  return [
    `  account ${account.id}`,
    `    publishable key: ${account.publishableKeys.join(', ')}`,
    // A test key that opens only this local sandbox, printed so server code (stripe-node, curl) can use it.
    `    secret key:      ${account.secretKeys.join(', ')}  (test key of this local sandbox)`,
    `    browser origins: ${account.allowedOrigins.length > 0 ? account.allowedOrigins.join(', ') : 'none (server-to-server calls only; add --allow-origin)'}`,
    // The signing secret is printed for the same reason as the keys: the endpoint needs it to verify events.
    ...endpoints.map((endpoint) => `    webhooks to:     ${endpoint.url}  (signing secret ${endpoint.secret})`),
  ];
}

function urlHost(host: string): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return reachable.includes(':') ? `[${reachable}]` : reachable;
}

/** Exits 2 for the command's own mistakes (flags, config file, accounts), with what is wrong and no stack. */
function exitOnSetupError(error: unknown): never {
  if (error instanceof SandboxUsageError) {
    console.error(`payframe sandbox: ${error.message}\n\n${SANDBOX_USAGE}`);
    process.exit(2);
  }
  if (error instanceof SandboxStateError) {
    console.error(`payframe sandbox (${error.code}): ${error.message}`);
    process.exit(2);
  }
  if (error instanceof SandboxConfigError || error instanceof SandboxAccountsError) {
    console.error(`payframe sandbox: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof DataDirLockedError) {
    console.error(
      `payframe sandbox (${error.code}): ${error.message}\nAnother sandbox already runs on this --data-dir: use that one (it printed its URL), stop it first, or pick another --data-dir.`,
    );
    process.exit(2);
  }
  throw error;
}

/**
 * Runs `payframe sandbox <args>` until SIGTERM or SIGINT (then exits 0 once requests in flight are
 * answered). Bad flags print the usage, a bad config file its problems: exit status 2, no stack.
 */
export async function runSandboxCommand(args: string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(SANDBOX_USAGE);
    return;
  }
  let options: SandboxCommandOptions;
  let gateway: ReturnType<typeof createSandboxGateway>;
  try {
    options = parseSandboxArgs(args);
    const configured = accountsToRun(options);
    gateway = createSandboxGateway({ accounts: configured, allowedHosts: options.allowHosts, faultInjection: options.testAdmin, ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir, dataDirOwner: 'payframe sandbox' }) });
    gateway.accounts.forEach((account, index) => {
      for (const endpoint of configured[index]!.webhookEndpoints ?? []) account.webhooks.addEndpoint(endpoint.url, endpoint.secret);
    });
    // Events the last run (same --data-dir) had not delivered go to the endpoints configured now.
    gateway.resumeDeliveries();
  } catch (error) {
    exitOnSetupError(error);
  }
  const { server, accounts } = gateway;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(`payframe sandbox: cannot listen on ${options.host}:${options.port} (${code ?? (error as Error).message}). Pick another --port or --host.`);
    process.exit(1);
  }
  stopOnSignals(server, {
    onStop: (signal) => {
      // Webhook retries waiting on timers would otherwise outlive the server.
      for (const account of accounts) account.webhooks.close();
      console.error(`payframe sandbox: ${signal}, finishing requests in flight and stopping`);
    },
  });
  const url = `http://${urlHost(options.host)}:${(server.address() as AddressInfo).port}`;
  const kept = options.dataDir === undefined ? [] : [`  state kept in ${options.dataDir} (delete it to start empty)`];
  const admin = options.testAdmin ? [`  test admin API on ${url}/__sandbox/ (clock, faults; secret key only)`] : [];
  console.log([`Sandbox gateway: ${url}`, ...kept, ...admin, ...accounts.flatMap(describeAccount)].join('\n'));
}
