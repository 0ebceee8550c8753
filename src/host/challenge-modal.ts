// The 3-D Secure challenge in a modal over the merchant page: a <dialog> holding the gateway's
// challenge page in a sandboxed iframe, resolved by that page's completion message, Escape or
// Cancel. Merchant realm: only the intent id and the outcome ever arrive here, never card data.
import type { Messages } from '../i18n/messages.ts';
import { randomId } from '../shared/random-id.ts';
import { parseChallengeCompletion } from '../shared/wire-schemas.generated.ts';
import { isChallengePageMessage, watchChallengeFrame } from './challenge-frame-watch.ts';

/** `refused`: the bank's page never showed in the frame (see challenge-frame-watch.ts). */
export type ChallengeOutcome = 'authenticated' | 'failed' | 'cancelled' | 'refused';


export type ChallengeTexts = Pick<Messages, 'challengeTitle' | 'challengeCancel' | 'challengeFrameTitle' | 'challengeCancelled'>;

export interface ChallengeRequest {
  /** The challenge page, on the gateway's origin (the controller checked it). */
  url: string;
  /** The intent being confirmed: a completion message about any other intent is ignored. */
  paymentIntentId: string;
  /** Where the dialog goes: the checkout's shadow root, so the page's CSS leaves it alone. */
  container: ParentNode;
  /** The dialog's words in the checkout's language. */
  texts: ChallengeTexts;
}

/**
 * Shows the challenge and resolves once with how it ended. The dialog is modal (the page behind
 * is inert, focus stays inside), labelled, and removed when it closes.
 */
export function showChallengeModal({ url, paymentIntentId, container, texts }: ChallengeRequest): Promise<ChallengeOutcome> {
  const challengeOrigin = new URL(url).origin;
  const frameUrl = new URL(url);
  // The challenge page lets only this exact origin frame it and posts its result only here.
  frameUrl.searchParams.set('parent_origin', location.origin);

  const titleId = `payframe-challenge-title-${randomId(12)}`;
  const dialog = document.createElement('dialog');
  dialog.className = 'challenge';
  dialog.setAttribute('aria-labelledby', titleId);

  const header = document.createElement('div');
  header.className = 'challenge-header';
  const title = document.createElement('h2');
  title.id = titleId;
  title.textContent = texts.challengeTitle;
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'challenge-cancel';
  cancel.textContent = texts.challengeCancel;
  header.append(title, cancel);

  const iframe = document.createElement('iframe');
  iframe.title = texts.challengeFrameTitle;
  iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
  iframe.referrerPolicy = 'no-referrer';
  iframe.src = frameUrl.href;

  dialog.append(header, iframe);

  return new Promise((resolve) => {
    let outcome: ChallengeOutcome = 'cancelled';
    const onMessage = (event: MessageEvent) => {
      // Only the page in our own frame, from the gateway's origin, about this intent.
      if (event.origin !== challengeOrigin || event.source !== iframe.contentWindow) return;
      // Escape pressed inside the bank's page, which the dialog itself never hears: Cancel.
      if (isChallengePageMessage(event.data, 'payframe-3ds-escape', paymentIntentId)) {
        dialog.close();
        return;
      }
      const message = parseChallengeCompletion(event.data);
      if (message?.paymentIntent !== paymentIntentId) return;
      outcome = message.outcome;
      dialog.close();
    };
    const watch = watchChallengeFrame(iframe, challengeOrigin, paymentIntentId, () => {
      outcome = 'refused';
      dialog.close();
    });
    // Escape, Cancel, a completion and a refused frame all end in `close`: one place settles.
    dialog.addEventListener(
      'close',
      () => {
        watch.stop();
        window.removeEventListener('message', onMessage);
        dialog.remove();
        resolve(outcome);
      },
      { once: true },
    );
    cancel.addEventListener('click', () => dialog.close());
    window.addEventListener('message', onMessage);
    container.append(dialog);
    dialog.showModal();
  });
}
