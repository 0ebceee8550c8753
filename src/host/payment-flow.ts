// One checkout's `tokenize()` and `pay()` over any card surface: the submit lock (one tokenize or
// payment at a time), confirming the merchant's PaymentIntent (or SetupIntent, to save the card) with the next action the bank asks
// for (3-D Secure, loaded lazily), resuming after a full-page redirect, and the events that report
// the outcome. Runs on the merchant page: only tokens, intent statuses and errors pass here.
import type { ReactiveControllerHost } from 'lit';
import { dispatchPayframeEvent, type PayframeSetupDetail } from '../events.ts';
import { localizeError } from '../i18n/localize-error.ts';
import type { CheckoutError, ConfirmResult, PaymentResult, SplitFieldKind, TokenizeResult } from '../shared/protocol.ts';
import { parseClientSecret } from '../shared/wire-schemas.generated.ts';
import type { CardSurface } from './card-surface.ts';
import { checkedReturnUrl } from './challenge-redirect.ts';
import { checkoutError } from './checkout-error.ts';
import type { ControllerClient } from './controller-client.ts';
import { loadNextAction } from './next-action-loader.ts';

/** Paid (or being paid), or the card saved: the intent. Anything else the shopper must hear about. */
function paymentOutcome(result: ConfirmResult | PaymentResult): PaymentResult {
  if ('error' in result) return result;
  if ('action' in result) return { error: checkoutError('payment_incomplete') };
  const { status } = 'setupIntent' in result ? result.setupIntent : result.paymentIntent;
  return status === 'succeeded' || status === 'requires_capture' || status === 'processing' ? result : { error: checkoutError('payment_incomplete') };
}

export class PaymentFlow {
  /** True from a submit's checks passing until its outcome is known. */
  busy = false;
  readonly #owner: HTMLElement & ReactiveControllerHost;
  readonly #surface: CardSurface;
  /** One lock for tokenize and pay: one submit, at most one payment method or payment. */
  #inFlight: { kind: 'tokenize' | 'pay'; promise: Promise<TokenizeResult | PaymentResult> } | undefined;

  /** Events go to `owner`, which re-renders when `busy` changes. */
  constructor(owner: HTMLElement & ReactiveControllerHost, surface: CardSurface) {
    this.#owner = owner;
    this.#surface = surface;
  }

  /**
   * Tokenizes the card typed into the surface. While one tokenization runs, further calls return
   * the same promise: one submit, at most one payment method. While a payment runs, it answers
   * `payment_in_progress`.
   */
  tokenize(): Promise<TokenizeResult> {
    return this.#locked('tokenize', true, () => this.#requestToken());
  }

  /**
   * Pays the merchant's PaymentIntent (by its client_secret) with the card typed in, showing the
   * bank's challenge when it asks for one. Never rejects; while it runs, further calls return
   * the same promise: one submit, at most one confirm. `setup`: the client_secret is a
   * SetupIntent's, whose confirm saves the card (`payframe-setup`); a secret of the other kind is refused.
   */
  pay(clientSecret: string, returnUrl?: string | null, setup?: boolean): Promise<PaymentResult> {
    return this.#locked('pay', true, () => this.#requestPayment(clientSecret, returnUrl, setup));
  }

  /**
   * Back from a full-page 3-D Secure redirect: reads how the intent ended, once the surface's
   * client is ready, and reports it as pay() does. Holds the same lock meanwhile.
   */
  resumePayment(clientSecret: string): Promise<PaymentResult> {
    return this.#locked('pay', false, () => this.#requestStatus(clientSecret));
  }

  /**
   * Runs one submit under the lock and reports its outcome as an event on the owner. A call of the
   * kind already running gets its promise when it may `join`; any other gets `payment_in_progress`.
   */
  #locked<Result extends TokenizeResult | PaymentResult>(kind: 'tokenize' | 'pay', join: boolean, request: () => Promise<Result> | Result): Promise<Result> {
    const inFlight = this.#inFlight;
    // Sound: a promise of the same kind is a promise of the same result type.
    if (inFlight) return (join && inFlight.kind === kind ? inFlight.promise : Promise.resolve({ error: checkoutError('payment_in_progress') })) as Promise<Result>;
    const promise = this.#report(request).finally(() => {
      this.#inFlight = undefined;
      this.#setBusy(false);
    });
    this.#inFlight = { kind, promise };
    return promise;
  }

  #setBusy(busy: boolean): void {
    this.busy = busy;
    this.#owner.requestUpdate();
  }

  /** The outcome, its error's message in the checkout's locale, told to the owner's listeners. */
  async #report<Result extends TokenizeResult | PaymentResult>(request: () => Promise<Result> | Result): Promise<Result> {
    const result = await request();
    if ('error' in result) {
      const error = localizeError(result.error, this.#surface.messages);
      dispatchPayframeEvent(this.#owner, 'payframe-error', { error });
      return { ...result, error };
    }
    // As parsed, only `{ setupIntent, paymentMethod }`: a succeeded SetupIntent names the card it saved.
    if ('setupIntent' in result) dispatchPayframeEvent(this.#owner, 'payframe-setup', result as PayframeSetupDetail);
    else if ('paymentMethod' in result) dispatchPayframeEvent(this.#owner, 'payframe-token', { paymentMethod: result.paymentMethod });
    else dispatchPayframeEvent(this.#owner, 'payframe-payment', { paymentIntent: result.paymentIntent });
    return result;
  }

  #requestToken(): Promise<TokenizeResult> | TokenizeResult {
    const ready = this.#readyToSubmit();
    if ('error' in ready) return ready;
    return this.#ask('tokenize', { fields: ready.fields });
  }

  async #requestPayment(clientSecretValue: string, returnUrlValue?: string | null, setup?: boolean): Promise<PaymentResult> {
    const clientSecret = parseClientSecret(clientSecretValue);
    if (!clientSecret || clientSecret.startsWith('seti_') !== !!setup) return { error: checkoutError('invalid_client_secret') };
    const returnUrl = returnUrlValue ? checkedReturnUrl(returnUrlValue) : undefined;
    if (returnUrlValue && !returnUrl) return { error: checkoutError('invalid_return_url') };
    const ready = this.#readyToSubmit();
    if ('error' in ready) return ready;
    const { publishableKey } = ready;

    const confirmed = await this.#ask('confirm', { clientSecret, fields: ready.fields, ...(returnUrl ? { returnUrl } : {}) });
    if (!('action' in confirmed)) return paymentOutcome(confirmed);
    // Fetched only now: most payments never need it.
    const runNextAction = await loadNextAction();
    if (!runNextAction) return { error: checkoutError('useStripeSdk' in confirmed.action ? 'stripe_js_unavailable' : 'challenge_unavailable') };
    return paymentOutcome(
      await runNextAction(confirmed.action, {
        clientSecret,
        publishableKey,
        returnUrl,
        container: this.#owner.shadowRoot ?? this.#owner,
        readIntentStatus: () => this.#ask('intent-status', { clientSecret }),
        checkoutError,
        texts: this.#surface.messages,
      }),
    );
  }

  /** The intent's status, for a payment that went on elsewhere (a full-page 3-D Secure redirect). */
  async #requestStatus(clientSecret: string): Promise<PaymentResult> {
    const { loadError, client } = this.#surface;
    if (loadError) return { error: loadError };
    if (!client?.ready) return { error: checkoutError('not_ready') };
    this.#setBusy(true);
    return paymentOutcome(await client.ask('intent-status', { clientSecret }));
  }

  /** The checks before any submit: loaded, configured, and every input complete (else they show why). */
  #readyToSubmit(): { publishableKey: string; fields: SplitFieldKind[] } | { error: CheckoutError } {
    const surface = this.#surface;
    if (surface.loadError) return { error: surface.loadError };
    // The key the frames were loaded for; a changed attribute has already started them over.
    const { publishableKey } = surface;
    if (!surface.ready || !publishableKey) return { error: checkoutError('not_ready') };
    const complete = surface.checkComplete();
    if ('error' in complete) return complete;
    this.#setBusy(true);
    return { publishableKey, fields: complete.fields };
  }

  /** A request to the surface's client, or `not_ready` when it has no frames mounted. */
  #ask: ControllerClient['ask'] = (type, request) =>
    this.#surface.client?.ask(type, request) ?? Promise.resolve({ error: checkoutError('not_ready') } as never);
}
