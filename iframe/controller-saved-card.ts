// The split fields' controller paying with a saved card (a card group with `payment-method`, holding
// a <payframe-card-cvc> alone): it tells the page the card the PaymentIntent pays with, as the
// gateway describes it to a publishable key (brand, last four, expiry, and the line "Visa •••• 4242,
// expires 12/34" in the checkout's locale), gives the CVC field that card's brand (its length rules),
// and on Pay collects the CVC over the fields channel and pays with the steps the drop-in uses
// (saved-card-payment.ts). Never the CVC, nor its length, to the page. Fields origin.
import { CARD_BRAND_NAMES, type CardBrand } from '../src/shared/card-brands.ts';
import { frameErrorMessage, type SavedCardErrorCode } from '../src/shared/errors.ts';
import { ENGLISH_SAVED_CARD_TEXTS, type SavedCardTexts } from '../src/i18n/saved-card-messages.ts';
import type { ConfirmResult, ControllerCommand, ControllerEvent } from '../src/shared/protocol.ts';
import { readChallengeOrigins } from './challenge-origins.ts';
import { evaluateCvc } from './fields/cvc-field.ts';
import { readConfirmAnswer } from './gateway/payment-intent-answers.ts';
import { requestWithRetries } from './gateway/stripe-compatible-gateway.ts';
import { readGatewayUrl } from './gateway-config.ts';
import { loadMessages } from './locale-messages.ts';
import { createSavedCardPayment, describeSavedCard, type SavedCardFacts } from './saved-card-payment.ts';

type SavedCardCommand = Extract<ControllerCommand, { type: 'tokenize' | 'confirm' | 'saved-card' | 'localize' }>;

export interface ControllerSavedCardOptions {
  /** The group's `payment-method`, from the controller's frame parameters (checked by the payment steps). */
  paymentMethod: string;
  /** The key the controller's page was served for. */
  key: string;
  /** The CVC field's canonical value, over the fields channel; undefined when it does not answer in time. */
  collectCvc(): Promise<string | undefined>;
  /** Tells the CVC field the saved card's brand, over the fields channel. */
  tellBrand(brand: CardBrand): void;
  send(event: Exclude<ControllerEvent, { type: 'fields-claimed' }>): void;
}

const brandOf = (card: SavedCardFacts): CardBrand => (card.brand in CARD_BRAND_NAMES ? (card.brand as CardBrand) : 'unknown');

export function createControllerSavedCard(options: ControllerSavedCardOptions) {
  const gatewayUrl = readGatewayUrl() ?? '';
  let texts: SavedCardTexts = ENGLISH_SAVED_CARD_TEXTS;
  /** The checkout's locale's texts, once loaded: a line is worded in them. */
  let textsLoaded: Promise<unknown> = Promise.resolve();
  /** The brand of the card last shown: a CVC field that starts late asks for it. */
  let brand: CardBrand | undefined;
  /** The client_secret asked about last: an older answer is not told. */
  let latest: string | undefined;
  let running: Promise<ConfirmResult> | undefined;

  const failure = (code: SavedCardErrorCode) => ({ error: { code, message: texts[code] } });
  const payment = createSavedCardPayment({
    paymentMethod: options.paymentMethod,
    key: options.key,
    gatewayUrl,
    requestWithRetries,
    readConfirmAnswer,
    challengeOrigins: readChallengeOrigins(gatewayUrl),
    failure,
  });

  function useBrand(card: SavedCardFacts): CardBrand {
    brand = brandOf(card);
    options.tellBrand(brand);
    return brand;
  }

  /** The card of the intent, or why it cannot pay it; the gateway out of reach says nothing (Pay checks anyway). */
  async function show(clientSecret: string): Promise<void> {
    latest = clientSecret;
    const card = await payment.verify(clientSecret);
    await textsLoaded;
    if (latest !== clientSecret) return;
    if ('error' in card) {
      const { code } = card.error;
      if (code === 'invalid_payment_method' || code === 'payment_method_mismatch') options.send({ type: 'saved-card', result: failure(code) });
      return;
    }
    useBrand(card);
    options.send({
      type: 'saved-card',
      result: {
        card: { brand: card.brand, last4: card.last4, exp_month: card.month, exp_year: card.year },
        description: describeSavedCard(texts.savedCard, card, CARD_BRAND_NAMES),
      },
    });
  }

  async function confirm(clientSecret: string, returnUrl: string | undefined): Promise<ConfirmResult> {
    if (!clientSecret.startsWith('pi_')) return { error: { code: 'invalid_client_secret', message: '' } };
    return payment.pay(clientSecret, returnUrl, async (card) => {
      const value = await options.collectCvc();
      if (value === undefined) return { error: { code: 'fields_unavailable', message: '' } };
      // Checked again here, for the card the intent pays with (an American Express card's has four digits).
      const { complete, invalid, incomplete } = evaluateCvc(value, useBrand(card));
      if (complete) return value;
      const code = invalid ?? incomplete;
      return { error: { code, message: frameErrorMessage(code), field: 'cvc' } };
    });
  }

  return {
    /** The brand for a CVC field that asks, once a card was shown. */
    answerBrandQuery(): void {
      if (brand) options.tellBrand(brand);
    },
    /** The page's requests a saved card answers: `tokenize` has nothing to tokenize, `confirm` pays one at a time. */
    handle(command: SavedCardCommand): void {
      switch (command.type) {
        case 'localize':
          textsLoaded = loadMessages(command.locale, ENGLISH_SAVED_CARD_TEXTS).then((loaded) => (texts = loaded));
          break;
        case 'saved-card':
          void show(command.clientSecret);
          break;
        case 'tokenize':
          options.send({ type: 'tokenize-result', requestId: command.requestId, result: { error: { code: 'invalid_client_secret', message: '' } } });
          break;
        case 'confirm': {
          const { requestId } = command;
          running ??= confirm(command.clientSecret, command.returnUrl).finally(() => (running = undefined));
          void running.then((result) => options.send({ type: 'confirm-result', requestId, result }));
        }
      }
    },
  };
}
