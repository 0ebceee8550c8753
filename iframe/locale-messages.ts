// Loads a locale's messages inside a frame on the fields origin: English is built in, every other
// locale is its own small chunk (scripts/vite-locale-chunks.ts), imported (script-src 'self')
// only when a checkout asks for it.
import localeFiles from 'virtual:payframe-locale-files';
import type { BillingTexts } from '../src/i18n/billing-messages.ts';
import type { Locale, Messages } from '../src/i18n/messages.ts';
import type { NetworkTexts } from '../src/i18n/network-messages.ts';
import type { SavedCardTexts } from '../src/i18n/saved-card-messages.ts';

/** What a locale's chunk holds: the texts of the page and card inputs, the billing inputs', the network chooser's and the saved card's. */
type LocaleTexts = Messages & BillingTexts & NetworkTexts & SavedCardTexts;

const loaded = new Map<Locale, Promise<Partial<LocaleTexts>>>();

/** The locale's own messages, `{}` for English or when its chunk fails: callers lay them over English. */
export function loadLocale(locale: Locale): Promise<Partial<LocaleTexts>> {
  let messages = loaded.get(locale);
  if (!messages) {
    const file = localeFiles[locale];
    messages = file
      ? import(/* @vite-ignore */ file).then(
          (module: { default: Partial<LocaleTexts> }) => module.default,
          () => ({}),
        )
      : Promise.resolve({});
    loaded.set(locale, messages);
  }
  return messages;
}

/**
 * The locale's texts over `english`, so a missing one falls back. Each frame passes the English
 * it carries: the field frames only their own texts, the controller every text of the page.
 */
export async function loadMessages<Texts extends Partial<LocaleTexts>>(locale: Locale, english: Texts): Promise<Texts> {
  const own = await loadLocale(locale);
  const texts = { ...english };
  for (const key of Object.keys(english) as (keyof Texts & keyof LocaleTexts)[]) {
    const text = own[key];
    if (text) texts[key] = text as Texts[typeof key];
  }
  return texts;
}

/**
 * Answers a page's `localize`: the page's own texts in that locale. The page carries English only,
 * and keeps English for any text the locale lacks (src/i18n/page-messages.ts).
 */
export function sendPageMessages(locale: Locale, send: (event: { type: 'messages'; locale: Locale; messages: Record<string, string> }) => void): void {
  void loadLocale(locale).then((messages) => send({ type: 'messages', locale, messages: messages as Record<string, string> }));
}
