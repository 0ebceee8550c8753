// One bench run in Chromium: mounts <payframe-checkout> and the bare-iframe baseline, each in a fresh
// browser context, and measures time to ready, keystroke latency, tokenize, heap, layout shift, long tasks.
import { longestMainThreadTask } from './mount-trace.mjs';

const CARD = { number: '4242424242424242', expiry: '1234', cvc: '123' };
/** Categories that carry main-thread tasks and our performance.mark()s. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel'];

/** A JS heap figure after a full GC, so it is what the page keeps, not garbage awaiting collection. */
async function jsHeapUsed(session) {
  await session.send('HeapProfiler.collectGarbage');
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value;
}

/** Installs keystroke timing inside a frame (its realm only): keydown, the input event, and the next frame. */
async function recordKeystrokesIn(frame) {
  await frame.evaluate(() => {
    const input = document.querySelector('input#input');
    const keystrokes = [];
    /** @type {any} */ (window).benchKeystrokes = keystrokes;
    // Absolute times (timeOrigin + ms), so they compare with the merchant page's clock.
    input.addEventListener('keydown', (event) => keystrokes.push({ keydown: performance.timeOrigin + event.timeStamp }), { capture: true });
    // Registered after the frame's own listeners: by now the value is formatted.
    input.addEventListener('input', () => {
      const keystroke = keystrokes.at(-1);
      keystroke.input = performance.timeOrigin + performance.now();
      // The next animation frame is where the formatted value gets painted.
      requestAnimationFrame(() => {
        keystroke.paint = performance.timeOrigin + performance.now();
      });
    });
  });
}

/** Resolves once the frame has painted after keystroke number `count` (1-based). */
function waitForPaint(frame, count) {
  return frame.waitForFunction((n) => /** @type {any} */ (window).benchKeystrokes[n - 1]?.paint !== undefined, count, { polling: 'raf' });
}

function readKeystrokes(frame) {
  return frame.evaluate(() => /** @type {any} */ (window).benchKeystrokes);
}

/** Mounts `count` bare iframes at once; resolves with the time until the last has loaded. */
async function mountBareFrames(page, pageUrl, frameUrl, count, navigate = true) {
  if (navigate) await page.goto(pageUrl);
  return page.evaluate(
    ([src, frames]) =>
      new Promise((resolve) => {
        let left = frames;
        const attachedAt = performance.now();
        for (let index = 0; index < frames; index++) {
          const iframe = document.createElement('iframe');
          iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
          iframe.title = 'Bare input';
          iframe.src = src;
          // With no script inside, load is when the input can take keys.
          iframe.addEventListener('load', () => --left === 0 && resolve(performance.now() - attachedAt), { once: true });
          document.getElementById('mount').append(iframe);
        }
      }),
    [frameUrl, count],
  );
}

/** The bare cross-origin iframe: load time, heap, and the keystroke timing of a plain input. */
export async function measureBaselineRun(browser, { pageUrl, frameUrl }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    const readyMs = await mountBareFrames(page, pageUrl, frameUrl, 1, false);
    const frame = page.frames().find((candidate) => candidate.url() === frameUrl);
    if (!frame) throw new Error('The baseline frame did not load');

    const heap = { page: await jsHeapUsed(await context.newCDPSession(page)), frames: await jsHeapUsed(await context.newCDPSession(frame)) };

    await recordKeystrokesIn(frame);
    await frame.locator('input#input').focus();
    for (const [index, digit] of [...CARD.number].entries()) {
      await page.keyboard.press(digit);
      await waitForPaint(frame, index + 1);
    }
    const keystrokes = (await readKeystrokes(frame)).map((key) => ({ inputMs: key.input - key.keydown, paintMs: key.paint - key.keydown }));
    // As many bare frames as a checkout has (three fields and the controller), in a fresh context
    // like the others: what the browser alone takes for that many cross-origin documents.
    const fourContext = await browser.newContext();
    const readyFourMs = await mountBareFrames(await fourContext.newPage(), pageUrl, frameUrl, 4).finally(() => fourContext.close());
    return { readyMs, readyFourMs, heap, keystrokes };
  } finally {
    await context.close();
  }
}

/** Mounts a checkout by script; resolves with the time to payframe-ready, layout shifts and long tasks seen meanwhile. */
function mountCheckout(page, publishableKey) {
  return page.evaluate(
    (key) =>
      new Promise((resolve) => {
        const shifts = [];
        const longTasks = [];
        const shiftObserver = new PerformanceObserver((list) => shifts.push(...list.getEntries()));
        const longTaskObserver = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
        shiftObserver.observe({ type: 'layout-shift' });
        longTaskObserver.observe({ type: 'longtask' });

        const checkout = document.createElement('payframe-checkout');
        checkout.setAttribute('publishable-key', key);
        checkout.setAttribute('amount', '1999');
        checkout.setAttribute('currency', 'eur');
        checkout.addEventListener(
          'payframe-ready',
          () => {
            const readyMs = performance.now() - attachedAt;
            performance.mark('bench-ready');
            // Two more frames: the render that drops the skeletons and its layout.
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                shifts.push(...shiftObserver.takeRecords());
                longTasks.push(...longTaskObserver.takeRecords());
                shiftObserver.disconnect();
                longTaskObserver.disconnect();
                resolve({
                  readyMs,
                  layoutShift: shifts.filter((shift) => !shift.hadRecentInput).reduce((sum, shift) => sum + shift.value, 0),
                  longTasksMs: longTasks.map((task) => task.duration),
                });
              }),
            );
          },
          { once: true },
        );
        performance.mark('bench-attach');
        const attachedAt = performance.now();
        document.getElementById('mount').append(checkout);
      }),
    publishableKey,
  );
}

function fieldFrame(page, kind) {
  const frame = page.frames().find((candidate) => /\/(number|expiry|cvc)\.html#/.test(candidate.url()) && new URLSearchParams(new URL(candidate.url()).hash.slice(1)).get('frame') === kind);
  if (!frame) throw new Error(`No ${kind} frame`);
  return frame;
}

/** Layout shift inside a frame since it loaded: buffered entries land in the observer's queue at observe(). */
function frameLayoutShift(frame) {
  return frame.evaluate(() => {
    const observer = new PerformanceObserver(() => {});
    observer.observe({ type: 'layout-shift', buffered: true });
    const shifts = observer.takeRecords();
    observer.disconnect();
    return shifts.reduce((sum, shift) => sum + /** @type {any} */ (shift).value, 0);
  });
}

/** Arms a promise on the merchant page for the next payframe-change of a field; `await` it via `nextChangeAt`. */
function armNextChange(page, field) {
  return page.evaluate((name) => {
    const checkout = document.querySelector('payframe-checkout');
    /** @type {any} */ (window).benchNextChange = new Promise((resolve) => {
      const onChange = (event) => {
        if (event.detail.field !== name) return;
        checkout.removeEventListener('payframe-change', onChange);
        resolve(performance.timeOrigin + performance.now());
      };
      checkout.addEventListener('payframe-change', onChange);
      // A guard, not a wait: if the key changed no state after all, the run reports a missing sample instead of hanging.
      setTimeout(() => resolve(undefined), 5000);
    });
  }, field);
}

const nextChangeAt = (page) => page.evaluate(() => /** @type {any} */ (window).benchNextChange);

/** Types a field's text one key at a time, waiting for each key's paint; returns per-key latencies. */
async function typeMeasured(page, frame, text, stateChangingKeys) {
  await recordKeystrokesIn(frame);
  await frame.locator('input#input').focus();
  const changes = new Map();
  for (const [index, key] of [...text].entries()) {
    const expectsChange = stateChangingKeys.includes(index);
    if (expectsChange) await armNextChange(page, 'number');
    await page.keyboard.press(key);
    await waitForPaint(frame, index + 1);
    if (expectsChange) {
      const changedAt = await nextChangeAt(page);
      if (changedAt !== undefined) changes.set(index, changedAt);
    }
  }
  return (await readKeystrokes(frame)).map((key, index) => ({
    paintMs: key.paint - key.keydown,
    ...(changes.has(index) ? { changeMs: changes.get(index) - key.keydown } : {}),
  }));
}

/** tokenize() at the merchant page, then the same request by plain fetch from the controller frame (fields origin). */
async function measureTokenize(page, { gatewayUrl, publishableKey, count }) {
  const controller = page.frames().find((candidate) => candidate.url().includes('/controller.html#'));
  if (!controller) throw new Error('No controller frame');
  const plainFetch = () =>
    controller.evaluate(
      async ({ url, key, card }) => {
        const body = new URLSearchParams({ type: 'card', 'card[number]': card.number, 'card[exp_month]': card.expiry.slice(0, 2), 'card[exp_year]': `20${card.expiry.slice(2)}`, 'card[cvc]': card.cvc });
        const startedAt = performance.now();
        const response = await fetch(`${url}/v1/payment_methods`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': crypto.randomUUID() },
          body,
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        });
        const json = await response.json();
        if (!String(json.id).startsWith('pm_')) throw new Error(`The gateway answered ${response.status}`);
        return performance.now() - startedAt;
      },
      { url: gatewayUrl, key: publishableKey, card: CARD },
    );
  // Warm-up: connection and CORS preflight (cached 600 s), so neither side below pays them.
  await plainFetch();
  const samples = [];
  for (let index = 0; index < count; index++) {
    const oursMs = await page.evaluate(async () => {
      const startedAt = performance.now();
      const result = await /** @type {any} */ (document.querySelector('payframe-checkout')).tokenize();
      if (!result.paymentMethod) throw new Error(`tokenize() failed: ${result.error?.code}`);
      return performance.now() - startedAt;
    });
    samples.push({ oursMs, gatewayMs: await plainFetch() });
  }
  return samples;
}

/** The checkout: time to ready, layout shift, long tasks, main-thread time, heap, keystrokes, tokenize. */
export async function measureCheckoutRun(browser, { pageUrl, publishableKey, gatewayUrl, tokenizeCount }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.evaluate(() => customElements.whenDefined('payframe-checkout'));
    const pageSession = await context.newCDPSession(page);
    // Metrics count from enable: TaskDuration then covers the mount only.
    await pageSession.send('Performance.enable');
    const mount = await mountCheckout(page, publishableKey);
    const { metrics } = await pageSession.send('Performance.getMetrics');
    const mainThreadMs = (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;

    const numberFrame = fieldFrame(page, 'number');
    const frames = { number: numberFrame, expiry: fieldFrame(page, 'expiry'), cvc: fieldFrame(page, 'cvc') };
    // The controller frame is hidden: nothing in it can shift.
    const frameShifts = await Promise.all(Object.values(frames).map((frame) => frameLayoutShift(frame)));
    // Each frame read through its own CDP session. Chromium puts the four fields-origin frames in one
    // renderer process, and the figure is that process's V8 heap: the four readings come out equal.
    const controllerFrame = page.frames().find((frame) => frame.url().includes('/controller.html#'));
    const perFrame = {};
    for (const [kind, frame] of Object.entries({ ...frames, controller: controllerFrame })) perFrame[kind] = await jsHeapUsed(await context.newCDPSession(frame));
    const heap = { page: await jsHeapUsed(pageSession), frames: Math.max(...Object.values(perFrame)), perFrame };

    // With a Visa number the field's state changes at the first digit (empty -> brand visa) and the
    // last (complete); the digits between change nothing the merchant page is told.
    const keystrokes = await typeMeasured(page, numberFrame, CARD.number, [0, CARD.number.length - 1]);
    for (const [kind, text] of [['expiry', CARD.expiry], ['cvc', CARD.cvc]]) {
      await frames[kind].locator('input#input').focus();
      await frames[kind].locator('input#input').pressSequentially(text);
    }
    // tokenize() refuses fields whose 'complete' state has not reached the merchant page yet.
    await page.waitForFunction(() => {
      const fields = [...(document.querySelector('payframe-checkout')?.shadowRoot?.querySelectorAll('payframe-card-number, payframe-card-expiry, payframe-card-cvc') ?? [])];
      return fields.length === 3 && fields.every((field) => /** @type {any} */ (field).state?.complete);
    });
    const tokenize = await measureTokenize(page, { gatewayUrl, publishableKey, count: tokenizeCount });

    return { ...mount, frameLayoutShift: Math.max(...frameShifts), mainThreadMs, heap, keystrokes, tokenize };
  } finally {
    await context.close();
  }
}

/** A separate, traced mount: the longest task on the merchant page's main thread between attach and ready. */
export async function measureMountTrace(browser, { pageUrl, publishableKey }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.evaluate(() => customElements.whenDefined('payframe-checkout'));
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await mountCheckout(page, publishableKey);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    return longestMainThreadTask(trace);
  } finally {
    await context.close();
  }
}
