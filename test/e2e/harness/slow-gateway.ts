// The usual fixtures, with the sandbox gateway's fault injection switched on, so a test can hold
// a tokenization open (the checkout's busy state) for as long as it needs to look at it.
import type { DemoServers } from '../../../demo/servers.ts';
import { demoServersFixture, expect, test as base } from '../fixtures.ts';

export const test = base.extend<{ slowNextTokenization: (delayMs: number) => Promise<void> }, { demo: DemoServers }>({
  demo: demoServersFixture({ gatewayFaultInjection: true }),
  slowNextTokenization: async ({ demo }, use) => {
    const arm = async (fault: string, delayMs?: number) => {
      const response = await fetch(`${demo.gatewayUrl}/__sandbox/faults`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${demo.secretKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ fault, times: 1, ...(delayMs === undefined ? {} : { delay_ms: delayMs }) }),
      });
      expect(response.status).toBe(200);
    };
    await use((delayMs) => arm('slow', delayMs));
    await arm('none');
  },
});

export { expect };
