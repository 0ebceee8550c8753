// The package as a merchant gets it: `npm pack` (which builds first) from a copy of this
// repository, `npm install <tarball>` into an empty folder (dependencies from the registry), then
// `npx --no-install payframe sandbox` and `npx --no-install payframe fields` started from there as
// real processes. A plain merchant page that loads payframe.js from that fields origin, and
// imports nothing from this repository, pays a test card in Chromium; a site not listed for the
// key gets no inputs. One pack and one install serve every test of this file. And a shop's own
// Playwright suite (test/merchant-suite/, the README's "Testing your checkout" samples) in an empty
// folder of its own, with only the tarball and @playwright/test installed, pays through
// payframe/testing against the installed `payframe sandbox` and `payframe fields`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../harness/free-port.ts';
import { chromiumLaunchOptions } from '../../browser/launch-options.mjs';
import {
  REPO_ROOT,
  createPaymentIntent,
  expectFramesRefused,
  merchantPageHtml,
  payWithTestCard,
  retrievePaymentIntent,
  runToExit,
  serveMerchantPage,
  startFieldsOrigin,
  startProcess,
  tempFolder,
  writeJson,
  type MerchantSite,
  type RunningProcess,
} from './deploy-harness.ts';

const PUBLISHABLE_KEY = 'pk_test_packed_shop';
const SECRET_KEY = 'sk_test_packed_shop';

test.describe.configure({ mode: 'serial' });

/** npm as a merchant runs it: none of this test run's npm_* settings or build folder leak in. */
function merchantEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_') && name !== 'PAYFRAME_DIST_DIR' && name !== 'INIT_CWD'));
}

/** This repository's sources as `npm pack` sees them (tracked and new files), in a folder of their own, so packing builds there and not into the shared dist/. */
function stageRepository(): string {
  const stage = tempFolder('pack-stage');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0');
  for (const file of files) {
    // The tests and benchmarks are not part of the package or its build. A node_modules that git
    // lists (a symlink, as in a worktree, is not matched by "node_modules/") is linked below, not copied.
    if (!file || /^(test|bench|\.ci)\//.test(file) || file === 'node_modules' || !existsSync(join(REPO_ROOT, file))) continue;
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(stage, file));
  }
  // The build's tools, not what the package ships: npm pack does not include node_modules.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(stage, 'node_modules'));
  return stage;
}

let installFolder: string;
let tarballPath: string;
/** The copy, the tarball and the install: removed after the file's tests. */
const scratch: string[] = [];
let sandbox: RunningProcess;
let fields: RunningProcess;
let fieldsOrigin: string;
let gatewayUrl: string;
let shop: MerchantSite;
let otherSite: MerchantSite;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const stage = stageRepository();
  const tarballs = tempFolder('tarball');
  scratch.push(stage, tarballs);
  const packed = await runToExit('npm', ['pack', '--pack-destination', tarballs], { cwd: stage, env: merchantEnv() });
  expect(packed.status, `${packed.stdout}\n${packed.stderr}`).toBe(0);
  const [tarball] = readdirSync(tarballs).filter((name) => name.endsWith('.tgz'));
  expect(tarball).toMatch(/^payframe-\d+\.\d+\.\d+\.tgz$/);

  tarballPath = join(tarballs, tarball!);
  installFolder = tempFolder('merchant');
  scratch.push(installFolder);
  writeFileSync(join(installFolder, 'package.json'), JSON.stringify({ name: 'a-shop', version: '1.0.0', private: true }));
  const installed = await runToExit('npm', ['install', '--no-audit', '--no-fund', join(tarballs, tarball!)], { cwd: installFolder, env: merchantEnv() });
  expect(installed.status, `${installed.stdout}\n${installed.stderr}`).toBe(0);

  // The shop's server makes an intent per visit; the other site is one the key does not list.
  shop = await serveMerchantPage(async () => merchantPageHtml({ fieldsOrigin, publishableKey: PUBLISHABLE_KEY, clientSecret: (await createPaymentIntent(gatewayUrl, SECRET_KEY)).client_secret }));
  otherSite = await serveMerchantPage(() => merchantPageHtml({ fieldsOrigin, publishableKey: PUBLISHABLE_KEY }));

  // The gateway must know the fields origin before it starts, and the fields origin the gateway: pick the fields port first.
  const fieldsPort = await freePort();
  const accounts = writeJson(installFolder, 'accounts.json', { accounts: [{ publishableKey: PUBLISHABLE_KEY, secretKey: SECRET_KEY, allowedOrigins: [`http://127.0.0.1:${fieldsPort}`] }] });
  sandbox = startProcess('npx', ['--no-install', 'payframe', 'sandbox', '--port', '0', '--config', accounts], { cwd: installFolder, env: merchantEnv() });
  gatewayUrl = (await sandbox.waitForOutput(/^Sandbox gateway: (\S+)$/m))[1]!;
  expect(sandbox.stdout()).toContain(`publishable key: ${PUBLISHABLE_KEY}`);

  const config = writeJson(installFolder, 'payframe.fields.json', { port: fieldsPort, host: '127.0.0.1', gateway: { url: gatewayUrl }, accounts: [{ publishableKeys: [PUBLISHABLE_KEY], allowedOrigins: [shop.url] }] });
  const started = await startFieldsOrigin('npx', ['--no-install', 'payframe', 'fields', '--config', config], { cwd: installFolder, env: merchantEnv() });
  fields = started.process;
  fieldsOrigin = started.origin;
  expect(fieldsOrigin).toBe(`http://127.0.0.1:${fieldsPort}`);
});

test.afterAll(async () => {
  await fields?.stop();
  await sandbox?.stop();
  await shop?.close();
  await otherSite?.close();
  for (const folder of scratch) rmSync(folder, { recursive: true, force: true });
});

test('the installed package is the built one: the command, the frames and the SRI hash, no sources', async () => {
  const installed = join(installFolder, 'node_modules', 'payframe');
  expect(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).bin).toEqual({ payframe: './dist/node/cli.js' });
  expect(existsSync(join(installed, 'src'))).toBe(false);
  expect(existsSync(join(installed, 'dist', 'fields', 'controller.html'))).toBe(true);
  // The files payframe.js loads when a page needs them, beside it.
  for (const file of ['payframe-next-action.js', 'payframe-fields.js']) expect(existsSync(join(installed, 'dist', file)), file).toBe(true);
  expect(existsSync(join(installed, 'dist', 'fields', 'card.html'))).toBe(true);
  const integrity = JSON.parse(readFileSync(join(installed, 'dist', 'integrity.json'), 'utf8'))['payframe.js'];
  expect(integrity).toMatch(/^sha384-/);
  // A merchant's build can read the hash through the package's exports.
  const imported = await runToExit(process.execPath, ['--input-type=module', '-e', "import integrity from 'payframe/integrity.json' with { type: 'json' }; console.log(integrity['payframe.js']);"], { cwd: installFolder, env: merchantEnv() });
  expect(imported.stdout.trim()).toBe(integrity);
  // What the fields origin serves is the installed build.
  const served = Buffer.from(await (await fetch(`${fieldsOrigin}/payframe.js`)).arrayBuffer());
  expect(served.equals(readFileSync(join(installed, 'dist', 'payframe.js')))).toBe(true);
});

test('a plain merchant page pays a test card through the installed fields origin and sandbox', async ({ page }) => {
  await page.goto(shop.url);
  const intentId = await payWithTestCard(page);
  const intent = await retrievePaymentIntent(gatewayUrl, SECRET_KEY, intentId);
  expect(intent).toMatchObject({ status: 'succeeded', amount: 1999 });
  expect(intent.payment_method).toMatch(/^pm_/);
  // The command's access log has the drop-in's one card frame, which tokenized and confirmed with
  // the installed sandbox: the gateway is its CSP's connect-src.
  expect(fields.stdout()).toContain(`"path":"/frames/${PUBLISHABLE_KEY}/card.html","status":200`);
  const card = await fetch(`${fieldsOrigin}/frames/${PUBLISHABLE_KEY}/card.html`);
  expect(card.headers.get('content-security-policy')).toContain(`frame-ancestors ${shop.url};`);
  expect(card.headers.get('content-security-policy')).toContain(`connect-src ${gatewayUrl};`);
});

test('a merchant page on a site the key does not list gets no inputs', async ({ page }) => {
  await page.goto(otherSite.url);
  await expectFramesRefused(page, fieldsOrigin);
});

test('a bad configuration file stops the installed command with exit status 2 and names the setting', async () => {
  const config = writeJson(installFolder, 'bad.fields.json', { gateway: { url: gatewayUrl }, accounts: [{ publishableKeys: [PUBLISHABLE_KEY], allowedOrigins: [`${shop.url}/`] }] });
  const run = await runToExit('npx', ['--no-install', 'payframe', 'fields', '--config', config], { cwd: installFolder, env: merchantEnv() });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(`accounts[0].allowedOrigins[0]: "${shop.url}/": expected an origin`);
  expect(run.stderr).not.toMatch(/^\s+at /m);
});

/** The shop's own test suite: its files as the README shows them. */
const MERCHANT_SUITE = join(REPO_ROOT, 'test', 'merchant-suite');
const MERCHANT_SUITE_FILES = ['checkout.test.ts', 'playwright.config.ts', 'shop.mjs', 'tsconfig.json'];

test("a shop's own Playwright suite pays through payframe/testing: drop-in, decline, 3-D Secure, split fields, with the package's types", async () => {
  test.setTimeout(420_000);
  const shopFolder = tempFolder('shop-tests');
  scratch.push(shopFolder);
  writeFileSync(join(shopFolder, 'package.json'), JSON.stringify({ name: 'a-shop-tests', version: '1.0.0', private: true, type: 'module' }));
  for (const file of MERCHANT_SUITE_FILES) copyFileSync(join(MERCHANT_SUITE, file), join(shopFolder, file));
  // The same Playwright as ours, from npm's cache where it is there.
  const playwrightVersion = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', '@playwright', 'test', 'package.json'), 'utf8')).version as string;
  const installed = await runToExit('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarballPath, `@playwright/test@${playwrightVersion}`], { cwd: shopFolder, env: merchantEnv() });
  expect(installed.status, `${installed.stdout}\n${installed.stderr}`).toBe(0);

  // The suite type-checks against the installed package's declarations (our compiler; the shop installed none).
  const typed = await runToExit(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: shopFolder, env: merchantEnv() });
  expect(typed.status, `${typed.stdout}\n${typed.stderr}`).toBe(0);

  const [sandboxPort, fieldsPort, shopPort] = [await freePort(), await freePort(), await freePort()];
  const run = await runToExit('npx', ['--no-install', 'playwright', 'test', '--reporter=list'], {
    cwd: shopFolder,
    env: { ...merchantEnv(), SANDBOX_PORT: String(sandboxPort), FIELDS_PORT: String(fieldsPort), SHOP_PORT: String(shopPort), PAYFRAME_CHROMIUM: chromiumLaunchOptions().executablePath },
  });
  const printed = `${run.stdout}\n${run.stderr}`;
  expect(run.status, printed).toBe(0);
  expect(printed).toMatch(/\b5 passed\b/);
  expect(printed).not.toMatch(/\b(failed|flaky|skipped)\b/);
  // Nothing the suite printed holds a card number it typed.
  for (const card of ['4242424242424242', '4000000000009995', '4000002760003184', '5555555555554444']) expect(printed).not.toContain(card);
});

test("the README's testing samples are the files the shop's suite runs", () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Testing your checkout (payframe/testing)'));
  expect(section.length).toBeLessThan(readme.length);
  const blocks = [...section.slice(0, section.indexOf('\n## ', 1) > 0 ? section.indexOf('\n## ', 1) : undefined).matchAll(/```(?:ts|js)\n([\s\S]*?)```/g)].map((match) => match[1]);
  for (const file of ['checkout.test.ts', 'playwright.config.ts', 'shop.mjs']) expect(blocks, file).toContain(readFileSync(join(MERCHANT_SUITE, file), 'utf8'));
});

test('payframe audit needs playwright-core, an optional peer npm does not install: exit 2 without it, an audit of the shop with it', async () => {
  test.setTimeout(180_000);
  expect(existsSync(join(installFolder, 'node_modules', 'playwright-core'))).toBe(false);
  const without = await runToExit('npx', ['--no-install', 'payframe', 'audit', shop.url], { cwd: installFolder, env: merchantEnv() });
  expect(without.status).toBe(2);
  expect(without.stderr).toContain('[no-browser-driver]');

  // The same version this repository tests with, from the registry like the package's own dependencies.
  const version = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'playwright-core', 'package.json'), 'utf8')).version as string;
  const added = await runToExit('npm', ['install', '--no-audit', '--no-fund', `playwright-core@${version}`], { cwd: installFolder, env: merchantEnv() });
  expect(added.status, added.stderr).toBe(0);
  const run = await runToExit('npx', ['--no-install', 'payframe', 'audit', shop.url, '--json'], { cwd: installFolder, env: { ...merchantEnv(), PAYFRAME_CHROMIUM: process.env.PAYFRAME_CHROMIUM ?? '' } });
  // The plain shop page sends no CSP and loads payframe.js unpinned: exactly those two findings.
  expect(run.status, run.stderr).toBe(1);
  const report = JSON.parse(run.stdout) as { fieldsOrigin: string; scripts: { name: string; payframe: boolean }[]; findings: { code: string }[]; leakProbe: unknown; payframeIntegrity: { expectedFrom: string } };
  expect(report.fieldsOrigin).toBe(fieldsOrigin);
  expect(report.scripts).toEqual([expect.objectContaining({ name: `${fieldsOrigin}/payframe.js`, payframe: true })]);
  expect(report.findings.map((finding) => finding.code)).toEqual(['csp-missing', 'payframe-integrity-missing']);
  expect(report.payframeIntegrity.expectedFrom).toBe('package');
  expect(report.leakProbe).toEqual({ typed: true, fieldsReceivedCard: true, leaks: [] });
});
