// <payframe-checkout>: the drop-in. One frame on the fields origin holding the card number, expiry
// and CVC with their labels and error lines, a form-level error line, and a pay button showing the
// amount: it tokenizes, or with `client-secret` pays the merchant's PaymentIntent (3-D Secure in a
// modal). Merchant realm. A plain custom element (payframe-element.ts says why), not a Lit one.
import { PaymentFlow } from '../host/payment-flow.ts';
import { CardFrameSurface } from '../host/card-frame-surface.ts';
import { forgetReturnParams, returnedClientSecret } from '../host/redirect-return.ts';
import { formatAmount } from '../format-amount.ts';
import { whenIdle } from './when-idle.ts';
import { isInputErrorCode } from '../shared/errors.ts';
import type { CheckoutError, PaymentResult, TokenizeResult } from '../shared/protocol.ts';
import type { PayframeFieldStyle } from '../shared/style-sanitizer.ts';
import { checkoutStyles } from './checkout.styles.ts';
import { element, PayframeElement, type PropertyDeclaration } from './payframe-element.ts';
import { LiveAnnouncer } from '../a11y/live-announcer.ts';
import { ThemeController } from '../themes/theme-controller.ts';
import { followDocumentLang } from './document-lang.ts';
import { themeStyles } from '../themes/theme.styles.ts';
import { liveRegionStyles } from '../a11y/live-region.styles.ts';
import { localizeError } from '../i18n/localize-error.ts';
import { format, isRightToLeft, requestedLocaleTag, supportedLocale, type Messages } from '../i18n/messages.ts';

/**
 * @event payframe-ready - The card frame is ready for input.
 * @event payframe-change - A field's state changed: `{ field, empty, complete, valid, brand?, error?, paymentMethodType? }`
 *   (with `payment-methods`, `field: 'payment_method'` says the method chosen, and the bank inputs' states carry it).
 * @event payframe-focus - A field gained focus: `{ field }`.
 * @event payframe-blur - A field lost focus: `{ field }`.
 * @event payframe-escape - Escape was pressed in a field: `{ field }` (nothing is closed or cleared).
 * @event payframe-bin - With `bin`: `{ bin, funding?, country?, networks? }`, the first 6 digits, then 8 (16+ digit numbers).
 * @event payframe-token - A payment method was created: `{ paymentMethod }`.
 * @event payframe-payment - With `client-secret`: the PaymentIntent was paid: `{ paymentIntent: { id, status } }`;
 *   a bank debit's status is `processing` (not final: the bank answers days later).
 * @event payframe-setup - With `mode="setup"`: the SetupIntent saved the card: `{ setupIntent: { id, status }, paymentMethod }` (its id).
 * @event payframe-error - Tokenizing or paying failed, or the frames could not load: `{ error: { code, message, field?, declineCode? } }`.
 * @csspart form - The form holding the card frame and the button.
 * @csspart card - The box holding the card frame (labels, inputs and their error lines are inside
 *   the frame: style them with the theme variables and `fieldStyle`).
 * @csspart form-error - The line above the button for errors that belong to no single field.
 * @csspart button - The pay button.
 * @cssprop --payframe-color-primary - The button and the focused field's border (also `-hover`, `--payframe-color-on-primary`).
 * @cssprop --payframe-color-text - Text, in the page and in the fields (the frames get it too).
 * @cssprop --payframe-color-background - The fields' background (frames too).
 * @cssprop --payframe-color-border - The fields' border (frames too). `--payframe-border-width` its width, `--payframe-box-shadow` its shadow.
 * @cssprop --payframe-color-danger - Errors (frames too). `--payframe-color-placeholder`, `--payframe-color-caret` reach the frames.
 * @cssprop --payframe-radius - Corner radius of fields and button.
 * @cssprop --payframe-spacing - Space between fields and under labels. `--payframe-field-height` a field box's height, `--payframe-color-label` the labels.
 * @cssprop --payframe-font-family - Font (frames too; `--payframe-font-size-base` sizes the inputs).
 * @cssprop --payframe-focus-ring - The focus ring's colour.
 *
 * Style the inputs inside the card frames with `fieldStyle` (see `PayframeFieldStyle`).
 */
export class PayframeCheckout extends PayframeElement {
  static override styles = checkoutStyles + themeStyles + liveRegionStyles;
  static override properties: Record<string, PropertyDeclaration> = {
    publishableKey: { type: String, attribute: 'publishable-key' },
    amount: { type: Number },
    currency: { type: String },
    locale: { type: String },
    theme: { type: String, reflect: true },
    fieldsOrigin: { type: String, attribute: 'fields-origin' },
    clientSecret: { type: String, attribute: 'client-secret' },
    paymentMethod: { type: String, attribute: 'payment-method' },
    mode: { type: String },
    returnUrl: { type: String, attribute: 'return-url' },
    billingFields: { type: String, attribute: 'billing-fields' },
    cardholderName: { type: String, attribute: 'cardholder-name' },
    billingCountry: { type: String, attribute: 'billing-country' },
    preferredNetwork: { type: String, attribute: 'preferred-network' },
    bin: { type: Boolean },
    paymentMethods: { type: String, attribute: 'payment-methods' },
    businessName: { type: String, attribute: 'business-name' },
    bankAccountEntry: { type: String, attribute: 'bank-account-entry' },
    fieldStyle: { attribute: false },
  };

  /** Your publishable key (`pk_test_...` or `pk_live_...`). */
  declare publishableKey: string;
  /** The amount in the currency's minor unit, e.g. 1999 for €19.99. */
  declare amount: number | undefined;
  /**
   * `light` (default), `dark`, `minimal`, or `auto` (light or dark as the system prefers). It
   * sets the theme variables, which style this element and reach the inputs in the frames.
   */
  declare theme: string | undefined;
  /** ISO currency code, e.g. `eur`. */
  declare currency: string | undefined;
  /**
   * The shopper's language, for the labels, placeholders, error messages and the amount (a BCP 47
   * tag such as `de` or `pt-BR`); `auto` is the browser's. Without it, the page's `<html lang>`,
   * else the browser's. en, de, fr, es, it, nl, pt, pl, sv, ja, zh, ko and ar (right to left) have
   * texts; any other language reads English, with the amount still formatted for it.
   */
  declare locale: string | undefined;
  /** The origin serving the card fields; defaults to where payframe.js was loaded from. */
  declare fieldsOrigin: string | null;
  /**
   * The client_secret of the PaymentIntent your server created. When set, the pay button pays
   * it (`pay()`) instead of only tokenizing.
   */
  declare clientSecret: string | null;
  /**
   * A card the shopper saved (`pm_…`, attached to the customer of the PaymentIntent): with
   * `client-secret` set to a PaymentIntent your server created with that `payment_method`, the
   * checkout shows the card as the gateway knows it ("Visa •••• 4242, expires 12/34") and asks only
   * for its security code, which goes to the gateway as a CVC update token. A card the intent does
   * not name is refused (`payment_method_mismatch`); an id that is not a `pm_…` one is
   * `invalid_payment_method`. Changing it on a mounted checkout loads a new card frame.
   */
  declare paymentMethod: string | null;
  /**
   * `setup` saves the card for later instead of paying: `client-secret` is then a SetupIntent's
   * (`seti_…`, created by your server for a customer), the button reads "Save card" (no amount),
   * and a card saved (after a 3-D Secure challenge when the bank asks) is reported with
   * `payframe-setup`. Without it, the checkout pays (or tokenizes).
   */
  declare mode: string | undefined;
  /**
   * A page of your site the shopper comes back to when the bank's 3-D Secure page cannot be shown
   * in the modal (it refuses to be framed): the checkout then sends the shopper there and back. A
   * checkout on the return page reports the payment's outcome (see the README).
   */
  declare returnUrl: string | null;
  /**
   * Billing inputs shown below the card's, any of `name postal country` (cardholder name, billing
   * postal code, country): they go to the gateway as the payment method's `billing_details`, for
   * address and name checks. Changing it on a mounted checkout loads a new card frame (empty).
   */
  declare billingFields: string | null;
  /** The shopper's name, filled into the name input while it is empty. */
  declare cardholderName: string | null;
  /** The billing country (ISO 3166-1 alpha-2, e.g. `US`): preselected, and the postal code's format. */
  declare billingCountry: string | null;
  /**
   * For a co-badged card (Cartes Bancaires with Visa or Mastercard): the networks you prefer, most
   * preferred first (e.g. `cartes_bancaires`), chosen for the shopper until they pick another.
   * Without it, the card's own brand is chosen. The choice goes to the gateway as
   * `card[networks][preferred]`.
   */
  declare preferredNetwork: string | null;
  /**
   * Off by default. When set, `payframe-bin` reports the card's first 6 digits once typed, then its
   * first 8 for a number of 16 digits or more, with the funding, issuing country and networks the
   * fields origin knows: for surcharging, routing or fraud rules. Nothing more of the number.
   * Changing it on a mounted checkout loads a new card frame (empty).
   */
  declare bin: boolean;
  /**
   * What the shopper may pay with, any of `card sepa_debit us_bank_account` (default `card`), in the
   * order shown: the card frame shows a choice between them. The bank debits (SEPA Direct Debit, ACH)
   * need `client-secret` (a PaymentIntent your server created for them) and `business-name`; a paid
   * debit is reported with status `processing`, and the bank's answer comes later (webhooks). An
   * unknown value is a `payframe-error` with code `invalid_payment_methods`. Changing it on a mounted
   * checkout loads a new card frame (empty).
   */
  declare paymentMethods: string | null;
  /** Your business's name as the shopper knows it: the bank debit mandate authorizes it to debit the account. */
  declare businessName: string | null;
  /**
   * How a US bank account number is entered: typed twice (the default), or with `masked` typed once and
   * shown masked (all but its last four digits) while the shopper is elsewhere in the form.
   */
  declare bankAccountEntry: string | null;
  /**
   * How the inputs inside the card frames look: `{ base, placeholder, focus, complete, invalid,
   * variables }`, each of allowlisted CSS declarations. Assign a new object to change it on a
   * mounted checkout; what was typed stays. Parts the allowlist refuses are left out with a
   * `console.warn`, and the rest still applies.
   */
  declare fieldStyle: PayframeFieldStyle | undefined;

  private readonly group: CardFrameSurface;
  readonly #flow: PaymentFlow;
  private formError: CheckoutError | undefined;
  /** Says errors, "processing" and the outcome to screen readers, each once. */
  private readonly announcer = new LiveAnnouncer(this);
  /** Sends the theme's variables to the frames as it changes. */
  private readonly themeController = new ThemeController(this, (style) => this.group.setThemeStyle(style));

  // The shadow root's nodes, made once and updated in place by render(): an iframe moved or made again reloads.
  readonly #card = element('div', { part: 'card' });
  /** The card frame in #card, once it is due. */
  #frame: HTMLIFrameElement | undefined;
  readonly #skeleton = element('div', { class: 'skeleton', 'aria-hidden': 'true' });
  /** What #skeleton's fields say (their labels and how many rows), to make them again only when it changes. */
  #skeletonShows = '';
  readonly #errorLine = element('p', { class: 'form-error', part: 'form-error' });
  readonly #button = element('button', { part: 'button', type: 'submit' });
  readonly #spinner = element('span', { class: 'spinner', 'aria-hidden': 'true' });
  readonly #label = new Text();
  /** Holds #label: see #amountDue. */
  readonly #labelBox = element('span', { class: 'pending' }, this.#label);
  #busyShown: boolean | undefined;
  /**
   * Whether the pay button may show the amount yet. A page's first Intl.NumberFormat loads the
   * browser's number data: 20–77 ms of the merchant's main thread in a fresh Chromium page, longer
   * than the rest of the mount. So the checkout formats it once the card frame is ready (or failed to
   * load), when the page is idle: the button is disabled until then anyway, and the frame's inputs,
   * in a process of their own, take keys meanwhile. Until then the label is there for assistive
   * technology ("Pay") but not drawn: the amount appearing moves nothing (a drawn "Pay" growing to
   * "Pay €19.99" would shift, centred). Undefined until the formatting is scheduled.
   */
  #amountDue: boolean | undefined;
  readonly #form = element('form', { part: 'form', novalidate: '' }, this.#card, this.#errorLine, this.#button, this.announcer.region);

  constructor() {
    super();
    this.publishableKey = '';
    this.fieldsOrigin = null;
    this.clientSecret = null;
    this.returnUrl = null;
    this.group = new CardFrameSurface(this, () => this.submit());
    // Without `locale`, the texts follow <html lang> (willUpdate reads it): an update when it changes.
    followDocumentLang(this);
    this.#flow = new PaymentFlow(this, this.group);
    // Back from a full-page 3-D Secure redirect: report the outcome once the frames are ready.
    this.addEventListener('payframe-ready', () => this.resumeAfterRedirect(), { once: true });
    this.#form.addEventListener('submit', (event) => this.onSubmit(event));
  }

  /** True once the card frame is ready for input. */
  get ready(): boolean {
    return this.group.ready;
  }

  /** True while a tokenization or a payment is running. */
  get busy(): boolean {
    return this.#flow.busy;
  }

  /** Creates a payment method from the card typed in; never rejects. The pay button calls it. */
  tokenize(): Promise<TokenizeResult> {
    return this.#settle(() => this.#flow.tokenize(), (messages) => messages.cardAccepted);
  }

  /**
   * Pays the PaymentIntent of `client-secret` with the card typed in (with `mode="setup"`,
   * confirms its SetupIntent: saves the card), showing the bank's challenge in a modal when it
   * asks; never rejects. The pay button calls it when `client-secret` is set. After a decline the fields keep the card, to fix and pay again.
   */
  pay(): Promise<PaymentResult> {
    const setup = this.mode === 'setup';
    return this.#settle(() => this.#flow.pay(this.clientSecret ?? '', this.returnUrl, setup), (messages) => (setup ? messages.cardSaved : messages.paid));
  }

  /** Runs a request with no form-level error shown, then shows and announces how it ended. */
  async #settle<Result extends TokenizeResult | PaymentResult>(request: () => Promise<Result>, success: (messages: Messages) => string): Promise<Result> {
    this.formError = undefined;
    this.requestUpdate();
    const result = await request();
    // Field errors show under their field; the rest (network, gateway) above the button.
    this.formError = 'error' in result && !isInputErrorCode(result.error.code, result.error.field) ? result.error : undefined;
    this.announceOutcome(result, success(this.group.messages));
    this.requestUpdate();
    return result;
  }

  private async resumeAfterRedirect(): Promise<void> {
    const clientSecret = returnedClientSecret(this.clientSecret);
    if (!clientSecret) return;
    forgetReturnParams();
    const result = await this.#flow.resumePayment(clientSecret);
    this.formError = 'error' in result ? result.error : undefined;
    this.requestUpdate();
  }

  /** Empties every field. */
  clear(): void {
    this.group.clear();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    // Each compares what it depends on with what the frame has (setLocale too): nothing happens when none changed.
    this.group.mountChanged();
    this.group.setDefaults();
    if (changed.has('fieldStyle')) this.group.setFieldStyle(this.fieldStyle);
    this.group.setLocale(supportedLocale(this.localeTag()));
    // A return page whose shop gives the client-secret once the checkout is ready: it may be the one the address came back for.
    if (changed.has('clientSecret') && this.ready) void this.resumeAfterRedirect();
  }

  /** The tag the amount is formatted with; texts use the nearest supported locale. */
  private localeTag(): string {
    return requestedLocaleTag(this.locale || document.documentElement.lang);
  }

  protected override updated(): void {
    // The card frame's height through the CSSOM: merchant pages' CSP (style-src without
    // 'unsafe-inline') refuses a style attribute, and the card would never grow with its frame.
    const { style } = this.#card;
    const { height } = this.group;
    style.height = height === undefined ? '' : `${height}px`;
    // Only with billing inputs: a card-only checkout's box holds its height alone.
    const { rows } = this.group;
    if (rows > 2) style.setProperty('--payframe-card-rows', String(rows));
    else style.removeProperty('--payframe-card-rows');
    // Frames that never load: said once, like any other error.
    const { loadError } = this.group;
    if (loadError) this.announcer.announce(localizeError(loadError, this.group.messages).message);
  }

  private payLabel(): string {
    if (this.mode === 'setup') return this.group.messages.saveCard;
    const amount = this.#amountDue && this.amount !== undefined && this.currency ? formatAmount(this.amount, this.currency, this.localeTag()) : undefined;
    const { messages } = this.group;
    return amount ? format(messages.pay, { amount }) : messages.payWithoutAmount;
  }

  /** The shopper hears how it ended: the error (never a value), or that it worked. */
  private announceOutcome(result: { error: CheckoutError } | object, success: string): void {
    this.announcer.announce('error' in result ? localizeError(result.error as CheckoutError, this.group.messages).message : success);
  }

  /** The pay button or Enter: a second submit while one runs does nothing. */
  private submit(): void {
    if (this.#flow.busy) return;
    this.announcer.submitted();
    if (this.clientSecret || this.mode === 'setup') void this.pay();
    else void this.tokenize();
    if (this.#flow.busy) this.announcer.announce(this.group.messages.processing);
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.submit();
  }

  /** The form: the card frame's box, the form-level error line, the pay button and the live region. */
  protected override render(): void {
    const { ready, loadError, messages, locale } = this.group;
    const { busy } = this.#flow;
    const form = this.#form;
    form.lang = locale;
    form.dir = isRightToLeft(locale) ? 'rtl' : 'ltr';
    form.setAttribute('aria-busy', String(busy));
    this.#renderCard();
    const error = loadError ?? this.formError;
    const errorText = error ? localizeError(error, messages).message : '';
    if (this.#errorLine.textContent !== errorText) this.#errorLine.textContent = errorText;
    const button = this.#button;
    button.disabled = !ready && !busy;
    button.setAttribute('aria-disabled', String(busy));
    if (busy !== this.#busyShown) button.replaceChildren(...(busy ? [this.#spinner] : []), this.#labelBox);
    this.#busyShown = busy;
    const label = busy ? messages.processing : this.payLabel();
    if (this.#label.data !== label) this.#label.data = label;
    if ((ready || loadError) && this.#amountDue === undefined) {
      this.#amountDue = false;
      whenIdle(() => {
        this.#amountDue = true;
        this.#labelBox.className = '';
        this.requestUpdate();
      });
    }
    if (!this.hasUpdated) this.renderRoot.append(form);
  }

  /** Where the card frame goes: the default height reserved before it loads (no layout shift), its content's height after. */
  #renderCard(): void {
    // The theme first (attributes are reflected by now): a new card frame's URL carries it (CardFrameSurface.frame()).
    this.themeController.hostUpdated();
    const { ready, messages, rows } = this.group;
    const iframe = this.group.frame();
    const card = this.#card;
    const skeleton = this.#skeleton;
    card.className = ready ? 'card' : 'card loading';
    if (iframe !== this.#frame) {
      this.#frame?.remove();
      if (iframe) card.prepend(iframe);
      this.#frame = iframe;
    }
    if (ready) return skeleton.remove();
    const shows = `${messages.numberLabel}\n${messages.expiryLabel}\n${messages.cvcLabel}\n${rows}`;
    if (shows !== this.#skeletonShows) {
      this.#skeletonShows = shows;
      const field = (label: string) => element('div', {}, element('div', { class: 'skeleton-label' }, label), element('div', { class: 'skeleton-box' }));
      skeleton.replaceChildren(
        field(messages.numberLabel),
        element('div', { class: 'skeleton-row' }, field(messages.expiryLabel), field(messages.cvcLabel)),
        ...Array.from({ length: rows - 2 }, () => field('')),
      );
    }
    // Appended only when it is not there: moving it would restart its shimmer.
    if (skeleton.parentNode !== card) card.append(skeleton);
  }
}
