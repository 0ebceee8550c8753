// The checkout in every shopper's engine (Chromium, Firefox ESR, WebKitGTK): the demo's real
// origins, the same story written once and run through each engine's own driver.
import type { PaymentMethod } from '../../src/index.ts';
import { findSecrets, SECRET_CARD } from '../e2e/harness/secrets.ts';
import { CardFieldsDriver, merchantPageText } from './card-fields-driver.ts';
import { expect, test } from './engine-fixtures.ts';
import type { EnginePage } from './engines/engine-page.ts';

test.beforeEach(async ({ engine, demo }) => {
  await engine.goto(demo.merchantUrl);
});

test('the drop-in becomes ready with number, expiry and CVC in one card frame the merchant page cannot read', async ({ engine, demo }) => {
  const checkout = CardFieldsDriver.dropIn(engine);
  await checkout.waitReady();
  // Every iframe under the checkout, in its shadow root and any shadow root below: one, the card frame.
  const frames = await engine.evaluate((host) => {
    const found: HTMLIFrameElement[] = [];
    const roots: ShadowRoot[] = [document.querySelector(host)!.shadowRoot!];
    for (let root = roots.pop(); root; root = roots.pop()) {
      found.push(...root.querySelectorAll('iframe'));
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    return found.map((iframe) => {
      let documentAccess = 'allowed';
      try {
        void iframe.contentWindow!.document.body;
      } catch (error) {
        documentAccess = (error as Error).name;
      }
      const src = new URL(iframe.src);
      return {
        part: iframe.parentElement?.getAttribute('part'),
        origin: src.origin,
        path: src.pathname,
        frame: new URLSearchParams(src.hash.slice(1)).get('frame'),
        title: iframe.title,
        sandbox: iframe.getAttribute('sandbox'),
        contentDocument: iframe.contentDocument === null,
        documentAccess,
      };
    });
  }, checkout.host);
  expect(frames).toEqual([
    {
      part: 'card',
      origin: demo.fieldsOrigin,
      path: `/frames/${demo.publishableKey}/card.html`,
      frame: 'card',
      title: 'Secure card details input',
      sandbox: 'allow-scripts allow-same-origin allow-forms',
      contentDocument: true,
      documentAccess: 'SecurityError',
    },
  ]);
  // Inside it (the driver can look; the page cannot): the three inputs, each named by its own label.
  const inputs = await engine.evaluateInFrame(
    checkout.frame('number'),
    () =>
      [...document.querySelectorAll('input')].map((input) => ({
        id: input.id,
        label: [...input.labels!].map((label) => label.textContent?.trim()).join(' '),
        field: input.closest('.field')?.id,
      })),
    null,
  );
  expect(inputs).toEqual([
    { id: 'number', label: 'Card number', field: 'number-field' },
    { id: 'expiry', label: 'Expiration date (MM / YY)', field: 'expiry-field' },
    { id: 'cvc', label: 'Security code (CVC)', field: 'cvc-field' },
  ]);
});

test('a card typed into the card frame is formatted there and tokenizes into a pm_ token', async ({ engine }) => {
  const checkout = CardFieldsDriver.dropIn(engine);
  await checkout.waitReady();
  await checkout.recordEvents(['payframe-token', 'payframe-error']);
  await checkout.fillCard(SECRET_CARD);
  expect(await checkout.value('number')).toBe('4111 1111 1111 1111');
  expect(await checkout.value('expiry')).toBe('12 / 34');
  await checkout.pressPay();
  const { paymentMethod } = await checkout.waitForRecorded<{ paymentMethod: PaymentMethod }>('payframe-token');
  expect(paymentMethod.id).toMatch(/^pm_[A-Za-z0-9]{24}$/);
  expect(paymentMethod.card).toMatchObject({ brand: 'visa', last4: '1111', exp_month: 12, exp_year: 2034 });
  expect((await checkout.recordedEvents()).map((event) => event.type)).toEqual(['payframe-token']);
});

test('a whole card typed with no pause between keys lands in number, expiry and CVC, nothing lost or misplaced', async ({ engine }) => {
  // Each input moves focus to the next once complete, inside the one document: the keys that follow
  // a completed number go to the expiry whatever the timing, and after it to the CVC.
  const checkout = CardFieldsDriver.dropIn(engine);
  await checkout.waitReady();
  await checkout.recordEvents(['payframe-change']);
  await checkout.type('number', '4242424242424242' + '1234' + '123');
  // Read in one visit to the frame: each input's value, and its field shown complete, none invalid.
  const shown = await engine.evaluateInFrame(
    checkout.frame('number'),
    () =>
      Object.fromEntries(
        ['number', 'expiry', 'cvc'].map((kind) => {
          const field = document.getElementById(`${kind}-field`)!;
          return [kind, { value: (document.getElementById(kind) as HTMLInputElement).value, complete: field.classList.contains('complete'), invalid: field.classList.contains('invalid'), error: document.getElementById(`${kind}-error`)!.textContent }];
        }),
      ),
    null,
  );
  expect(shown).toEqual({
    number: { value: '4242 4242 4242 4242', complete: true, invalid: false, error: '' },
    expiry: { value: '12 / 34', complete: true, invalid: false, error: '' },
    cvc: { value: '123', complete: true, invalid: false, error: '' },
  });
  // The merchant page heard the same.
  await engine.waitFor(
    () => {
      const last: Record<string, boolean> = {};
      for (const event of (window as unknown as { payframeCrossEvents: { detail: string }[] }).payframeCrossEvents) {
        const state = JSON.parse(event.detail) as { field: string; complete: boolean };
        last[state.field] = state.complete;
      }
      return last.number && last.expiry && last.cvc;
    },
    null,
    { message: 'the page told number, expiry and CVC complete' },
  );
});

test('the card number and CVC never reach the merchant page: not its DOM, not the change events', async ({ engine }) => {
  const checkout = CardFieldsDriver.dropIn(engine);
  await checkout.waitReady();
  await checkout.recordEvents(['payframe-change', 'payframe-token']);
  await checkout.fillCard(SECRET_CARD);
  await checkout.pressPay();
  await checkout.waitForRecorded('payframe-token');
  const events = await checkout.recordedEvents();
  // The page did hear the fields (a deaf recorder would prove nothing): state, not values.
  const numberStates = events.filter((event) => event.type === 'payframe-change').map((event) => JSON.parse(event.detail) as { field: string; complete: boolean; brand?: string });
  expect(numberStates.some((state) => state.field === 'number' && state.complete && state.brand === 'visa')).toBe(true);
  expect(findSecrets(events.map((event) => event.detail).join('\n'))).toEqual([]);
  const text = await merchantPageText(engine);
  expect(text).toContain('pm_');
  expect(findSecrets(text)).toEqual([]);
});

test('split fields become ready and tokenize the card typed into their frames', async ({ engine }) => {
  const split = CardFieldsDriver.splitFields(engine);
  await split.waitReady();
  await split.recordEvents(['payframe-token', 'payframe-error']);
  await split.fillCard(SECRET_CARD);
  const result = await engine.evaluate((host) => (document.querySelector(host) as unknown as { tokenize(): Promise<unknown> }).tokenize().then((value) => JSON.stringify(value)), split.host);
  expect(JSON.parse(result)).toMatchObject({ paymentMethod: { id: expect.stringMatching(/^pm_/), card: { brand: 'visa', last4: '1111' } } });
});

/** Adds an iframe for a fields-origin page to the current page, and resolves once it has loaded (or been refused). */
async function embedFramePage(engine: EnginePage, id: string, src: string): Promise<void> {
  await engine.evaluate(
    ({ id, src }) => {
      const iframe = document.createElement('iframe');
      iframe.id = id;
      iframe.addEventListener('load', () => (iframe.dataset.loaded = 'yes'), { once: true });
      iframe.src = src;
      document.body.append(iframe);
    },
    { id, src },
  );
  await engine.waitFor((id) => document.getElementById(id)?.dataset.loaded === 'yes', id, { message: `iframe #${id} loaded` });
}

/** The drop-in's card page and a split field's page (the number's): each binds itself to the page embedding it. */
const FRAME_PAGES = [
  { page: 'card', input: 'number' },
  { page: 'number', input: 'input' },
] as const;
type FramePage = (typeof FRAME_PAGES)[number];

/**
 * Whether our page runs in that frame: its script has set up the number input (its autofill hint)
 * and, in a split field's page, marked the body with its field.
 */
async function framePageStarted(engine: EnginePage, id: string, { input }: FramePage): Promise<{ field: string | null; autocomplete: string } | 'not our page'> {
  // A refused frame holds the engine's own page: Chromium's chrome-error, Firefox's blocked-page
  // notice, an empty document in WebKit. Each can be probed, so a failing probe fails the test.
  return engine.evaluateInFrame(
    [`#${id}`],
    (inputId) => {
      const element = document.getElementById(inputId) as HTMLInputElement | null;
      return element ? { field: document.body.dataset.field ?? null, autocomplete: element.autocomplete } : ('not our page' as const);
    },
    input,
  );
}

const framePageUrl = (fieldsOrigin: string, key: string, { page }: FramePage, host: string, checkout: string) =>
  `${fieldsOrigin}/frames/${key}/${page}.html#${new URLSearchParams({ frame: page, checkout, host })}`;

for (const framePage of FRAME_PAGES) {
  const name = framePage.page === 'card' ? "the drop-in's card frame" : "a split field's frame";
  const started = { field: framePage.page === 'card' ? null : 'number', autocomplete: 'cc-number' };

  test(`${name} named for the page embedding it starts; one claiming another origin refuses to`, async ({ engine, demo }) => {
    await CardFieldsDriver.dropIn(engine).waitReady();
    await embedFramePage(engine, 'honest-frame', framePageUrl(demo.fieldsOrigin, demo.publishableKey, framePage, demo.merchantUrl, 'HonestHonestHonestHonest'));
    await embedFramePage(engine, 'lying-frame', framePageUrl(demo.fieldsOrigin, demo.publishableKey, framePage, 'https://bank.example', 'LyingLyingLyingLyingLyin'));
    // The honest frame is the control: the same probe sees a started page, so "refused" means something.
    expect(await framePageStarted(engine, 'honest-frame', framePage)).toEqual(started);
    expect(await framePageStarted(engine, 'lying-frame', framePage)).toEqual({ field: null, autocomplete: '' });
  });

  test(`a page on a site not allowed for the key, claiming the allowed merchant, gets no page for ${name}`, async ({ engine, demo }) => {
    // Same server, other site: 127.0.0.1 is not among the key's merchant origins (frame-ancestors).
    const otherSite = demo.merchantUrl.replace('localhost', '127.0.0.1');
    await engine.goto(`${otherSite}/test-pages/blank.html`);
    await embedFramePage(engine, 'stolen-frame', framePageUrl(demo.fieldsOrigin, demo.publishableKey, framePage, demo.merchantUrl, 'StolenStolenStolenStolen'));
    expect(await framePageStarted(engine, 'stolen-frame', framePage)).toBe('not our page');
  });
}
