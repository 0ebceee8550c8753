// Loads the bank debit fields' texts for a locale on the fields origin: English is built in, every
// other locale is its own module (src/i18n/locales/bank/<code>.ts), imported only when asked for.
import { ENGLISH_BANK_TEXTS, type BankTexts } from '../../src/i18n/bank-messages.ts';
import type { Locale } from '../../src/i18n/messages.ts';

type BankLocale = Exclude<Locale, 'en'>;

// Known files, so the bundler sees each import (and a locale tag can never name another file).
const BANK_LOCALE_MODULES: Record<BankLocale, () => Promise<{ default: Partial<BankTexts> }>> = {
  ar: () => import('../../src/i18n/locales/bank/ar.ts'),
  de: () => import('../../src/i18n/locales/bank/de.ts'),
  es: () => import('../../src/i18n/locales/bank/es.ts'),
  fr: () => import('../../src/i18n/locales/bank/fr.ts'),
  it: () => import('../../src/i18n/locales/bank/it.ts'),
  ja: () => import('../../src/i18n/locales/bank/ja.ts'),
  ko: () => import('../../src/i18n/locales/bank/ko.ts'),
  nl: () => import('../../src/i18n/locales/bank/nl.ts'),
  pl: () => import('../../src/i18n/locales/bank/pl.ts'),
  pt: () => import('../../src/i18n/locales/bank/pt.ts'),
  sv: () => import('../../src/i18n/locales/bank/sv.ts'),
  zh: () => import('../../src/i18n/locales/bank/zh.ts'),
};

/** The locale's bank texts over English, so a missing one (or a module that fails to load) falls back. */
export async function loadBankTexts(locale: Locale): Promise<BankTexts> {
  const texts: BankTexts = { ...ENGLISH_BANK_TEXTS };
  if (locale === 'en' || !Object.hasOwn(BANK_LOCALE_MODULES, locale)) return texts;
  const own = await BANK_LOCALE_MODULES[locale]().then(
    (module) => module.default,
    () => ({}) as Partial<BankTexts>,
  );
  for (const key of Object.keys(texts) as (keyof BankTexts)[]) {
    const text = own[key];
    if (typeof text === 'string' && text) texts[key] = text;
  }
  return texts;
}
