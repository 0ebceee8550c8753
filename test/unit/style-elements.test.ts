// The `fieldStyle` property on the merchant-side elements (merchant realm), in Chromium against
// the real fields origin: bad parts warn once and never break the checkout.
import { expect } from '@esm-bundle/chai';
import '../../src/index.ts';
import { sanitizeStyleWithWarnings } from '../../src/elements/card-field.ts';
import type { PayframeCardGroupElement, PayframeCheckout, PayframeFieldStyle } from '../../src/index.ts';

let fieldsOrigin: string;
let warnings: string[];
const originalWarn = console.warn;

before(async () => {
  ({ fieldsOrigin } = await (await fetch('/payframe-test-config.json')).json());
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

function nextEvent(target: EventTarget, type: string): Promise<Event> {
  return new Promise((resolve) => target.addEventListener(type, resolve, { once: true }));
}

describe('fieldStyle on the elements', () => {
  it('warns once per rejected part with its code and property, and the checkout still gets ready', async () => {
    const checkout = document.createElement('payframe-checkout') as PayframeCheckout;
    checkout.setAttribute('fields-origin', fieldsOrigin);
    // As plain JavaScript would: TypeScript users would be told about `hover` already.
    checkout.fieldStyle = { base: { color: 'url(http://attacker.invalid/)', fontSize: '18px' }, hover: { color: 'red' } } as PayframeFieldStyle;
    const ready = nextEvent(checkout, 'payframe-ready');
    document.body.append(checkout);
    mounted.push(checkout);
    await ready;
    expect(checkout.ready).to.equal(true);
    expect(warnings).to.have.length(2);
    expect(warnings[0]).to.contain('<payframe-checkout> fieldStyle').and.contain('style_value_not_allowed').and.contain('base.color');
    expect(warnings[1]).to.contain('style_state_unknown').and.contain('hover');
    expect(warnings.join('\n')).not.to.contain('attacker.invalid');

    // Assigning the same mistake again (as a re-rendering app does) stays quiet.
    checkout.fieldStyle = { base: { color: 'url(http://attacker.invalid/)' } };
    await checkout.updateComplete;
    expect(warnings).to.have.length(2);
  });

  it('a style that is not even an object is one warning, not an exception', async () => {
    const group = document.createElement('payframe-card-group') as PayframeCardGroupElement;
    group.setAttribute('fields-origin', fieldsOrigin);
    group.innerHTML = '<payframe-card-number></payframe-card-number>';
    document.body.append(group);
    mounted.push(group);
    (group as unknown as { fieldStyle: unknown }).fieldStyle = 'input { color: red }';
    await group.updateComplete;
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<payframe-card-group> fieldStyle').and.contain('style_not_an_object');
  });

  it('names the field element whose own style was refused', () => {
    const seen = new Set<string>();
    const sanitized = sanitizeStyleWithWarnings({ base: { backgroundImage: 'url(x)', color: 'red' } }, '<payframe-card-cvc> fieldStyle', seen);
    expect(sanitized).to.deep.equal({ base: { color: 'red' } });
    expect(warnings).to.deep.equal([warnings[0]]);
    expect(warnings[0]).to.match(/^\[payframe\] <payframe-card-cvc> fieldStyle: style_property_not_allowed at base\.backgroundImage;/);
  });
});
