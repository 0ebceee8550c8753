// The base of <payframe-checkout>: a plain custom element with Lit's contract where the drop-in and
// merchants rely on it. Merchant realm. Hand-written, not LitElement: Lit's runtime (4.6 KB gzip)
// would be a third of payframe.js's 14 KB goal, and the drop-in renders a handful of nodes, which its
// render() updates in place. It keeps: declared properties read from their attributes (String,
// Number, Boolean; `reflect` writes one back), updates batched on a microtask with a map of what
// changed (willUpdate / updated), `updateComplete`, reactive controllers called when Lit calls them,
// and styles adopted into an open shadow root. The split fields stay Lit elements (payframe-fields.js).
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PropertyDeclaration {
  /** How its attribute reads: String (the default), Number, or Boolean (present or not). */
  type?: typeof String | typeof Number | typeof Boolean;
  /** Its attribute's name (default: the property's name in lower case), or false for a property alone. */
  attribute?: string | false;
  /** Written back to its attribute when the property changes (a String property: null or undefined removes it). */
  reflect?: boolean;
}

/** Tags a stylesheet's text, so the build minifies it (scripts/vite-minify-css-templates.ts). */
export const css = String.raw;

let sheetsAdoptable: boolean | undefined;

export abstract class PayframeElement extends HTMLElement implements ReactiveControllerHost {
  declare static properties: Record<string, PropertyDeclaration>;
  /** The shadow root's stylesheet, as text. */
  declare static styles: string;
  /** Attribute name -> property name, made with the accessors (observedAttributes is read once, at define). */
  declare static attributeProperties: Map<string, string>;
  declare static sheet: CSSStyleSheet | undefined;

  static get observedAttributes(): string[] {
    const attributes = (this.attributeProperties = new Map());
    for (const [name, { attribute, reflect }] of Object.entries(this.properties)) {
      if (attribute !== false) attributes.set(attribute ?? name.toLowerCase(), name);
      Object.defineProperty(this.prototype, name, {
        get(this: PayframeElement) {
          return this.#values[name];
        },
        set(this: PayframeElement, value: unknown) {
          const old = this.#values[name];
          this.#values[name] = value;
          if (Object.is(old, value)) return;
          // Written back unless it came from the attribute.
          if (reflect && this.#reflecting !== name) this.#toReflect.add(name);
          this.requestUpdate(name, old);
        },
        configurable: true,
      });
    }
    return [...attributes.keys()];
  }

  /** True once the first update ran. */
  hasUpdated = false;
  readonly renderRoot: ShadowRoot = this.attachShadow({ mode: 'open' });
  #values: Record<string, unknown> = {};
  /** Properties changed since the last update, with their values before. */
  #changed = new Map<string, unknown>();
  #controllers = new Set<ReactiveController>();
  #toReflect = new Set<string>();
  #pending = false;
  /** Connected at least once: a controller added later is connected at once. */
  #live = false;
  /** Set while a property is written from its attribute or to it: no loop between the two. */
  #reflecting: string | undefined;
  #connected!: () => void;
  #updated: Promise<boolean> = new Promise((resolve) => (this.#connected = () => resolve(true)));
  /** Properties a page set on the element before it upgraded: set again through the accessors at the first update. */
  #early: [string, unknown][] | undefined = [];

  constructor() {
    super();
    const type = this.constructor as typeof PayframeElement;
    for (const name in type.properties) {
      if (Object.hasOwn(this, name)) {
        this.#early!.push([name, this[name as keyof this]]);
        delete this[name as keyof this];
      }
    }
    // Constructable stylesheets are CSSOM, which a merchant page's CSP style-src does not block;
    // a <style> where a browser has none.
    sheetsAdoptable ??= 'adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype;
    if (sheetsAdoptable) {
      if (!type.sheet) (type.sheet = new CSSStyleSheet()).replaceSync(type.styles);
      this.renderRoot.adoptedStyleSheets = [type.sheet];
    } else {
      this.renderRoot.append(Object.assign(document.createElement('style'), { textContent: type.styles }));
    }
    // The first update waits for the element to connect.
    this.requestUpdate();
  }

  /** Resolves once the pending update (if any) has rendered; true when none is pending after it. */
  get updateComplete(): Promise<boolean> {
    return this.#updated;
  }

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.#live && this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  connectedCallback(): void {
    this.#live = true;
    this.#connected();
    for (const controller of this.#controllers) controller.hostConnected?.();
  }

  disconnectedCallback(): void {
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const type = this.constructor as typeof PayframeElement;
    const name = type.attributeProperties.get(attribute)!;
    if (this.#reflecting === name) return;
    const kind = type.properties[name]!.type;
    this.#reflecting = name;
    (this as Record<string, unknown>)[name] = kind === Boolean ? value !== null : kind === Number && value !== null ? Number(value) : value;
    this.#reflecting = undefined;
  }

  /** Asks for an update on the next microtask; `name` and `old`: that property changed from `old`. */
  requestUpdate(name?: string, old?: unknown): void {
    if (name !== undefined && !this.#changed.has(name)) this.#changed.set(name, old);
    if (!this.#pending) {
      this.#pending = true;
      this.#updated = this.#enqueue();
    }
  }

  async #enqueue(): Promise<boolean> {
    // After the previous update (one that threw is reported, and does not stop this one), or (the first) once connected.
    await this.#updated.catch(reportError);
    const type = this.constructor as typeof PayframeElement;
    for (const [name, value] of this.#early ?? []) (this as Record<string, unknown>)[name] = value;
    this.#early = undefined;
    const changed = this.#changed;
    try {
      this.willUpdate(changed);
      for (const controller of this.#controllers) controller.hostUpdate?.();
      for (const name of this.#toReflect) {
        const value = (this as Record<string, unknown>)[name];
        const attributeName = type.properties[name]!.attribute || name.toLowerCase();
        this.#reflecting = name;
        if (value == null) this.removeAttribute(attributeName);
        else this.setAttribute(attributeName, String(value));
        this.#reflecting = undefined;
      }
      this.#toReflect.clear();
      this.render();
    } finally {
      // Changes asked for from here on (in updated(), by a controller) are the next update's.
      this.#changed = new Map();
      this.#pending = false;
    }
    for (const controller of this.#controllers) controller.hostUpdated?.();
    this.hasUpdated = true;
    this.updated(changed);
    return !this.#pending;
  }

  /** Before rendering: what changed, with the values before. */
  protected willUpdate(_changed: Map<string, unknown>): void {}

  /** Brings the shadow root's nodes up to date, in place. */
  protected abstract render(): void;

  /** After rendering. */
  protected updated(_changed: Map<string, unknown>): void {}
}

/** A new element with these attributes and children (nodes or text). */
export function element<Tag extends keyof HTMLElementTagNameMap>(tag: Tag, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[Tag] {
  const created = document.createElement(tag);
  for (const name in attributes) created.setAttribute(name, attributes[name]!);
  created.append(...children);
  return created;
}
