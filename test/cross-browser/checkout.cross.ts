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

test('the drop-in becomes ready with its fields in frames the merchant page cannot read', async ({ engine, demo }) => {
  const checkout = CardFieldsDriver.dropIn(engine);
  await checkout.waitReady();
  const frames = await engine.evaluate((host) => {
    const root = document.querySelector(host)!.shadowRoot!;
    return (['number', 'expiry', 'cvc'] as const).map((kind) => {
      const iframe = root.querySelector(`payframe-card-${kind}`)!.shadowRoot!.querySelector('iframe')!;
      let documentAccess = 'allowed';
      try {
        void iframe.contentWindow!.document.body;
      } catch (error) {
        documentAccess = (error as Error).name;
      }
      return { origin: new URL(iframe.src).origin, sandbox: iframe.getAttribute('sandbox'), contentDocument: iframe.contentDocument === null, documentAccess };
    });
  }, checkout.host);
  expect(frames).toEqual(
    Array(3).fill({ origin: demo.fieldsOrigin, sandbox: 'allow-scripts allow-same-origin allow-forms', contentDocument: true, documentAccess: 'SecurityError' }),
  );
});

test('a card typed into the three frames is formatted there and tokenizes into a pm_ token', async ({ engine }) => {
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

/** Adds an iframe for a field page to the current page, and resolves once it has loaded (or been refused). */
async function embedFieldPage(engine: EnginePage, id: string, src: string): Promise<void> {
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

/** Whether our field page runs in that frame: it has started (body marked) and set up its input. */
async function fieldPageStarted(engine: EnginePage, id: string): Promise<{ started: string | null; autocomplete: string } | 'not our page'> {
  // A refused frame holds the engine's own page: Chromium's chrome-error, Firefox's blocked-page
  // notice, an empty document in WebKit. Each can be probed, so a failing probe fails the test.
  return engine.evaluateInFrame([`#${id}`], () => {
    const input = document.getElementById('input') as HTMLInputElement | null;
    return input ? { started: document.body.dataset.field ?? null, autocomplete: input.autocomplete } : ('not our page' as const);
  }, null);
}

const fieldPage = (fieldsOrigin: string, key: string, host: string, checkout: string) =>
  `${fieldsOrigin}/frames/${key}/number.html#${new URLSearchParams({ frame: 'number', checkout, host })}`;

test('a field frame named for the page embedding it starts; one claiming another origin refuses to', async ({ engine, demo }) => {
  await CardFieldsDriver.dropIn(engine).waitReady();
  await embedFieldPage(engine, 'honest-frame', fieldPage(demo.fieldsOrigin, demo.publishableKey, demo.merchantUrl, 'HonestHonestHonestHonest'));
  await embedFieldPage(engine, 'lying-frame', fieldPage(demo.fieldsOrigin, demo.publishableKey, 'https://bank.example', 'LyingLyingLyingLyingLyin'));
  // The honest frame is the control: the same probe sees a started field, so "refused" means something.
  expect(await fieldPageStarted(engine, 'honest-frame')).toEqual({ started: 'number', autocomplete: 'cc-number' });
  expect(await fieldPageStarted(engine, 'lying-frame')).toEqual({ started: null, autocomplete: '' });
});

test('a page on a site not allowed for the key, claiming the allowed merchant, gets no field page', async ({ engine, demo }) => {
  // Same server, other site: 127.0.0.1 is not among the key's merchant origins (frame-ancestors).
  const otherSite = demo.merchantUrl.replace('localhost', '127.0.0.1');
  await engine.goto(`${otherSite}/test-pages/blank.html`);
  await embedFieldPage(engine, 'stolen-frame', fieldPage(demo.fieldsOrigin, demo.publishableKey, demo.merchantUrl, 'StolenStolenStolenStolen'));
  expect(await fieldPageStarted(engine, 'stolen-frame')).toBe('not our page');
});
