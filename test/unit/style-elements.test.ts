// The `fieldStyle` property on the merchant-side elements (merchant realm), in Chromium against
// the real fields origin: the frames judge the style, and each refused part warns once on the
// merchant page; a bad style never breaks the checkout.
import { expect } from '@esm-bundle/chai';
import '../../src/index.ts';
import type { PayframeCardGroupElement, PayframeCheckout, PayframeFieldStyle } from '../../src/index.ts';

let fieldsOrigin: string;
let publishableKey: string;
let warnings: string[];
const originalWarn = console.warn;

before(async () => {
  ({ fieldsOrigin, publishableKey } = await (await fetch('/payframe-test-config.json')).json());
});

beforeEach(() => {
  warnings = [];
  // Only ours: Lit in dev mode warns too.
  console.warn = (...parts: unknown[]) => {
    const line = parts.join(' ');
    if (line.startsWith('[payframe]')) warnings.push(line);
  };
});

const mounted: Element[] = [];
afterEach(() => {
  console.warn = originalWarn;
  for (const element of mounted.splice(0)) element.remove();
});

/** The frames answer asynchronously: wait until this many warnings have arrived. */
async function warningsArrived(count: number): Promise<void> {
  for (let attempt = 0; attempt < 500 && warnings.length < count; attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
}

function nextEvent(target: EventTarget, type: string): Promise<Event> {
  return new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));
}

describe('fieldStyle on the elements', () => {
  it('warns once per rejected part with its code and property, and the checkout still gets ready', async () => {
    const checkout = document.createElement('payframe-checkout') as PayframeCheckout;
    checkout.setAttribute('fields-origin', fieldsOrigin);
    checkout.setAttribute('publishable-key', publishableKey);
    // As plain JavaScript would: TypeScript users would be told about `hover` already.
    checkout.fieldStyle = { base: { color: 'url(http://attacker.invalid/)', fontSize: '18px' }, hover: { color: 'red' } } as PayframeFieldStyle;
    const ready = nextEvent(checkout, 'payframe-ready');
    document.body.append(checkout);
    mounted.push(checkout);
    await ready;
    expect(checkout.ready).to.equal(true);
    await warningsArrived(2);
    expect(warnings).to.have.length(2);
    expect(warnings[0]).to.contain('<payframe-checkout> fieldStyle').and.contain('style_value_not_allowed').and.contain('base.color');
    expect(warnings[1]).to.contain('style_state_unknown').and.contain('hover');
    expect(warnings.join('\n')).not.to.contain('attacker.invalid');

    // Assigning the same mistake again (as a re-rendering app does) stays quiet; a new one speaks.
    checkout.fieldStyle = { base: { color: 'url(http://attacker.invalid/)', content: '"x"' } };
    await warningsArrived(3);
    expect(warnings).to.have.length(3);
    expect(warnings[2]).to.contain('style_property_not_allowed').and.contain('base.content');
  });

  it('a style that is not even an object is one warning, not an exception', async () => {
    const group = document.createElement('payframe-card-group') as PayframeCardGroupElement;
    group.setAttribute('fields-origin', fieldsOrigin);
    group.setAttribute('publishable-key', publishableKey);
    group.innerHTML = '<payframe-card-number></payframe-card-number>';
    document.body.append(group);
    mounted.push(group);
    (group as unknown as { fieldStyle: unknown }).fieldStyle = 'input { color: red }';
    await nextEvent(group, 'payframe-ready');
    await warningsArrived(1);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<payframe-card-group> fieldStyle').and.contain('style_not_an_object');
  });

  it('names the field element whose own style was refused, and the group for the group\'s', async () => {
    const group = document.createElement('payframe-card-group') as PayframeCardGroupElement;
    group.setAttribute('fields-origin', fieldsOrigin);
    group.setAttribute('publishable-key', publishableKey);
    group.innerHTML = '<payframe-card-number></payframe-card-number><payframe-card-cvc></payframe-card-cvc>';
    group.fieldStyle = { base: { cursor: 'pointer' } } as PayframeFieldStyle;
    (group.querySelector('payframe-card-cvc') as unknown as { fieldStyle: unknown }).fieldStyle = { base: { backgroundImage: 'url(x)', color: 'red' } };
    document.body.append(group);
    mounted.push(group);
    await nextEvent(group, 'payframe-ready');
    await warningsArrived(2);
    // The group's mistake is reported once although two frames refused it.
    expect(warnings.sort()).to.have.length(2);
    expect(warnings.find((line) => line.includes('<payframe-card-group>'))).to.match(/^\[payframe\] <payframe-card-group> fieldStyle: style_property_not_allowed at base\.cursor;/);
    expect(warnings.find((line) => line.includes('<payframe-card-cvc>'))).to.match(/^\[payframe\] <payframe-card-cvc> fieldStyle: style_property_not_allowed at base\.backgroundImage;/);
  });
});
