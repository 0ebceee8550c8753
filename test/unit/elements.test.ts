// The merchant-side elements mounted in a real page, against the real fields origin and
// sandbox gateway started with the test runner (see web-test-runner.config.mjs).
import { expect } from '@esm-bundle/chai';
import '../../src/index.ts';
import type { PayframeCardGroupElement, PayframeCheckout, PayframeErrorEvent } from '../../src/index.ts';

interface TestConfig {
  fieldsOrigin: string;
  publishableKey: string;
}

let config: TestConfig;
before(async () => {
  config = await (await fetch('/payframe-test-config.json')).json();
});

const mounted: Element[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

function mount<T extends HTMLElement>(html: string): T {
  const template = document.createElement('template');
  template.innerHTML = html.replaceAll('FIELDS_ORIGIN', config.fieldsOrigin).replaceAll('PUBLISHABLE_KEY', config.publishableKey);
  const element = template.content.firstElementChild as T;
  document.body.append(element);
  mounted.push(element);
  return element;
}

function nextEvent<T extends Event>(target: EventTarget, type: string): Promise<T> {
  return new Promise((resolve) => target.addEventListener(type, (event) => resolve(event as T), { once: true }));
}

/** Resolves when the pay button's label is drawn: the checkout drops its `pending` class. */
function labelDrawn(label: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    if (!label.classList.contains('pending')) return resolve();
    const observer = new MutationObserver(() => {
      if (label.classList.contains('pending')) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(label, { attributes: true, attributeFilter: ['class'] });
  });
}

describe('<payframe-checkout>', () => {
  it('becomes ready once its one card frame answers', async () => {
    const checkout = document.createElement('payframe-checkout') as PayframeCheckout;
    checkout.setAttribute('fields-origin', config.fieldsOrigin);
    checkout.setAttribute('publishable-key', config.publishableKey);
    const ready = nextEvent(checkout, 'payframe-ready');
    document.body.append(checkout);
    mounted.push(checkout);
    expect(checkout.ready).to.equal(false);
    await ready;
    expect(checkout.ready).to.equal(true);
    const frames = [...checkout.shadowRoot!.querySelectorAll('iframe')];
    expect(frames.map((frame) => new URL(frame.src).pathname)).to.deep.equal([`/frames/${config.publishableKey}/card.html`]);
    expect(frames[0]!.getAttribute('sandbox')).to.equal('allow-scripts allow-same-origin allow-forms');
  });

  it('shows a skeleton of the three fields, and reserves their height, until its card frame is ready', async () => {
    const checkout = mount<PayframeCheckout>('<payframe-checkout fields-origin="FIELDS_ORIGIN" publishable-key="PUBLISHABLE_KEY"></payframe-checkout>');
    await checkout.updateComplete;
    const card = checkout.shadowRoot!.querySelector<HTMLElement>('[part="card"]')!;
    expect(card.querySelectorAll('.skeleton .skeleton-box')).to.have.length(3);
    const reserved = card.getBoundingClientRect().height;
    await nextEvent(checkout, 'payframe-ready');
    await checkout.updateComplete;
    expect(card.querySelector('.skeleton')).to.equal(null);
    // The frame's own height, once it said it, is the height reserved: nothing moved.
    expect(card.getBoundingClientRect().height).to.equal(reserved);
  });

  it('labels the pay button with the formatted amount once its card frame is ready, and follows changes', async () => {
    const checkout = mount<PayframeCheckout>('<payframe-checkout fields-origin="FIELDS_ORIGIN" publishable-key="PUBLISHABLE_KEY" amount="1999" currency="eur" locale="en"></payframe-checkout>');
    const ready = nextEvent(checkout, 'payframe-ready');
    await checkout.updateComplete;
    const button = checkout.shadowRoot!.querySelector('button')!;
    const label = button.querySelector('span')!;
    const drawn = labelDrawn(label);
    const pendingAtReady = new Promise<boolean>((resolve) => checkout.addEventListener('payframe-ready', () => resolve(label.classList.contains('pending')), { once: true }));
    // Until ready the label says "Pay" to assistive technology and is not drawn: a page's first
    // Intl.NumberFormat takes 20–77 ms, and it waits for the page to be idle after ready.
    expect(button.disabled).to.equal(true);
    expect(button.textContent!.trim()).to.equal('Pay');
    expect(getComputedStyle(label).opacity).to.equal('0');
    await ready;
    expect(await pendingAtReady).to.equal(true);
    await drawn;
    await checkout.updateComplete;
    expect(button.textContent!.trim()).to.equal('Pay €19.99');
    expect(getComputedStyle(label).opacity).to.equal('1');
    checkout.amount = 500;
    checkout.currency = 'jpy';
    await checkout.updateComplete;
    expect(button.textContent!.trim()).to.equal('Pay ¥500');
    checkout.removeAttribute('currency');
    await checkout.updateComplete;
    expect(button.textContent!.trim()).to.equal('Pay');
  });

  it('answers tokenize() on empty fields with incomplete_number, without a gateway call', async () => {
    const checkout = mount<PayframeCheckout>('<payframe-checkout fields-origin="FIELDS_ORIGIN" publishable-key="PUBLISHABLE_KEY"></payframe-checkout>');
    await nextEvent(checkout, 'payframe-ready');
    const errorEvent = nextEvent<PayframeErrorEvent>(checkout, 'payframe-error');
    const result = await checkout.tokenize();
    expect(result).to.deep.equal({ error: { code: 'incomplete_number', message: 'Your card number is incomplete.', field: 'number' } });
    expect((await errorEvent).detail.error.code).to.equal('incomplete_number');
  });

  it('refuses to load frames or tokenize with a key that is not a publishable key', async () => {
    const checkout = document.createElement('payframe-checkout') as PayframeCheckout;
    checkout.setAttribute('fields-origin', config.fieldsOrigin);
    checkout.setAttribute('publishable-key', 'sk_test_secret');
    const error = nextEvent<PayframeErrorEvent>(checkout, 'payframe-error');
    document.body.append(checkout);
    mounted.push(checkout);
    expect((await error).detail.error.code).to.equal('invalid_publishable_key');
    await checkout.updateComplete;
    expect(checkout.shadowRoot!.querySelector('iframe')).to.equal(null);
    const result = await checkout.tokenize();
    expect('error' in result && result.error.code).to.equal('invalid_publishable_key');
    await checkout.updateComplete;
    expect(checkout.shadowRoot!.querySelector('[part="form-error"]')!.textContent).to.contain('publishable key');
    // A checkout whose card frame never loads still draws its pay button's label.
    const label = checkout.shadowRoot!.querySelector<HTMLElement>('button span')!;
    await labelDrawn(label);
    expect(getComputedStyle(label).opacity).to.equal('1');
  });

  it('reports fields_origin_missing, visibly, when it cannot know where the fields live', async () => {
    const checkout = document.createElement('payframe-checkout') as PayframeCheckout;
    const error = nextEvent<PayframeErrorEvent>(checkout, 'payframe-error');
    document.body.append(checkout);
    mounted.push(checkout);
    expect((await error).detail.error.code).to.equal('fields_origin_missing');
    await checkout.updateComplete;
    expect(checkout.shadowRoot!.querySelector('[part="form-error"]')!.textContent).to.contain('fields-origin');
    expect(checkout.shadowRoot!.querySelector('iframe')).to.equal(null);
  });

  it('comes back ready after being moved elsewhere in the page', async () => {
    const checkout = mount<PayframeCheckout>('<payframe-checkout fields-origin="FIELDS_ORIGIN" publishable-key="PUBLISHABLE_KEY"></payframe-checkout>');
    await nextEvent(checkout, 'payframe-ready');
    const holder = document.createElement('section');
    document.body.append(holder);
    mounted.push(holder);
    const readyAgain = nextEvent(checkout, 'payframe-ready');
    holder.append(checkout);
    await readyAgain;
    expect(checkout.ready).to.equal(true);
  });

  it('keeps two checkouts on one page apart: each has its own card frame and checkout id', async () => {
    const first = mount<PayframeCheckout>('<payframe-checkout fields-origin="FIELDS_ORIGIN" publishable-key="PUBLISHABLE_KEY"></payframe-checkout>');
    const second = mount<PayframeCheckout>('<payframe-checkout fields-origin="FIELDS_ORIGIN" publishable-key="PUBLISHABLE_KEY"></payframe-checkout>');
    await Promise.all([nextEvent(first, 'payframe-ready'), nextEvent(second, 'payframe-ready')]);
    const checkoutIdOf = (element: PayframeCheckout) => new URLSearchParams(new URL(element.shadowRoot!.querySelector('iframe[src*="card.html"]')!.getAttribute('src')!).hash.slice(1)).get('checkout');
    expect(checkoutIdOf(first)).to.match(/^[A-Za-z0-9]{24}$/);
    expect(checkoutIdOf(first)).to.not.equal(checkoutIdOf(second));
  });
});

describe('<payframe-card-group>', () => {
  it('groups split fields placed anywhere inside it and becomes ready', async () => {
    const group = mount<PayframeCardGroupElement>(`
      <payframe-card-group fields-origin="FIELDS_ORIGIN" publishable-key="PUBLISHABLE_KEY">
        <div><payframe-card-number label="Card"></payframe-card-number></div>
        <section><p><payframe-card-expiry></payframe-card-expiry></p><payframe-card-cvc></payframe-card-cvc></section>
      </payframe-card-group>`);
    await nextEvent(group, 'payframe-ready');
    expect(group.ready).to.equal(true);
    const number = group.querySelector('payframe-card-number')!;
    expect(number.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Card');
    const result = await group.tokenize();
    expect('error' in result && result.error.code).to.equal('incomplete_number');
  });

  it('is ready with only the fields it holds (number and expiry, no CVC)', async () => {
    const group = mount<PayframeCardGroupElement>(`
      <payframe-card-group fields-origin="FIELDS_ORIGIN" publishable-key="PUBLISHABLE_KEY">
        <payframe-card-number></payframe-card-number><payframe-card-expiry></payframe-card-expiry>
      </payframe-card-group>`);
    await nextEvent(group, 'payframe-ready');
    const result = await group.tokenize();
    expect('error' in result && result.error.field).to.equal('number');
  });
});
