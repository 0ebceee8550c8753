// The browser and servers behave as production will: storage partitioning on, frames served
// with their security headers, the gateway open only to the fields origin.
import { expect, test } from './fixtures.ts';
import { CardFieldsHarness } from './harness/card-fields-harness.ts';

test('Chromium runs with third-party storage partitioning on, as real Chrome does', async ({ page, context, demo, checkout }) => {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  // The drop-in's card frame, on the fields origin under the merchant's site.
  const cardFrame = await checkout.frame('number');
  await cardFrame.evaluate(() => localStorage.setItem('partition-probe', 'written under the merchant page'));
  const topLevel = await context.newPage();
  await topLevel.goto(`${demo.fieldsOrigin}/frames/${demo.publishableKey}/card.html`);
  // Same origin, different top-level site: a partitioned browser keeps the two storages apart.
  expect(await topLevel.evaluate(() => localStorage.getItem('partition-probe'))).toBeNull();
  expect(await cardFrame.evaluate(() => localStorage.getItem('partition-probe'))).toBe('written under the merchant page');
});

test('a fresh context loads the merchant page and its frames, and no browser UI pages beside them', async ({ browser, demo }) => {
  // Each test and each bench mount opens a fresh context (a new window); any page Chromium loads for
  // its own UI there runs beside the mount, on the same two cores, and is in every timing taken.
  const session = await browser.newBrowserCDPSession();
  const opened: string[] = [];
  session.on('Target.targetCreated', ({ targetInfo }) => opened.push(`${targetInfo.type} ${targetInfo.url}`));
  await session.send('Target.setDiscoverTargets', { discover: true });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(demo.merchantUrl);
    await new CardFieldsHarness(page, 'payframe-checkout').waitReady();
    // The merchant page was announced: the list holds no chrome:// page because there was none, not for want of discovery.
    await expect.poll(() => opened.filter((target) => target.startsWith('page ')).length).toBeGreaterThan(0);
    expect(opened.filter((target) => target.includes('chrome://'))).toEqual([]);
  } finally {
    await context.close();
    await session.detach();
  }
});

test('frame pages carry a strict CSP, nosniff and no-referrer', async ({ demo }) => {
  for (const [page, connectSrc] of [
    ['number.html', "connect-src 'none'"],
    ['expiry.html', "connect-src 'none'"],
    ['cvc.html', "connect-src 'none'"],
    ['controller.html', `connect-src ${demo.gatewayUrl}`],
    // The drop-in's card frame tokenizes by itself: it reaches the gateway, and nothing else.
    ['card.html', `connect-src ${demo.gatewayUrl}`],
  ] as const) {
    const response = await fetch(`${demo.fieldsOrigin}/frames/${demo.publishableKey}/${page}`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'none'", "script-src 'self'", connectSrc, "base-uri 'none'", "form-action 'none'", `frame-ancestors ${demo.merchantUrl};`]) {
      expect(csp, `${page}: ${directive}`).toContain(directive);
    }
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  }
  for (const page of ['controller.html', 'card.html']) {
    const html = await (await fetch(`${demo.fieldsOrigin}/frames/${demo.publishableKey}/${page}`)).text();
    expect(html, page).toContain(`<meta name="payframe-gateway" content="${demo.gatewayUrl}" />`);
  }
});

test("the drop-in's card frame loads as one request (its script inline, allowed by its hash and by nothing looser), then fetches its payment steps", async ({ page, demo, checkout }) => {
  // The card frame's own requests: its document, and whatever the document loads (the demo page's split fields load theirs).
  const cardFrameRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/card.html') || request.frame().url().includes('/card.html')) cardFrameRequests.push(new URL(request.url()).pathname);
  });
  const paymentSteps = page.waitForRequest(/\/assets\/payments-[\w-]+\.js$/);
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await paymentSteps;
  expect(cardFrameRequests).toEqual([`/frames/${demo.publishableKey}/card.html`, expect.stringMatching(/^\/assets\/payments-[\w-]+\.js$/)]);
  // The payment steps come after the frame's first load, which is its document alone.
  const fetchedAfterLoad = await checkout.frameLocator('number').locator('body').evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    const steps = performance.getEntriesByType('resource').filter((entry) => /\/assets\/payments-/.test(entry.name));
    return steps.length === 1 && steps[0]!.startTime >= navigation!.domContentLoadedEventEnd;
  });
  expect(fetchedAfterLoad).toBe(true);

  const response = await fetch(`${demo.fieldsOrigin}/frames/${demo.publishableKey}/card.html`);
  const html = await response.text();
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.map(([, attributes]) => attributes)).toEqual(['']);
  const { createHash } = await import('node:crypto');
  const hash = `'sha256-${createHash('sha256').update(scripts[0]![2]!).digest('base64')}'`;
  const scriptSrc = /script-src ([^;]*)/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
  expect(scriptSrc).toBe(`'self' ${hash}`);

  // The same page with one byte of its script changed: the browser refuses to run it.
  const tampered = html.replace(scripts[0]![0], `<script>window.tampered = true;${scripts[0]![2]}</script>`);
  const probe = await page.context().newPage();
  await probe.route(`${demo.fieldsOrigin}/probe.html`, (route) =>
    route.fulfill({ contentType: 'text/html', headers: { 'Content-Security-Policy': response.headers.get('content-security-policy') ?? '' }, body: tampered }),
  );
  const refused = new Promise<string>((resolve) => probe.on('console', (message) => message.text().includes('Content Security Policy') && resolve(message.text())));
  await probe.goto(`${demo.fieldsOrigin}/probe.html`);
  expect(await refused).toContain('script');
  expect(await probe.evaluate(() => (window as { tampered?: boolean }).tampered)).toBeUndefined();
});

test('the fields origin serves only its own files', async ({ demo }) => {
  for (const path of ['/../package.json', '/assets/../../package.json', '/src/index.ts', '/demo/servers.ts', '/.env']) {
    expect((await fetch(`${demo.fieldsOrigin}${path}`)).status, path).toBe(404);
  }
  const script = await fetch(`${demo.fieldsOrigin}/payframe.js`);
  expect(script.status).toBe(200);
  expect(script.headers.get('content-type')).toContain('text/javascript');
  expect(script.headers.get('access-control-allow-origin')).toBe('*');
});

test('the merchant page cannot call the gateway: CORS is open to the fields origin only', async ({ page, demo, checkout }) => {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  const attempt = await page.evaluate(async ({ gatewayUrl, key }) => {
    try {
      const response = await fetch(`${gatewayUrl}/v1/payment_methods`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'type=card',
      });
      return `status ${response.status}`;
    } catch (error) {
      return (error as Error).name;
    }
  }, { gatewayUrl: demo.gatewayUrl, key: demo.publishableKey });
  expect(attempt).toBe('TypeError');
});

test('a full payment leaves the console clean: no errors, no CSP violations, nothing from the frames', async ({ page, demo, checkout }) => {
  const messages: string[] = [];
  page.on('console', (message) => messages.push(`${message.type()} ${message.location().url}: ${message.text()}`));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  await checkout.fillCard({ number: '4242424242424242', expiry: '1234', cvc: '123' });
  await checkout.payButton().click();
  await expect(page.locator('#token-id')).toHaveText(/^pm_/);
  // Each frame counts what it dropped; a clean run drops nothing.
  for (const frame of page.frames().filter((candidate) => candidate.url().startsWith(demo.fieldsOrigin))) {
    expect(await frame.evaluate(() => window.payframeDroppedMessages ?? 0)).toBe(0);
  }
  expect(messages).toEqual([]);
});
