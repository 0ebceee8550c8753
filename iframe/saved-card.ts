// The drop-in's card frame paying with a saved card (`payment-method`): a chunk the frame loads only
// then. It asks the gateway which card the merchant's PaymentIntent pays with (expand[]=payment_method,
// brand, last four and expiry only), shows it ("Visa •••• 4242, expires 12/34"), and on Pay turns the
// CVC typed here into a cvc_update token and confirms the intent with the saved card and that token.
// It refuses a card the intent does not name, so a page cannot show one card and charge another.
// Fields origin; shares no module with the frame's script: what it needs is passed in. The gateway
// steps are saved-card-payment.ts, which the split fields' controller uses too.
import type { CardInput } from './card-input.ts';
import type { SavedCardErrorCode } from '../src/shared/errors.ts';
import type { Locale } from '../src/i18n/messages.ts';
import type { CardFrameCommand, CardFrameEvent, ConfirmResult } from '../src/shared/protocol.ts';
import { ENGLISH_SAVED_CARD_TEXTS, type SavedCardTexts } from '../src/i18n/saved-card-messages.ts';
import { createSavedCardPayment, describeSavedCard, type Failure, type SavedCardFacts, type SavedCardPaymentOptions } from './saved-card-payment.ts';

export interface SavedCardOptions extends Omit<SavedCardPaymentOptions, 'failure'> {
  /** The CVC input, the only one shown. */
  cvc: CardInput;
  /** Brands by Stripe's names (card-brands.ts): the saved card's display name; `setBrand` gives the CVC its length rules. */
  brandNames: Readonly<Record<string, string>>;
  setBrand(brand: string): void;
  loadMessages(locale: Locale, english: SavedCardTexts): Promise<SavedCardTexts>;
  send(event: CardFrameEvent): void;
}

export function mountSavedCard(options: SavedCardOptions) {
  const { cvc: cvcInput } = options;
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
  const payment = createSavedCardPayment({ ...options, failure });

  function render(): void {
    if (shown === undefined) return;
    const error = typeof shown === 'string';
    line.className = error ? 'error' : '';
    line.textContent = error
      ? texts[shown as SavedCardErrorCode]
      : describeSavedCard(texts.savedCard, shown as SavedCardFacts, options.brandNames);
  }

  async function confirm(clientSecret: string, returnUrl: string | undefined): Promise<ConfirmResult> {
    if (!clientSecret.startsWith('pi_')) return { error: { code: 'invalid_client_secret', message: '' } };
    // Checked again here, for the saved card's brand; the input shows why (the page words it).
    const { complete, invalid, incomplete } = cvcInput.evaluate();
    if (!complete) return { error: { code: invalid ?? incomplete, message: '', field: 'cvc' } };
    return payment.pay(clientSecret, returnUrl, () => cvcInput.canonical());
  }

  /**
   * Shows the card the intent of `clientSecret` pays with, or why it cannot be used. The gateway out
   * of reach: nothing yet, the next configure asks again, and Pay checks anyway.
   */
  async function show(clientSecret: string): Promise<void> {
    if (clientSecret === shownFor) return;
    shownFor = clientSecret;
    const card = await payment.verify(clientSecret);
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
