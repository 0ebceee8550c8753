// Playwright Test configuration for the end-to-end suites (real Chromium, real origins).
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../browser/launch-options.mjs';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../../test-results/e2e.json' }]],
  outputDir: '../../test-results/e2e-artifacts',
  // Screenshot references (screenshots.spec.ts), committed: one folder per spec, no platform
  // suffix, since the suite runs on one Chromium build with the fonts of this image.
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFileName}/{arg}{ext}',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    trace: 'off',
  },
});
