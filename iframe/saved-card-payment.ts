// Paying a PaymentIntent with a saved card and a CVC typed on the fields origin: the gateway steps
// both layouts share, the drop-in's card frame (saved-card.ts, `payment-method`) and the split
// fields' controller (a card group with `payment-method`). It asks the gateway which card the intent
// pays with (expand[]=payment_method: brand, last four and expiry only), refuses a card the page did
// not name, and on Pay turns the CVC into a cvc_update token and confirms the intent with the saved
// card and that token. Fields origin. The gateway steps are passed in, so the card frame's chunk
// shares no module with the frame's own script.
import type { requestWithRetries } from './gateway/stripe-compatible-gateway.ts';
import type { readConfirmAnswer } from './gateway/payment-intent-answers.ts';
import type { SavedCardErrorCode } from '../src/shared/errors.ts';
import type { CheckoutError, ConfirmResult } from '../src/shared/protocol.ts';

export type Failure = { error: CheckoutError };

export interface SavedCardPaymentOptions {
  /** The `payment-method` as the merchant wrote it (checked here). */
  paymentMethod: string;
  /** The frame's own key and gateway, and its gateway steps: requests retried as every one is, a confirm's answer read as every one is. */
  key: string;
  gatewayUrl: string;
  requestWithRetries: typeof requestWithRetries;
  readConfirmAnswer: typeof readConfirmAnswer;
  challengeOrigins: readonly string[];
  /** A saved-card error worded in the checkout's locale. */
  failure(code: SavedCardErrorCode): Failure;
}

/** The saved card as the gateway describes it to a browser. */
export interface SavedCardFacts {
  brand: string;
  last4: string;
  month: number;
  year: number;
}

const PAYMENT_METHOD_ID = /^pm_[A-Za-z0-9]{1,64}$/;
/** A fresh Idempotency-Key per request of one Pay (its retries reuse it); getRandomValues works outside secure contexts too. */
const idempotencyKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
const twoDigits = (value: number) => String(value % 100).padStart(2, '0');
const intentIdOf = (clientSecret: string) => clientSecret.slice(0, clientSecret.indexOf('_secret_'));

/** "Visa •••• 4242, expires 12/34": `template` in the checkout's locale, the brand by its display name. */
export function describeSavedCard(template: string, card: SavedCardFacts, brandNames: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, part: string) =>
    part === 'brand' ? (brandNames[card.brand] ?? card.brand) : part === 'last4' ? card.last4 : twoDigits(part === 'month' ? card.month : card.year),
  );
}

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

export function createSavedCardPayment(options: SavedCardPaymentOptions) {
  const { paymentMethod, failure } = options;
  const request = <Result>(details: { method: 'GET' | 'POST'; path: string; body?: URLSearchParams; idempotencyKey?: string; readSuccess(json: unknown): Result | undefined }) =>
    options.requestWithRetries(options.gatewayUrl, { ...details, publishableKey: options.key });
  const validId = PAYMENT_METHOD_ID.test(paymentMethod);

  /**
   * The card the intent pays with, when it is the one the page named: an intent of another account
   * is not found with this key, and one for another card (or none) is refused the same way.
   */
  async function verify(clientSecret: string): Promise<SavedCardFacts | Failure> {
    if (!validId) return failure('invalid_payment_method');
    const intentId = intentIdOf(clientSecret);
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

  /**
   * Pays the intent of `clientSecret` with the saved card: checked again here (the page may have
   * changed its client-secret since the card was shown), then `cvcFor` the checked card gives the
   * CVC (or why it is not complete), which becomes a cvc_update token for the confirm.
   */
  async function pay(clientSecret: string, returnUrl: string | undefined, cvcFor: (card: SavedCardFacts) => Promise<string | Failure> | string | Failure): Promise<ConfirmResult> {
    const card = await verify(clientSecret);
    if ('error' in card) return card;
    const cvc = await cvcFor(card);
    if (typeof cvc !== 'string') return cvc;
    const token = await request({
      method: 'POST',
      path: '/v1/tokens',
      body: new URLSearchParams({ 'cvc_update[cvc]': cvc }),
      idempotencyKey: idempotencyKey(),
      readSuccess: (json) => ((json as { id?: unknown } | null)?.id as string | undefined)?.match(/^cvctok_[A-Za-z0-9]{1,64}$/)?.[0],
    });
    if (typeof token.result !== 'string') return token.result;
    const body = new URLSearchParams({ client_secret: clientSecret, payment_method: paymentMethod, 'payment_method_options[card][cvc_token]': token.result });
    if (returnUrl) body.set('return_url', returnUrl);
    const confirmed = await request({
      method: 'POST',
      path: `/v1/payment_intents/${intentIdOf(clientSecret)}/confirm`,
      body,
      idempotencyKey: idempotencyKey(),
      readSuccess: (json) => options.readConfirmAnswer(json, clientSecret, options.challengeOrigins),
    });
    return confirmed.result;
  }

  return { verify, pay };
}
