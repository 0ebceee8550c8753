// The shop's Playwright setup: `payframe sandbox` (the test gateway), `payframe fields` (the card
// fields' origin, allowed for the shop) and the shop itself, each started for the test run.
import { writeFileSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4244);
const FIELDS_PORT = Number(process.env.FIELDS_PORT ?? 4243);
const SHOP_PORT = Number(process.env.SHOP_PORT ?? 3000);
const sandboxUrl = `http://127.0.0.1:${SANDBOX_PORT}`;
const fieldsOrigin = `http://127.0.0.1:${FIELDS_PORT}`;
// Another site than the fields origin, as in production.
const shopUrl = `http://localhost:${SHOP_PORT}`;

writeFileSync(
  'payframe.fields.json',
  JSON.stringify({ port: FIELDS_PORT, host: '127.0.0.1', gateway: { url: sandboxUrl }, accounts: [{ publishableKeys: ['pk_test_payframe_sandbox'], allowedOrigins: [shopUrl] }] }),
);

export default defineConfig({
  testDir: '.',
  workers: 1,
  use: {
    baseURL: shopUrl,
    // Playwright's own Chromium, or another one (PAYFRAME_CHROMIUM=/usr/bin/chromium).
    launchOptions: { executablePath: process.env.PAYFRAME_CHROMIUM, args: ['--no-sandbox'] },
  },
  webServer: [
    { command: `npx payframe sandbox --port ${SANDBOX_PORT} --allow-origin ${fieldsOrigin}`, url: `${sandboxUrl}/v1/payment_intents` },
    { command: 'npx payframe fields --config payframe.fields.json', url: `${fieldsOrigin}/payframe.js` },
    { command: 'node shop.mjs', url: `${shopUrl}/split`, env: { SHOP_PORT: String(SHOP_PORT), FIELDS_ORIGIN: fieldsOrigin, SANDBOX_URL: sandboxUrl } },
  ],
});
