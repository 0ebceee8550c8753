// <payframe-card-group>: groups split card fields placed anywhere inside it, so one
// `tokenize()` call covers them all. Holds the hidden controller frame. Merchant realm.
import { css, html, LitElement, nothing, unsafeCSS } from 'lit';
import { PaymentFlow } from '../host/payment-flow.ts';
import { SplitFieldsSurface } from '../host/split-fields-surface.ts';
import { dispatchPayframeEvent } from '../events.ts';
import type { PaymentResult, SplitFieldKind, TokenizeResult } from '../shared/protocol.ts';
import type { PayframeFieldStyle } from '../shared/style-sanitizer.ts';
import { LiveAnnouncer } from '../a11y/live-announcer.ts';
import { ThemeController } from '../themes/theme-controller.ts';
import { followDocumentLang } from './document-lang.ts';
import { themeStyles } from '../themes/theme.styles.ts';
import { liveRegionStyles } from '../a11y/live-region.styles.ts';
import { localizeError } from '../i18n/localize-error.ts';
import { requestedLocaleTag, supportedLocale } from '../i18n/messages.ts';

/**
 * @event payframe-ready - Every field frame and the controller are ready for input.
 * @event payframe-token - A payment method was created: `{ paymentMethod }`.
 * @event payframe-payment - With `client-secret`, `pay()` paid the intent: `{ paymentIntent: { id, status } }`.
 * @event payframe-saved-card - With `payment-method`: the saved card the intent pays with, `{ card: { brand, last4, exp_month, exp_year }, description }`, or `{ error }`.
 * @event payframe-error - Tokenizing failed or the frames could not load: `{ error: { code, message, field? } }`.
 * @event payframe-submit - The shopper pressed Enter inside a field.
 * @slot - Your layout, with <payframe-card-number>, <payframe-card-expiry> and <payframe-card-cvc> inside, and
 *   optionally <payframe-card-name>, <payframe-card-country> and <payframe-card-postal>.
 *
 * Style the inputs inside every field's frame with `fieldStyle` (see `PayframeFieldStyle`);
 * a field's own `fieldStyle` refines it.
 */
export class PayframeCardGroupElement extends LitElement {
  static override styles = [
    css`
      :host {
        display: block;
      }
    `,
    unsafeCSS(themeStyles),
    unsafeCSS(liveRegionStyles),
  ];
  static override properties = {
    publishableKey: { type: String, attribute: 'publishable-key' },
    fieldsOrigin: { type: String, attribute: 'fields-origin' },
    locale: { type: String },
    theme: { type: String, reflect: true },
    fieldStyle: { attribute: false },
    cardholderName: { type: String, attribute: 'cardholder-name' },
    billingCountry: { type: String, attribute: 'billing-country' },
    clientSecret: { type: String, attribute: 'client-secret' },
    paymentMethod: { type: String, attribute: 'payment-method' },
  };

  /** Your publishable key (`pk_test_...` or `pk_live_...`). */
  declare publishableKey: string;
  /** The origin serving the card fields; defaults to where payframe.js was loaded from. */
  declare fieldsOrigin: string | null;
  /** `light` (default), `dark`, `minimal` or `auto`: theme variables for the fields inside, and their frames. */
  declare theme: string | undefined;
  /** The shopper's language for the fields' labels, placeholders and errors (see <payframe-checkout>); `auto` is the browser's. */
  declare locale: string | undefined;
  /**
   * How the inputs inside every field's frame look: `{ base, placeholder, focus, complete,
   * invalid, variables }`, each of allowlisted CSS declarations. A field's own `fieldStyle` is
   * layered on top. Assign a new object to change it; what was typed stays. Parts the allowlist
   * refuses are left out with a `console.warn`.
   */
  declare fieldStyle: PayframeFieldStyle | undefined;
  /** The shopper's name, if you know it: <payframe-card-name> starts with it (as the drop-in's `cardholder-name`). Never card data. */
  declare cardholderName: string | null | undefined;
  /**
   * The billing country (ISO 3166-1 alpha-2, e.g. `US`): preselects <payframe-card-country>, whose choice then
   * sets the postal code's format; without it, sets the format <payframe-card-postal> checks and goes to the
   * gateway as `billing_details[address][country]` (as the drop-in's `billing-country`).
   */
  declare billingCountry: string | null | undefined;

  /** The PaymentIntent's `client_secret` (`pi_…_secret_…`) that `pay()` confirms. */
  declare clientSecret: string | null | undefined;
  /**
   * A card the shopper saved (`pm_…`) that the intent of `client-secret` pays with: the group then holds
   * a <payframe-card-cvc> alone, tells you the card in `payframe-saved-card` (for your layout to show),
   * and `pay()` confirms with it and the CVC typed. A card the intent does not name is refused
   * (`payment_method_mismatch`). Changing it on a mounted group starts it over with new frames.
   */
  declare paymentMethod: string | null | undefined;

  private readonly group: SplitFieldsSurface;
  readonly #flow: PaymentFlow;
  /** Says the fields' errors and the outcome of tokenize() to screen readers, each once. */
  private readonly announcer = new LiveAnnouncer(this);
  private readonly themeController = new ThemeController(this, (style) => this.group.setThemeStyle(style));

  constructor() {
    super();
    this.publishableKey = '';
    this.fieldsOrigin = null;
    this.group = new SplitFieldsSurface(this, () => dispatchPayframeEvent(this, 'payframe-submit', {}));
    this.#flow = new PaymentFlow(this, this.group);
    // Without `locale`, the texts follow <html lang> (willUpdate reads it): an update when it changes.
    followDocumentLang(this);
  }

  /** True once every field frame and the controller are ready for input. */
  get ready(): boolean {
    return this.group.ready;
  }

  /** True while a tokenization or payment is running. */
  get busy(): boolean {
    return this.#flow.busy;
  }

  /** Creates a payment method from the fields in this group; never rejects. */
  async tokenize(): Promise<TokenizeResult> {
    this.announcer.submitted();
    const result = await this.#flow.tokenize();
    const { messages } = this.group;
    this.announcer.announce('error' in result ? localizeError(result.error, messages).message : messages.cardAccepted);
    return result;
  }

  /**
   * Pays the PaymentIntent of `client-secret` with the card in the fields (or the saved card of
   * `payment-method` and its CVC), with the bank's 3-D Secure challenge when asked; never rejects.
   */
  async pay(): Promise<PaymentResult> {
    this.announcer.submitted();
    const result = await this.#flow.pay(this.clientSecret ?? '');
    const { messages } = this.group;
    this.announcer.announce('error' in result ? localizeError(result.error, messages).message : messages.paid);
    return result;
  }

  /** Moves keyboard focus into a field; by default the group's first (name, card number, expiry, CVC, country, postal code), so a saved card's group focuses its CVC. */
  focusField(field?: SplitFieldKind): void {
    this.group.focus(field);
  }

  /** Empties every field. */
  clear(): void {
    this.group.clear();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('publishableKey') || changed.has('fieldsOrigin') || changed.has('paymentMethod')) this.group.mountChanged();
    if (this.hasUpdated && changed.has('clientSecret')) this.group.showSavedCard();
    if (changed.has('fieldStyle')) this.group.setFieldStyle(this.fieldStyle);
    // The frames judge both (billing-options.ts): a name of at most 200 characters, a two-letter country.
    if (changed.has('cardholderName') || changed.has('billingCountry'))
      this.group.setBilling({ ...(this.cardholderName ? { name: this.cardholderName } : {}), ...(this.billingCountry ? { country: this.billingCountry } : {}) });
    // Every update: the page's <html lang> may have changed (setLocale does nothing when the locale is the same).
    this.group.setLocale(supportedLocale(requestedLocaleTag(this.locale || document.documentElement.lang)));
  }

  override render() {
    return html`<slot></slot>${this.announcer.region}${this.group.controllerFrame ?? nothing}`;
  }
}
