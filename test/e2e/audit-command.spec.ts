// `payframe audit <url>`: the built command, run as a real process against the demo's real
// origins. The demo page passes; each test page with one flaw is reported by name with exit 1;
// a script changed since a baseline is named; bad input exits 2 with a typed reason.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startDemoServers, type DemoServers } from '../../demo/servers.ts';

const CLI = resolve(process.env.PAYFRAME_DIST_DIR ?? 'dist', 'node', 'cli.js');
const INTEGRITY = (JSON.parse(readFileSync(resolve(process.env.PAYFRAME_DIST_DIR ?? 'dist', 'integrity.json'), 'utf8')) as Record<string, string>)['payframe.js']!;

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `payframe audit …` to its end (it opens its own Chromium: seconds, not milliseconds). */
function audit(...args: string[]): Promise<Run> {
  return auditWith(process.env, ...args);
}

function auditWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [CLI, 'audit', ...args], { env, timeout: 90_000 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolvePromise({ status, stdout, stderr });
    });
  });
}

interface AuditJson {
  scripts: { name: string; payframe: boolean; integrity: string | null; sha384: string; kind: string }[];
  frames: { origin: string; payframe: boolean }[];
  headers: { csp: { allowsUnsafeInline: boolean; framesAllowFieldsOrigin: boolean }; https: boolean };
  payframeIntegrity: { expected: string | null; actual: string | null; matches: boolean; expectedFrom: string };
  leakProbe: { typed: boolean; fieldsReceivedCard: boolean; leaks: { where: string; form: string }[] };
  findings: { code: string; subject: string; message: string }[];
  baseline: { differences: { change: string; kind: string; name: string }[] } | null;
}

/** No Visa-like number, bare or grouped, anywhere in what the command printed. */
function expectNoCardNumber(run: Run): void {
  const printed = `${run.stdout}\n${run.stderr}`;
  expect(printed).not.toMatch(/4\d{15}/);
  expect(printed).not.toMatch(/4\d{3}[ -]\d{4}[ -]\d{4}[ -]\d{4}/);
}

// The demo's servers, plus a folder of pages this spec rewrites (the baseline test's changing script).
const test = base.extend<object, { servers: DemoServers & { changingDir: string } }>({
  servers: [
    async ({}, use) => {
      const changingDir = mkdtempSync(join(tmpdir(), 'payframe-audit-pages-'));
      const servers = await startDemoServers({
        merchantPort: 0,
        fieldsPort: 0,
        gatewayPort: 0,
        extraPageDirs: { 'test-pages': join(import.meta.dirname, 'pages'), 'audit-changing': changingDir },
      });
      await use({ ...servers, changingDir });
      await servers.close();
    },
    { scope: 'worker' },
  ],
});
test.describe.configure({ timeout: 120_000 });

test('the demo page passes: Payframe recognised, payframe.js pinned with the published hash, the probe typed and saw no leak (exit 0)', async ({ servers }) => {
  const run = await audit(`${servers.merchantUrl}/`, '--json');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout) as AuditJson;
  expect(report.findings).toEqual([]);
  const payframeJs = report.scripts.find((script) => script.name === `${servers.fieldsOrigin}/payframe.js`);
  expect(payframeJs).toMatchObject({ payframe: true, integrity: INTEGRITY, sha384: INTEGRITY });
  expect(report.scripts.find((script) => script.name === `${servers.merchantUrl}/demo.js`)).toMatchObject({ payframe: false, kind: 'loaded' });
  expect(report.frames.some((frame) => frame.origin === servers.fieldsOrigin && frame.payframe)).toBe(true);
  expect(report.payframeIntegrity).toMatchObject({ matches: true, expectedFrom: 'package' });
  expect(report.headers.csp).toMatchObject({ allowsUnsafeInline: false, framesAllowFieldsOrigin: true });
  expect(report.leakProbe).toEqual({ typed: true, fieldsReceivedCard: true, leaks: [] });
  expectNoCardNumber(run);
});

test('the table says the same: scripts, frames, headers and "No findings."', async ({ servers }) => {
  const run = await audit(`${servers.merchantUrl}/`);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`${servers.fieldsOrigin}/payframe.js`);
  expect(run.stdout).toMatch(/frame-src allows the fields origin\s+yes/);
  expect(run.stdout).toMatch(/No findings\.\n$/);
});

test('split fields: the probe types into each field frame; payframe.js without integrity is named (exit 1)', async ({ servers }) => {
  const run = await audit(`${servers.merchantUrl}/test-pages/split-fields.html`, '--json');
  expect(run.status).toBe(1);
  const report = JSON.parse(run.stdout) as AuditJson;
  expect(report.leakProbe).toEqual({ typed: true, fieldsReceivedCard: true, leaks: [] });
  expect(report.findings.map((finding) => [finding.code, finding.subject])).toEqual([['payframe-integrity-missing', 'payframe.js']]);
});

test('--integrity: payframe.js pinned with another hash than the one given is named (exit 1)', async ({ servers }) => {
  const other = `sha384-${'A'.repeat(64)}`;
  const run = await audit(`${servers.merchantUrl}/`, '--json', '--integrity', other);
  expect(run.status).toBe(1);
  const report = JSON.parse(run.stdout) as AuditJson;
  expect(report.payframeIntegrity).toMatchObject({ expected: other, expectedFrom: 'flag', actual: INTEGRITY, matches: false });
  expect(report.findings.map((finding) => finding.code)).toEqual(['payframe-integrity-mismatch']);
});

const FLAWED_PAGES = [
  { page: 'audit-inline-script.html', code: 'inline-script-unlisted', subject: 'inline #1' },
  { page: 'audit-no-sri.html', code: 'script-without-sri', subject: 'FIELDS/payframe-next-action.js' },
  { page: 'audit-unsafe-inline.html', code: 'csp-unsafe-inline', subject: 'Content-Security-Policy' },
  { page: 'audit-runtime-script.html', code: 'runtime-script', subject: 'runtime #1' },
] as const;

for (const { page, code, subject } of FLAWED_PAGES) {
  test(`${page} is reported as ${code} on ${subject}, its only finding (exit 1)`, async ({ servers }) => {
    const run = await audit(`${servers.merchantUrl}/test-pages/${page}`, '--json');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as AuditJson;
    expect(report.findings.map((finding) => [finding.code, finding.subject])).toEqual([[code, subject.replace('FIELDS', servers.fieldsOrigin)]]);
    expect(report.leakProbe.leaks).toEqual([]);
  });
}

test('a keylogger laid over the card fields is caught: where the number went and in what form, never the number (exit 1)', async ({ servers }) => {
  const collect = `${servers.merchantUrl}/test-pages/collect`;
  const run = await audit(`${servers.merchantUrl}/test-pages/audit-keylogger.html`, '--json');
  expect(run.status).toBe(1);
  const report = JSON.parse(run.stdout) as AuditJson;
  expect(report.leakProbe.fieldsReceivedCard).toBe(false);
  expect(report.leakProbe.leaks).toEqual(
    expect.arrayContaining([
      { where: `a fetch to ${collect}`, form: 'digits with separators' },
      { where: `a POST request to ${collect}`, form: 'digits with separators' },
      { where: 'key presses heard by the page', form: 'digits' },
      { where: 'an input event heard by the page', form: 'digits' },
    ]),
  );
  expect(report.findings.filter((finding) => finding.code === 'card-leak').length).toBe(report.leakProbe.leaks.length);
  expect(report.findings.map((finding) => finding.code)).toContain('fields-bypassed');
  expectNoCardNumber(run);

  // The table too.
  const table = await audit(`${servers.merchantUrl}/test-pages/audit-keylogger.html`);
  expect(table.status).toBe(1);
  expect(table.stdout).toContain(`[card-leak] the test card reached the page's realm: the number (digits with separators) in a fetch to ${collect}`);
  expectNoCardNumber(table);
});

test('a page reached through a redirect from another origin is probed where it lands: the keylogger is still caught', async ({ servers }) => {
  const target = `${servers.merchantUrl}/test-pages/audit-keylogger.html`;
  const redirector = createServer((_request, response) => response.writeHead(302, { Location: target }).end());
  await new Promise<void>((done) => redirector.listen(0, '127.0.0.1', done));
  try {
    const run = await audit(`http://127.0.0.1:${(redirector.address() as AddressInfo).port}/checkout`, '--json');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as AuditJson & { finalUrl: string };
    expect(report.finalUrl).toBe(target);
    expect(report.leakProbe.leaks).toContainEqual({ where: 'key presses heard by the page', form: 'digits' });
    expectNoCardNumber(run);
  } finally {
    await new Promise((done) => redirector.close(done));
  }
});

test('--write-baseline records a run; --baseline names the script that changed since (exit 1), and passes when nothing did', async ({ servers }) => {
  const page = `${servers.merchantUrl}/audit-changing/checkout.html`;
  const widget = `${servers.merchantUrl}/audit-changing/widget.js`;
  writeFileSync(
    join(servers.changingDir, 'checkout.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout</title>
<script src="{{FIELDS_ORIGIN}}/payframe.js" integrity="{{PAYFRAME_INTEGRITY}}" crossorigin="anonymous" defer></script>
<script src="/audit-changing/widget.js" defer></script></head>
<body><payframe-checkout publishable-key="{{PUBLISHABLE_KEY}}" amount="1999" currency="eur"></payframe-checkout></body></html>`,
  );
  writeFileSync(join(servers.changingDir, 'widget.js'), 'window.widgetVersion = 1;\n');
  const baseline = join(servers.changingDir, 'audit.json');

  const first = await audit(page, '--write-baseline', baseline);
  expect(first.status).toBe(0);
  const recorded = JSON.parse(readFileSync(baseline, 'utf8')) as AuditJson;
  expect(recorded.scripts.map((script) => script.name)).toContain(widget);

  const unchanged = await audit(page, '--baseline', baseline, '--json');
  expect(unchanged.status).toBe(0);
  expect((JSON.parse(unchanged.stdout) as AuditJson).baseline?.differences).toEqual([]);

  writeFileSync(join(servers.changingDir, 'widget.js'), 'window.widgetVersion = 2; /* and something else now */\n');
  const changed = await audit(page, '--baseline', baseline, '--json');
  expect(changed.status).toBe(1);
  const report = JSON.parse(changed.stdout) as AuditJson;
  expect(report.baseline?.differences).toEqual([{ change: 'changed', kind: 'script', name: widget }]);
  expect(report.findings.map((finding) => [finding.code, finding.subject])).toEqual([['baseline-script-changed', widget]]);
});

test('bad input exits 2 with a typed reason and no stack: a bad URL, a page with no Payframe, a baseline that is not one, an unreachable page, no browser', async ({ servers }) => {
  const badUrl = await audit('shop.example/checkout');
  expect(badUrl.status).toBe(2);
  expect(badUrl.stderr).toBe('payframe audit: "shop.example/checkout" is not a URL (give the payment page\'s full address, e.g. https://shop.example/checkout) [bad-url]\n');

  const noPayframe = await audit(`${servers.merchantUrl}/test-pages/blank.html`, '--timeout', '3', '--json');
  expect(noPayframe.status).toBe(2);
  expect(JSON.parse(noPayframe.stdout)).toMatchObject({ error: { code: 'no-payframe' } });
  expect(noPayframe.stderr).toMatch(/^payframe audit: .*blank\.html shows no ready Payframe card fields.*\[no-payframe\]\n$/);

  const notBaseline = join(servers.changingDir, 'not-a-baseline.json');
  writeFileSync(notBaseline, '{"hello": 1}');
  const badBaseline = await audit(`${servers.merchantUrl}/`, '--baseline', notBaseline);
  expect(badBaseline.status).toBe(2);
  expect(badBaseline.stderr).toContain('[bad-baseline]');

  const unreachable = await audit('http://127.0.0.1:9/checkout', '--timeout', '5');
  expect(unreachable.status).toBe(2);
  expect(unreachable.stderr).toMatch(/\[page-unreachable\]\n$/);
  // A "Chromium" that is not a browser at all.
  const notABrowser = join(servers.changingDir, 'chromium');
  writeFileSync(notABrowser, 'not a browser');
  const noBrowser = await auditWith({ ...process.env, PAYFRAME_CHROMIUM: notABrowser }, `${servers.merchantUrl}/`);
  expect(noBrowser.status).toBe(2);
  expect(noBrowser.stderr).toMatch(new RegExp(`^payframe audit: Chromium at ${notABrowser} did not start: .*\\[no-browser\\]\n$`));
  for (const run of [badUrl, noPayframe, badBaseline, unreachable, noBrowser]) expect(run.stderr).not.toMatch(/\n\s+at /);
});
