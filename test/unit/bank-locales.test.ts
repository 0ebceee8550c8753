// The bank debit fields' texts (src/i18n/bank-messages.ts and locales/bank/): every error code has a
// text in English and in every other locale, and the mandate texts exist everywhere.
import { expect } from '@esm-bundle/chai';
import { BANK_TEXT_KEYS, ENGLISH_BANK_LABELS, ENGLISH_BANK_TEXTS } from '../../src/i18n/bank-messages.ts';
import ar from '../../src/i18n/locales/bank/ar.ts';
import de from '../../src/i18n/locales/bank/de.ts';
import es from '../../src/i18n/locales/bank/es.ts';
import fr from '../../src/i18n/locales/bank/fr.ts';
import italian from '../../src/i18n/locales/bank/it.ts';
import ja from '../../src/i18n/locales/bank/ja.ts';
import ko from '../../src/i18n/locales/bank/ko.ts';
import nl from '../../src/i18n/locales/bank/nl.ts';
import pl from '../../src/i18n/locales/bank/pl.ts';
import pt from '../../src/i18n/locales/bank/pt.ts';
import sv from '../../src/i18n/locales/bank/sv.ts';
import zh from '../../src/i18n/locales/bank/zh.ts';
import { LOCALES } from '../../src/i18n/messages.ts';
import { BANK_ERROR_CODES } from '../../src/shared/errors.ts';
import { loadBankTexts } from '../../iframe/fields/bank-texts.ts';

const TABLES: Record<string, Record<string, string>> = { en: ENGLISH_BANK_TEXTS, ar, de, es, fr, it: italian, ja, ko, nl, pl, pt, sv, zh };

describe('bank texts', () => {
  it('has a table for every supported locale', () => {
    expect(Object.keys(TABLES).sort()).to.deep.equal([...LOCALES].sort());
  });

  for (const [code, table] of Object.entries(TABLES)) {
    it(`${code} has a text for every bank error code, both mandate texts and every label, and nothing else`, () => {
      for (const errorCode of BANK_ERROR_CODES) expect(table[errorCode]?.trim(), `${code}.${errorCode}`).to.be.a('string').and.not.equal('');
      expect(Object.keys(table).sort()).to.deep.equal([...BANK_TEXT_KEYS].sort());
      for (const key of ['sepaMandate', 'achAuthorization']) expect(table[key], `${code}.${key}`).to.contain('{merchant}');
      // Only {merchant}: any other placeholder would be shown to the shopper as is.
      for (const [key, text] of Object.entries(table)) expect(text.match(/\{\w+\}/g) ?? [], `${code}.${key}`).to.satisfy((names: string[]) => names.every((name) => name === '{merchant}'));
    });
  }

  it('lists every bank error code once, and the English table has no text for a code not listed', () => {
    expect(new Set(BANK_ERROR_CODES).size).to.equal(BANK_ERROR_CODES.length);
    const englishCodes = BANK_TEXT_KEYS.filter((key) => !['sepaMandate', 'achAuthorization'].includes(key) && !Object.hasOwn(ENGLISH_BANK_LABELS, key));
    expect(englishCodes.sort()).to.deep.equal([...BANK_ERROR_CODES].sort());
  });

  it('loads a locale over English', async () => {
    const german = await loadBankTexts('de');
    expect(german.iban_invalid_checksum).to.equal(de.iban_invalid_checksum);
    expect(await loadBankTexts('en')).to.deep.equal(ENGLISH_BANK_TEXTS);
  });
});
