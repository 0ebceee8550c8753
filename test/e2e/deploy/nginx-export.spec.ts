// The static export (`payframe fields export`) served by a real nginx: Debian's, unprivileged on a
// free port, with the exported server block included as it is. Every path carries the headers
// `payframe fields` sends, and a checkout on a merchant page pays a card in Chromium through it.
// The gateway is the sandbox, started in this process.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { startSandboxGateway, type RunningSandboxGateway } from '../../../src/node/sandbox/sandbox-gateway.ts';
import { freePort } from '../harness/free-port.ts';
import {
  BUILT_CLI,
  comparedHeaders,
  createPaymentIntent,
  httpsGet,
  merchantPageHtml,
  NGINX,
  payWithTestCard,
  rawGet,
  retrievePaymentIntent,
  runToExit,
  serveMerchantPage,
  sitePaths,
  startFieldsOrigin,
  startNginx,
  tempFolder,
  writeJson,
  type MerchantSite,
  type RunningNginx,
} from './deploy-harness.ts';

const PUBLISHABLE_KEY = 'pk_test_nginx_shop';
const SECRET_KEY = 'sk_test_nginx_shop';

// Like the PostgreSQL suites: CI installs nginx (.ci/run) and must run this; elsewhere a machine without it skips, saying why.
test.skip(!existsSync(NGINX) && !process.env.CI, `nginx is not installed at ${NGINX}: apt-get install nginx (as .ci/run does) to run these tests`);

let gateway: RunningSandboxGateway;
let merchant: MerchantSite;
let nginx: RunningNginx;
let folder: string;
let site: string;
let fieldsConfig: Record<string, unknown>;

test.beforeAll(async () => {
  const port = await freePort();
  const fieldsOrigin = `http://127.0.0.1:${port}`;
  gateway = await startSandboxGateway({ port: 0, publishableKey: PUBLISHABLE_KEY, secretKey: SECRET_KEY, allowedOrigins: [fieldsOrigin] });
  // The merchant's server makes an intent for each visit and hands the page its client secret.
  merchant = await serveMerchantPage(async () => merchantPageHtml({ fieldsOrigin, publishableKey: PUBLISHABLE_KEY, clientSecret: (await createPaymentIntent(gateway.url, SECRET_KEY)).client_secret }));
  folder = tempFolder('nginx-export');
  fieldsConfig = { port, host: '127.0.0.1', gateway: { url: gateway.url }, accounts: [{ publishableKeys: [PUBLISHABLE_KEY], allowedOrigins: [merchant.url] }] };
  site = join(folder, 'site');
  const exported = await runToExit(process.execPath, [BUILT_CLI, 'fields', 'export', '--config', writeJson(folder, 'payframe.fields.json', fieldsConfig), '--out', site]);
  expect(exported.status, exported.stderr).toBe(0);
  nginx = await startNginx(join(site, 'nginx-payframe.conf'), port);
});

test.afterAll(async () => {
  await nginx?.stop();
  await merchant?.close();
  await gateway?.close();
});

test('a checkout whose frames and payframe.js come from nginx pays a card', async ({ page }) => {
  const fromNginx: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(nginx.origin) && response.headers()['server']?.startsWith('nginx')) fromNginx.push(new URL(response.url()).pathname);
  });
  await page.goto(merchant.url);
  const intentId = await payWithTestCard(page);

  const intent = await retrievePaymentIntent(gateway.url, SECRET_KEY, intentId);
  expect(intent).toMatchObject({ status: 'succeeded', amount: 1999 });
  expect(intent.payment_method).toMatch(/^pm_/);
  // The drop-in is one card frame (no field frames or controller for it).
  expect(fromNginx).toEqual(expect.arrayContaining(['/payframe.js', `/frames/${PUBLISHABLE_KEY}/card.html`]));
});

test('nginx sends every exported file byte for byte, with the headers payframe fields sends for it', async () => {
  // The same configuration served by the command, on a port of its own.
  const { origin: served, process: fields } = await startFieldsOrigin(process.execPath, [BUILT_CLI, 'fields', '--config', writeJson(folder, 'served.json', { ...fieldsConfig, port: 0 })]);
  try {
    const files = sitePaths(site).filter((path) => path !== '/_headers' && path !== '/nginx-payframe.conf');
    // number, expiry, cvc, name, country, postal and controller for split fields; card for the drop-in.
    expect(files.filter((path) => path.startsWith('/frames/'))).toHaveLength(8);
    for (const path of files) {
      const [fromNginx, fromCommand] = await Promise.all([fetch(`${nginx.origin}${path}`), fetch(`${served}${path}`)]);
      expect(fromNginx.status, path).toBe(200);
      expect(comparedHeaders(fromNginx.headers, ['content-type']), path).toEqual(comparedHeaders(fromCommand.headers, ['content-type']));
      expect(Buffer.from(await fromNginx.arrayBuffer()).equals(Buffer.from(await fromCommand.arrayBuffer())), `${path} is byte-identical`).toBe(true);
    }
    const controller = await fetch(`${nginx.origin}/frames/${PUBLISHABLE_KEY}/controller.html`);
    expect(controller.headers.get('content-security-policy')).toContain(`frame-ancestors ${merchant.url};`);
    expect(controller.headers.get('content-security-policy')).toContain(`connect-src ${gateway.url};`);
    const card = await fetch(`${nginx.origin}/frames/${PUBLISHABLE_KEY}/card.html`);
    expect(card.status).toBe(200);
    expect(card.headers.get('content-security-policy')).toContain(`frame-ancestors ${merchant.url};`);
    expect(card.headers.get('content-security-policy')).toContain(`connect-src ${gateway.url};`);
    // Compressed for a browser that accepts it, as the command sends it (gzip: nginx has brotli only as a module).
    for (const path of [`/frames/${PUBLISHABLE_KEY}/card.html`, '/payframe.js']) {
      const [compressed, plain] = await Promise.all([rawGet(`${nginx.origin}${path}`, { 'Accept-Encoding': 'gzip' }), rawGet(`${nginx.origin}${path}`, {})]);
      expect(compressed.headers['content-encoding'], path).toBe('gzip');
      expect(compressed.headers.vary, path).toBe('Accept-Encoding');
      expect(gunzipSync(compressed.body).equals(plain.body), `${path} unzips to the page`).toBe(true);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
    }
  } finally {
    await fields.stop();
  }
  // Nothing else: not another key, not the export's own files, not other methods.
  for (const path of ['/frames/pk_test_someone_else/number.html', '/_headers', '/nginx-payframe.conf', '/', '/assets/']) {
    const response = await fetch(`${nginx.origin}${path}`);
    expect(response.status, path).toBe(404);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  }
  expect((await fetch(`${nginx.origin}/payframe.js`, { method: 'POST' })).status).toBe(405);
  expect(await (await fetch(`${nginx.origin}/healthz`)).json()).toEqual({ status: 'ok' });
});

test('an export with tls is served as HTTPS by nginx with the configured certificate', async () => {
  const tlsFolder = tempFolder('nginx-tls');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(tlsFolder, 'key.pem'), '-out', join(tlsFolder, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  const port = await freePort();
  const config = writeJson(tlsFolder, 'payframe.fields.json', { ...fieldsConfig, port, tls: { certFile: 'cert.pem', keyFile: 'key.pem' } });
  const tlsSite = join(tlsFolder, 'site');
  const exported = await runToExit(process.execPath, [BUILT_CLI, 'fields', 'export', '--config', config, '--out', tlsSite]);
  expect(exported.status, exported.stderr).toBe(0);
  const tlsNginx = await startNginx(join(tlsSite, 'nginx-payframe.conf'), port, { https: true, ca: readFileSync(join(tlsFolder, 'cert.pem')) });
  try {
    const answer = await httpsGet(`${tlsNginx.origin}/frames/${PUBLISHABLE_KEY}/number.html`, readFileSync(join(tlsFolder, 'cert.pem')));
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(answer.headers['content-security-policy']).toContain(`frame-ancestors ${merchant.url};`);
  } finally {
    await tlsNginx.stop();
  }
});
