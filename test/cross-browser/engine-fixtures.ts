// Playwright Test fixtures for the cross-browser suite: the project names the engine, and each
// worker launches that engine once (through its own driver) beside one set of demo servers.
// Runs in Node.
import { test as base } from '@playwright/test';
import type { DemoServers } from '../../demo/servers.ts';
import { demoServersFixture } from '../e2e/fixtures.ts';
import type { EngineName, EnginePage } from './engines/engine-page.ts';
import { launchEngine } from './engines/launch-engine.ts';

export interface EngineOptions {
  engineName: EngineName;
}

export const test = base.extend<object, EngineOptions & { engine: EnginePage; demo: DemoServers }>({
  engineName: ['chromium', { option: true, scope: 'worker' }],
  demo: demoServersFixture(),
  engine: [
    async ({ engineName }, use) => {
      const engine = await launchEngine(engineName);
      try {
        await use(engine);
      } finally {
        await engine.close();
      }
    },
    // A cold WebKit (Xvfb, driver, MiniBrowser) takes a few seconds on two shared cores.
    { scope: 'worker', timeout: 60_000 },
  ],
});

export { expect } from '@playwright/test';
