// Starts the demo's three origins: the merchant page on localhost, the fields origin and the
// sandbox gateway on 127.0.0.1 (a different site from localhost, so Chromium isolates the
// frames as it will in production). Used by `npm run demo` and by the tests.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createFieldsServer, type FieldsAccount, type FieldsServerConfig } from '../src/node/fields/fields-server.ts';
import { startBackend, type RunningBackend } from './backend/backend-server.ts';
import type { DatabaseConfig } from './backend/db/database.ts';
import type { Logger } from './backend/observability/logger.ts';
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY, startSandboxGateway, WebhookDispatcher, type GatewayAccount, type SandboxAccount } from '../src/node/sandbox/sandbox-gateway.ts';
import type { WebhookDispatcherOptions } from '../src/node/sandbox/webhook-dispatcher.ts';
import { newWebhookSecret } from '../src/node/sandbox/webhook-signature.ts';
import { close, listen } from '../src/node/http/listen.ts';
import { createMerchantServer, type MerchantServerConfig } from './merchant/merchant-server.ts';

export interface DemoServerOptions {
  /** 0 picks a free port. */
  merchantPort: number;
  fieldsPort: number;
  gatewayPort: number;
  publishableKey?: string;
  secretKey?: string;
  /** Where the build is; defaults to $PAYFRAME_DIST_DIR or ./dist. */
  distDir?: string;
  extraPageDirs?: Record<string, string>;
  /** More origins allowed to embed the demo key's frames besides the demo merchant. */
  extraFrameAncestors?: string[];
  /** More accounts the fields origin serves (tests: an attacker's account with its own key and site). */
  extraFieldsAccounts?: FieldsAccount[];
  /**
   * More accounts the sandbox gateway holds besides the demo's (tests: an attacker's account,
   * whose keys must not reach the merchant's objects). Their browser origins default to the fields origin.
   */
  extraGatewayAccounts?: SandboxAccount[];
  /**
   * What the demo page starts in without `?mode=`: `npm run demo` opens on paying a PaymentIntent;
   * the default stays token mode, the page most test suites drive (the widget's foundation).
   */
  demoDefaultMode?: 'intent' | 'token';
  /** Test only: the sandbox gateway's fault-injection admin API (/__sandbox/). */
  gatewayFaultInjection?: boolean;
  /**
   * Test only: the gateway also answers the merchant page, as Stripe's API answers Stripe.js on any
   * page. For a fake Stripe.js standing in for the real one; the fields origin is allowed anyway.
   */
  gatewayAllowsMerchantPage?: boolean;
  /** A folder where the sandbox gateway keeps its objects across restarts (`npm run demo`: .data/sandbox); in memory without. */
  gatewayDataDir?: string;
  /** The gateway's webhook retries (tests make them fast). */
  webhookDelivery?: WebhookDispatcherOptions;
  /** Starts the reference merchant backend (shop, operations, webhooks) on a port of its own. */
  backend?: { port: number; database: DatabaseConfig; opsUser?: string; opsPassword: string; logger?: Logger };
}

export interface DemoServers {
  merchantUrl: string;
  fieldsOrigin: string;
  gatewayUrl: string;
  publishableKey: string;
  secretKey: string;
  webhooks: WebhookDispatcher;
  /** The sandbox gateway's accounts: the demo's first, then extraGatewayAccounts, each with its stores. */
  gatewayAccounts: readonly GatewayAccount[];
  /** The fields origin's configuration, read on every request: tests may add an account's site to it. */
  fieldsConfig: FieldsServerConfig;
  backend?: RunningBackend;
  close(): Promise<void>;
}

/** The demo page pins payframe.js with the build's SRI hash, as a merchant should (dist/integrity.json). */
function payframeIntegrityOf(distDir: string): { payframeIntegrity?: string } {
  const file = join(distDir, 'integrity.json');
  if (!existsSync(file)) return {};
  const integrity = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)['payframe.js'];
  return typeof integrity === 'string' ? { payframeIntegrity: integrity } : {};
}

export async function startDemoServers(options: DemoServerOptions): Promise<DemoServers> {
  const publishableKey = options.publishableKey ?? DEFAULT_PUBLISHABLE_KEY;
  const secretKey = options.secretKey ?? DEFAULT_SECRET_KEY;
  const distDir = resolve(options.distDir ?? process.env.PAYFRAME_DIST_DIR ?? 'dist');

  // Each server needs the others' addresses, known only once all listen: configs are filled in after.
  const fieldsConfig: FieldsServerConfig = { gatewayUrl: '', accounts: [] };
  const merchantConfig: MerchantServerConfig = {
    fieldsOrigin: '',
    gatewayUrl: '',
    publishableKey,
    secretKey,
    defaultMode: options.demoDefaultMode ?? 'token',
    ...(options.extraPageDirs ? { extraPageDirs: options.extraPageDirs } : {}),
    ...payframeIntegrityOf(distDir),
  };
  const fieldsServer = createFieldsServer(distDir, fieldsConfig);
  const merchantServer = createMerchantServer(merchantConfig);

  const fieldsPort = await listen(fieldsServer, options.fieldsPort, '127.0.0.1');
  const merchantPort = await listen(merchantServer, options.merchantPort, '127.0.0.1');
  const fieldsOrigin = `http://127.0.0.1:${fieldsPort}`;
  const merchantUrl = `http://localhost:${merchantPort}`;
  const webhooks = new WebhookDispatcher(options.webhookDelivery);
  const gateway = await startSandboxGateway({
    port: options.gatewayPort,
    publishableKey,
    secretKey,
    allowedOrigins: [fieldsOrigin, ...(options.gatewayAllowsMerchantPage ? [merchantUrl] : [])],
    faultInjection: options.gatewayFaultInjection ?? false,
    webhooks,
    accounts: (options.extraGatewayAccounts ?? []).map((account) => ({ ...account, allowedOrigins: account.allowedOrigins ?? [fieldsOrigin] })),
    ...(options.gatewayDataDir === undefined ? {} : { dataDir: options.gatewayDataDir }),
  });
  let backend: RunningBackend | undefined;
  if (options.backend) {
    const webhookSecret = newWebhookSecret();
    const { port, database, opsUser = 'ops', opsPassword, logger } = options.backend;
    backend = await startBackend({ port, database, gatewayUrl: gateway.url, secretKey, publishableKey, webhookSecret, fieldsOrigin, opsUser, opsPassword, ...(logger ? { logger } : {}) });
    // The gateway calls the backend on its loopback address, as a server would.
    webhooks.addEndpoint(`http://127.0.0.1:${backend.port}/webhooks/stripe`, webhookSecret);
  }
  // Events the gateway's last run had not delivered (a backend that was down) go to the endpoint it has now.
  gateway.resumeDeliveries();

  fieldsConfig.gatewayUrl = gateway.url;
  // The sandbox serves its 3-D Secure challenge pages itself.
  fieldsConfig.challengeOrigins = [new URL(gateway.url).origin];
  // Only the merchant page may embed the frames; its 127.0.0.1 twin is a handy "other origin" for tests.
  fieldsConfig.accounts = [
    { publishableKeys: [publishableKey], allowedOrigins: [merchantUrl, ...(backend ? [backend.url] : []), ...(options.extraFrameAncestors ?? [])] },
    ...(options.extraFieldsAccounts ?? []),
  ];
  merchantConfig.fieldsOrigin = fieldsOrigin;
  merchantConfig.gatewayUrl = gateway.url;

  return {
    merchantUrl,
    fieldsOrigin,
    gatewayUrl: gateway.url,
    publishableKey,
    secretKey,
    webhooks,
    gatewayAccounts: gateway.accounts,
    fieldsConfig,
    ...(backend ? { backend } : {}),
    async close() {
      await Promise.all([close(fieldsServer), close(merchantServer), gateway.close()]);
      await backend?.close();
    },
  };
}
