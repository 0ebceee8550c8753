// Merchant styling of the card fields, end to end on the demo's real origins: allowed styles
// reach the inputs inside the frames (the drop-in's one card frame, split fields' frame per field)
// under their strict CSP, hostile styles (part of the hostile-merchant suite) are refused with a
// warning, load nothing, and leave the fields working, and the drop-in grows with its card frame.
import type { Page } from '@playwright/test';
import type { FieldKind, PayframeFieldStyle } from '../../src/index.ts';
import { expect, test as base } from './fixtures.ts';
import type { CardFieldsHarness } from './harness/card-fields-harness.ts';

const VISA = { number: '4242424242424242', expiry: '1234', cvc: '123' };
/** Fails the Luhn check at Mastercard's only length, so the field turns invalid while still focused. */
const INVALID_MASTERCARD = '5555555555554445';
const ATTACKER_HOST = 'attacker.invalid';

interface PageWatch {
  /** Every URL any frame of the page requested. */
  requests: string[];
  /** console.warn lines, from any realm. */
  warnings: string[];
  /** Chromium's console reports of Content-Security-Policy violations, from any frame. */
  cspReports: string[];
}

const test = base.extend<{ watch: PageWatch }>({
  watch: async ({ page }, use) => {
    const watch: PageWatch = { requests: [], warnings: [], cspReports: [] };
    page.on('request', (request) => watch.requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'warning') watch.warnings.push(message.text());
      if (/content security policy/i.test(message.text())) watch.cspReports.push(message.text());
    });
    await use(watch);
  },
});

/** The fields whose frames differ: the drop-in's three inputs share its one card frame. */
function framesOf(harness: CardFieldsHarness): FieldKind[] {
  return harness.cardFrame ? ['number'] : ['number', 'expiry', 'cvc'];
}

/** Opens the demo page with the page watched from the start, and CSP violations counted in each field frame. */
async function openDemo({ page, demo, checkout }: { page: Page; demo: { merchantUrl: string }; checkout: CardFieldsHarness }): Promise<void> {
  await page.goto(demo.merchantUrl);
  await checkout.waitReady();
  for (const kind of framesOf(checkout)) await recordViolations(checkout, kind);
}

/** What the merchant does: assign a style object to the drop-in on its page. */
async function setCheckoutStyle(page: Page, style: unknown): Promise<void> {
  await page.evaluate((fieldStyle) => {
    (document.querySelector('payframe-checkout') as unknown as { fieldStyle: unknown }).fieldStyle = fieldStyle;
  }, style);
}

/** A computed style of a field's input inside its frame, read on the fields origin. */
function inputStyle(harness: CardFieldsHarness, kind: FieldKind, property: string, pseudo?: string): Promise<string> {
  return harness.input(kind).evaluate((input, [name, pseudoElement]) => getComputedStyle(input, pseudoElement ?? null).getPropertyValue(name!), [property, pseudo] as const);
}

/** Counts securitypolicyviolation events inside a field frame from now on. */
async function recordViolations(harness: CardFieldsHarness, kind: FieldKind): Promise<void> {
  const frame = await harness.frame(kind);
  await frame.evaluate(() => {
    const violations: string[] = [];
    (window as unknown as { payframeTestViolations: string[] }).payframeTestViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

async function violationsIn(harness: CardFieldsHarness, kind: FieldKind): Promise<string[]> {
  const frame = await harness.frame(kind);
  return frame.evaluate(() => (window as unknown as { payframeTestViolations: string[] }).payframeTestViolations);
}

/** The requests that went anywhere but the demo's three origins. */
function foreignRequests(watch: PageWatch, origins: string[]): string[] {
  return watch.requests.filter((url) => url.includes(ATTACKER_HOST) || !origins.some((origin) => url.startsWith(`${origin}/`)));
}

/** The warnings naming this code and property (the SDK warns once per rejection, not per frame). */
function warningsAbout(watch: PageWatch, code: string, property: string): string[] {
  return watch.warnings.filter((line) => line.includes(code) && line.includes(` ${property};`));
}

test.describe('styling the fields', () => {
  test.beforeEach(async ({ page, demo, checkout, watch }) => {
    void watch;
    await openDemo({ page, demo, checkout });
  });

  test('allowed styles and theme variables show up inside every frame, under the frame CSP', async ({ page, checkout, watch }) => {
    const style: PayframeFieldStyle = {
      variables: { colorBackground: 'rgb(250, 250, 240)', fontFamily: '"Courier New", monospace' },
      base: { color: 'rgb(10, 20, 30)', fontSize: '20px', fontWeight: 600, letterSpacing: '1px', paddingLeft: '7px', textAlign: 'center', textTransform: 'uppercase' },
      placeholder: { color: 'rgb(1, 128, 1)' },
    };
    await setCheckoutStyle(page, style);
    for (const kind of ['number', 'expiry', 'cvc'] as const) {
      await expect.poll(() => inputStyle(checkout, kind, 'color')).toBe('rgb(10, 20, 30)');
      expect(await inputStyle(checkout, kind, 'font-size')).toBe('20px');
      expect(await inputStyle(checkout, kind, 'font-weight')).toBe('600');
      expect(await inputStyle(checkout, kind, 'letter-spacing')).toBe('1px');
      expect(await inputStyle(checkout, kind, 'padding-left')).toBe('7px');
      expect(await inputStyle(checkout, kind, 'text-align')).toBe('center');
      expect(await inputStyle(checkout, kind, 'text-transform')).toBe('uppercase');
      expect(await inputStyle(checkout, kind, 'background-color')).toBe('rgb(250, 250, 240)');
      expect(await inputStyle(checkout, kind, 'font-family')).toBe('"Courier New", monospace');
      expect(await inputStyle(checkout, kind, 'color', '::placeholder')).toBe('rgb(1, 128, 1)');
      expect(await violationsIn(checkout, kind)).toEqual([]);
    }
    expect(watch.cspReports).toEqual([]);
    expect(watch.warnings.filter((line) => line.includes('[payframe]'))).toEqual([]);
  });

  test('focus, invalid and complete switch the styles', async ({ page, checkout }) => {
    await setCheckoutStyle(page, {
      base: { color: 'rgb(1, 1, 1)' },
      focus: { color: 'rgb(2, 2, 2)' },
      invalid: { color: 'rgb(200, 0, 0)' },
      complete: { color: 'rgb(0, 150, 0)' },
    });
    await expect.poll(() => inputStyle(checkout, 'number', 'color')).toBe('rgb(1, 1, 1)');
    await checkout.input('number').focus();
    await expect.poll(() => inputStyle(checkout, 'number', 'color')).toBe('rgb(2, 2, 2)');
    await checkout.type('number', INVALID_MASTERCARD);
    await expect(checkout.errorLine('number')).toHaveText('Your card number is invalid.');
    expect(await inputStyle(checkout, 'number', 'color')).toBe('rgb(200, 0, 0)');
    await checkout.clear('number');
    await checkout.type('number', VISA.number);
    await checkout.waitForFocus('expiry');
    await expect.poll(() => inputStyle(checkout, 'number', 'color')).toBe('rgb(0, 150, 0)');
  });

  test('changing the style of a mounted checkout applies at once and keeps what was typed', async ({ page, checkout }) => {
    await checkout.type('number', '424242');
    await setCheckoutStyle(page, { base: { color: 'rgb(0, 0, 255)' } });
    await expect.poll(() => inputStyle(checkout, 'number', 'color')).toBe('rgb(0, 0, 255)');
    await setCheckoutStyle(page, { base: { fontSize: '22px' } });
    await expect.poll(() => inputStyle(checkout, 'number', 'font-size')).toBe('22px');
    // A new style replaces the old one whole.
    expect(await inputStyle(checkout, 'number', 'color')).toBe('rgb(26, 31, 54)');
    await expect(checkout.input('number')).toHaveValue('4242 42');
    await checkout.type('number', '4242424242');
    await checkout.type('expiry', VISA.expiry);
    await checkout.type('cvc', VISA.cvc);
    const result = await checkout.tokenize();
    expect('paymentMethod' in result && result.paymentMethod.card.last4).toBe('4242');
  });

  test('a split field refines its group style, and theme variables restyle the defaults', async ({ page, split }) => {
    await split.waitReady();
    await page.evaluate(() => {
      const group = document.querySelector('payframe-card-group') as unknown as { fieldStyle: unknown };
      group.fieldStyle = { base: { color: 'rgb(5, 5, 5)', fontSize: '15px' }, variables: { colorDanger: 'rgb(180, 10, 10)' } };
      const cvc = document.querySelector('payframe-card-cvc') as unknown as { fieldStyle: unknown };
      cvc.fieldStyle = { base: { color: 'rgb(6, 6, 6)' } };
    });
    await expect.poll(() => inputStyle(split, 'number', 'color')).toBe('rgb(5, 5, 5)');
    await expect.poll(() => inputStyle(split, 'cvc', 'color')).toBe('rgb(6, 6, 6)');
    expect(await inputStyle(split, 'cvc', 'font-size')).toBe('15px');
    await split.type('number', INVALID_MASTERCARD);
    await expect.poll(() => inputStyle(split, 'number', 'color')).toBe('rgb(180, 10, 10)');
  });
});

/**
 * One hostile style: the merchant page sees a warning naming the code and property, nothing is
 * requested from the attacker (or anywhere new), the frame raises no CSP violation (so our check,
 * not the CSP, stopped it), the harmless rest still applies, and the shopper can still pay.
 */
async function expectStyleRefused(
  { page, checkout, watch, origins }: { page: Page; checkout: CardFieldsHarness; watch: PageWatch; origins: string[] },
  hostile: Record<string, unknown>,
  expected: { code: string; property: string },
): Promise<void> {
  const style = { ...hostile, base: { ...(hostile.base as object | undefined), fontSize: '19px' } };
  await setCheckoutStyle(page, style);
  await expect.poll(() => inputStyle(checkout, 'number', 'font-size')).toBe('19px');
  await expect.poll(() => warningsAbout(watch, expected.code, expected.property)).toHaveLength(1);

  await checkout.fillCard(VISA);
  await expect(checkout.input('number')).toHaveValue('4242 4242 4242 4242');
  const result = await checkout.tokenize();
  expect('paymentMethod' in result && result.paymentMethod.card.last4, JSON.stringify(result)).toBe('4242');

  for (const kind of ['number', 'expiry', 'cvc'] as const) {
    expect(await inputStyle(checkout, kind, 'background-image')).toBe('none');
    expect(await violationsIn(checkout, kind)).toEqual([]);
  }
  expect(watch.cspReports).toEqual([]);
  expect(foreignRequests(watch, origins)).toEqual([]);
  // One warning for the checkout, not one per frame, and never the value itself.
  expect(warningsAbout(watch, expected.code, expected.property)).toHaveLength(1);
  expect(watch.warnings.join('\n')).not.toContain(ATTACKER_HOST);
}

test.describe('hostile merchant styles', () => {
  test.beforeEach(async ({ page, demo, checkout, watch }) => {
    void watch;
    await openDemo({ page, demo, checkout });
  });

  const origins = (demo: { merchantUrl: string; fieldsOrigin: string; gatewayUrl: string }) => [demo.merchantUrl, demo.fieldsOrigin, new URL(demo.gatewayUrl).origin];

  test('attack: CSS url() in a colour loads nothing', async ({ page, checkout, watch, demo }) => {
    await expectStyleRefused({ page, checkout, watch, origins: origins(demo) }, { base: { color: `url(http://${ATTACKER_HOST}/?x)` } }, { code: 'style_value_not_allowed', property: 'base.color' });
    expect(await inputStyle(checkout, 'number', 'color')).toBe('rgb(26, 31, 54)');
  });

  test('attack: background-image is not an allowed property and loads nothing', async ({ page, checkout, watch, demo }) => {
    await expectStyleRefused(
      { page, checkout, watch, origins: origins(demo) },
      { base: { backgroundImage: `url(http://${ATTACKER_HOST}/bg.png)` } },
      { code: 'style_property_not_allowed', property: 'base.backgroundImage' },
    );
  });

  test('attack: @import in a value loads no style sheet', async ({ page, checkout, watch, demo }) => {
    await expectStyleRefused(
      { page, checkout, watch, origins: origins(demo) },
      { base: { fontFamily: `@import 'http://${ATTACKER_HOST}/x.css'` } },
      { code: 'style_value_not_allowed', property: 'base.fontFamily' },
    );
  });

  test('attack: image-set() in a colour loads nothing', async ({ page, checkout, watch, demo }) => {
    await expectStyleRefused(
      { page, checkout, watch, origins: origins(demo) },
      { focus: { backgroundColor: `image-set("http://${ATTACKER_HOST}/a.png" 1x)` } },
      { code: 'style_value_not_allowed', property: 'focus.backgroundColor' },
    );
  });

  test('attack: attr(value) cannot key a style off the typed value', async ({ page, checkout, watch, demo }) => {
    await expectStyleRefused({ page, checkout, watch, origins: origins(demo) }, { base: { fontFamily: 'attr(value)' } }, { code: 'style_value_not_allowed', property: 'base.fontFamily' });
  });

  test('attack: expression() runs nothing', async ({ page, checkout, watch, demo }) => {
    await expectStyleRefused(
      { page, checkout, watch, origins: origins(demo) },
      { invalid: { color: `expression(fetch("http://${ATTACKER_HOST}/"))` } },
      { code: 'style_value_not_allowed', property: 'invalid.color' },
    );
  });

  test('attack: a CSS escape (\\75 rl() cannot disguise url()', async ({ page, checkout, watch, demo }) => {
    await expectStyleRefused({ page, checkout, watch, origins: origins(demo) }, { base: { color: `\\75 rl(http://${ATTACKER_HOST}/?x)` } }, { code: 'style_value_not_allowed', property: 'base.color' });
  });

  test('attack: var() to an unknown custom property is refused', async ({ page, checkout, watch, demo }) => {
    await expectStyleRefused({ page, checkout, watch, origins: origins(demo) }, { base: { color: 'var(--unknown)' } }, { code: 'style_variable_unknown', property: 'base.color' });
  });

  test('attack: a selector smuggled into a value cannot style by the typed digits', async ({ page, checkout, watch, demo }) => {
    await expectStyleRefused(
      { page, checkout, watch, origins: origins(demo) },
      { base: { color: 'red; } input[value^="4"] { color: blue' } },
      { code: 'style_value_not_allowed', property: 'base.color' },
    );
    expect(await inputStyle(checkout, 'number', 'color')).toBe('rgb(26, 31, 54)');
  });

  test('attack: !important smuggling is refused', async ({ page, checkout, watch, demo }) => {
    await expectStyleRefused({ page, checkout, watch, origins: origins(demo) }, { complete: { color: 'red !important' } }, { code: 'style_value_not_allowed', property: 'complete.color' });
    expect(await inputStyle(checkout, 'number', 'color')).toBe('rgb(26, 31, 54)');
  });

  test('attack: a 10,000-character value is refused as too long', async ({ page, checkout, watch, demo }) => {
    await expectStyleRefused({ page, checkout, watch, origins: origins(demo) }, { base: { fontFamily: 'a'.repeat(10_000) } }, { code: 'style_too_long', property: 'base.fontFamily' });
  });

  test('attack: HTML and script in placeholder and label text show as literal text', async ({ page, split, watch, demo }) => {
    await split.waitReady();
    const hostile = '<img src=x onerror="window.payframePwned=1">';
    const long = `${hostile}${'y'.repeat(150)}`;
    await page.evaluate(
      ([text, longText]) => {
        const number = document.querySelector('payframe-card-group payframe-card-number') as unknown as { label: string; placeholder: string };
        number.label = text!;
        number.placeholder = text!;
        const cvc = document.querySelector('payframe-card-group payframe-card-cvc') as unknown as { placeholder: string };
        cvc.placeholder = longText!;
      },
      [hostile, long],
    );
    await expect(split.input('number')).toHaveAttribute('placeholder', hostile);
    // Plain text, at most 100 characters, wherever it lands.
    await expect(split.input('cvc')).toHaveAttribute('placeholder', long.slice(0, 100));
    await expect(split.fieldElement('number').locator('[part="label"]')).toHaveText(hostile);
    const numberFrame = await split.frame('number');
    const inFrame = await numberFrame.evaluate(() => ({
      label: document.getElementById('label')!.textContent,
      images: document.querySelectorAll('img').length,
      pwned: (window as unknown as { payframePwned?: number }).payframePwned,
    }));
    expect(inFrame).toEqual({ label: hostile, images: 0, pwned: undefined });
    const onMerchantPage = await page.evaluate(() => ({
      images: document.querySelector('payframe-card-group payframe-card-number')!.shadowRoot!.querySelectorAll('img').length,
      pwned: (window as unknown as { payframePwned?: number }).payframePwned,
    }));
    expect(onMerchantPage).toEqual({ images: 0, pwned: undefined });

    await split.fillCard(VISA);
    const result = await split.tokenize();
    expect('paymentMethod' in result && result.paymentMethod.card.last4).toBe('4242');
    expect(watch.requests.filter((url) => new URL(url).pathname === '/x')).toEqual([]);
    expect(foreignRequests(watch, origins(demo))).toEqual([]);
  });
});

test.describe('hostile merchant styles past the SDK', () => {
  /** A compromised page can grab the SDK's ports before any of its code runs (see hostile.spec.ts). */
  function keepMessagePorts(merchantOrigin: string): void {
    if (location.origin !== merchantOrigin) return;
    const ports: MessagePort[] = [];
    (window as unknown as { payframeTestPorts: MessagePort[] }).payframeTestPorts = ports;
    const OriginalChannel = window.MessageChannel;
    window.MessageChannel = class extends OriginalChannel {
      constructor() {
        super();
        ports.push(this.port1);
      }
    };
  }

  test('attack: a hostile style sent straight over the port is checked again in the frame', async ({ page, demo, checkout, watch }) => {
    await page.addInitScript(keepMessagePorts, demo.merchantUrl);
    await openDemo({ page, demo, checkout });
    await page.evaluate((attacker) => {
      const command = {
        type: 'configure',
        options: {
          // Both layers, as the wire carries them: the frame's sanitizer is the only judge.
          style: {
            group: { base: { color: `url(http://${attacker}/port)`, 'background-image': `url(http://${attacker}/bg)` } },
            own: {
              base: { 'font-size': '23px' },
              invalid: { color: 'red; } input[value^="4"] { color: blue' },
              variables: { colorText: `url(http://${attacker}/var)` },
            },
          },
        },
      };
      for (const port of (window as unknown as { payframeTestPorts: MessagePort[] }).payframeTestPorts) port.postMessage(command);
    }, ATTACKER_HOST);
    await expect.poll(() => inputStyle(checkout, 'number', 'font-size')).toBe('23px');
    expect(await inputStyle(checkout, 'number', 'background-image')).toBe('none');
    expect(await inputStyle(checkout, 'number', 'color')).toBe('rgb(26, 31, 54)');
    await checkout.fillCard(VISA);
    const result = await checkout.tokenize();
    expect('paymentMethod' in result && result.paymentMethod.card.last4).toBe('4242');
    expect(await violationsIn(checkout, 'number')).toEqual([]);
    expect(watch.cspReports).toEqual([]);
    expect(watch.requests.filter((url) => url.includes(ATTACKER_HOST))).toEqual([]);
  });
});

test('attack: a hostile style in a card frame\'s URL options is judged as a configure would be', async ({ page, demo, checkout, watch }) => {
  await openDemo({ page, demo, checkout });
  // A page script embeds a card frame of its own, its first options carrying what the allowlist refuses.
  const options = {
    style: {
      group: { base: { color: `url(http://${ATTACKER_HOST}/url-option)`, 'background-image': `url(http://${ATTACKER_HOST}/bg-option)` } },
      own: { base: { 'font-size': '23px' }, invalid: { color: 'red; } input[value^="4"] { color: blue' }, variables: { colorText: `url(http://${ATTACKER_HOST}/var-option)` } },
    },
  };
  const checkoutId = 'UrlOptionsAttack00000001';
  const params = new URLSearchParams({ frame: 'card', checkout: checkoutId, host: demo.merchantUrl, options: JSON.stringify(options) });
  const loaded = page.waitForEvent('framenavigated', (frame) => frame.url().includes(checkoutId));
  await page.evaluate((src) => {
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
    iframe.src = src;
    document.body.append(iframe);
  }, `${demo.fieldsOrigin}/frames/${demo.publishableKey}/card.html#${params}`);
  const frame = await loaded;
  // The allowed part applies (so the options were read), the rest is left out.
  const numberStyle = (property: string) => frame.locator('#number').evaluate((input, name) => getComputedStyle(input).getPropertyValue(name), property);
  await expect.poll(() => numberStyle('font-size')).toBe('23px');
  expect(await numberStyle('background-image')).toBe('none');
  expect(await numberStyle('color')).toBe('rgb(26, 31, 54)');
  await frame.locator('#number').fill('4242424242424242');
  expect(await numberStyle('color')).toBe('rgb(26, 31, 54)');
  expect(watch.cspReports).toEqual([]);
  expect(watch.requests.filter((url) => url.includes(ATTACKER_HOST))).toEqual([]);
});

test.describe('the drop-in grows with its card frame', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('error lines wrapping to two lines make [part="card"] as tall as the frame says, and move the pay button down', async ({ page, demo, checkout, watch }) => {
    await page.goto(`${demo.merchantUrl}/test-pages/a11y.html`);
    await checkout.waitReady();
    /** The height the card frame last told the page. */
    const reported = () => page.evaluate(() => (document.querySelector('#checkout') as unknown as { group: { height?: number } }).group.height);
    /** The height of the frame's document, measured inside it on the fields origin. */
    const content = async () => (await checkout.frame('number')).evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const card = page.locator('#checkout [part="card"]');
    const heights = async () => ({ content: await content(), reported: await reported(), card: (await card.boundingBox())!.height, frame: (await checkout.cardIframe().boundingBox())!.height });
    const agree = async () => {
      const now = await heights();
      return now.reported === now.content && now.card === now.content && now.frame === now.content ? now.content : -1;
    };
    await expect.poll(agree).toBeGreaterThan(0);
    const before = { height: await agree(), button: (await checkout.payButton().boundingBox())! };

    // An incomplete expiry, then Pay: every field shows its error, and at this width the expiry's
    // and the CVC's wrap to two lines.
    await checkout.type('expiry', '13');
    await checkout.payButton().click();
    await expect(checkout.errorLine('cvc')).toHaveText("Your card's security code is incomplete.");
    for (const kind of ['expiry', 'cvc'] as const) expect((await checkout.errorLine(kind).boundingBox())!.height, `${kind} error lines`).toBeGreaterThanOrEqual(36);
    await expect.poll(agree).toBeGreaterThanOrEqual(before.height + 18);
    const grown = await agree();

    // Nothing is clipped by the frame or hidden under the button, which moved down as far as the card grew.
    const frame = (await checkout.cardIframe().boundingBox())!;
    const button = (await checkout.payButton().boundingBox())!;
    expect(button.y - before.button.y).toBeCloseTo(grown - before.height, 0);
    for (const kind of ['number', 'expiry', 'cvc'] as const) {
      const line = (await checkout.errorLine(kind).boundingBox())!;
      expect(line.y + line.height, `${kind} error inside the frame`).toBeLessThanOrEqual(frame.y + frame.height);
      expect(line.y + line.height, `${kind} error above the button`).toBeLessThanOrEqual(button.y);
    }
    await expect(checkout.payButton()).toBeInViewport();

    // The errors gone, the card is as short as before and the button back where it was.
    await checkout.clear('expiry');
    await checkout.fillCard(VISA);
    await expect(checkout.errorLine('cvc')).toHaveText('');
    await expect.poll(agree).toBe(before.height);
    expect((await checkout.payButton().boundingBox())!.y).toBeCloseTo(before.button.y, 0);
    // The page's CSP (style-src 'self') allowed every height the element set.
    expect(watch.cspReports).toEqual([]);
  });
});
