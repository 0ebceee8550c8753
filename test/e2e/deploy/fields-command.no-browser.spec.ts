// `payframe fields` and `payframe fields export` as an operator runs them, no browser: the built
// command as a real process, its configuration errors (exit 2, the bad setting named, no stack),
// its headers, health check, access log and shutdown, HTTPS, and an export byte-identical to what it serves.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { BUILT_CLI, REPO_ROOT, comparedHeaders, rawGet, runToExit, sitePaths, startFieldsOrigin, tempFolder, writeJson } from './deploy-harness.ts';

const KEY = 'pk_test_deploy_shop';
const OTHER_KEY = 'pk_live_second_account';
const SHOP = 'https://shop.example';

function config(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    port: 0,
    host: '127.0.0.1',
    gateway: { url: 'https://api.example-psp.com', challengeOrigins: ['https://hooks.example-psp.com'] },
    accounts: [
      { publishableKeys: [KEY], allowedOrigins: [SHOP, 'https://www.shop.example'] },
      { publishableKeys: [OTHER_KEY], allowedOrigins: ['https://other.example'] },
    ],
    ...overrides,
  };
}

test.describe('configuration errors: exit status 2 and a message naming the setting, never a stack', () => {
  const accounts = (allowedOrigins: unknown, publishableKeys: unknown = [KEY]) => [{ publishableKeys, allowedOrigins }];
  const cases: { name: string; file: string | Record<string, unknown> | undefined; says: string[] }[] = [
    { name: 'a missing file', file: undefined, says: ['cannot read the configuration file (no such file)'] },
    { name: 'a file that is not JSON', file: '{ "port": 4243,', says: ['not valid JSON'] },
    { name: 'JSON that is not an object', file: '[]', says: ['(the whole file): expected a JSON object'] },
    { name: 'a misspelt top-level setting', file: { ...config(), prot: 4243 }, says: ['prot: unknown setting: expected one of port, host, publicOrigin, tls, gateway, accounts'] },
    { name: 'a misspelt account setting', file: config({ accounts: [{ publishableKeys: [KEY], allowedOrigin: [SHOP] }] }), says: ['accounts[0].allowedOrigin: unknown setting', 'accounts[0].allowedOrigins: expected a list of merchant origins'] },
    { name: 'a host name where an origin belongs', file: config({ accounts: accounts([SHOP, 'shop.example']) }), says: ['accounts[0].allowedOrigins[1]: "shop.example": expected an origin'] },
    { name: 'an origin with a path', file: config({ accounts: accounts(['https://shop.example/checkout']) }), says: ['accounts[0].allowedOrigins[0]: "https://shop.example/checkout": expected an origin: scheme, host and optional port, no path'] },
    { name: 'a wildcard origin', file: config({ accounts: accounts(['*']) }), says: ['accounts[0].allowedOrigins[0]: "*": expected an origin'] },
    { name: 'no allowed origin', file: config({ accounts: accounts([]) }), says: ['accounts[0].allowedOrigins: expected at least one merchant origin'] },
    { name: 'a secret key among the publishable keys', file: config({ accounts: accounts([SHOP], ['sk_live_oops']) }), says: ['accounts[0].publishableKeys[0]: "sk_live_oops" is not a publishable key'] },
    {
      name: 'one key in two accounts',
      file: config({ accounts: [{ publishableKeys: [KEY], allowedOrigins: [SHOP] }, { publishableKeys: ['pk_live_x', KEY], allowedOrigins: ['https://evil.example'] }] }),
      says: [`accounts[1].publishableKeys[1]: "${KEY}" is already listed in accounts[0]`],
    },
    { name: 'no gateway', file: { ...config(), gateway: undefined }, says: ['gateway: expected { "url": "https://..." }'] },
    { name: 'a gateway URL that is not http(s)', file: config({ gateway: { url: 'ftp://api.example-psp.com' } }), says: ['gateway.url: "ftp://api.example-psp.com" is not a gateway URL'] },
    { name: 'a challenge origin with a trailing slash', file: config({ gateway: { url: 'https://api.example-psp.com', challengeOrigins: ['https://hooks.example-psp.com/'] } }), says: ['gateway.challengeOrigins[0]: "https://hooks.example-psp.com/": expected an origin'] },
    { name: 'a port out of range', file: config({ port: 70000 }), says: ['port: expected a port number from 0 to 65535'] },
    { name: 'a port as a string', file: config({ port: '4243' }), says: ['port: expected a port number from 0 to 65535'] },
    { name: 'TLS files that do not exist', file: config({ tls: { certFile: 'cert.pem', keyFile: 'missing-key.pem' } }), says: ['tls.certFile: cannot read'] },
  ];

  for (const { name, file, says } of cases) {
    test(name, async () => {
      const folder = tempFolder('config');
      const path = join(folder, 'payframe.fields.json');
      if (typeof file === 'string') writeFileSync(path, file);
      else if (file) writeJson(folder, 'payframe.fields.json', file);
      const run = await runToExit(process.execPath, [BUILT_CLI, 'fields', '--config', path]);
      expect(run.status, run.stderr).toBe(2);
      for (const line of says) expect(run.stderr).toContain(line);
      expect(run.stderr).toContain(path);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(run.stdout).toBe('');
    });
  }

  test('the export refuses a bad file the same way', async () => {
    const folder = tempFolder('config');
    const path = writeJson(folder, 'payframe.fields.json', config({ accounts: accounts([SHOP, 'http://localhost:3000/']) }));
    const run = await runToExit(process.execPath, [BUILT_CLI, 'fields', 'export', '--config', path, '--out', join(folder, 'site')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('accounts[0].allowedOrigins[1]: "http://localhost:3000/": expected an origin');
    expect(readdirSync(folder)).toEqual(['payframe.fields.json']);
  });

  test('--help, no command and an unknown command print the usage with exit status 2', async () => {
    for (const args of [['--help'], [], ['feilds'], ['fields'], ['fields', '--config']]) {
      const run = await runToExit(process.execPath, [BUILT_CLI, ...args]);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('payframe fields --config payframe.fields.json');
      expect(run.stderr).toContain('payframe sandbox');
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
    expect((await runToExit(process.execPath, [BUILT_CLI, 'feilds'])).stderr).toContain('unknown command "feilds"');
  });
});

test.describe('payframe fields, serving', () => {
  test('serves each key its own frame pages and refuses other keys; cache headers; /healthz', async () => {
    const folder = tempFolder('serve');
    const { origin, process: fields } = await startFieldsOrigin(process.execPath, [BUILT_CLI, 'fields', '--config', writeJson(folder, 'payframe.fields.json', config())]);
    try {
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const controller = await fetch(`${origin}/frames/${KEY}/controller.html`);
      expect(controller.status).toBe(200);
      const csp = controller.headers.get('content-security-policy')!;
      expect(csp).toContain(`frame-ancestors ${SHOP} https://www.shop.example;`);
      expect(csp).toContain('connect-src https://api.example-psp.com;');
      const html = await controller.text();
      expect(html).toContain(`<meta name="payframe-key" content="${KEY}" />`);
      expect(html).toContain('<meta name="payframe-gateway" content="https://api.example-psp.com" />');
      expect(html).toContain('<meta name="payframe-challenge-origins" content="https://hooks.example-psp.com" />');
      expect(controller.headers.get('cache-control')).toBe('no-cache');

      // The drop-in's card frame tokenizes and confirms by itself: the same gateway in its CSP and page as the controller's.
      const card = await fetch(`${origin}/frames/${KEY}/card.html`);
      expect(card.status).toBe(200);
      const cardCsp = card.headers.get('content-security-policy')!;
      expect(cardCsp).toContain(`frame-ancestors ${SHOP} https://www.shop.example;`);
      expect(cardCsp).toContain('connect-src https://api.example-psp.com;');
      const cardHtml = await card.text();
      expect(cardHtml).toContain(`<meta name="payframe-key" content="${KEY}" />`);
      expect(cardHtml).toContain('<meta name="payframe-gateway" content="https://api.example-psp.com" />');
      expect(cardHtml).toContain('<meta name="payframe-challenge-origins" content="https://hooks.example-psp.com" />');
      expect(card.headers.get('cache-control')).toBe('no-cache');

      const otherAccount = await fetch(`${origin}/frames/${OTHER_KEY}/number.html`);
      expect(otherAccount.headers.get('content-security-policy')).toContain("frame-ancestors https://other.example; require-trusted-types-for 'script'");
      expect(await otherAccount.text()).toContain('content="https://other.example"');

      for (const path of [`/frames/pk_test_unknown/number.html`, `/frames/${KEY}/secret.html`, '/fields/number.html', '/number.html', '/node/cli.js', '/integrity.json']) {
        expect((await fetch(`${origin}${path}`)).status, path).toBe(404);
      }

      const scriptTag = await fetch(`${origin}/payframe.js`);
      expect(scriptTag.headers.get('cache-control')).toBe('no-cache');
      expect(scriptTag.headers.get('access-control-allow-origin')).toBe('*');
      // A revalidation of an unchanged file is a 304 without the body.
      const revalidated = await fetch(`${origin}/payframe.js`, { headers: { 'If-None-Match': scriptTag.headers.get('etag')! } });
      expect(revalidated.status).toBe(304);
      expect((await fetch(`${origin}/payframe-next-action.js`)).headers.get('cache-control')).toBe('no-cache');
      const splitFields = await fetch(`${origin}/payframe-fields.js`);
      expect(splitFields.headers.get('cache-control')).toBe('no-cache');
      expect(splitFields.headers.get('access-control-allow-origin')).toBe('*');
      expect(splitFields.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      const asset = /src="\.\.\/\.\.\/(assets\/[^"]+\.js)"/.exec(html)![1];
      const assetResponse = await fetch(`${origin}/${asset}`);
      expect(assetResponse.status).toBe(200);
      expect(assetResponse.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(assetResponse.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

      const health = await fetch(`${origin}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect((await fetch(`${origin}/payframe.js`, { method: 'POST' })).status).toBe(405);
    } finally {
      expect(await fields.stop()).toBe(0);
    }
  });

  test('sends text compressed as the browser accepts it: brotli first, else gzip, else as it is; each encoding with its own ETag', async () => {
    const folder = tempFolder('compress');
    const { origin, process: fields } = await startFieldsOrigin(process.execPath, [BUILT_CLI, 'fields', '--config', writeJson(folder, 'payframe.fields.json', config())]);
    try {
      const cardPage = `${origin}/frames/${KEY}/card.html`;
      const plain = await rawGet(cardPage, { 'Accept-Encoding': 'identity' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('Accept-Encoding');
      expect(plain.body.toString()).toContain(`<meta name="payframe-key" content="${KEY}" />`);
      expect(Number(plain.headers['content-length'])).toBe(plain.body.length);

      // What Chromium sends: gzip comes first in its header, brotli is ours when it likes both as much.
      const chromium = await rawGet(cardPage, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
      expect(chromium.headers['content-encoding']).toBe('br');
      expect(Number(chromium.headers['content-length'])).toBe(chromium.body.length);
      expect(brotliDecompressSync(chromium.body).equals(plain.body)).toBe(true);
      // The page is 35 KB as built; its gzip budget is 13.3 KB, and brotli does better.
      expect(chromium.body.length).toBeLessThan(13_300);
      expect(chromium.headers['content-security-policy']).toBe(plain.headers['content-security-policy']);

      const gzipOnly = await rawGet(cardPage, { 'Accept-Encoding': 'gzip' });
      expect(gzipOnly.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzipOnly.body).equals(plain.body)).toBe(true);
      expect((await rawGet(cardPage, { 'Accept-Encoding': 'br;q=0, gzip;q=0.5' })).headers['content-encoding']).toBe('gzip');
      expect((await rawGet(cardPage, { 'Accept-Encoding': '*;q=0, identity' })).headers['content-encoding']).toBeUndefined();

      // Three representations, three ETags: a cached brotli page is never revalidated as the plain one.
      const etags = [plain, chromium, gzipOnly].map((answer) => answer.headers.etag);
      expect(new Set(etags).size).toBe(3);
      const revalidated = await rawGet(cardPage, { 'Accept-Encoding': 'gzip, deflate, br, zstd', 'If-None-Match': chromium.headers.etag! });
      expect(revalidated.status).toBe(304);
      expect(revalidated.body.length).toBe(0);
      expect((await rawGet(cardPage, { 'Accept-Encoding': 'gzip', 'If-None-Match': chromium.headers.etag! })).status).toBe(200);

      // The script tag's file too; a HEAD announces the length its GET sends.
      const scriptTag = await rawGet(`${origin}/payframe.js`, { 'Accept-Encoding': 'br' });
      expect(scriptTag.headers['content-encoding']).toBe('br');
      const head = await rawGet(`${origin}/payframe.js`, { 'Accept-Encoding': 'br' }, 'HEAD');
      expect(head.headers['content-length']).toBe(scriptTag.headers['content-length']);
      expect(head.body.length).toBe(0);
      // Not worth compressing: a body under 1 KB, and the health check.
      expect((await rawGet(`${origin}/healthz`, { 'Accept-Encoding': 'br' })).headers['content-encoding']).toBeUndefined();
    } finally {
      expect(await fields.stop()).toBe(0);
    }
  });

  test('logs one JSON line per request without the query or fragment', async () => {
    const folder = tempFolder('log');
    const { origin, process: fields } = await startFieldsOrigin(process.execPath, [BUILT_CLI, 'fields', '--config', writeJson(folder, 'payframe.fields.json', config())]);
    try {
      await fetch(`${origin}/frames/${KEY}/number.html?session=s3cr3t-query-value`);
      await fetch(`${origin}/payframe.js?v=another-query-value`);
      await fetch(`${origin}/nothing-here`);
      // A raw request whose target carries a fragment, which a browser never sends but a client may.
      await new Promise<void>((resolveRequest, reject) => {
        const socket = net.connect(Number(new URL(origin).port), '127.0.0.1', () => socket.end('GET /healthz?x=1#fragment-value HTTP/1.1\r\nHost: fields\r\nConnection: close\r\n\r\n'));
        socket.on('data', () => {});
        socket.once('end', resolveRequest);
        socket.once('error', reject);
      });
      await expect.poll(() => fields.stdout().trim().split('\n').length).toBe(5);
    } finally {
      expect(await fields.stop()).toBe(0);
    }
    const [banner, ...lines] = fields.stdout().trim().split('\n');
    expect(banner).toBe(`Fields origin: ${origin}`);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'GET', path: `/frames/${KEY}/number.html`, status: 200 },
      { method: 'GET', path: '/payframe.js', status: 200 },
      { method: 'GET', path: '/nothing-here', status: 404 },
      { method: 'GET', path: '/healthz', status: 200 },
    ]);
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['bytes', 'durationMs', 'method', 'path', 'status', 'time']);
      expect(entry.bytes).toBeGreaterThan(0);
    }
    expect(fields.stdout()).not.toMatch(/s3cr3t|another-query|fragment-value|\?|#/);
  });

  test('SIGTERM: a request already in flight is answered, then the process exits 0', async () => {
    const folder = tempFolder('term');
    const { origin, process: fields } = await startFieldsOrigin(process.execPath, [BUILT_CLI, 'fields', '--config', writeJson(folder, 'payframe.fields.json', config())]);
    // A request whose head is still arriving when the signal comes.
    const socket = net.connect(Number(new URL(origin).port), '127.0.0.1');
    await new Promise((resolveConnect) => socket.once('connect', resolveConnect));
    socket.write('GET /payframe.js HTTP/1.1\r\nHost: fields\r\n');
    await expect.poll(() => fields.stdout()).toContain('Fields origin');
    const answer = new Promise<string>((resolveAnswer) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.once('close', () => resolveAnswer(text));
    });
    const stopping = fields.stop('SIGTERM');
    await expect.poll(() => fields.stderr()).toContain('SIGTERM');
    // The server no longer accepts connections...
    await expect(fetch(`${origin}/healthz`)).rejects.toThrow();
    // ...but the request it had already started on is answered in full.
    socket.write('\r\n');
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toMatch(/\r\nConnection: close\r\n/i);
    expect(await stopping).toBe(0);
  });

  test('serves HTTPS with the configured certificate, with Strict-Transport-Security', async () => {
    const folder = tempFolder('tls');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    // Relative paths are read from the configuration file's folder.
    const path = writeJson(folder, 'payframe.fields.json', config({ tls: { certFile: 'cert.pem', keyFile: 'key.pem' } }));
    const { origin, process: fields } = await startFieldsOrigin(process.execPath, [BUILT_CLI, 'fields', '--config', path], { cwd: tempFolder('elsewhere') });
    try {
      expect(origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const response = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; peerCertificate: string }>((resolveResponse, reject) => {
        const request = https.get(`${origin}/frames/${KEY}/number.html`, { ca: readFileSync(join(folder, 'cert.pem')), checkServerIdentity: () => undefined }, (res) => {
          res.resume();
          resolveResponse({ status: res.statusCode!, headers: res.headers, peerCertificate: String((res.socket as import('node:tls').TLSSocket).getPeerCertificate().subject.CN ?? '') });
        });
        request.once('error', reject);
      });
      expect(response.status).toBe(200);
      expect(response.peerCertificate).toBe('127.0.0.1');
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000');
    } finally {
      expect(await fields.stop()).toBe(0);
    }
  });
});

test('payframe fields export writes every page byte-identical to what payframe fields serves, and _headers with the same headers', async () => {
  const folder = tempFolder('export');
  const path = writeJson(folder, 'payframe.fields.json', config({ publicOrigin: 'https://fields.example-psp.com' }));
  const site = join(folder, 'site');
  const exported = await runToExit(process.execPath, [BUILT_CLI, 'fields', 'export', '--config', path, '--out', site]);
  expect(exported.status, exported.stderr).toBe(0);
  // Per key: the split fields' number, expiry, CVC, name, country, postal code and controller pages, and the drop-in's card frame.
  expect(exported.stdout).toContain('16 frame pages');

  const files = sitePaths(site);
  expect(files).toContain(`/frames/${KEY}/controller.html`);
  expect(files).toContain(`/frames/${KEY}/card.html`);
  expect(files).toContain(`/frames/${OTHER_KEY}/cvc.html`);
  expect(files).toContain(`/frames/${OTHER_KEY}/card.html`);
  expect(files).toContain(`/frames/${KEY}/country.html`);
  expect(files).toEqual(expect.arrayContaining(['/payframe.js', '/payframe-next-action.js', '/payframe-fields.js', '/_headers', '/nginx-payframe.conf']));
  expect(files.filter((file) => file.startsWith('/frames/'))).toHaveLength(16);

  // The _headers file, parsed as Netlify and Cloudflare Pages read it: a path line, then indented headers.
  const rules = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const line of readFileSync(join(site, '_headers'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) rules.set(line, (current = {}));
    else {
      const [name, ...value] = line.trim().split(': ');
      current![name!] = value.join(': ');
    }
  }

  // Every rule matches its own paths only: Cloudflare would merge the headers of overlapping rules.
  expect([...rules.keys()].filter((rule) => rule.includes('*'))).toEqual(['/assets/*']);
  expect([...rules.keys()].filter((rule) => rule.startsWith('/assets/') && rule !== '/assets/*')).toEqual([]);

  const { origin, listening, process: fields } = await startFieldsOrigin(process.execPath, [BUILT_CLI, 'fields', '--config', path]);
  expect(origin).toBe('https://fields.example-psp.com');
  try {
    for (const file of files.filter((name) => name !== '/_headers' && name !== '/nginx-payframe.conf')) {
      const response = await fetch(`${listening}${file}`);
      expect(response.status, file).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(site, file))), `${file} is byte-identical`).toBe(true);
      const served = comparedHeaders(response.headers);
      expect(served['strict-transport-security']).toBe('max-age=31536000');
      // An exact rule, or the one wildcard rule of the hashed assets.
      const rule = rules.get(file) ?? (file.startsWith('/assets/') ? rules.get('/assets/*') : undefined);
      expect(comparedHeaders(rule ?? {}), `_headers for ${file}`).toEqual(served);
      if (file.endsWith('.html')) expect(comparedHeaders(rules.get(file.slice(0, -5)) ?? {}), `_headers for ${file} without .html`).toEqual(served);
    }
  } finally {
    await fields.stop();
  }

  // A second export into the same folder replaces the first: a key taken out of the file loses its pages.
  writeJson(folder, 'payframe.fields.json', config({ accounts: [{ publishableKeys: [KEY], allowedOrigins: [SHOP] }] }));
  expect((await runToExit(process.execPath, [BUILT_CLI, 'fields', 'export', '--config', path, '--out', site])).status).toBe(0);
  expect(readdirSync(join(site, 'frames'))).toEqual([KEY]);
  // An unrelated non-empty folder is left alone.
  const run = await runToExit(process.execPath, [BUILT_CLI, 'fields', 'export', '--config', path, '--out', folder]);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('is not empty and holds no earlier export');
});

test("the README's Deploy examples hold: its configuration files are accepted, and its error message is the command's", async () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const deploy = readme.slice(readme.indexOf('\n## Deploy\n'), readme.indexOf('\n## ', readme.indexOf('\n## Deploy\n') + 1));
  const examples = [...deploy.matchAll(/```json\n([\s\S]*?)```/g)].map(([, json]) => json!).filter((json) => json.includes('"publishableKeys"'));
  expect(examples.length).toBeGreaterThanOrEqual(2);
  for (const example of examples) {
    const folder = tempFolder('readme');
    writeFileSync(join(folder, 'payframe.fields.json'), example);
    const run = await runToExit(process.execPath, [BUILT_CLI, 'fields', 'export', '--config', join(folder, 'payframe.fields.json'), '--out', join(folder, 'site')]);
    expect(run.status, `${example}\n${run.stderr}`).toBe(0);
  }

  // The README shows the message for "shop.example" given as the second allowed origin.
  const shown = /^ {2}accounts\[0\]\.allowedOrigins\[1\]: .*$/m.exec(deploy)![0];
  const folder = tempFolder('readme');
  const path = writeJson(folder, 'payframe.fields.json', config({ accounts: [{ publishableKeys: [KEY], allowedOrigins: [SHOP, 'shop.example'] }] }));
  const run = await runToExit(process.execPath, [BUILT_CLI, 'fields', '--config', path]);
  expect(run.status).toBe(2);
  expect(run.stderr.split('\n')).toContain(shown);
});
