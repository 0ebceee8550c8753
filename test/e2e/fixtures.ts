// Playwright fixtures: the demo's three real origins (merchant page on localhost, fields origin
// and sandbox gateway on 127.0.0.1), started once per worker, and a log of gateway requests.
import { test as base, type Request } from '@playwright/test';
import { join } from 'node:path';
import { startDemoServers, type DemoServerOptions, type DemoServers } from '../../demo/servers.ts';
import { CardFieldsHarness } from './harness/card-fields-harness.ts';

export interface GatewayTraffic {
  /** POSTs that reached for the gateway's payment_methods endpoint, from any frame. */
  tokenizations(): Request[];
}

/**
 * The worker's demo servers on free ports, with the test pages under /test-pages/; suites that
 * need the gateway's test-only switches pass them in `gateway`.
 */
export function demoServersFixture(
  gateway: Pick<DemoServerOptions, 'gatewayFaultInjection' | 'gatewayAllowsMerchantPage'> = {},
): [(args: object, use: (servers: DemoServers) => Promise<void>) => Promise<void>, { scope: 'worker' }] {
  return [
    async ({}, use: (servers: DemoServers) => Promise<void>) => {
      const servers = await startDemoServers({ merchantPort: 0, fieldsPort: 0, gatewayPort: 0, extraPageDirs: { 'test-pages': join(import.meta.dirname, 'pages') }, ...gateway });
      await use(servers);
      await servers.close();
    },
    { scope: 'worker' },
  ];
}

export const test = base.extend<{ checkout: CardFieldsHarness; split: CardFieldsHarness; gatewayTraffic: GatewayTraffic }, { demo: DemoServers }>({
  demo: demoServersFixture(),
  gatewayTraffic: async ({ page, demo }, use) => {
    const requests: Request[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${demo.gatewayUrl}/v1/payment_methods`) && request.method() === 'POST') requests.push(request);
    });
    await use({ tokenizations: () => [...requests] });
  },
  checkout: async ({ page }, use) => {
    await use(new CardFieldsHarness(page, 'payframe-checkout'));
  },
  split: async ({ page }, use) => {
    await use(new CardFieldsHarness(page, 'payframe-card-group'));
  },
});

export { expect } from '@playwright/test';
