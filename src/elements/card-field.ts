// A hosted card field as a merchant-side element: renders the field's iframe from the fields
// origin inside a styled box, relays the frame's state as DOM events, and joins the nearest
// card group. <payframe-card-number>, <payframe-card-expiry>, <payframe-card-cvc> and the billing
// fields <payframe-card-name>, <payframe-card-country> and <payframe-card-postal> are thin subclasses. Merchant realm: it only ever sees the field's state, never its value.
import { html, LitElement, nothing } from 'lit';
import { dispatchPayframeEvent } from '../events.ts';
import { REGISTER_FIELD_EVENT, type GroupedField } from '../host/field-registry.ts';
import type { SplitFieldsSurface } from '../host/split-fields-surface.ts';
import { FrameLink } from '../host/frame-link.ts';
import type { FieldCommand, FieldEvent, FieldOptions, FieldState, SplitFieldKind } from '../shared/protocol.ts';
import { parseFieldEvent } from '../shared/wire-schemas.generated.ts';
import { styleForFrame, warnStyleRejections } from '../host/style-relay.ts';
import type { PayframeFieldStyle } from '../shared/style-sanitizer.ts';
import { cardFieldStyles } from './card-field.styles.ts';
import { ENGLISH, isRightToLeft } from '../i18n/messages.ts';

/** Placeholders and labels cross to the frame as plain text, at most this long. */
const MAX_FRAME_TEXT_LENGTH = 100;


/**
 * @event payframe-change - The field's state changed: `{ field, empty, complete, valid, brand?, error?, networks? }` (`networks`: a co-badged number's, with the choice).
 * @event payframe-focus - The field gained focus: `{ field }`.
 * @event payframe-blur - The field lost focus: `{ field }`.
 * @event payframe-escape - Escape was pressed in the field: `{ field }` (nothing is closed or cleared).
 * @csspart label - The visible label above the field.
 * @csspart box - The bordered box around the field's frame.
 * @csspart error - The line under the field showing its error message.
 *
 * Style the input inside the frame with `fieldStyle` (see `PayframeFieldStyle`); inside a
 * `<payframe-card-group>` it refines the group's `fieldStyle`, state by state.
 */
export abstract class PayframeCardField extends LitElement implements GroupedField {
  static override styles = cardFieldStyles;
  static override properties = {
    label: { type: String },
    placeholder: { type: String },
    preferredNetwork: { type: String, attribute: 'preferred-network' },
    fieldStyle: { attribute: false },
  };

  abstract readonly kind: SplitFieldKind;
  /** The visible label; defaults to the field's name. */
  declare label: string | undefined;
  /** Placeholder text inside the frame (plain text, up to 100 characters). */
  declare placeholder: string | undefined;
  /**
   * `<payframe-card-number>` only: for a co-badged card (Cartes Bancaires with Visa or Mastercard),
   * the networks you prefer, most preferred first (e.g. `cartes_bancaires`), chosen until the
   * shopper picks another; as the drop-in's `preferred-network`.
   */
  declare preferredNetwork: string | null | undefined;
  /**
   * How the input inside this field's frame looks: `{ base, placeholder, focus, complete,
   * invalid, variables }`, each of allowlisted CSS declarations. Layered over the card group's
   * `fieldStyle`. Assign a new object to change it; what was typed stays. Parts the allowlist
   * refuses are left out with a `console.warn`.
   */
  declare fieldStyle: PayframeFieldStyle | undefined;

  frameReady = false;
  state: FieldState | undefined;
  #focused = false;
  #frameInserted = false;
  #group: SplitFieldsSurface | undefined;
  #link: FrameLink<FieldEvent, FieldCommand> | undefined;
  /** The checkout the frame was made for: a group that started over has a new one. */
  #linkedCheckout: string | undefined;
  /** `fieldStyle` as plain data for the frame, which alone judges it. */
  #ownStyle: unknown;
  readonly #styleWarnings = new Set<string>();
  /** The group's billing prefill as last sent to the frame (a new frame gets it again). */
  #billingSent: { name?: string; country?: string } | undefined;
  /** Placeholder, label or style changed (or the frame is new) since the frame was last told. */
  #configurationPending = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.dispatchEvent(new CustomEvent<GroupedField>(REGISTER_FIELD_EVENT, { detail: this, bubbles: true, composed: true }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#group?.unregister(this);
    this.#group = undefined;
    this.#link?.dispose();
    this.#link = undefined;
    this.frameReady = false;
  }

  attachToGroup(group: SplitFieldsSurface): void {
    if (this.#group === group && this.#link && this.#linkedCheckout === group.checkoutId) return;
    this.#group = group;
    this.detachFrame();
    if (group.fieldsOrigin && group.publishableKey) {
      this.#linkedCheckout = group.checkoutId;
      this.#link = new FrameLink<FieldEvent, FieldCommand>({
        kind: this.kind,
        checkoutId: group.checkoutId,
        publishableKey: group.publishableKey,
        fieldsOrigin: group.fieldsOrigin,
        title: group.textsOf(this.kind).title,
        parseEvent: parseFieldEvent,
        onEvent: (event) => this.#onFrameEvent(event),
      });
      // Queued until the frame connects, so it starts with the merchant's text, style and prefill.
      this.#configurationPending = true;
      this.#billingSent = undefined;
      // Each frame goes into the page in a task of its own: inserting a cross-site iframe is
      // costly, and four in the task that renders the checkout would block the page.
      this.#frameInserted = false;
      setTimeout(() => {
        this.#frameInserted = true;
        this.requestUpdate();
      }, 0);
    }
    this.requestUpdate();
  }

  detachFrame(): void {
    this.#link?.dispose();
    this.#link = undefined;
    this.#linkedCheckout = undefined;
    this.frameReady = false;
    this.state = undefined;
    this.requestUpdate();
  }

  groupStyleChanged(): void {
    this.#configurationPending = true;
    this.requestUpdate();
  }

  messagesChanged(): void {
    if (this.#link && this.#group) this.#link.iframe.title = this.#group.textsOf(this.kind).title;
    this.requestUpdate();
  }

  sendCommand(command: FieldCommand): void {
    this.#link?.send(command);
  }

  /** Moves keyboard focus into the field's frame. */
  focusField(): void {
    this.#link?.iframe.focus();
    this.sendCommand({ type: 'focus' });
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('fieldStyle')) this.#ownStyle = styleForFrame(this.fieldStyle);
    if (changed.has('placeholder') || changed.has('label') || changed.has('fieldStyle') || changed.has('preferredNetwork')) this.#configurationPending = true;
  }

  override updated(): void {
    if (!this.#configurationPending || !this.#link) return;
    this.#configurationPending = false;
    this.sendCommand({ type: 'configure', options: this.#frameOptions() });
  }

  /** What the frame shows: the text as plain strings, and the group's style with ours on top. */
  #frameOptions(): FieldOptions {
    const text = (value: string | null | undefined) => (typeof value === 'string' ? value.slice(0, MAX_FRAME_TEXT_LENGTH) : undefined);
    const placeholder = text(this.placeholder);
    const label = text(this.label);
    const network = text(this.preferredNetwork);
    // A billing field gets the merchant's prefill when it is new to its frame (a restyle must not refill what the shopper emptied).
    const billing = this.kind === 'name' || this.kind === 'country' || this.kind === 'postal' ? this.#group?.billing : undefined;
    const billingChanged = billing !== this.#billingSent;
    this.#billingSent = billing;
    return {
      ...(billing && billingChanged ? { billing } : {}),
      ...(network !== undefined ? { network } : {}),
      ...(placeholder !== undefined ? { placeholder } : {}),
      // The frame's input is labelled with the merchant's visible label, so its accessible name matches.
      ...(label !== undefined ? { label } : {}),
      ...(this.#group ? { locale: this.#group.locale } : {}),
      style: { theme: this.#group?.themeStyle, group: this.#group?.fieldStyle, own: this.#ownStyle },
    };
  }

  #onFrameEvent(event: FieldEvent): void {
    switch (event.type) {
      case 'ready':
        this.frameReady = true;
        this.#group?.refresh();
        break;
      case 'change':
        this.state = event.state;
        dispatchPayframeEvent(this, 'payframe-change', { field: this.kind, ...event.state });
        this.#group?.refresh();
        break;
      case 'focus':
        this.#focused = true;
        dispatchPayframeEvent(this, 'payframe-focus', { field: this.kind });
        break;
      case 'blur':
        this.#focused = false;
        dispatchPayframeEvent(this, 'payframe-blur', { field: this.kind });
        break;
      case 'advance':
        this.#group?.advanceFrom(this.kind);
        break;
      case 'submit':
        this.#group?.submitRequested();
        break;
      case 'escape':
        dispatchPayframeEvent(this, 'payframe-escape', { field: this.kind });
        return;
      case 'style-rejected':
        // The group's style is the group's to report (once for all its fields); ours is ours.
        if (event.layer !== 'own') this.#group?.styleRejected(event.rejections);
        else warnStyleRejections(`<${this.localName}> fieldStyle`, event.rejections, this.#styleWarnings);
        return;
    }
    this.requestUpdate();
  }

  override render() {
    const error = this.state?.error;
    const boxClass = `box${this.#focused ? ' focused' : ''}${error ? ' invalid' : ''}${this.frameReady ? '' : ' loading'}`;
    const messages = this.#group?.messages ?? ENGLISH;
    const locale = this.#group?.locale ?? 'en';
    const dir = isRightToLeft(locale) ? 'rtl' : 'ltr';
    // The frame's input has its own label; this one is for sighted users and pointer users. The
    // error line is not live: the group's one live region announces it, once.
    return html`
      <div class="label" part="label" aria-hidden="true" lang=${locale} dir=${dir} @click=${() => this.focusField()}>${this.label ?? this.#group?.textsOf(this.kind).label ?? (messages as Record<string, string>)[`${this.kind}Label`]}</div>
      <div class=${boxClass} part="box">
        ${this.#frameInserted ? (this.#link?.iframe ?? nothing) : nothing} ${this.frameReady ? nothing : html`<div class="skeleton" aria-hidden="true"></div>`}
      </div>
      <div class="error" part="error" lang=${locale} dir=${dir}>${error?.message ?? ''}</div>
    `;
  }
}

/** The card number field. */
export class PayframeCardNumber extends PayframeCardField {
  readonly kind = 'number';
}

/** The expiration date field (MM / YY). */
export class PayframeCardExpiry extends PayframeCardField {
  readonly kind = 'expiry';
}

/** The security code (CVC) field. */
export class PayframeCardCvc extends PayframeCardField {
  readonly kind = 'cvc';
}

/** The cardholder's name (autocomplete `cc-name`); the group's `cardholder-name` fills it in. Sent as `billing_details[name]`. */
export class PayframeCardName extends PayframeCardField {
  readonly kind = 'name';
}

/**
 * The billing postal code (autocomplete `postal-code`), in the format of the group's `billing-country`
 * (free form without one). Sent as `billing_details[address][postal_code]`, with the country.
 */
export class PayframeCardPostal extends PayframeCardField {
  readonly kind = 'postal';
}

/**
 * The billing country (autocomplete `country`): every country, named in the checkout's language,
 * preselected by the group's `billing-country`. The country chosen sets <payframe-card-postal>'s
 * format (its frame learns it from the controller) and is sent as `billing_details[address][country]`.
 */
export class PayframeCardCountry extends PayframeCardField {
  readonly kind = 'country';
}
