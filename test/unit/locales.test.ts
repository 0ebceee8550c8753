// Locale tables (src/i18n): every locale has every key; tags map to the nearest supported locale.
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
import { ENGLISH, LOCALES, MESSAGE_KEYS, supportedLocale, format } from '../../src/i18n/messages.ts';
import { pageMessages } from '../../src/i18n/page-messages.ts';
import { BILLING_TEXT_KEYS } from '../../src/i18n/billing-messages.ts';
import { NETWORK_TEXT_KEYS } from '../../src/i18n/network-messages.ts';
import { ENGLISH_SAVED_CARD_TEXTS } from '../../src/i18n/saved-card-messages.ts';
import { localizeError } from '../../src/i18n/localize-error.ts';

const TABLES: Record<string, Record<string, string>> = { ar, de, es, fr, it: italian, ja, ko, nl, pl, pt, sv, zh };

describe('locales', () => {
  it('has a table for every supported locale but English, which is built in', () => {
    expect(Object.keys(TABLES).sort()).to.deep.equal(LOCALES.filter((code) => code !== 'en').sort());
  });

  for (const [code, table] of Object.entries(TABLES)) {
    it(`${code} has every message key, the billing inputs', the network chooser's and the saved card's too, and nothing else`, () => {
      const keys = [...MESSAGE_KEYS, ...BILLING_TEXT_KEYS, ...NETWORK_TEXT_KEYS, ...Object.keys(ENGLISH_SAVED_CARD_TEXTS)];
      expect(Object.keys(table).sort()).to.deep.equal(keys.sort());
      for (const key of keys) expect(table[key]!.trim(), `${code}.${key}`).not.to.equal('');
      expect(table.pay).to.contain('{amount}');
      for (const part of ['{brand}', '{last4}', '{month}', '{year}']) expect(table.savedCard, `${code}.savedCard`).to.contain(part);
    });
  }

  it('maps tags to the nearest supported locale, English when none fits', () => {
    expect(supportedLocale('de-CH')).to.equal('de');
    expect(supportedLocale('pt_BR')).to.equal('pt');
    expect(supportedLocale('zh-Hant-TW')).to.equal('zh');
    expect(supportedLocale('tr')).to.equal('en');
    expect(supportedLocale('')).to.equal('en');
  });

  it('fills {amount} in', () => {
    expect(format(de.pay, { amount: '19,99 €' })).to.equal('19,99 € bezahlen');
  });

  it('takes only known keys from the controller, English for the rest', () => {
    const messages = pageMessages({ pay: 'Zahlen {amount}', injected: '<img src=x>' });
    expect(messages.pay).to.equal('Zahlen {amount}');
    expect(messages.processing).to.equal(ENGLISH.processing);
    expect(Object.keys(messages)).to.deep.equal(MESSAGE_KEYS);
  });

  it('translates our own English error texts and the gateway\'s declines, and leaves a more specific message alone', () => {
    const german = { ...ENGLISH, ...de };
    expect(localizeError({ code: 'network_error', message: ENGLISH.network_error }, german).message).to.equal(de.network_error);
    const cancelled = { code: 'payment_intent_authentication_failure', message: 'You closed the payment confirmation.' };
    expect(localizeError(cancelled, german)).to.equal(cancelled);
    // The gateway's declines too (test/unit/declines.test.ts has each one).
    expect(localizeError({ code: 'card_declined', message: 'Your card was declined.' }, german).message).to.equal(de.card_declined);
  });
});
