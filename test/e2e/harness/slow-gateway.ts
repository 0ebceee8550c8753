// The usual fixtures, with the sandbox gateway's fault injection switched on, so a test can hold
// a tokenization open (the checkout's busy state) for as long as it needs to look at it.
import { join } from 'node:path';
import { startDemoServers, type DemoServers } from '../../../demo/servers.ts';
import { expect, test as base } from '../fixtures.ts';

export const test = base.extend<{ slowNextTokenization: (delayMs: number) => Promise<void> }, { demo: DemoServers }>({
  demo: [
    async ({}, use) => {
      const servers = await startDemoServers({
        merchantPort: 0,
        fieldsPort: 0,
        gatewayPort: 0,
        extraPageDirs: { 'test-pages': join(import.meta.dirname, '..', 'pages') },
        gatewayFaultInjection: true,
      });
      await use(servers);
      await servers.close();
    },
    { scope: 'worker' },
  ],
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
