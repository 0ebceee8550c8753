// Playwright Test configuration for the cross-browser suite: every *.cross.ts spec runs once per
// engine (a project each), each engine driven by its own adapter in engines/. Runs in Node.
import { defineConfig } from '@playwright/test';
import type { EngineOptions } from './engine-fixtures.ts';
import { ENGINES } from './engines/engine-page.ts';

export default defineConfig<EngineOptions>({
  testDir: '.',
  testMatch: '**/*.cross.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: '../../test-results/engines.json' }]],
  outputDir: '../../test-results/engines-artifacts',
  projects: ENGINES.map((engineName) => ({ name: engineName, use: { engineName } })),
});
