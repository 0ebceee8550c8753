// The drop-in's card frame paying with a saved card (`payment-method`): a chunk the frame loads only
// then. It asks the gateway which card the merchant's PaymentIntent pays with (expand[]=payment_method,
// brand, last four and expiry only), shows it ("Visa •••• 4242, expires 12/34"), and on Pay turns the
// CVC typed here into a cvc_update token and confirms the intent with the saved card and that token.
// It refuses a card the intent does not name, so a page cannot show one card and charge another.
// Fields origin; shares no module with the frame's script: what it needs is passed in.
import type { requestWithRetries } from './gateway/stripe-compatible-gateway.ts';
import type { readConfirmAnswer } from './gateway/payment-intent-answers.ts';
import type { CardInput } from './card-input.ts';
import type { SavedCardErrorCode } from '../src/shared/errors.ts';
import type { Locale } from '../src/i18n/messages.ts';
import type { CardFrameCommand, CardFrameEvent, CheckoutError, ConfirmResult } from '../src/shared/protocol.ts';
import { ENGLISH_SAVED_CARD_TEXTS, type SavedCardTexts } from '../src/i18n/saved-card-messages.ts';

type Failure = { error: CheckoutError };

export interface SavedCardOptions {
  /** The `payment-method` attribute as the merchant wrote it (checked here). */
  paymentMethod: string;
  /** The frame's own key and gateway, and its gateway steps: requests retried as every one is, a confirm's answer read as every one is. */
  key: string;
  gatewayUrl: string;
  requestWithRetries: typeof requestWithRetries;
  readConfirmAnswer: typeof readConfirmAnswer;
  challengeOrigins: readonly string[];
  /** The CVC input, the only one shown. */
  cvc: CardInput;
  /** Brands by Stripe's names (card-brands.ts): the saved card's display name; `setBrand` gives the CVC its length rules. */
  brandNames: Readonly<Record<string, string>>;
  setBrand(brand: string): void;
  loadMessages(locale: Locale, english: SavedCardTexts): Promise<SavedCardTexts>;
  send(event: CardFrameEvent): void;
}

/** The saved card as the gateway describes it to a browser. */
interface SavedCardFacts {
  brand: string;
  last4: string;
  month: number;
  year: number;
}

const PAYMENT_METHOD_ID = /^pm_[A-Za-z0-9]{1,64}$/;
/** A fresh Idempotency-Key per request of one Pay (its retries reuse it); getRandomValues works outside secure contexts too. */
const idempotencyKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
const twoDigits = (value: number) => String(value % 100).padStart(2, '0');

/** The intent's own card, if the answer is the intent the client_secret names with its payment method expanded. */
function readSavedCard(json: unknown, intentId: string): { id: string; card: SavedCardFacts } | null | undefined {
  const intent = json as { id?: unknown; payment_method?: { id?: unknown; card?: { brand?: unknown; last4?: unknown; exp_month?: unknown; exp_year?: unknown } } | null } | null;
  if (intent?.id !== intentId) return undefined;
  const method = intent.payment_method;
  if (!method) return null;
  const card = method.card;
  if (typeof method.id !== 'string' || typeof card?.brand !== 'string' || typeof card.last4 !== 'string' || !/^\d{4}$/.test(card.last4)) return undefined;
  if (typeof card.exp_month !== 'number' || typeof card.exp_year !== 'number') return undefined;
  return { id: method.id, card: { brand: card.brand.slice(0, 32), last4: card.last4, month: card.exp_month, year: card.exp_year } };
}

export function mountSavedCard(options: SavedCardOptions) {
  const { paymentMethod, cvc: cvcInput } = options;
  const request = <Result>(details: { method: 'GET' | 'POST'; path: string; body?: URLSearchParams; idempotencyKey?: string; readSuccess(json: unknown): Result | undefined }) =>
    options.requestWithRetries(options.gatewayUrl, { ...details, publishableKey: options.key });
  const validId = PAYMENT_METHOD_ID.test(paymentMethod);
  let texts: SavedCardTexts = ENGLISH_SAVED_CARD_TEXTS;
  let shown: SavedCardFacts | SavedCardErrorCode | undefined;
  /** The client_secret whose card is shown (or being asked for): a configure naming it again asks nothing. */
  let shownFor: string | undefined;
  let running: Promise<ConfirmResult> | undefined;

  // Number and expiry are neither shown nor read: the gateway has them. The line is read with the CVC input.
  const element = (id: string) => document.getElementById(id)!;
  element('number-field').hidden = element('expiry-field').hidden = true;
  const line = document.createElement('p');
  line.id = 'saved-card';
  element('cvc-field').parentElement!.before(line);
  cvcInput.input.setAttribute('aria-describedby', 'saved-card cvc-error');

  const failure = (code: SavedCardErrorCode): Failure => ({ error: { code, message: texts[code] } });

  function render(): void {
    if (shown === undefined) return;
    const error = typeof shown === 'string';
    line.className = error ? 'error' : '';
    line.textContent = error
      ? texts[shown as SavedCardErrorCode]
      : texts.savedCard.replace(/\{(\w+)\}/g, (_, part: string) => {
          const card = shown as SavedCardFacts;
          return part === 'brand' ? (options.brandNames[card.brand] ?? card.brand) : part === 'last4' ? card.last4 : twoDigits(part === 'month' ? card.month : card.year);
        });
  }

  /**
   * The card the intent pays with, when it is the one the page named: an intent of another account
   * is not found with this key, and one for another card (or none) is refused the same way.
   */
  async function verify(clientSecret: string): Promise<SavedCardFacts | Failure> {
    if (!validId) return failure('invalid_payment_method');
    const intentId = clientSecret.slice(0, clientSecret.indexOf('_secret_'));
    const query = new URLSearchParams({ client_secret: clientSecret, 'expand[]': 'payment_method' });
    // No card on the intent (null) reads as another card: there is nothing the shopper could be shown.
    const readSuccess = (json: unknown) => {
      const read = readSavedCard(json, intentId);
      return read === null ? { id: '' } : read;
    };
    const { result } = await request({ method: 'GET', path: `/v1/payment_intents/${intentId}?${query}`, readSuccess });
    if ('error' in result) return result.error.code === 'resource_missing' ? failure('payment_method_mismatch') : result;
    return result.id === paymentMethod && 'card' in result ? result.card : failure('payment_method_mismatch');
  }

  async function confirm(clientSecret: string, returnUrl: string | undefined): Promise<ConfirmResult> {
    if (!clientSecret.startsWith('pi_')) return { error: { code: 'invalid_client_secret', message: '' } };
    // Checked again here, for the saved card's brand; the input shows why (the page words it).
    const { complete, invalid, incomplete } = cvcInput.evaluate();
    if (!complete) return { error: { code: invalid ?? incomplete, message: '', field: 'cvc' } };
    // Again at Pay, for the intent being paid: the page may have changed its client-secret since.
    const card = await verify(clientSecret);
    if ('error' in card) return card;
    const token = await request({
      method: 'POST',
      path: '/v1/tokens',
      body: new URLSearchParams({ 'cvc_update[cvc]': cvcInput.canonical() }),
      idempotencyKey: idempotencyKey(),
      readSuccess: (json) => ((json as { id?: unknown } | null)?.id as string | undefined)?.match(/^cvctok_[A-Za-z0-9]{1,64}$/)?.[0],
    });
    if (typeof token.result !== 'string') return token.result;
    const body = new URLSearchParams({ client_secret: clientSecret, payment_method: paymentMethod, 'payment_method_options[card][cvc_token]': token.result });
    if (returnUrl) body.set('return_url', returnUrl);
    const intentId = clientSecret.slice(0, clientSecret.indexOf('_secret_'));
    const confirmed = await request({
      method: 'POST',
      path: `/v1/payment_intents/${intentId}/confirm`,
      body,
      idempotencyKey: idempotencyKey(),
      readSuccess: (json) => options.readConfirmAnswer(json, clientSecret, options.challengeOrigins),
    });
    return confirmed.result;
  }

  /**
   * Shows the card the intent of `clientSecret` pays with, or why it cannot be used. The gateway out
   * of reach: nothing yet, the next configure asks again, and Pay checks anyway.
   */
  async function show(clientSecret: string): Promise<void> {
    if (clientSecret === shownFor) return;
    shownFor = clientSecret;
    const card = await verify(clientSecret);
    if (shownFor !== clientSecret) return;
    if ('error' in card) {
      const { code } = card.error;
      if (code !== 'invalid_payment_method' && code !== 'payment_method_mismatch') return void (shownFor = undefined);
      shown = code;
    } else {
      shown = card;
      options.setBrand(card.brand in options.brandNames ? card.brand : 'unknown');
      cvcInput.publish();
    }
    render();
  }
  return {
    show,
    setLocale(locale: Locale): void {
      void options.loadMessages(locale, ENGLISH_SAVED_CARD_TEXTS).then((loaded) => {
        texts = loaded;
        render();
      });
    },
    /** The page's Pay: one confirm at a time (a second while one runs gets its result); nothing to tokenize. */
    answer(command: Extract<CardFrameCommand, { type: 'confirm' | 'tokenize' }>): void {
      const { requestId } = command;
      if (command.type === 'tokenize') return options.send({ type: 'tokenize-result', requestId, result: { error: { code: 'invalid_client_secret', message: '' } } });
      running ??= confirm(command.clientSecret, command.returnUrl).finally(() => (running = undefined));
      void running.then((result) => options.send({ type: 'confirm-result', requestId, result }));
    },
  };
}

export type SavedCard = ReturnType<typeof mountSavedCard>;
