// Split card fields as a card surface: a frame per field element (<payframe-card-number> and its
// siblings, registered in field-registry.ts) plus the hidden controller frame, all on one checkout
// id. It fans the owner's style, theme and locale out to the fields and says when all are ready.
// Both <payframe-checkout> and <payframe-card-group> own one. Runs on the merchant page.
import type { ReactiveController } from 'lit';
import { dispatchPayframeEvent } from '../events.ts';
import { ENGLISH_SPLIT_BILLING_TEXTS, type SplitBillingTexts } from '../i18n/billing-messages.ts';
import { ENGLISH, type Locale, type Messages } from '../i18n/messages.ts';
import { pageMessages } from '../i18n/page-messages.ts';
import type { CheckoutError, ControllerEvent, FieldKind, SplitFieldKind, StyleRejectionReport } from '../shared/protocol.ts';
import { randomId } from '../shared/random-id.ts';
import { parsePublishableKey } from '../shared/wire-schemas.generated.ts';
import type { CardSurface, SurfaceOwner } from './card-surface.ts';
import { checkoutError } from './checkout-error.ts';
import type { ControllerAnswer, ControllerClient } from './controller-client.ts';
import { ControllerFrame } from './controller-frame.ts';
import { FieldRegistry, REGISTER_FIELD_EVENT, type GroupedField } from './field-registry.ts';
import { resolveFieldsOrigin } from './fields-origin.ts';
import { styleForFrame, warnStyleRejections } from './style-relay.ts';

const FRAME_READY_TIMEOUT_MS = 15_000;

export class SplitFieldsSurface implements CardSurface, ReactiveController {
  /** Random per mount: names the fields-origin channel shared by this group's frames. */
  checkoutId = randomId(24);
  fieldsOrigin: string | undefined;
  /** The key the mounted frames are bound to; a changed key or fields origin starts them over. */
  publishableKey: string | undefined;
  loadError: CheckoutError | undefined;
  /** The owner's style for every field, as plain data; the frames judge it, a split field layers its own on top. */
  fieldStyle: unknown;
  /** The element's theme variables that reach the frames, the lowest style layer (src/themes). */
  themeStyle: unknown;
  /** The checkout's locale: the frames show it, and the controller sends the page's texts in it. */
  locale: Locale = 'en';
  /** The shopper-facing text in the checkout's locale (English until the controller sends another). */
  messages: Messages = ENGLISH;
  /**
   * The split billing fields' labels and errors in the checkout's locale: the controller sends them
   * with the page's texts; English here, in payframe-fields.js only (payframe.js never needs them).
   */
  billingTexts: SplitBillingTexts = ENGLISH_SPLIT_BILLING_TEXTS;
  /** What the merchant knows of the shopper (the group's `cardholder-name` and `billing-country`), for the billing fields to fill in. */
  billing: { name?: string; country?: string } | undefined;

  readonly #owner: SurfaceOwner;
  readonly #fields = new FieldRegistry();
  #controller: ControllerFrame | undefined;
  #announcedReady = false;
  #readyTimer: ReturnType<typeof setTimeout> | undefined;
  /** The attributes the frames were made for; undefined while the surface is not connected. */
  #mountedWith: string | undefined;
  readonly #styleWarnings = new Set<string>();

  /** Connects and disconnects with its owner; `submitRequested` runs when the shopper presses Enter in a field. */
  constructor(
    owner: SurfaceOwner,
    readonly submitRequested: () => void,
  ) {
    this.#owner = owner;
    owner.addEventListener(REGISTER_FIELD_EVENT, (event) => {
      event.stopPropagation();
      this.register((event as CustomEvent<GroupedField>).detail);
    });
    owner.addController(this);
  }

  /** The hidden controller frame, once it is due in the page (a task after connecting). */
  get controllerFrame(): HTMLIFrameElement | undefined {
    return this.#controller?.iframe;
  }

  get client(): ControllerClient | undefined {
    return this.#controller?.client;
  }

  get ready(): boolean {
    return !!this.#controller?.client.ready && this.#fields.ready;
  }

  hostConnected(): void {
    this.connect();
  }

  hostDisconnected(): void {
    this.disconnect();
  }

  #mountAttributes(): string {
    return `${this.#owner.publishableKey} ${this.#owner.fieldsOrigin} ${this.#owner.paymentMethod}`;
  }

  connect(): void {
    this.#mountedWith = this.#mountAttributes();
    this.publishableKey = undefined;
    const fieldsOrigin = (this.fieldsOrigin = resolveFieldsOrigin(this.#owner.fieldsOrigin));
    if (!fieldsOrigin) return this.#fail(checkoutError('fields_origin_missing'));
    // The frames are served per key: without a well-formed key there is nothing to load.
    const publishableKey = (this.publishableKey = parsePublishableKey(this.#owner.publishableKey));
    if (!publishableKey) return this.#fail(checkoutError('invalid_publishable_key'));
    if (!this.#controller) {
      const { paymentMethod } = this.#owner;
      this.#controller = new ControllerFrame(
        // A saved card's `payment-method` as the merchant wrote it: the controller checks it.
        { checkoutId: this.checkoutId, publishableKey, fieldsOrigin, ...(paymentMethod ? { params: { pm: paymentMethod.slice(0, 100) } } : {}) },
        (event) => this.#onControllerEvent(event),
        () => this.#owner.requestUpdate(),
      );
      if (this.locale !== 'en') this.#controller.send({ type: 'localize', locale: this.locale });
      this.showSavedCard();
    }
    clearTimeout(this.#readyTimer);
    this.#readyTimer = setTimeout(() => {
      if (!this.ready) this.#fail(checkoutError('frame_load_failed'));
    }, FRAME_READY_TIMEOUT_MS);
    // Field elements that connected before their group did announced themselves to nobody.
    // Ones not upgraded yet are skipped: they announce themselves when they upgrade.
    for (const element of this.#owner.querySelectorAll<HTMLElement & Partial<GroupedField>>('payframe-card-number, payframe-card-expiry, payframe-card-cvc, payframe-card-name, payframe-card-country, payframe-card-postal')) {
      if (typeof element.attachToGroup === 'function') this.register(element as HTMLElement & GroupedField);
    }
    this.#owner.requestUpdate();
  }

  /**
   * The owner's key or fields origin changed. Frames are bound to one key and one checkout at load,
   * so a mounted group starts over: new checkout id, new frames, empty inputs. What was typed is
   * gone with the old frames and never reaches the new key's account.
   */
  mountChanged(): void {
    if (this.#mountedWith === undefined || this.#mountedWith === this.#mountAttributes()) return;
    this.disconnect();
    this.checkoutId = randomId(24);
    this.loadError = undefined;
    for (const field of this.#fields.all) field.detachFrame();
    this.connect();
    for (const field of this.#fields.all) field.attachToGroup(this);
  }

  /** A moved iframe reloads, so a disconnected group starts afresh when it connects again. */
  disconnect(): void {
    this.#mountedWith = undefined;
    clearTimeout(this.#readyTimer);
    this.#controller?.dispose();
    this.#controller = undefined;
    this.#announcedReady = false;
  }

  register(field: GroupedField): void {
    if (!this.#fields.add(field)) return;
    field.attachToGroup(this);
    this.refresh();
  }

  unregister(field: GroupedField): void {
    this.#fields.remove(field);
    this.refresh();
  }

  /** A field's readiness or state changed. */
  refresh(): void {
    const ready = this.ready;
    if (ready && !this.#announcedReady) {
      this.#announcedReady = true;
      clearTimeout(this.#readyTimer);
      dispatchPayframeEvent(this.#owner, 'payframe-ready', {});
    } else if (!ready) {
      this.#announcedReady = false;
    }
    this.#owner.requestUpdate();
  }

  advanceFrom(kind: SplitFieldKind): void {
    this.#fields.advanceFrom(kind);
  }

  focus(kind?: SplitFieldKind): void {
    this.#fields.focus(kind);
  }

  clear(): void {
    for (const field of this.#fields.all) field.sendCommand({ type: 'clear' });
  }

  checkComplete(): ReturnType<CardSurface['checkComplete']> {
    return this.#fields.checkComplete(this.billingTexts);
  }

  /** Restyles every field of the group; what was typed stays. */
  setFieldStyle(style: unknown): void {
    this.fieldStyle = styleForFrame(style);
    this.#restyle();
  }

  /** Restyles every field's input for the element's theme; what was typed stays. */
  setThemeStyle(style: unknown): void {
    if (JSON.stringify(style) === JSON.stringify(this.themeStyle)) return;
    this.themeStyle = style;
    this.#restyle();
  }

  /**
   * Shows the checkout in another locale at once: the frames relabel themselves (what was typed
   * stays) and the controller sends the page's texts, English meanwhile and if it cannot.
   */
  setLocale(locale: Locale): void {
    if (locale === this.locale) return;
    this.locale = locale;
    if (locale === 'en') {
      this.billingTexts = ENGLISH_SPLIT_BILLING_TEXTS;
      this.#showMessages(ENGLISH);
    }
    else this.#controller?.send({ type: 'localize', locale });
    this.#restyle();
  }

  /**
   * With `payment-method`, the controller tells which card the intent of `client-secret` pays with
   * (`payframe-saved-card`); a malformed secret is dropped by the controller's check.
   */
  showSavedCard(): void {
    const { paymentMethod, clientSecret } = this.#owner;
    if (paymentMethod && clientSecret) this.#controller?.send({ type: 'saved-card', clientSecret });
  }

  /** The merchant's prefill for the billing fields changed: they get it with their options. */
  setBilling(billing: { name?: string; country?: string }): void {
    this.billing = billing;
    this.#restyle();
  }

  /** A field frame's accessible title and the visible label of its element, in the checkout's locale. */
  textsOf(kind: SplitFieldKind): { title: string; label: string } {
    if (kind === 'name' || kind === 'country' || kind === 'postal') return { title: this.billingTexts[`${kind}Label`], label: this.billingTexts[`${kind}Label`] };
    return { title: this.messages[`${kind}FrameTitle`], label: this.messages[`${kind}Label`] };
  }

  #restyle(): void {
    for (const field of this.#fields.all) field.groupStyleChanged();
  }

  #showMessages(messages: Messages): void {
    this.messages = messages;
    for (const field of this.#fields.all) field.messagesChanged();
    this.#owner.requestUpdate();
  }

  /** A field frame refused parts of the group's style: warn once for the whole group. */
  styleRejected(rejections: StyleRejectionReport[]): void {
    warnStyleRejections(`<${this.#owner.localName}> fieldStyle`, rejections, this.#styleWarnings);
  }

  #onControllerEvent(event: Exclude<ControllerEvent, ControllerAnswer>): void {
    switch (event.type) {
      case 'ready':
        this.refresh();
        break;
      case 'messages':
        if (event.locale !== this.locale) break;
        this.billingTexts = { ...ENGLISH_SPLIT_BILLING_TEXTS };
        // Taken as text, like the page's own: only the keys we know.
        for (const key of Object.keys(ENGLISH_SPLIT_BILLING_TEXTS) as (keyof SplitBillingTexts)[]) if (event.messages[key]) this.billingTexts[key] = event.messages[key];
        this.#showMessages(pageMessages(event.messages));
        break;
      case 'saved-card':
        dispatchPayframeEvent(this.#owner, 'payframe-saved-card', event.result);
        break;
      case 'fields-claimed':
        // A page script embedded a second controller for this checkout: say so. When the fields
        // refused this controller, nothing it asks can ever reach the card: the checkout stops.
        if (event.refused) this.#fail(checkoutError('fields_claimed'));
        else this.#report(checkoutError('fields_claimed'));
        break;
    }
  }

  #fail(error: CheckoutError): void {
    this.loadError = error;
    this.#report(error);
    this.#owner.requestUpdate();
  }

  #report(error: CheckoutError): void {
    dispatchPayframeEvent(this.#owner, 'payframe-error', { error });
  }
}
