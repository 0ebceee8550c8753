// The drop-in's card surface: one frame on the fields origin holding the number, expiry and CVC
// inputs, which also tokenizes and confirms (no controller frame, no fields channel). It relays the
// inputs' states as the element's events, keeps the frame as tall as its content says, and sends
// the owner's locale, theme and `fieldStyle` in. Runs on the merchant page: states, never values.
import type { ReactiveController } from 'lit';
import { dispatchPayframeEvent } from '../events.ts';
import { ENGLISH, type Locale, type Messages } from '../i18n/messages.ts';
import { pageMessages } from '../i18n/page-messages.ts';
import { FIELD_KINDS, PAYMENT_METHOD_TYPES, type PaymentMethodType } from '../shared/protocol-constants.ts';
import type { CardFrameCommand, CardFrameEvent, CardFrameField, CardFrameOptions, CheckoutError, FieldKind, FieldState } from '../shared/protocol.ts';
import { randomId } from '../shared/random-id.ts';
import { parseCardFrameEvent, parseClientSecret, parsePublishableKey } from '../shared/wire-schemas.generated.ts';
import type { CardSurface, SurfaceOwner } from './card-surface.ts';
import { checkoutError } from './checkout-error.ts';
import type { FieldErrorCode } from '../shared/errors.ts';
import { ControllerClient } from './controller-client.ts';
import { resolveFieldsOrigin } from './fields-origin.ts';
import { FrameLink } from './frame-link.ts';
import { styleForFrame, warnStyleRejections } from './style-relay.ts';

const FRAME_READY_TIMEOUT_MS = 15_000;

export class CardFrameSurface implements CardSurface, ReactiveController {
  /** Random per mount: the frame answers only the page that made it for this id. */
  checkoutId = randomId(24);
  publishableKey: string | undefined;
  loadError: CheckoutError | undefined;
  locale: Locale = 'en';
  messages: Messages = ENGLISH;
  client: ControllerClient | undefined;
  /** Each input's state as the frame last told it. */
  readonly states: Partial<Record<CardFrameField, FieldState>> = {};
  /** The frame's content height in CSS pixels, once it said; the element reserves the default until then. */
  height: number | undefined;
  /** Which input has focus, if one has. */
  focused: CardFrameField | undefined;

  readonly #owner: SurfaceOwner;
  readonly #submitRequested: () => void;
  #link: FrameLink<CardFrameEvent, CardFrameCommand> | undefined;
  #readyTimer: ReturnType<typeof setTimeout> | undefined;
  #mountedWith: string | undefined;
  /** The merchant's options as the frame was last sent them (JSON): sent again only when they change. */
  #defaultsSent: string | undefined;
  /** Set while connected with a well-formed key and options: the frame may be made. */
  #fieldsOrigin: string | undefined;
  #fieldStyle: unknown;
  #themeStyle: unknown;
  #paymentMethods: PaymentMethodType[] = [];
  readonly #styleWarnings = new Set<string>();

  constructor(owner: SurfaceOwner, submitRequested: () => void) {
    this.#owner = owner;
    this.#submitRequested = submitRequested;
    owner.addController(this);
  }

  /**
   * The card frame, while connected: made in the owner's first render after connecting (or after its
   * key changed), which puts it in its shadow root, so its navigation starts at once. Its URL carries
   * the locale, theme and `fieldStyle` as they are then, and its payment methods: the frame lays itself
   * out in them and can say it is ready with its hello, with no round trip first.
   */
  frame(): HTMLIFrameElement | undefined {
    const fieldsOrigin = this.#fieldsOrigin;
    if (!this.#link && fieldsOrigin) {
      const owner = this.#owner;
      const options: CardFrameOptions = { locale: this.locale, style: this.#styleLayers(), paymentMethods: this.#paymentMethods };
      const link = (this.#link = new FrameLink<CardFrameEvent, CardFrameCommand>({
        kind: 'card',
        // As the merchant wrote them: the card frame reads them (a bad word is warned about there).
        params: {
          ...(owner.billingFields ? { billing: owner.billingFields.slice(0, 100) } : {}),
          ...(owner.bin ? { bin: '1' } : {}),
          ...(owner.paymentMethod ? { pm: owner.paymentMethod.slice(0, 100) } : {}),
          options: JSON.stringify(options),
        },
        checkoutId: this.checkoutId,
        publishableKey: this.publishableKey!,
        fieldsOrigin,
        title: this.messages.cardFrameTitle,
        parseEvent: parseCardFrameEvent,
        onEvent: (event) => this.#onEvent(event),
      }));
      this.client = new ControllerClient(link);
      // Queued until the frame connects: what the merchant knows (never in a URL). The frame sends the
      // page's own texts in its first locale unasked.
      this.#defaultsSent = undefined;
      this.setDefaults();
    }
    return this.#link?.iframe;
  }

  get ready(): boolean {
    return !!this.client?.ready;
  }

  hostConnected(): void {
    this.#connect();
  }

  hostDisconnected(): void {
    this.#disconnect();
  }

  #mountAttributes(): string {
    const owner = this.#owner;
    return JSON.stringify([owner.publishableKey, owner.fieldsOrigin, owner.billingFields, owner.bin, owner.paymentMethod, owner.paymentMethods]);
  }

  /** How many rows of inputs the frame lays out: the card's two, and the billing inputs' (name; country and postal code). */
  get rows(): number {
    const billing = this.#owner.billingFields ?? '';
    return 2 + +/\bname\b/.test(billing) + +/\b(postal|country)\b/.test(billing);
  }

  #connect(): void {
    this.#mountedWith = this.#mountAttributes();
    this.publishableKey = undefined;
    const fieldsOrigin = resolveFieldsOrigin(this.#owner.fieldsOrigin);
    if (!fieldsOrigin) return this.#fail(checkoutError('fields_origin_missing'));
    // The frame is served per key: without a well-formed key there is nothing to load.
    const publishableKey = (this.publishableKey = parsePublishableKey(this.#owner.publishableKey));
    if (!publishableKey) return this.#fail(checkoutError('invalid_publishable_key'));
    // The frame lays out the choice from this list, checked here against the protocol's.
    const paymentMethods = (this.#owner.paymentMethods || 'card').split(/\s+/).filter(Boolean) as PaymentMethodType[];
    if (!paymentMethods.every((type) => PAYMENT_METHOD_TYPES.includes(type))) return this.#fail(checkoutError('invalid_payment_methods'));
    this.#paymentMethods = paymentMethods;
    // The frame itself is made when the owner renders it (frame()).
    this.#fieldsOrigin = fieldsOrigin;
    this.#readyTimer = setTimeout(() => {
      if (!this.ready) this.#fail(checkoutError('frame_load_failed'));
    }, FRAME_READY_TIMEOUT_MS);
  }

  #disconnect(): void {
    this.#mountedWith = undefined;
    this.#fieldsOrigin = undefined;
    clearTimeout(this.#readyTimer);
    this.#link?.dispose();
    this.#link = undefined;
    this.client?.close();
    this.client = undefined;
    this.height = undefined;
    this.focused = undefined;
    for (const field in this.states) delete this.states[field as CardFrameField];
  }

  /**
   * The owner's key or fields origin changed. The frame is bound to one key at load, so a mounted
   * surface starts over: new checkout id, new frame, empty inputs. What was typed is gone with the
   * old frame and never reaches the new key's account.
   */
  mountChanged(): void {
    if (this.#mountedWith === undefined || this.#mountedWith === this.#mountAttributes()) return;
    this.#disconnect();
    this.checkoutId = randomId(24);
    this.loadError = undefined;
    this.#connect();
    this.#owner.requestUpdate();
  }

  checkComplete(): ReturnType<CardSurface['checkComplete']> {
    // A bank debit's inputs are checked by the frame when it reads them, and so are the billing inputs, with the card.
    if ((this.states.payment_method?.paymentMethodType ?? 'card') !== 'card') return { fields: [] };
    // A saved card's frame shows the CVC alone (the gateway has the rest; the frame reads only the CVC).
    const first = (this.#owner.paymentMethod ? (['cvc'] as const) : FIELD_KINDS).find((field) => !this.states[field]?.complete);
    if (!first) return { fields: [...FIELD_KINDS] };
    this.#send({ type: 'reveal-errors' });
    return { error: checkoutError((this.states[first]?.error?.code as FieldErrorCode | undefined) ?? `incomplete_${first}`, first) };
  }

  setLocale(locale: Locale): void {
    if (locale === this.locale) return;
    this.locale = locale;
    if (locale === 'en') this.#showMessages(ENGLISH);
    else this.#send({ type: 'localize', locale });
    this.#send({ type: 'configure', options: { locale } });
  }

  setFieldStyle(style: unknown): void {
    this.#fieldStyle = styleForFrame(style);
    this.#restyle();
  }

  setThemeStyle(style: unknown): void {
    style = styleForFrame(style);
    if (JSON.stringify(style) === JSON.stringify(this.#themeStyle)) return;
    this.#themeStyle = style;
    this.#restyle();
  }

  #restyle(): void {
    this.#send({ type: 'configure', options: { style: this.#styleLayers() } });
  }

  focus(field: FieldKind = 'number'): void {
    this.#link?.iframe.focus();
    this.#send({ type: 'focus', field });
  }

  clear(): void {
    this.#send({ type: 'clear' });
  }

  #styleLayers() {
    return { theme: this.#themeStyle, group: this.#fieldStyle };
  }

  /**
   * Sends what the merchant knows when it changed: `cardholder-name`, `billing-country` or
   * `preferred-network`, filled into inputs the shopper left empty, chosen unless the shopper chose;
   * `client-secret`, whose saved card a `payment-method` checkout shows; the bank debits' two.
   */
  setDefaults(): void {
    const options = this.#merchantOptions();
    const json = JSON.stringify(options);
    if (json === this.#defaultsSent) return;
    this.#defaultsSent = json;
    this.#send({ type: 'configure', options });
  }

  #merchantOptions() {
    const owner = this.#owner;
    return {
      defaults: {
        name: owner.cardholderName?.slice(0, 200),
        country: owner.billingCountry?.slice(0, 100),
        network: owner.preferredNetwork?.slice(0, 100),
        business: owner.businessName?.slice(0, 200),
        accountEntry: owner.bankAccountEntry?.slice(0, 100),
      },
      // Only a well-formed one: the frame drops a configure that does not parse, locale and style with it.
      clientSecret: parseClientSecret(owner.clientSecret),
    };
  }

  #send(command: CardFrameCommand): void {
    this.#link?.send(command);
  }

  #showMessages(messages: Messages): void {
    this.messages = messages;
    if (this.#link) this.#link.iframe.title = messages.cardFrameTitle;
    this.#owner.requestUpdate();
  }

  #onEvent(event: CardFrameEvent): void {
    switch (event.type) {
      case 'ready':
        this.client!.ready = true;
        clearTimeout(this.#readyTimer);
        dispatchPayframeEvent(this.#owner, 'payframe-ready', {});
        break;
      case 'tokenize-result':
      case 'confirm-result':
      case 'intent-status-result':
        this.client?.answer(event);
        return;
      case 'messages':
        if (event.locale === this.locale) this.#showMessages(pageMessages(event.messages));
        return;
      case 'change':
        this.states[event.field] = event.state;
        dispatchPayframeEvent(this.#owner, 'payframe-change', { field: event.field, ...event.state });
        break;
      case 'focus':
        this.focused = event.field;
        dispatchPayframeEvent(this.#owner, 'payframe-focus', { field: event.field });
        break;
      case 'blur':
        if (this.focused === event.field) this.focused = undefined;
        dispatchPayframeEvent(this.#owner, 'payframe-blur', { field: event.field });
        break;
      case 'submit':
        this.#submitRequested();
        return;
      case 'escape':
        dispatchPayframeEvent(this.#owner, 'payframe-escape', { field: event.field });
        return;
      case 'bin': {
        const { type: _type, ...detail } = event;
        dispatchPayframeEvent(this.#owner, 'payframe-bin', detail);
        return;
      }
      case 'height':
        this.height = event.height;
        break;
      case 'claimed':
        // The frame refused this checkout's connect (a page script answered its hello first): nothing
        // it asks can reach the frame, so it stops, as split fields whose controller was refused.
        this.client!.close();
        return this.#fail(checkoutError('fields_claimed'));
      case 'style-rejected':
        warnStyleRejections(`<${this.#owner.localName}> fieldStyle`, event.rejections, this.#styleWarnings);
        return;
    }
    this.#owner.requestUpdate();
  }

  #fail(error: CheckoutError): void {
    this.loadError = error;
    dispatchPayframeEvent(this.#owner, 'payframe-error', { error });
    this.#owner.requestUpdate();
  }
}
