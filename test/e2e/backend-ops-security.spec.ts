// The back office as an attacker on the demo shop's page tries it (same site as the operations
// page, another port), in real Chromium: a popup or a form cannot run a reconciliation or log the
// operator out, a cookie the shop writes changes nothing, sessions live in the database (expire,
// are revoked, are shared by several backend instances), logins are throttled per user and per
// address and logged without the password, and a DNS-rebinding page (a foreign Host header) reaches
// neither the backend nor the sandbox gateway.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startBackend, type RunningBackend } from '../../demo/backend/backend-server.ts';
import type { DatabaseConfig } from '../../demo/backend/db/database.ts';
import { createSandboxGateway } from '../../src/node/sandbox/sandbox-gateway.ts';
import { listen, close } from '../../src/node/http/listen.ts';
import { BackendStack, DATABASE_TARGETS, databaseFor, expect, OPS_PASSWORD, skipWithoutPostgres, startStack, test } from './backend/backend-stack.ts';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with headers fetch will not let us set (Host), as a rebinding page's browser or curl sends them. */
function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

const errorCode = (body: string) => (JSON.parse(body) as { error?: { code?: string } }).error?.code;

function login(url: string, user: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/ops/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ user, password }) });
}

/** The session cookie (name=value) and CSRF token a successful login hands out. */
async function loggedIn(url: string): Promise<{ cookie: string; csrfToken: string }> {
  const response = await login(url, 'ops', OPS_PASSWORD);
  expect(response.status).toBe(200);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';', 1)[0]!, csrfToken };
}

async function reconciliationRuns(stack: BackendStack): Promise<number> {
  return (await stack.backend.metrics.reconciliationRuns.get()).values[0]?.value ?? 0;
}

/** The operator, logged in on the operations page of `page`'s browser context. */
async function operatorLogsIn(page: Page, stack: BackendStack): Promise<void> {
  await page.goto(`${stack.url}/ops`);
  await page.getByLabel('User').fill('ops');
  await page.getByLabel('Password').fill(OPS_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('#console')).toBeVisible();
}

/** What the operations page's own script gets from GET /api/ops/session right now. */
function sessionStatus(opsPage: Page): Promise<number> {
  return opsPage.evaluate(async () => (await fetch('/api/ops/session')).status);
}

/** A page of the demo shop: same site as the back office (localhost), another port. */
async function shopPage(page: Page, stack: BackendStack): Promise<Page> {
  const shop = await page.context().newPage();
  // Any document of the shop's origin runs the attacker's script; its 404 page needs no build.
  await shop.goto(`${stack.demo.merchantUrl}/attacker`);
  return shop;
}

test.describe('the back office against the shop page (PGlite, Chromium)', () => {
  let stack: BackendStack;
  const since = new Date(Date.now() - 60_000).toISOString();

  test.beforeAll(async () => {
    stack = await startStack('pglite', undefined, { name: 'ops-security' });
  });
  test.afterAll(async () => {
    await stack?.close();
  });

  test('a popup from the shop page to GET /api/ops/reconciliation runs nothing: 403 cross_origin', async ({ page }) => {
    await operatorLogsIn(page, stack);
    const runsBefore = await reconciliationRuns(stack);
    const shop = await shopPage(page, stack);
    const answered = page.context().waitForEvent('response', (response) => response.url().includes('/api/ops/reconciliation'));
    const popupOpened = shop.waitForEvent('popup');
    await shop.evaluate((url) => void window.open(url), `${stack.url}/api/ops/reconciliation?since=${encodeURIComponent(since)}`);
    const popup = await popupOpened;
    const response = await answered;
    expect(response.status()).toBe(403);
    expect(errorCode(await response.text())).toBe('cross_origin');
    await popup.close();
    expect(await reconciliationRuns(stack)).toBe(runsBefore);
  });

  test('reconciliation runs only from a POST: a GET from the operations page itself is 405', async ({ page }) => {
    await operatorLogsIn(page, stack);
    const runsBefore = await reconciliationRuns(stack);
    const answer = await page.evaluate(async (from) => {
      const response = await fetch(`/api/ops/reconciliation?since=${encodeURIComponent(from)}`);
      return { status: response.status, allow: response.headers.get('allow'), body: await response.text() };
    }, since);
    expect(answer.status).toBe(405);
    expect(answer.allow).toBe('POST');
    expect(errorCode(answer.body)).toBe('method_not_allowed');
    expect(await reconciliationRuns(stack)).toBe(runsBefore);
    // The page's own button still reconciles (a POST with the session's CSRF token).
    await page.getByLabel('Since').fill(since);
    await page.getByRole('button', { name: 'Reconcile' }).click();
    await expect(page.locator('#reconcile-summary')).toHaveAttribute('data-mismatches', '0');
    expect(await reconciliationRuns(stack)).toBe(runsBefore + 1);
  });

  test('the shop page\'s fetch and form POST to /api/ops/* are refused with a typed 403, and the operator stays logged in', async ({ page }) => {
    await operatorLogsIn(page, stack);
    const runsBefore = await reconciliationRuns(stack);
    const shop = await shopPage(page, stack);
    const refused: { url: string; status: number }[] = [];
    const seen = (path: string) => page.context().waitForEvent('response', (response) => response.url() === `${stack.url}${path}`);
    for (const path of ['/api/ops/logout', '/api/ops/reconciliation', '/api/ops/sessions/revoke']) {
      // A "simple" request (text/plain, no-cors) is sent without a preflight, with the operator's cookies.
      const answered = seen(path);
      await shop.evaluate(
        ([url, from]) => void fetch(url!, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ since: from }) }),
        [`${stack.url}${path}`, since],
      );
      // The body of a no-cors answer is not kept by the browser: its status says enough.
      refused.push({ url: path, status: (await answered).status() });
    }
    // A form posted into a new window: a navigation, as old browsers' CSRF attacks send.
    const formAnswered = seen('/api/ops/logout');
    await shop.evaluate((url) => {
      const form = Object.assign(document.createElement('form'), { method: 'POST', action: url, target: '_blank', enctype: 'text/plain' });
      document.body.append(form);
      form.submit();
    }, `${stack.url}/api/ops/logout`);
    const formResponse = await formAnswered;
    refused.push({ url: 'form /api/ops/logout', status: formResponse.status() });
    expect(errorCode(await formResponse.text())).toBe('cross_origin');

    for (const answer of refused) expect(answer.status, answer.url).toBe(403);
    expect(await reconciliationRuns(stack)).toBe(runsBefore);
    expect(await sessionStatus(page)).toBe(200);
  });

  test('a cookie the shop page writes (same host, any path, old or new name) does not log the operator out', async ({ page }) => {
    await operatorLogsIn(page, stack);
    const shop = await shopPage(page, stack);
    await shop.evaluate(() => {
      // Cookies ignore ports: the shop's page can write cookies the back office receives.
      // A more specific path is sent first, so the planted value comes before the real one.
      document.cookie = 'payframe_ops=planted-root; path=/';
      document.cookie = 'payframe_ops=planted-api; path=/api/ops';
      document.cookie = 'ops_session=planted; path=/';
    });
    // The root-path write is refused by the browser (it would overwrite the HttpOnly cookie); the deeper one lands.
    const cookies = await page.context().cookies(`${stack.url}/api/ops/session`);
    expect(cookies.filter((cookie) => cookie.name === 'payframe_ops').map((cookie) => cookie.value)).toContain('planted-api');
    await page.reload();
    await expect(page.locator('#console')).toBeVisible();
    await expect(page.locator('#login')).toBeHidden();
    expect(await sessionStatus(page)).toBe(200);
    // An operation still goes through with the real session and its token.
    await page.getByLabel('Since').fill(since);
    await page.getByRole('button', { name: 'Reconcile' }).click();
    await expect(page.locator('#reconcile-summary')).toHaveAttribute('data-mismatches', '0');
  });

  test('a DNS-rebinding page (a foreign Host header) gets 421 from the backend and the sandbox gateway; their own names pass', async () => {
    const backendPort = stack.backend.port;
    for (const host of [`attacker.example:${backendPort}`, 'attacker.example', `localhost.attacker.example:${backendPort}`]) {
      const answer = await rawRequest(`${stack.url}/api/catalogue`, { headers: { Host: host } });
      expect(answer.status, host).toBe(421);
      expect(errorCode(answer.body), host).toBe('host_not_allowed');
    }
    for (const host of [`localhost:${backendPort}`, `127.0.0.1:${backendPort}`]) expect((await rawRequest(`${stack.url}/api/catalogue`, { headers: { Host: host } })).status, host).toBe(200);

    const gatewayPort = new URL(stack.demo.gatewayUrl).port;
    const foreign = await rawRequest(`${stack.demo.gatewayUrl}/v1/payment_intents`, { headers: { Host: `attacker.example:${gatewayPort}`, Authorization: `Bearer ${stack.demo.secretKey}` } });
    expect(foreign.status).toBe(421);
    expect(JSON.parse(foreign.body)).toMatchObject({ error: { type: 'invalid_request_error', code: 'host_not_allowed' } });
    for (const host of [`localhost:${gatewayPort}`, `127.0.0.1:${gatewayPort}`]) {
      expect((await rawRequest(`${stack.demo.gatewayUrl}/v1/payment_intents`, { headers: { Host: host, Authorization: `Bearer ${stack.demo.secretKey}` } })).status, host).toBe(200);
    }
  });

  test('the sandbox gateway accepts the extra host names it is given (payframe sandbox --allow-host), and only those', async () => {
    const { server } = createSandboxGateway({ publishableKey: 'pk_test_hosts', secretKey: 'sk_test_hosts', allowedHosts: ['sandbox.internal'] });
    const port = await listen(server, 0, '127.0.0.1');
    try {
      const ask = (host: string) => rawRequest(`http://127.0.0.1:${port}/v1/payment_intents`, { headers: { Host: host, Authorization: 'Bearer sk_test_hosts' } });
      expect((await ask(`sandbox.internal:${port}`)).status).toBe(200);
      expect((await ask(`[::1]:${port}`)).status).toBe(200);
      expect((await ask(`sandbox.internal.attacker.example:${port}`)).status).toBe(421);
    } finally {
      await close(server);
    }
  });

  test('over https the session cookie is __Host- prefixed and Secure; over http it is HttpOnly and SameSite=Strict', async () => {
    const plain = await login(stack.url, 'ops', OPS_PASSWORD);
    const plainCookie = plain.headers.get('set-cookie') ?? '';
    expect(plainCookie).toMatch(/^payframe_ops=[\w-]+; /);
    expect(plainCookie).toMatch(/HttpOnly/);
    expect(plainCookie).toMatch(/SameSite=Strict/);
    expect(plainCookie).not.toMatch(/Secure/);

    // The same backend behind a TLS proxy at https://ops.shop.example (the proxy forwards that Host).
    const behindTls = await startBackend({ ...secondInstanceOptions(stack), database: stack.backend.db, publicOrigin: 'https://ops.shop.example' });
    try {
      const answer = await rawRequest(`${behindTls.url}/api/ops/login`, {
        method: 'POST',
        headers: { Host: 'ops.shop.example', 'Content-Type': 'application/json', Origin: 'https://ops.shop.example' },
        body: JSON.stringify({ user: 'ops', password: OPS_PASSWORD }),
      });
      expect(answer.status).toBe(200);
      const cookie = String(answer.headers['set-cookie']);
      expect(cookie).toMatch(/^__Host-payframe_ops=[\w-]+; /);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      const value = cookie.split(';', 1)[0]!;
      const session = await rawRequest(`${behindTls.url}/api/ops/session`, { headers: { Host: 'ops.shop.example', Cookie: `payframe_ops=planted; ${value}` } });
      expect(session.status).toBe(200);
      // Without the prefix the cookie is not the session: an http page of the site could have written it.
      const unprefixed = await rawRequest(`${behindTls.url}/api/ops/session`, { headers: { Host: 'ops.shop.example', Cookie: value.replace('__Host-', '') } });
      expect(unprefixed.status).toBe(401);
    } finally {
      await behindTls.close();
    }
  });
});

/** What a second backend instance needs besides its database: the first one's settings. */
function secondInstanceOptions(stack: BackendStack) {
  return {
    port: 0,
    gatewayUrl: stack.demo.gatewayUrl,
    secretKey: stack.demo.secretKey,
    publishableKey: stack.demo.publishableKey,
    webhookSecret: stack.demo.webhooks.listEndpoints()[0]!.secret,
    fieldsOrigin: stack.demo.fieldsOrigin,
    opsUser: 'ops',
    opsPassword: OPS_PASSWORD,
    logger: stack.backend.logger,
  };
}

for (const target of DATABASE_TARGETS) {
  test.describe(`operations sessions and logins on ${target}`, () => {
    let stack: BackendStack;
    let database: DatabaseConfig;
    let second: RunningBackend;

    test.beforeAll(async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      database = await databaseFor(target, postgres);
      stack = await startStack(target, postgres, { name: 'ops-sessions', database });
      // A second instance on the same database (PGlite in memory can only be shared as the open handle).
      second = await startBackend({ ...secondInstanceOptions(stack), database: database.kind === 'postgres' ? database : stack.backend.db });
    });
    test.afterEach(async () => {
      // Each test starts with no failed logins counted.
      await stack?.backend.db.query('DELETE FROM ops_login_failures');
    });
    test.afterAll(async () => {
      await second?.close();
      await stack?.close();
    });

    const session = (url: string, cookie: string) => fetch(`${url}/api/ops/session`, { headers: { Cookie: cookie } });

    test('a session lives in the database: the second backend instance accepts it, and a logout at one ends it at both', async () => {
      const { cookie, csrfToken } = await loggedIn(stack.url);
      expect((await session(second.url, cookie)).status).toBe(200);
      const rows = await stack.backend.db.query<{ user_name: string }>('SELECT user_name FROM ops_sessions WHERE revoked_at IS NULL');
      expect(rows.rows.map((row) => row.user_name)).toContain('ops');
      // The database holds a hash of the token, never the cookie's value.
      const stored = await stack.backend.db.query('SELECT 1 FROM ops_sessions WHERE token_hash = $1', [cookie.split('=')[1]]);
      expect(stored.rows).toHaveLength(0);

      const logout = await fetch(`${second.url}/api/ops/logout`, { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' }, body: '{}' });
      expect(logout.status).toBe(200);
      const after = await session(stack.url, cookie);
      expect(after.status).toBe(401);
      expect(((await after.json()) as { error: { code: string } }).error.code).toBe('session_revoked');
    });

    test('a POST without the session\'s CSRF token is refused (403 csrf_token_invalid), with it it runs', async () => {
      const { cookie, csrfToken } = await loggedIn(stack.url);
      const post = (token?: string) =>
        fetch(`${stack.url}/api/ops/reconciliation`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json', ...(token === undefined ? {} : { 'X-CSRF-Token': token }) }, body: JSON.stringify({ since: new Date(Date.now() - 60_000).toISOString() }) });
      for (const token of [undefined, '', 'x'.repeat(43)]) {
        const refused = await post(token);
        expect(refused.status, String(token)).toBe(403);
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('csrf_token_invalid');
      }
      expect((await post(csrfToken)).status).toBe(200);
    });

    test('an expired session is refused (401 session_expired)', async () => {
      const { cookie } = await loggedIn(stack.url);
      expect((await session(stack.url, cookie)).status).toBe(200);
      await stack.backend.db.query("UPDATE ops_sessions SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL");
      const expired = await session(stack.url, cookie);
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('session_expired');
    });

    test('"log out everywhere" revokes every session of the operator, at every instance', async () => {
      const first = await loggedIn(stack.url);
      const other = await loggedIn(second.url);
      expect((await session(stack.url, other.cookie)).status).toBe(200);
      const revoke = await fetch(`${stack.url}/api/ops/sessions/revoke`, { method: 'POST', headers: { Cookie: first.cookie, 'X-CSRF-Token': first.csrfToken, 'Content-Type': 'application/json' }, body: '{}' });
      expect(revoke.status).toBe(200);
      expect(((await revoke.json()) as { revoked: number }).revoked).toBeGreaterThanOrEqual(2);
      for (const [url, cookie] of [[stack.url, first.cookie], [second.url, other.cookie]] as const) {
        const answer = await session(url, cookie);
        expect(answer.status).toBe(401);
        expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('session_revoked');
      }
    });

    test('the 6th wrong password for a user within the window is 429 with Retry-After, at any instance, even with the right password', async () => {
      // Failures are counted in the database: spread over both instances, they add up.
      for (const url of [stack.url, second.url, stack.url, second.url, stack.url]) expect((await login(url, 'ops', 'wrong-guess-1')).status).toBe(401);
      for (const [url, password] of [[second.url, 'wrong-guess-2'], [stack.url, OPS_PASSWORD]]) {
        const throttled = await login(url!, 'ops', password!);
        expect(throttled.status).toBe(429);
        expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('login_throttled');
      }
      // Another user from the same address is not throttled by this one's failures.
      expect((await login(stack.url, 'someone-else', 'wrong-guess-3')).status).toBe(401);
    });

    test('one address trying many user names is throttled too (the 21st failure within the window is 429)', async () => {
      for (let i = 0; i < 20; i++) expect((await login(i % 2 ? stack.url : second.url, `guess-${i}`, 'wrong-guess')).status).toBe(401);
      const throttled = await login(stack.url, 'ops', OPS_PASSWORD);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe('login_throttled');
    });

    test('a failed login is logged with the user and the address, never the password', async () => {
      const password = 'Tr0ub4dor-wrong-guess';
      // The log file outlives the run: a user name of this run's own.
      const user = `mallory-${randomUUID().slice(0, 8)}`;
      expect((await login(stack.url, user, password)).status).toBe(401);
      const lines = readFileSync(stack.logFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      const failed = lines.filter((line) => line.msg === 'ops login failed' && line.user === user);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ user, address: expect.stringMatching(/127\.0\.0\.1/), reason: 'invalid_credentials' });
      expect(readFileSync(stack.logFile, 'utf8')).not.toContain(password);
    });
  });
}
