// payframe.js starts with V8's compile hint (`//# allFunctionsCalledOnLoad`, vite.config.ts): its
// functions are compiled as the file streams in, on a background thread, not one by one on the
// merchant page's main thread as the checkout mounts. Traced by this test: 59 such compiles during
// the mount without the hint, 1 with it. Chromium only: the hint is V8's.
import { expect, test } from './fixtures.ts';

/** Compile-on-first-call events V8 records on a thread (the `disabled-by-default-v8.compile` category). */
const LAZY_COMPILE = 'V8.CompileCode';

test('mounting the drop-in compiles next to nothing on the merchant main thread: payframe.js was compiled as it loaded', async ({ browser, page, demo }) => {
  await page.goto(`${demo.merchantUrl}/test-pages/blank.html`);
  await page.addScriptTag({ url: `${demo.fieldsOrigin}/payframe.js` });
  await page.waitForFunction(() => customElements.get('payframe-checkout') !== undefined);
  await browser.startTracing(page, { categories: ['disabled-by-default-v8.compile', 'blink.user_timing'] });
  await page.evaluate(
    ({ key, origin }) =>
      new Promise<void>((resolve) => {
        const checkout = document.createElement('payframe-checkout');
        checkout.setAttribute('publishable-key', key);
        checkout.setAttribute('fields-origin', origin);
        checkout.addEventListener('payframe-ready', () => (performance.mark('payframe-test-ready'), resolve()), { once: true });
        performance.mark('payframe-test-attach');
        document.body.append(checkout);
      }),
    { key: demo.publishableKey, origin: demo.fieldsOrigin },
  );
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { name: string; pid: number; tid: number; ts: number }[] };
  const attach = traceEvents.find((event) => event.name === 'payframe-test-attach');
  const ready = traceEvents.find((event) => event.name === 'payframe-test-ready');
  expect(attach && ready, 'the trace holds both marks').toBeTruthy();
  const onMainThreadDuringMount = traceEvents.filter((event) => event.pid === attach!.pid && event.tid === attach!.tid && event.ts >= attach!.ts && event.ts <= ready!.ts);
  // The category was recorded (the card frame compiles its own script lazily, about 90 events): the
  // count below is not low for want of events.
  expect(traceEvents.filter((event) => event.name === LAZY_COMPILE).length).toBeGreaterThan(10);
  expect(onMainThreadDuringMount.filter((event) => event.name === LAZY_COMPILE).length).toBeLessThanOrEqual(10);
});
