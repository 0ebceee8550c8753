// Loads a locale's messages inside a frame on the fields origin: English is built in, every other
// locale is its own small chunk (scripts/vite-locale-chunks.ts), imported (script-src 'self')
// only when a checkout asks for it.
import localeFiles from 'virtual:payframe-locale-files';
import { ENGLISH, type Locale, type Messages } from '../src/i18n/messages.ts';

const loaded = new Map<Locale, Promise<Messages>>();

/** The locale's messages over English, so a missing one falls back; English if the chunk fails. */
export function loadMessages(locale: Locale): Promise<Messages> {
  let messages = loaded.get(locale);
  if (!messages) {
    const file = localeFiles[locale];
    messages = file
      ? import(/* @vite-ignore */ file).then(
          (module: { default: Partial<Messages> }) => ({ ...ENGLISH, ...module.default }),
          () => ENGLISH,
        )
      : Promise.resolve(ENGLISH);
    loaded.set(locale, messages);
  }
  return messages;
}
