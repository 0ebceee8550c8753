// The drop-in's base element (src/elements/payframe-element.ts) keeps the parts of Lit's contract the
// checkout and merchants use: attributes read into typed properties, one batched update with what
// changed, `theme` reflected, properties set before the element upgraded kept, reactive controllers
// called in Lit's order, `updateComplete`, and its styles adopted into the shadow root.
import { expect } from '@esm-bundle/chai';
import type { ReactiveController } from 'lit';
import { element, PayframeElement, type PropertyDeclaration } from '../../src/elements/payframe-element.ts';

class Probe extends PayframeElement {
  static override styles = ':host{display:block}.out{color:rgb(1, 2, 3)}';
  static override properties: Record<string, PropertyDeclaration> = {
    label: { type: String },
    count: { type: Number },
    on: { type: Boolean },
    theme: { type: String, reflect: true },
    named: { type: String, attribute: 'the-name' },
    data: { attribute: false },
  };
  declare label: string | null | undefined;
  declare count: number | null | undefined;
  declare on: boolean | undefined;
  declare theme: string | null | undefined;
  declare named: string | null | undefined;
  declare data: unknown;
  /** What each update was told had changed. */
  readonly updates: Map<string, unknown>[] = [];
  readonly calls: string[] = [];
  readonly out = element('p', { class: 'out' });

  protected override willUpdate(changed: Map<string, unknown>): void {
    this.updates.push(new Map(changed));
    this.calls.push('willUpdate');
  }

  protected override render(): void {
    this.calls.push('render');
    this.out.textContent = `${this.label ?? ''}`;
    if (!this.hasUpdated) this.renderRoot.append(this.out);
  }

  protected override updated(): void {
    this.calls.push('updated');
  }
}
customElements.define('payframe-probe', Probe);

const mounted: Element[] = [];
afterEach(() => {
  for (const node of mounted.splice(0)) node.remove();
});

function mount(html: string): Probe {
  const template = document.createElement('template');
  template.innerHTML = html;
  const probe = template.content.firstElementChild as Probe;
  document.body.append(probe);
  mounted.push(probe);
  return probe;
}

describe('PayframeElement, the drop-in\'s base', () => {
  it('reads attributes as String, Number and Boolean properties, by their own names or the lower-cased property name', async () => {
    const probe = mount('<payframe-probe label="Pay" count="5" on the-name="x"></payframe-probe>');
    await probe.updateComplete;
    expect([probe.label, probe.count, probe.on, probe.named]).to.deep.equal(['Pay', 5, true, 'x']);
    probe.removeAttribute('count');
    probe.removeAttribute('on');
    expect([probe.count, probe.on]).to.deep.equal([null, false]);
    // A property alone has no attribute.
    expect((probe.constructor as typeof Probe).observedAttributes).to.not.include('data');
  });

  it('renders once per batch of changes, after the element connects, with the values before the batch', async () => {
    const probe = document.createElement('payframe-probe') as Probe;
    probe.label = 'a';
    mounted.push(probe);
    await Promise.resolve();
    expect(probe.calls).to.deep.equal([]);
    document.body.append(probe);
    await probe.updateComplete;
    expect(probe.calls).to.deep.equal(['willUpdate', 'render', 'updated']);
    expect(probe.out.textContent).to.equal('a');
    probe.label = 'b';
    probe.label = 'c';
    probe.count = 1;
    probe.count = 1;
    await probe.updateComplete;
    expect(probe.updates.at(-1)).to.deep.equal(new Map<string, unknown>([['label', 'a'], ['count', undefined]]));
    expect(probe.calls.filter((call) => call === 'render')).to.have.length(2);
    expect(probe.out.textContent).to.equal('c');
    // Setting the same value asks for nothing.
    probe.label = 'c';
    expect(await probe.updateComplete).to.equal(true);
    expect(probe.calls.filter((call) => call === 'render')).to.have.length(2);
  });

  it('reflects theme to its attribute when set as a property, and removes it when unset', async () => {
    const probe = mount('<payframe-probe></payframe-probe>');
    probe.theme = 'dark';
    await probe.updateComplete;
    expect(probe.getAttribute('theme')).to.equal('dark');
    probe.setAttribute('theme', 'minimal');
    expect(probe.theme).to.equal('minimal');
    probe.theme = undefined;
    await probe.updateComplete;
    expect(probe.hasAttribute('theme')).to.equal(false);
  });

  it('keeps what a page set on the element before it upgraded', async () => {
    const early = document.createElement('payframe-probe-late') as Probe;
    early.label = 'set before the upgrade';
    early.data = { kept: true };
    document.body.append(early);
    mounted.push(early);
    customElements.define('payframe-probe-late', class extends Probe {});
    await early.updateComplete;
    expect(early.label).to.equal('set before the upgrade');
    expect(early.data).to.deep.equal({ kept: true });
    expect(Object.hasOwn(early, 'label')).to.equal(false);
    expect(early.updates[0]!.has('label')).to.equal(true);
    expect(early.out.textContent).to.equal('set before the upgrade');
  });

  it('calls its controllers as Lit does: connected, before and after each update, disconnected', async () => {
    const probe = document.createElement('payframe-probe') as Probe;
    const controller: ReactiveController = {
      hostConnected: () => probe.calls.push('hostConnected'),
      hostUpdate: () => probe.calls.push('hostUpdate'),
      hostUpdated: () => probe.calls.push('hostUpdated'),
      hostDisconnected: () => probe.calls.push('hostDisconnected'),
    };
    probe.addController(controller);
    document.body.append(probe);
    mounted.push(probe);
    await probe.updateComplete;
    probe.remove();
    expect(probe.calls).to.deep.equal(['hostConnected', 'willUpdate', 'hostUpdate', 'render', 'hostUpdated', 'updated', 'hostDisconnected']);
    // One added to a connected element is connected at once.
    document.body.append(probe);
    const late: string[] = [];
    probe.addController({ hostConnected: () => late.push('hostConnected') });
    expect(late).to.deep.equal(['hostConnected']);
  });

  it('adopts its styles into an open shadow root', async () => {
    const probe = mount('<payframe-probe label="styled"></payframe-probe>');
    await probe.updateComplete;
    expect(probe.shadowRoot).to.equal(probe.renderRoot);
    expect(probe.renderRoot.adoptedStyleSheets).to.have.length(1);
    expect(getComputedStyle(probe).display).to.equal('block');
    expect(getComputedStyle(probe.out).color).to.equal('rgb(1, 2, 3)');
  });
});
