// A frame's locale: relabels it in another language at once (lang and dir on the document), the
// texts following when their chunk has loaded; a switch overtaken by another is dropped. What was
// typed, and the caret, are untouched. Fields origin only.
import { isRightToLeft, type Locale, type Messages } from '../src/i18n/messages.ts';
import { loadMessages } from './locale-messages.ts';

export function createLocaleSwitch<Texts extends Partial<Messages>>(english: Texts, show: (texts: Texts, locale: Locale) => void): { switchTo(locale: Locale): Promise<void> | undefined } {
  let current: Locale = 'en';
  return {
    /** Resolves once the texts are shown (or the switch was overtaken); undefined when the locale is the current one. */
    switchTo(wanted) {
      if (wanted === current) return;
      current = wanted;
      document.documentElement.lang = wanted;
      document.documentElement.dir = isRightToLeft(wanted) ? 'rtl' : 'ltr';
      return loadMessages(wanted, english).then((loaded) => {
        if (current === wanted) show(loaded, wanted);
      });
    },
  };
}
