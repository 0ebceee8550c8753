// web-test-runner: unit and component tests in real Chromium. The demo servers (fields origin
// and sandbox gateway) start with the runner, so component tests mount real cross-origin frames.
// Run through scripts/test.mjs, which loads tsx so this file can import the TypeScript servers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumLaunchOptions } from '../browser/launch-options.mjs';

const commonjs = fromRollup(rollupCommonjs);

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const port = await freePort();

/** Starts the demo's fields origin and gateway for the component tests; tells the tests where. */
function demoServersPlugin() {
  let servers;
  return {
    name: 'payframe-demo-servers',
    async serverStart() {
      const { startDemoServers } = await import('../../demo/servers.ts');
      servers = await startDemoServers({ merchantPort: 0, fieldsPort: 0, gatewayPort: 0, extraFrameAncestors: [`http://localhost:${port}`] });
    },
    async serverStop() {
      await servers?.close();
    },
    serve(context) {
      if (context.path === '/payframe-test-config.json') {
        return { body: JSON.stringify({ fieldsOrigin: servers.fieldsOrigin, gatewayUrl: servers.gatewayUrl, publishableKey: servers.publishableKey }), type: 'json' };
      }
      return undefined;
    },
  };
}

/** Writes the pass/fail counts for scripts/test.mjs to add up. */
function countsReporter() {
  const count = (results, totals) => {
    for (const test of results?.tests ?? []) {
      if (test.skipped) totals.skipped++;
      else if (test.passed) totals.passed++;
      else totals.failed++;
    }
    for (const suite of results?.suites ?? []) count(suite, totals);
    return totals;
  };
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that failed to load has no test results but must not pass silently.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) totals.failed++;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/unit.json', JSON.stringify(totals));
    },
  };
}

export default {
  rootDir: '../..',
  files: ['test/unit/**/*.test.ts'],
  port,
  hostname: 'localhost',
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 120_000,
  plugins: [
    commonjs({ include: ['**/node_modules/card-validator/**', '**/node_modules/credit-card-type/**'] }),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    demoServersPlugin(),
  ],
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: chromiumLaunchOptions() })],
  testFramework: { config: { timeout: 20_000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countsReporter()],
};
