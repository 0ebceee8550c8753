// Updates an element when the page's `<html lang>` changes (a single-page app switching language),
// so a checkout or card group without a `locale` of its own follows the page, not only at its first
// render. Merchant realm.
import type { ReactiveControllerHost } from 'lit';

export function followDocumentLang(host: ReactiveControllerHost): void {
  const observer = new MutationObserver(() => host.requestUpdate());
  host.addController({
    hostConnected: () => observer.observe(document.documentElement, { attributeFilter: ['lang'] }),
    hostDisconnected: () => observer.disconnect(),
  });
}
