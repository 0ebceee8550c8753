// One checkout's worth of card fields: the hidden controller frame, the registered field
// elements, readiness, focus order, `tokenize()` and `pay()` (confirming the merchant's
// PaymentIntent, with a 3-D Secure challenge when the bank asks). Both <payframe-checkout> and
// <payframe-card-group> own one. Merchant realm: only state, tokens and intent statuses pass here.
import { messageFor, type CheckoutErrorCode, type FieldErrorCode } from '../shared/errors.ts';
import { FIELD_KINDS } from '../shared/protocol-constants.ts';
import type {
  CheckoutError,
  ConfirmResult,
  ControllerCommand,
  ControllerEvent,
  FieldCommand,
  FieldKind,
  FieldState,
  PaymentResult,
  StyleRejectionReport,
  TokenizeResult,
} from '../shared/protocol.ts';
import { parseClientSecret, parseControllerEvent, parsePublishableKey } from '../shared/wire-schemas.generated.ts';
import { checkedReturnUrl } from './challenge-redirect.ts';
import { loadNextAction } from './next-action-loader.ts';
import { randomId } from '../shared/random-id.ts';
import { styleForFrame, warnStyleRejections } from './style-relay.ts';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { dispatchPayframeEvent } from '../events.ts';
import { resolveFieldsOrigin } from './fields-origin.ts';
import { FrameLink } from './frame-link.ts';
import { ENGLISH, type Locale, type Messages } from '../i18n/messages.ts';
import { pageMessages } from '../i18n/page-messages.ts';
import { localizeError } from '../i18n/localize-error.ts';

/** Dispatched (composed) by a field element when it connects, so the nearest group adopts it. */
export const REGISTER_FIELD_EVENT = 'payframe-register-field';

const FRAME_READY_TIMEOUT_MS = 15_000;
/** Above the controller's own 25 s retry deadline, so its typed error always comes first. */
const CONTROLLER_ANSWER_TIMEOUT_MS = 60_000;

/** The controller's answers to a request, by type. */
type ControllerAnswer = Exclude<ControllerEvent, { type: 'ready' }>;
interface AnswerResults {
  'tokenize-result': TokenizeResult;
  'confirm-result': ConfirmResult;
  'intent-status-result': PaymentResult;
}
type AnswerResult<Type extends keyof AnswerResults> = AnswerResults[Type];

/** Paid (or being paid): the intent. Anything else the shopper must hear about. */
function paymentOutcome(result: ConfirmResult | PaymentResult): PaymentResult {
  if ('error' in result) return result;
  if ('action' in result) return { error: checkoutError('payment_incomplete') };
  const { status } = result.paymentIntent;
  return status === 'succeeded' || status === 'requires_capture' || status === 'processing' ? result : { error: checkoutError('payment_incomplete') };
}

const INCOMPLETE_CODES: Record<FieldKind, FieldErrorCode> = {
  number: 'incomplete_number',
  expiry: 'incomplete_expiry',
  cvc: 'incomplete_cvc',
};

/** What the group needs from a field element. */
export interface GroupedField {
  readonly kind: FieldKind;
  readonly frameReady: boolean;
  readonly state: FieldState | undefined;
  attachToGroup(group: CardGroup): void;
  /** The group starts over with new frames: drop this field's frame and its state. */
  detachFrame(): void;
  sendCommand(command: FieldCommand): void;
  focusField(): void;
  /** The group's `fieldStyle` or locale changed: send the field's options to its frame again. */
  groupStyleChanged(): void;
  /** The group's texts changed (a new locale arrived): show them. */
  messagesChanged(): void;
}

/** What the group needs from the element that owns it. */
export interface CardGroupHost {
  readonly element: HTMLElement;
  readonly publishableKey: string;
  readonly fieldsOriginAttribute: string | null;
  /** Re-render: readiness, busy state or an error changed. */
  groupChanged(): void;
  /** The shopper pressed Enter in a field. */
  submitRequested(): void;
}

/** An element that owns a card group: <payframe-checkout> and <payframe-card-group>. */
export interface CardGroupOwner extends HTMLElement, ReactiveControllerHost {
  publishableKey: string;
  fieldsOrigin: string | null;
}

/** Creates the owner's card group; it connects and disconnects with the owner. */
export function createCardGroup(owner: CardGroupOwner, submitRequested: () => void): CardGroup {
  const group = new CardGroup({
    element: owner,
    get publishableKey() {
      return owner.publishableKey;
    },
    get fieldsOriginAttribute() {
      return owner.fieldsOrigin;
    },
    groupChanged: () => owner.requestUpdate(),
    submitRequested,
  });
  owner.addController(group);
  return group;
}

export function checkoutError(code: CheckoutErrorCode | FieldErrorCode, field?: FieldKind): CheckoutError {
  return { code, message: messageFor(code), ...(field ? { field } : {}) };
}

export class CardGroup implements ReactiveController {
  /** Random per mount: names the fields-origin channel shared by this group's frames. */
  checkoutId = randomId(24);
  fieldsOrigin: string | undefined;
  /** The key the mounted frames are bound to; a changed key or fields origin starts them over. */
  publishableKey: string | undefined;
  busy = false;
  /** Set when the frames cannot work at all (no fields origin, frames never loaded). */
  loadError: CheckoutError | undefined;
  /** The owner's style for every field, as plain data; the frames judge it, a split field layers its own on top. */
  fieldStyle: unknown;
  /** The element's theme variables that reach the frames, the lowest style layer (src/themes). */
  themeStyle: unknown;
  /** The checkout's locale: the frames show it, and the controller sends the page's texts in it. */
  locale: Locale = 'en';
  /** The shopper-facing text in the checkout's locale (English until the controller sends another). */
  messages: Messages = ENGLISH;
  private readonly styleWarnings = new Set<string>();

  private readonly fields = new Map<FieldKind, GroupedField>();
  private controller: FrameLink<ControllerEvent, ControllerCommand> | undefined;
  private controllerReady = false;
  private controllerInserted = false;
  private announcedReady = false;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  /** One lock for tokenize and pay: one submit, at most one payment method or payment. */
  private inFlight: { kind: 'tokenize'; promise: Promise<TokenizeResult> } | { kind: 'pay'; promise: Promise<PaymentResult> } | undefined;
  /** Requests sent to the controller, by request id: the answer type they wait for and how to settle. */
  private readonly waitingForResult = new Map<string, { answerType: ControllerAnswer['type']; settle(result: unknown): void }>();

  constructor(private readonly host: CardGroupHost) {
    host.element.addEventListener(REGISTER_FIELD_EVENT, (event) => {
      const field = (event as CustomEvent<GroupedField>).detail;
      event.stopPropagation();
      this.register(field);
    });
  }

  /** The hidden controller frame, once it is due in the page (a task after connecting). */
  get controllerFrame(): HTMLIFrameElement | undefined {
    return this.controllerInserted ? this.controller?.iframe : undefined;
  }

  get ready(): boolean {
    return this.controllerReady && this.fields.size > 0 && [...this.fields.values()].every((field) => field.frameReady);
  }

  hostConnected(): void {
    this.connect();
  }

  hostDisconnected(): void {
    this.disconnect();
  }

  /** The attributes the frames were made for; undefined while the group is not connected. */
  private mountedWith: string | undefined;
  private mountAttributes(): string {
    return `${this.host.publishableKey} ${this.host.fieldsOriginAttribute}`;
  }

  connect(): void {
    this.mountedWith = this.mountAttributes();
    this.publishableKey = undefined;
    this.fieldsOrigin = resolveFieldsOrigin(this.host.fieldsOriginAttribute);
    if (!this.fieldsOrigin) {
      this.fail(checkoutError('fields_origin_missing'));
      return;
    }
    // The frames are served per key: without a well-formed key there is nothing to load.
    this.publishableKey = parsePublishableKey(this.host.publishableKey);
    if (!this.publishableKey) {
      this.fail(checkoutError('invalid_publishable_key'));
      return;
    }
    if (!this.controller) {
      this.controller = new FrameLink<ControllerEvent, ControllerCommand>({
        kind: 'controller',
        checkoutId: this.checkoutId,
        publishableKey: this.publishableKey,
        fieldsOrigin: this.fieldsOrigin,
        title: 'Payframe secure payment controller',
        parseEvent: parseControllerEvent,
        onEvent: (event) => this.onControllerEvent(event),
      });
      if (this.locale !== 'en') this.controller.send({ type: 'localize', locale: this.locale });
      const iframe = this.controller.iframe;
      iframe.hidden = true;
      iframe.tabIndex = -1;
      iframe.setAttribute('aria-hidden', 'true');
      // Like the field frames, inserted in a task of its own, not in the one rendering the owner.
      this.controllerInserted = false;
      setTimeout(() => {
        this.controllerInserted = true;
        this.host.groupChanged();
      }, 0);
    }
    clearTimeout(this.readyTimer);
    this.readyTimer = setTimeout(() => {
      if (!this.ready) this.fail(checkoutError('frame_load_failed'));
    }, FRAME_READY_TIMEOUT_MS);
    // Field elements that connected before their group did announced themselves to nobody.
    // Ones not upgraded yet are skipped: they announce themselves when they upgrade.
    for (const element of this.host.element.querySelectorAll<HTMLElement & Partial<GroupedField>>('payframe-card-number, payframe-card-expiry, payframe-card-cvc')) {
      if (typeof element.attachToGroup === 'function') this.register(element as HTMLElement & GroupedField);
    }
    this.host.groupChanged();
  }

  /**
   * The owner's key or fields origin changed. Frames are bound to one key and one checkout at load,
   * so a mounted group starts over: new checkout id, new frames, empty inputs. What was typed is
   * gone with the old frames and never reaches the new key's account.
   */
  mountChanged(): void {
    if (this.mountedWith === undefined || this.mountedWith === this.mountAttributes()) return;
    this.disconnect();
    this.checkoutId = randomId(24);
    this.loadError = undefined;
    for (const field of this.fields.values()) field.detachFrame();
    this.connect();
    for (const field of this.fields.values()) field.attachToGroup(this);
  }

  /** A moved iframe reloads, so a disconnected group starts afresh when it connects again. */
  disconnect(): void {
    this.mountedWith = undefined;
    clearTimeout(this.readyTimer);
    this.controller?.dispose();
    this.controller = undefined;
    this.controllerReady = false;
    this.announcedReady = false;
    for (const waiting of this.waitingForResult.values()) waiting.settle({ error: checkoutError('not_ready') });
    this.waitingForResult.clear();
  }

  register(field: GroupedField): void {
    if (this.fields.get(field.kind) === field) return;
    this.fields.set(field.kind, field);
    field.attachToGroup(this);
    this.refresh();
  }

  unregister(field: GroupedField): void {
    if (this.fields.get(field.kind) === field) this.fields.delete(field.kind);
    this.refresh();
  }

  /** A field's readiness or state changed. */
  refresh(): void {
    const ready = this.ready;
    if (ready && !this.announcedReady) {
      this.announcedReady = true;
      clearTimeout(this.readyTimer);
      dispatchPayframeEvent(this.host.element, 'payframe-ready', {});
    } else if (!ready) {
      this.announcedReady = false;
    }
    this.host.groupChanged();
  }

  /** A field completed: focus moves to the next field of the group, if any. */
  advanceFrom(kind: FieldKind): void {
    const order = FIELD_KINDS.filter((candidate) => this.fields.has(candidate));
    const next = order[order.indexOf(kind) + 1];
    if (next) this.fields.get(next)?.focusField();
  }

  submitRequested(): void {
    this.host.submitRequested();
  }

  focus(kind: FieldKind = 'number'): void {
    this.fields.get(kind)?.focusField();
  }

  clear(): void {
    for (const field of this.fields.values()) field.sendCommand({ type: 'clear' });
  }

  /** Restyles every field of the group; what was typed stays. */
  setFieldStyle(style: unknown): void {
    this.fieldStyle = styleForFrame(style);
    for (const field of this.fields.values()) field.groupStyleChanged();
  }
  /** Restyles every field's input for the element's theme; what was typed stays. */
  setThemeStyle(style: unknown): void {
    if (JSON.stringify(style) === JSON.stringify(this.themeStyle)) return;
    this.themeStyle = style;
    for (const field of this.fields.values()) field.groupStyleChanged();
  }

  /**
   * Shows the checkout in another locale at once: the frames relabel themselves (what was typed
   * stays) and the controller sends the page's texts, English meanwhile and if it cannot.
   */
  setLocale(locale: Locale): void {
    if (locale === this.locale) return;
    this.locale = locale;
    if (locale === 'en') this.showMessages(ENGLISH);
    else this.controller?.send({ type: 'localize', locale });
    for (const field of this.fields.values()) field.groupStyleChanged();
  }

  /** An error's message in the checkout's locale, for the merchant's events and the shopper. */
  private localized<Result extends TokenizeResult | PaymentResult>(result: Result): Result {
    return 'error' in result ? { ...result, error: localizeError(result.error, this.messages) } : result;
  }

  private showMessages(messages: Messages): void {
    this.messages = messages;
    for (const field of this.fields.values()) field.messagesChanged();
    this.host.groupChanged();
  }

  /** A field frame refused parts of the group's style: warn once for the whole group. */
  styleRejected(rejections: StyleRejectionReport[]): void {
    warnStyleRejections(`<${this.host.element.localName}> fieldStyle`, rejections, this.styleWarnings);
  }


  /**
   * Tokenizes the card typed into this group's fields. While one tokenization runs, further
   * calls return the same promise: one submit, at most one payment method. While a payment
   * runs, it answers `payment_in_progress`.
   */
  tokenize(): Promise<TokenizeResult> {
    if (this.inFlight?.kind === 'pay') return Promise.resolve({ error: checkoutError('payment_in_progress') });
    if (this.inFlight) return this.inFlight.promise;
    const promise = this.runTokenize().finally(() => this.release());
    this.inFlight = { kind: 'tokenize', promise };
    return promise;
  }

  /**
   * Pays the merchant's PaymentIntent (by its client_secret) with the card typed in, showing the
   * bank's challenge when it asks for one. Never rejects; while it runs, further calls return
   * the same promise: one submit, at most one confirm.
   */
  pay(clientSecret: string, returnUrl?: string | null): Promise<PaymentResult> {
    if (this.inFlight?.kind === 'tokenize') return Promise.resolve({ error: checkoutError('payment_in_progress') });
    if (this.inFlight) return this.inFlight.promise;
    const promise = this.runPay(() => this.requestPayment(clientSecret, returnUrl)).finally(() => this.release());
    this.inFlight = { kind: 'pay', promise };
    return promise;
  }

  /**
   * Back from a full-page 3-D Secure redirect: reads how the intent ended, once the controller is
   * ready, and reports it as pay() does. Holds the same lock meanwhile.
   */
  resumePayment(clientSecret: string): Promise<PaymentResult> {
    if (this.inFlight) return Promise.resolve({ error: checkoutError('payment_in_progress') });
    const promise = this.runPay(() => this.requestStatus(clientSecret)).finally(() => this.release());
    this.inFlight = { kind: 'pay', promise };
    return promise;
  }

  private release(): void {
    this.inFlight = undefined;
    this.busy = false;
    this.host.groupChanged();
  }

  private async runTokenize(): Promise<TokenizeResult> {
    const result = this.localized(await this.requestToken());
    if ('paymentMethod' in result) dispatchPayframeEvent(this.host.element, 'payframe-token', { paymentMethod: result.paymentMethod });
    else dispatchPayframeEvent(this.host.element, 'payframe-error', { error: result.error });
    return result;
  }

  private async runPay(request: () => Promise<PaymentResult>): Promise<PaymentResult> {
    const result = this.localized(await request());
    if ('paymentIntent' in result) dispatchPayframeEvent(this.host.element, 'payframe-payment', { paymentIntent: result.paymentIntent });
    else dispatchPayframeEvent(this.host.element, 'payframe-error', { error: result.error });
    return result;
  }

  private requestToken(): Promise<TokenizeResult> | TokenizeResult {
    const ready = this.readyToSubmit();
    if ('error' in ready) return ready;
    return this.ask({ type: 'tokenize', requestId: randomId(24), fields: ready.fields }, 'tokenize-result');
  }

  private async requestPayment(clientSecretValue: string, returnUrlValue?: string | null): Promise<PaymentResult> {
    const clientSecret = parseClientSecret(clientSecretValue);
    if (!clientSecret) return { error: checkoutError('invalid_client_secret') };
    const returnUrl = returnUrlValue ? checkedReturnUrl(returnUrlValue) : undefined;
    if (returnUrlValue && !returnUrl) return { error: checkoutError('invalid_return_url') };
    const ready = this.readyToSubmit();
    if ('error' in ready) return ready;
    const { publishableKey } = ready;

    const confirm: ControllerCommand = { type: 'confirm', requestId: randomId(24), clientSecret, fields: ready.fields, ...(returnUrl ? { returnUrl } : {}) };
    const confirmed = await this.ask(confirm, 'confirm-result');
    if (!('action' in confirmed)) return paymentOutcome(confirmed);
    // Fetched only now: most payments never need it.
    const runNextAction = await loadNextAction();
    if (!runNextAction) return { error: checkoutError('useStripeSdk' in confirmed.action ? 'stripe_js_unavailable' : 'challenge_unavailable') };
    return paymentOutcome(
      await runNextAction(confirmed.action, {
        clientSecret,
        publishableKey,
        returnUrl,
        container: this.host.element.shadowRoot ?? this.host.element,
        readIntentStatus: () => this.ask({ type: 'intent-status', requestId: randomId(24), clientSecret }, 'intent-status-result'),
        checkoutError,
        texts: this.messages,
      }),
    );
  }

  /** The intent's status, for a payment that went on elsewhere (a full-page 3-D Secure redirect). */
  private async requestStatus(clientSecret: string): Promise<PaymentResult> {
    if (this.loadError) return { error: this.loadError };
    if (!this.controllerReady) return { error: checkoutError('not_ready') };
    this.busy = true;
    this.host.groupChanged();
    return paymentOutcome(await this.ask({ type: 'intent-status', requestId: randomId(24), clientSecret }, 'intent-status-result'));
  }

  /** The checks before any submit: loaded, configured, and every field complete (else they show why). */
  private readyToSubmit(): { publishableKey: string; fields: FieldKind[] } | { error: CheckoutError } {
    if (this.loadError) return { error: this.loadError };
    // The key the frames were loaded for; a changed attribute has already started them over.
    const { publishableKey } = this;
    if (!this.ready || !this.controller || !publishableKey) return { error: checkoutError('not_ready') };

    // Fields the shopper has not finished never reach the gateway: show their errors instead.
    const fields = FIELD_KINDS.flatMap((kind) => this.fields.get(kind) ?? []);
    const unfinished = fields.filter((field) => !field.state?.complete);
    const firstUnfinished = unfinished[0];
    if (firstUnfinished) {
      for (const field of unfinished) field.sendCommand({ type: 'reveal-errors' });
      return { error: checkoutError(firstUnfinished.state?.error?.code ?? INCOMPLETE_CODES[firstUnfinished.kind], firstUnfinished.kind) };
    }
    this.busy = true;
    this.host.groupChanged();
    return { publishableKey, fields: fields.map((field) => field.kind) };
  }

  /** Sends a command to the controller and waits for its answer (or a typed timeout). */
  private ask<Type extends keyof AnswerResults>(command: Extract<ControllerCommand, { requestId: string }>, answerType: Type): Promise<AnswerResult<Type>> {
    const controller = this.controller;
    if (!controller) return Promise.resolve({ error: checkoutError('not_ready') } as AnswerResult<Type>);
    const { requestId } = command;
    return new Promise<AnswerResult<Type>>((resolve) => {
      const timer = setTimeout(() => settle({ error: checkoutError('timeout') }), CONTROLLER_ANSWER_TIMEOUT_MS);
      const settle = (result: unknown) => {
        clearTimeout(timer);
        this.waitingForResult.delete(requestId);
        // Sound: the controller's answer of this type was parsed with its schema; the rest are errors.
        resolve(result as AnswerResult<Type>);
      };
      this.waitingForResult.set(requestId, { answerType, settle });
      controller.send(command);
    });
  }

  private onControllerEvent(event: ControllerEvent): void {
    switch (event.type) {
      case 'ready':
        this.controllerReady = true;
        this.refresh();
        break;
      case 'messages':
        if (event.locale === this.locale) this.showMessages(pageMessages(event.messages));
        break;
      case 'fields-claimed':
        // A page script embedded a second controller for this checkout: say so. When the fields
        // refused this controller, nothing it asks can ever reach the card: the checkout stops.
        if (event.refused) this.fail(checkoutError('fields_claimed'));
        else this.report(checkoutError('fields_claimed'));
        break;
      case 'tokenize-result':
      case 'confirm-result':
      case 'intent-status-result': {
        const waiting = this.waitingForResult.get(event.requestId);
        if (waiting?.answerType === event.type) waiting.settle(event.result);
        break;
      }
    }
  }

  private fail(error: CheckoutError): void {
    this.loadError = error;
    this.report(error);
    this.host.groupChanged();
  }

  private report(error: CheckoutError): void {
    dispatchPayframeEvent(this.host.element, 'payframe-error', { error });
  }
}
