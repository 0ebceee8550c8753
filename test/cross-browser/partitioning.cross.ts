// Storage partitioning of BroadcastChannel, measured in every shopper's engine: a fields-origin
// frame under the merchant page and a top-level fields-origin page in another window share an
// origin but not a top-level site, so with partitioning (Chromium's third-party storage
// partitioning, Firefox's Total Cookie Protection, WebKit's partitioning) no message crosses.
// It bounds who could hear split fields' channel: their field frames hand values to their
// controller over a fields-origin BroadcastChannel named per mount. (The drop-in's card frame
// uses no channel: its inputs and payment steps are in one document.)
import { expect, test } from './engine-fixtures.ts';

interface Heard {
  /** What a second channel in the framed (merchant-partitioned) realm heard. */
  frame: string[];
  /** What the channel in the top-level fields-origin window heard. */
  top: string[];
}

test('a fields-origin BroadcastChannel message from a frame under the merchant page does not reach a top-level fields-origin window', async ({ engine, demo }) => {
  await engine.goto(`${demo.merchantUrl}/test-pages/blank.html`);
  // Split fields' own frames are sandboxed without allow-popups (window.open gives null there)
  // and its pages send COOP same-origin (an opener cannot script them), so the probe is a frame of
  // our own on the fields origin, under the merchant page as the checkout's are: its 404 page,
  // which has neither. Both windows below are fields-origin 404 documents.
  const frame = ['#partition-probe'] as const;
  const frameUrl = `${demo.fieldsOrigin}/partition-probe-frame`;
  const topUrl = `${demo.fieldsOrigin}/partition-probe-top`;
  await engine.evaluate((src) => {
    const iframe = document.createElement('iframe');
    iframe.id = 'partition-probe';
    iframe.style.cssText = 'width: 400px; height: 200px';
    iframe.addEventListener('load', () => (iframe.dataset.loaded = 'yes'), { once: true });
    iframe.src = src;
    document.body.append(iframe);
  }, frameUrl);
  await engine.waitFor(() => document.getElementById('partition-probe')?.dataset.loaded === 'yes', null, { message: 'the probe frame loaded' });
  // The frame opens a top-level window on its own origin when clicked (a real click gives the
  // user activation popup blockers ask for); same origin, so the frame can reach into that window
  // and make a channel in its realm, which is partitioned by that window's own top-level site.
  await engine.evaluateInFrame(
    frame,
    (url) => {
      document.addEventListener('click', () => ((window as unknown as { crossTop: Window | null }).crossTop = window.open(url, 'payframe-partition-probe')), { once: true });
    },
    topUrl,
  );
  await engine.clickInFrame(frame, 'body');
  await expect
    .poll(
      () =>
        engine.evaluateInFrame(
          frame,
          (url) => {
            const top = (window as unknown as { crossTop?: Window | null }).crossTop;
            return !!top && top.location.href === url && top.document.readyState === 'complete';
          },
          topUrl,
        ),
      { message: 'the top-level fields-origin window loaded' },
    )
    .toBe(true);

  await engine.evaluateInFrame(
    frame,
    () => {
      const top = (window as unknown as { crossTop: Window & typeof globalThis }).crossTop;
      const heard: Heard = { frame: [], top: [] };
      (window as unknown as { crossHeard: Heard }).crossHeard = heard;
      const name = 'payframe-cross-partition-probe';
      new BroadcastChannel(name).onmessage = (event) => heard.frame.push(String(event.data));
      new top.BroadcastChannel(name).onmessage = (event) => heard.top.push(String(event.data));
      new BroadcastChannel(name).postMessage('from the frame under the merchant page');
      new top.BroadcastChannel(name).postMessage('from the top-level window');
    },
    null,
  );
  // Each sender's own partition hears it: the controls that show both listeners work.
  await expect
    .poll(() => engine.evaluateInFrame(frame, () => (window as unknown as { crossHeard: Heard }).crossHeard, null), { message: 'each partition heard its own message' })
    .toMatchObject({ frame: expect.arrayContaining(['from the frame under the merchant page']), top: expect.arrayContaining(['from the top-level window']) });
  // Measured in Chromium 156 (partitioning left on), Firefox ESR 153 and WebKitGTK 2.50: nothing crosses.
  expect(await engine.evaluateInFrame(frame, () => (window as unknown as { crossHeard: Heard }).crossHeard, null)).toEqual({
    frame: ['from the frame under the merchant page'],
    top: ['from the top-level window'],
  });
  await engine.evaluateInFrame(frame, () => (window as unknown as { crossTop: Window }).crossTop.close(), null);
});
