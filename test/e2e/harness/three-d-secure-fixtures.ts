// Playwright fixtures for the suites that flip the sandbox's test-only 3-D Secure switches
// (POST /__sandbox/three_d_secure): their own demo servers with the admin API on, the switches
// reset around every test, and the gateway also answering the merchant page for a fake Stripe.js.
import type { DemoServers } from '../../../demo/servers.ts';
import { demoServersFixture, expect, test as base } from '../fixtures.ts';

export interface ThreeDSecureSwitches {
  set(switches: { next_action?: 'redirect_to_url' | 'use_stripe_sdk'; frameable?: boolean; silent?: boolean; challenge_origin?: string | null }): Promise<void>;
}

async function post(demo: DemoServers, body: unknown): Promise<void> {
  const response = await fetch(`${demo.gatewayUrl}/__sandbox/three_d_secure`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${demo.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

export const test = base.extend<{ threeDSecure: ThreeDSecureSwitches }, { demo: DemoServers }>({
  demo: demoServersFixture({ gatewayFaultInjection: true, gatewayAllowsMerchantPage: true }),
  threeDSecure: async ({ demo }, use) => {
    await post(demo, { reset: true });
    await use({ set: (switches) => post(demo, switches) });
    await post(demo, { reset: true });
  },
});

export { expect };
