// Bench runs in Chromium, each in a fresh browser context: the bare-iframe baseline; a card surface
// (the drop-in <payframe-checkout> or split fields <payframe-card-group>) with time to ready, keystroke
// latency, tokenize, heap, layout shift and long tasks; a traced mount; a whole card typed with no delay
// between keys (keys lost); and time to ready under the phone profile. Never logs or returns a card value.
import { longestMainThreadTask } from './mount-trace.mjs';
import { applyProfile } from './phone-profile.mjs';
import { createSurface, FIELD_KINDS, locateInputs, scriptLoaded } from './surfaces.mjs';

const originOf = (url) => URL.canParse(url) ? new URL(url).origin : undefined;

const CARD = { number: '4242424242424242', expiry: '1234', cvc: '123' };
/** Categories that carry main-thread tasks and our performance.mark()s. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel'];
/** A guard, not a wait: a surface that never says ready fails the run instead of hanging the bench. */
const READY_GUARD_MS = 30_000;

/** A JS heap figure after a full GC, so it is what the page keeps, not garbage awaiting collection. */
async function jsHeapUsed(session) {
  await session.send('HeapProfiler.collectGarbage');
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value;
  if (used === undefined) throw new Error('Performance.getMetrics reported no JSHeapUsedSize');
  return used;
}

/** Installs keystroke timing inside a frame (its realm only): keydown, the input event, and the next frame. */
async function recordKeystrokesIn(frame, selector) {
  await frame.evaluate((inputSelector) => {
    const input = document.querySelector(inputSelector);
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
  }, selector);
}

/** Resolves once the frame has painted after keystroke number `count` (1-based). */
function waitForPaint(frame, count) {
  return frame.waitForFunction((n) => /** @type {any} */ (window).benchKeystrokes[n - 1]?.paint !== undefined, count, { polling: 'raf' });
}

function readKeystrokes(frame) {
  return frame.evaluate(() => /** @type {any} */ (window).benchKeystrokes);
}

/** Mounts `count` bare iframes at once; resolves with the time until the last has loaded. */
function mountBareFrames(page, frameUrl, count) {
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
          iframe.addEventListener(
            'load',
            () => {
              if (--left > 0) return;
              performance.mark('bench-ready');
              resolve(performance.now() - attachedAt);
            },
            { once: true },
          );
          if (index === 0) performance.mark('bench-attach');
          document.getElementById('mount').append(iframe);
        }
      }),
    [frameUrl, count],
  );
}

/**
 * One handshake baseline frame (bench/baseline-frame/handshake-input.html): resolves with the time from
 * attach until it says ready over the port the page gave it, the least a frame that talks to the page waits.
 */
function mountHandshakeFrame(page, frameUrl) {
  return page.evaluate(
    (src) =>
      new Promise((resolve) => {
        const iframe = document.createElement('iframe');
        iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
        iframe.title = 'Handshake input';
        iframe.src = src;
        const attachedAt = performance.now();
        addEventListener('message', function onHello(event) {
          if (event.source !== iframe.contentWindow) return;
          removeEventListener('message', onHello);
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - attachedAt);
          iframe.contentWindow.postMessage({ type: 'connect' }, new URL(src).origin, [channel.port2]);
        });
        document.getElementById('mount').append(iframe);
      }),
    frameUrl,
  );
}

/** In a fresh context of its own, like every mount. */
async function inFreshPage(browser, pageUrl, measure) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    return await measure(page);
  } finally {
    await context.close();
  }
}

/**
 * The bare cross-origin iframe: load time, heap, and the keystroke timing of a plain input; then four
 * at once; then the handshake baseline (`handshakeUrl`), when given.
 */
export async function measureBaselineRun(browser, { pageUrl, frameUrl, handshakeUrl }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    const readyMs = await mountBareFrames(page, frameUrl, 1);
    const frame = page.frames().find((candidate) => candidate.url() === frameUrl);
    if (!frame) throw new Error('The baseline frame did not load');

    const heap = { page: await jsHeapUsed(await context.newCDPSession(page)), frames: await jsHeapUsed(await context.newCDPSession(frame)) };

    await recordKeystrokesIn(frame, 'input#input');
    await frame.locator('input#input').focus();
    for (const [index, digit] of [...CARD.number].entries()) {
      await page.keyboard.press(digit);
      await waitForPaint(frame, index + 1);
    }
    const keystrokes = (await readKeystrokes(frame)).map((key) => ({ inputMs: key.input - key.keydown, paintMs: key.paint - key.keydown }));
    // As many bare frames as split fields have (three fields and the controller), in a fresh context
    // like the others: what the browser alone takes for that many cross-origin documents.
    const readyFourMs = await inFreshPage(browser, pageUrl, (fourPage) => mountBareFrames(fourPage, frameUrl, 4));
    const readyHandshakeMs = handshakeUrl ? await inFreshPage(browser, pageUrl, (handshakePage) => mountHandshakeFrame(handshakePage, handshakeUrl)) : undefined;
    return { readyMs, readyFourMs, readyHandshakeMs, heap, keystrokes };
  } finally {
    await context.close();
  }
}

/**
 * Attaches a created surface element; resolves with the time to payframe-ready (and whether its `ready`
 * property agreed), layout shifts and long tasks seen meanwhile. Records every field's last state in
 * window.benchStates (from payframe-change; state only, never a value).
 */
function mountSurface(page, element) {
  return page.evaluate(
    ([surface, guardMs]) =>
      new Promise((resolve, reject) => {
        const states = {};
        /** @type {any} */ (window).benchStates = states;
        surface.addEventListener('payframe-change', (event) => {
          states[event.detail.field] = { empty: event.detail.empty, complete: event.detail.complete };
        });
        const shifts = [];
        const longTasks = [];
        const shiftObserver = new PerformanceObserver((list) => shifts.push(...list.getEntries()));
        const longTaskObserver = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
        shiftObserver.observe({ type: 'layout-shift' });
        longTaskObserver.observe({ type: 'longtask' });
        const guard = setTimeout(() => reject(new Error(`${surface.localName}: no payframe-ready within ${guardMs} ms`)), guardMs);
        surface.addEventListener('payframe-error', (event) => {
          clearTimeout(guard);
          reject(new Error(`${surface.localName}: payframe-error ${event.detail?.error?.code} before ready`));
        });
        surface.addEventListener(
          'payframe-ready',
          () => {
            const readyMs = performance.now() - attachedAt;
            clearTimeout(guard);
            performance.mark('bench-ready');
            const readyProperty = surface.ready === true;
            // Two more frames: the render that drops the skeletons and its layout.
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                shifts.push(...shiftObserver.takeRecords());
                longTasks.push(...longTaskObserver.takeRecords());
                shiftObserver.disconnect();
                longTaskObserver.disconnect();
                resolve({
                  readyMs,
                  readyProperty,
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
        document.getElementById('mount').append(surface);
      }),
    [element, READY_GUARD_MS],
  );
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
function armNextChange(page, tag, field) {
  return page.evaluate(
    ([hostTag, name]) => {
      const host = document.querySelector(hostTag);
      /** @type {any} */ (window).benchNextChange = new Promise((resolve) => {
        const onChange = (event) => {
          if (event.detail.field !== name) return;
          host.removeEventListener('payframe-change', onChange);
          resolve(performance.timeOrigin + performance.now());
        };
        host.addEventListener('payframe-change', onChange);
        // A guard, not a wait: if the key changed no state after all, the run reports a missing sample instead of hanging.
        setTimeout(() => resolve(undefined), 5000);
      });
    },
    [tag, field],
  );
}

const nextChangeAt = (page) => page.evaluate(() => /** @type {any} */ (window).benchNextChange);

/** Types a field's text one key at a time, waiting for each key's paint; returns per-key latencies. */
async function typeMeasured(page, tag, { frame, selector }, text, stateChangingKeys) {
  await recordKeystrokesIn(frame, selector);
  await frame.locator(selector).focus();
  const changes = new Map();
  for (const [index, key] of [...text].entries()) {
    const expectsChange = stateChangingKeys.includes(index);
    if (expectsChange) await armNextChange(page, tag, 'number');
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

/** Waits until the merchant page has heard every field report complete (tokenize() refuses otherwise). */
function waitForCompleteCard(page) {
  return page.waitForFunction(() => {
    const states = /** @type {any} */ (window).benchStates ?? {};
    return ['number', 'expiry', 'cvc'].every((field) => states[field]?.complete);
  });
}

/** tokenize() at the merchant page, then the same request by plain fetch from a fields-origin frame that calls the gateway. */
async function measureTokenize(page, tag, requestFrame, { gatewayUrl, publishableKey, count }) {
  if (!requestFrame) throw new Error('No fields-origin frame that calls the gateway (controller or card frame) for the plain-fetch baseline');
  const plainFetch = () =>
    requestFrame.evaluate(
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
    const oursMs = await page.evaluate(async (hostTag) => {
      const startedAt = performance.now();
      const result = await /** @type {any} */ (document.querySelector(hostTag)).tokenize();
      if (!result.paymentMethod) throw new Error(`tokenize() failed: ${result.error?.code}`);
      return performance.now() - startedAt;
    }, tag);
    samples.push({ oursMs, gatewayMs: await plainFetch() });
  }
  return samples;
}

/** Opens the surface's bench page in `context` and waits for the script tag. */
async function openSurfacePage(context, surface, { merchantUrl }) {
  const page = await context.newPage();
  await page.goto(`${merchantUrl}/bench/${surface.page}`);
  await scriptLoaded(page);
  return page;
}

/**
 * A card surface: time to ready, layout shift, long tasks, main-thread time, heap, keystrokes and (when
 * `tokenizeCount` > 0) tokenize.
 */
export async function measureSurfaceRun(browser, surface, { merchantUrl, fieldsOrigin, publishableKey, gatewayUrl, tokenizeCount }) {
  const context = await browser.newContext();
  try {
    const page = await openSurfacePage(context, surface, { merchantUrl });
    const element = await createSurface(page, surface, publishableKey);
    const pageSession = await context.newCDPSession(page);
    // Metrics count from enable: TaskDuration then covers the mount only.
    await pageSession.send('Performance.enable');
    const mount = await mountSurface(page, element);
    const { metrics } = await pageSession.send('Performance.getMetrics');
    const mainThreadMs = (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;

    const located = await locateInputs(page, surface, fieldsOrigin);
    // Each fields-origin frame read through its own CDP session. Chromium puts a page's fields-origin
    // frames in one renderer process, and the figure is that process's V8 heap: the readings come out equal.
    // Read before anything is evaluated in those frames, as the bare frame's is: Playwright's first
    // evaluate in a frame installs a script of its own there (57 KB of that heap, measured).
    const perFrame = [];
    for (const frame of located.fieldsFrames) perFrame.push(await jsHeapUsed(await context.newCDPSession(frame)));
    if (!perFrame.length) throw new Error(`${surface.element}: no frame on the fields origin to read the heap of`);
    const heap = { page: await jsHeapUsed(pageSession), frames: Math.max(...perFrame), perFrame };
    const inputFrames = [...new Set(FIELD_KINDS.map((kind) => located.inputs[kind].frame))];
    // A hidden controller frame shows nothing, so nothing in it can shift: the frames holding inputs only.
    const frameShifts = await Promise.all(inputFrames.map((frame) => frameLayoutShift(frame)));

    // With a Visa number the field's state changes at the first digit (empty -> brand visa) and the
    // last (complete); the digits between change nothing the merchant page is told.
    const keystrokes = await typeMeasured(page, surface.tag, located.inputs.number, CARD.number, [0, CARD.number.length - 1]);
    let tokenize = [];
    if (tokenizeCount > 0) {
      for (const kind of /** @type {const} */ (['expiry', 'cvc'])) {
        const { frame, selector } = located.inputs[kind];
        await frame.locator(selector).focus();
        await frame.locator(selector).pressSequentially(CARD[kind]);
      }
      await waitForCompleteCard(page);
      tokenize = await measureTokenize(page, surface.tag, located.requestFrame, { gatewayUrl, publishableKey, count: tokenizeCount });
    }
    return {
      ...mount,
      layout: located.layout,
      frameCount: located.fieldsFrames.length,
      frameLayoutShift: Math.max(...frameShifts),
      mainThreadMs,
      heap,
      keystrokes,
      tokenize,
    };
  } finally {
    await context.close();
  }
}

/**
 * The floor for the longest-task row: one bare cross-site iframe appended the same way (in the task of a
 * page.evaluate), traced between attach and its load. Inserting any cross-site frame costs the page a task.
 */
export async function measureBareMountTrace(browser, { pageUrl, frameUrl }) {
  return tracedMount(
    browser,
    async (context) => {
      const page = await context.newPage();
      await page.goto(pageUrl);
      return page;
    },
    (page) => mountBareFrames(page, frameUrl, 1),
  );
}

/** A separate, traced mount: the longest task on the merchant page's main thread between attach and ready. */
export async function measureMountTrace(browser, surface, { merchantUrl, publishableKey }) {
  let element;
  return tracedMount(
    browser,
    async (context) => {
      const page = await openSurfacePage(context, surface, { merchantUrl });
      element = await createSurface(page, surface, publishableKey);
      return page;
    },
    (page) => mountSurface(page, element),
  );
}

/** In a fresh context: `prepare` opens the page untraced, `mount` runs traced; the longest main-thread task between the bench marks. */
async function tracedMount(browser, prepare, mount) {
  const context = await browser.newContext();
  try {
    const page = await prepare(context);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const mounted = await mount(page).then(
      () => undefined,
      (error) => error,
    );
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    if (mounted) throw mounted;
    return longestMainThreadTask(trace);
  } finally {
    await context.close();
  }
}

/**
 * Runs in a frame: how much of `expected` (digits) the input holds, as counts only. The value never
 * leaves the frame. `kept` is the longest common subsequence of the input's digits and the typed ones:
 * digits there in the order typed. Missing or misplaced keys are `expected.length - kept`; `stray` are
 * digits the input holds that do not belong there (keys meant for another field).
 */
function countKeptDigits({ selector, expected }) {
  const digits = (document.querySelector(selector)?.value ?? '').replace(/\D/g, '');
  const row = new Array(expected.length + 1).fill(0);
  for (const digit of digits) {
    let diagonal = 0;
    for (let index = 1; index <= expected.length; index++) {
      const above = row[index];
      row[index] = digit === expected[index - 1] ? diagonal + 1 : Math.max(row[index], row[index - 1]);
      diagonal = above;
    }
  }
  const kept = row[expected.length];
  return { kept, stray: digits.length - kept };
}

/** One animation frame and the task after it in `frame`: what key events set in motion has run. */
function settled(frame) {
  return frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/**
 * A whole card typed as ONE sequence with no delay between keys, starting in the number input (auto-
 * advance moves focus to the expiry, then the CVC): `pressSequentially` with delay 0 on even runs,
 * `page.keyboard.type` on odd ones. Counts, per field, the keys that did not end up where they belong.
 */
export async function measureNoDelayTyping(page, surface, { merchantUrl, fieldsOrigin, publishableKey }, runIndex) {
  await page.goto(`${merchantUrl}/bench/${surface.page}`);
  await scriptLoaded(page);
  await mountSurface(page, await createSurface(page, surface, publishableKey));
  const { inputs, layout } = await locateInputs(page, surface, fieldsOrigin);
  const text = CARD.number + CARD.expiry + CARD.cvc;
  const number = inputs.number.frame.locator(inputs.number.selector);
  await number.focus();
  const method = runIndex % 2 === 0 ? 'pressSequentially' : 'keyboard.type';
  if (method === 'pressSequentially') await number.pressSequentially(text, { delay: 0 });
  else await page.keyboard.type(text);
  const frames = [...new Set(FIELD_KINDS.map((kind) => inputs[kind].frame))];
  await Promise.all([page.mainFrame(), ...frames].map((frame) => settled(frame)));
  const fields = {};
  for (const kind of FIELD_KINDS) {
    const { kept, stray } = await inputs[kind].frame.evaluate(countKeptDigits, { selector: inputs[kind].selector, expected: CARD[kind] });
    fields[kind] = { typed: CARD[kind].length, lost: CARD[kind].length - kept, stray };
  }
  const lost = FIELD_KINDS.reduce((sum, kind) => sum + fields[kind].lost, 0);
  const stray = FIELD_KINDS.reduce((sum, kind) => sum + fields[kind].stray, 0);
  return { method, layout, typed: text.length, lost, stray, fields };
}

/**
 * Time to ready alone, in a fresh context: the bare iframe's load or a surface's attach -> payframe-ready,
 * as in the full runs but with nothing else measured, so the bench can afford many of them (the
 * median of a dozen moved by a fifth from one bench run to the next on a two-core machine).
 */
export async function measureReadyOnly(browser, target, { merchantUrl, publishableKey, frameUrl }) {
  const context = await browser.newContext();
  try {
    if (target === 'bare') {
      const page = await context.newPage();
      await page.goto(`${merchantUrl}/bench/baseline.html`);
      return { readyMs: await mountBareFrames(page, frameUrl, 1) };
    }
    const page = await openSurfacePage(context, target, { merchantUrl });
    const { readyMs } = await mountSurface(page, await createSurface(page, target, publishableKey));
    return { readyMs };
  } finally {
    await context.close();
  }
}

/**
 * Time to ready under the phone profile: a fresh context (cold cache), the profile on the page and on
 * every iframe target before anything loads, then the bench page, its script tag and the mount. The
 * time is attach -> payframe-ready as in the normal runs (the script tag's own load is not in it).
 * Checks that the profile reached the frames: every fields-origin document and file must have taken the
 * emulated latency.
 */
export async function measurePhoneReady(browser, devtools, target, { merchantUrl, fieldsOrigin, publishableKey, frameUrl }, profile) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const applied = await applyProfile(devtools, context, page, profile);
    try {
      let readyMs;
      if (target === 'bare') {
        await page.goto(`${merchantUrl}/bench/baseline.html`);
        readyMs = await mountBareFrames(page, frameUrl, 1);
      } else {
        const opened = await page.goto(`${merchantUrl}/bench/${target.page}`);
        if (!opened?.ok()) throw new Error(`${target.page}: HTTP ${opened?.status()}`);
        await scriptLoaded(page);
        ({ readyMs } = await mountSurface(page, await createSurface(page, target, publishableKey)));
        // Navigation and resource timing of the frames' own documents and files (the card frame's script is
        // inline: its document is all it loads): with the profile applied, none is faster than the latency.
        const durations = [];
        for (const frame of page.frames().filter((candidate) => candidate !== page.mainFrame() && originOf(candidate.url()) === fieldsOrigin)) {
          durations.push(
            ...(await frame.evaluate(() => [
              ...performance.getEntriesByType('navigation').map((entry) => entry.responseEnd - entry.fetchStart),
              ...performance.getEntriesByType('resource').map((entry) => entry.duration),
            ])),
          );
        }
        if (!durations.length) throw new Error(`Phone profile: no fields-origin frame of ${target.element} loaded to check the profile with`);
        const fastestMs = Math.min(...durations);
        if (fastestMs < profile.latencyMs * 0.9) {
          throw new Error(`Phone profile not applied to the fields frames: a frame resource loaded in ${fastestMs.toFixed(0)} ms under ${profile.latencyMs} ms latency`);
        }
      }
      const { iframeTargets } = await applied.check();
      if (iframeTargets < 1) throw new Error('Phone profile: no iframe target was attached, so the frames ran unthrottled');
      return { readyMs, iframeTargets };
    } finally {
      await applied.stop();
    }
  } finally {
    await context.close();
  }
}
