// Gateway declines in the shopper's language (src/i18n/localize-error.ts): each code and decline
// code reads as Payframe's text in the checkout's locale, never the gateway's English; the merchant
// still gets the gateway's code and decline code as sent.
import { expect } from '@esm-bundle/chai';
import ar from '../../src/i18n/locales/ar.ts';
import de from '../../src/i18n/locales/de.ts';
import es from '../../src/i18n/locales/es.ts';
import fr from '../../src/i18n/locales/fr.ts';
import italian from '../../src/i18n/locales/it.ts';
import ja from '../../src/i18n/locales/ja.ts';
import ko from '../../src/i18n/locales/ko.ts';
import nl from '../../src/i18n/locales/nl.ts';
import pl from '../../src/i18n/locales/pl.ts';
import pt from '../../src/i18n/locales/pt.ts';
import sv from '../../src/i18n/locales/sv.ts';
import zh from '../../src/i18n/locales/zh.ts';
import { DECLINE_TEXTS, localizeError } from '../../src/i18n/localize-error.ts';
import { ENGLISH, MESSAGE_KEYS, type Messages } from '../../src/i18n/messages.ts';
import type { CheckoutError } from '../../src/shared/protocol.ts';

const LOCALE_TABLES: Record<string, Messages> = { ar, de, es, fr, it: italian, ja, ko, nl, pl, pt, sv, zh };
const german: Messages = { ...ENGLISH, ...de };

// What the sandbox gateway (src/node/sandbox/card-declines.ts) and Stripe answer, with the text each must read as.
const GATEWAY_ERRORS: { error: CheckoutError; text: keyof Messages }[] = [
  { error: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' }, text: 'card_declined' },
  { error: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' }, text: 'insufficient_funds' },
  { error: { code: 'card_declined', declineCode: 'lost_card', message: 'Your card was declined.' }, text: 'card_declined' },
  { error: { code: 'card_declined', declineCode: 'stolen_card', message: 'Your card was declined.' }, text: 'card_declined' },
  { error: { code: 'card_declined', declineCode: 'fraudulent', message: 'Your card was declined.' }, text: 'card_declined' },
  { error: { code: 'card_declined', declineCode: 'expired_card', message: 'Your card has expired.' }, text: 'expired_card' },
  { error: { code: 'card_declined', declineCode: 'incorrect_cvc', message: "Your card's security code is incorrect." }, text: 'incorrect_cvc' },
  { error: { code: 'card_declined', declineCode: 'processing_error', message: 'An error occurred while processing your card.' }, text: 'processing_error' },
  { error: { code: 'card_declined', declineCode: 'authentication_required', message: 'This transaction requires authentication.' }, text: 'authentication_required' },
  { error: { code: 'card_declined', message: 'Your card was declined.' }, text: 'card_declined' },
  { error: { code: 'expired_card', declineCode: 'expired_card', message: 'Your card has expired.', field: 'expiry' }, text: 'expired_card' },
  { error: { code: 'incorrect_cvc', declineCode: 'incorrect_cvc', message: "Your card's security code is incorrect.", field: 'cvc' }, text: 'incorrect_cvc' },
  { error: { code: 'processing_error', declineCode: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' }, text: 'processing_error' },
  { error: { code: 'incorrect_number', message: 'Your card number is incorrect.', field: 'number' }, text: 'incorrect_number' },
  { error: { code: 'incorrect_zip', message: "Your card's zip code failed validation." }, text: 'incorrect_zip' },
  { error: { code: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.' }, text: 'authentication_required' },
];

describe('declines in the shopper\'s language', () => {
  for (const { error, text } of GATEWAY_ERRORS) {
    it(`${error.code}${error.declineCode ? ` / ${error.declineCode}` : ''} reads as ${text} in every locale`, () => {
      for (const [locale, table] of Object.entries({ en: ENGLISH, ...LOCALE_TABLES })) {
        const localized = localizeError(error, { ...ENGLISH, ...table });
        expect(localized.message, locale).to.equal(table[text]);
        // What the merchant reads in payframe-error: the gateway's code, decline code and field, unchanged.
        expect({ ...localized, message: error.message }, locale).to.deep.equal(error);
      }
    });
  }

  it('maps every code and decline code of the table, and nothing but known texts', () => {
    for (const [code, key] of Object.entries(DECLINE_TEXTS)) {
      expect(MESSAGE_KEYS, code).to.include(key);
      const tested = GATEWAY_ERRORS.some(({ error }) => error.declineCode === code || (!error.declineCode && error.code === code));
      expect(tested, `${code} has a case above`).to.equal(true);
    }
  });

  it('never tells the shopper a card was lost or stolen, or suspected of fraud', () => {
    for (const reason of ['lost_card', 'stolen_card', 'fraudulent']) {
      expect(DECLINE_TEXTS[reason], reason).to.equal('card_declined');
      expect(DECLINE_TEXTS.generic_decline).to.equal('card_declined');
    }
  });

  it('reads a decline code it does not know as a plain decline, in the locale', () => {
    const unknown = { code: 'card_declined', declineCode: 'do_not_honor', message: 'Your card was declined.' };
    expect(localizeError(unknown, german)).to.deep.equal({ ...unknown, message: de.card_declined });
    const unknownBoth = { code: 'card_velocity_exceeded', declineCode: 'card_velocity_exceeded', message: 'You have exceeded the balance or credit limit.' };
    expect(localizeError(unknownBoth, german)).to.deep.equal({ ...unknownBoth, message: de.card_declined });
    // Not a prototype key: an object's own entries only.
    const prototypeKey = { code: 'card_declined', declineCode: 'constructor', message: 'Your card was declined.' };
    expect(localizeError(prototypeKey, german).message).to.equal(de.card_declined);
  });

  it("reads any other code of the gateway's as the payment service's generic text, never its English", () => {
    const other = { code: 'payment_intent_unexpected_state', message: 'This PaymentIntent has already succeeded.' };
    expect(localizeError(other, german)).to.deep.equal({ ...other, message: de.gateway_error });
    expect(localizeError(other, ENGLISH).message).to.equal(ENGLISH.gateway_error);
  });

  it('leaves a more specific message under one of our own codes as it was', () => {
    const unknownKey = { code: 'gateway_error', message: 'Invalid API Key provided: pk_test_****' };
    expect(localizeError(unknownKey, german)).to.equal(unknownKey);
  });

  it("keeps a saved card's errors as the card frame worded them, in the checkout's locale", () => {
    for (const code of ['payment_method_mismatch', 'invalid_payment_method'] as const) {
      const worded = { code, message: de[code] };
      expect(localizeError(worded, german)).to.equal(worded);
    }
  });

  it('keeps a message already written in the locale, and follows a change of locale', () => {
    const closed = { code: 'payment_intent_authentication_failure', message: de.challengeCancelled };
    expect(localizeError(closed, german)).to.equal(closed);
    const declined = localizeError({ code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' }, german);
    expect(localizeError(declined, { ...ENGLISH, ...fr }).message).to.equal(fr.insufficient_funds);
  });
});
