// The 3-D Secure challenge in a modal over the merchant page: a <dialog> holding the gateway's
// challenge page in a sandboxed iframe, ended by the intent's status moving on, the page's
// completion message (the sandbox's), Escape, Cancel, or the shopper saying the page is not
// showing. Merchant realm: only the intent id and the outcome ever arrive here, never card data.
import type { Messages } from '../i18n/messages.ts';
import type { PaymentResult } from '../shared/protocol.ts';
import { randomId } from '../shared/random-id.ts';
import { parseChallengeCompletion } from '../shared/wire-schemas.generated.ts';
import { isChallengePageMessage, watchChallengeFrame } from './challenge-frame-watch.ts';
import { challengeIsOver } from './challenge-status.ts';
import { adoptChallengeStyles } from './challenge-modal.styles.ts';

/**
 * `ended`: the challenge is over; `result` when the gateway already said how the payment did, else
 * it is still to be read. `not-showing`: the shopper said the bank's page does not show (a page
 * that refuses frames shows as the browser's error page; see challenge-frame-watch.ts).
 */
export type ChallengeOutcome = { kind: 'ended'; result?: PaymentResult } | { kind: 'cancelled' } | { kind: 'not-showing' };

export type ChallengeTexts = Pick<Messages, 'challengeTitle' | 'challengeCancel' | 'challengeFrameTitle' | 'challengeCancelled' | 'challengeNotShowing'>;

export interface ChallengeRequest {
  /** The challenge page, on an origin the fields origin's configuration allows (the controller checked it). */
  url: string;
  /** The intent being confirmed: a completion message about any other intent is ignored. */
  paymentIntentId: string;
  /** Where the dialog goes: the checkout's shadow root, so the page's CSS leaves it alone. */
  container: ParentNode;
  /** The dialog's words in the checkout's language. */
  texts: ChallengeTexts;
  /** Reads the intent's status again (through the controller frame). */
  readIntentStatus(): Promise<PaymentResult>;
}

function button(className: string, text: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  return element;
}

/**
 * Shows the challenge and resolves once with how it ended. The dialog is modal (the page behind
 * is inert, focus stays inside), labelled, and removed when it closes.
 */
export function showChallengeModal({ url, paymentIntentId, container, texts, readIntentStatus }: ChallengeRequest): Promise<ChallengeOutcome> {
  const challengeOrigin = new URL(url).origin;
  const frameUrl = new URL(url);
  // The sandbox's page lets only this exact origin frame it and posts its result only here.
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
  const cancel = button('challenge-cancel', texts.challengeCancel);
  header.append(title, cancel);

  const iframe = document.createElement('iframe');
  iframe.title = texts.challengeFrameTitle;
  iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
  iframe.referrerPolicy = 'no-referrer';
  iframe.src = frameUrl.href;

  // Styled like Cancel (a quiet way out), offered once the frame shows a page that said nothing.
  const notShowing = button('challenge-cancel challenge-not-showing', texts.challengeNotShowing);
  notShowing.hidden = true;
  notShowing.style.margin = '4px 16px 12px';

  dialog.append(header, iframe, notShowing);

  return new Promise((resolve) => {
    let outcome: ChallengeOutcome = { kind: 'cancelled' };
    const end = (how: ChallengeOutcome) => {
      outcome = how;
      dialog.close();
    };
    const onMessage = (event: MessageEvent) => {
      // Only the page in our own frame, from the challenge's origin, about this intent.
      if (event.origin !== challengeOrigin || event.source !== iframe.contentWindow) return;
      // Escape pressed inside the bank's page, which the dialog itself never hears: Cancel.
      if (isChallengePageMessage(event.data, 'payframe-3ds-escape', paymentIntentId)) {
        dialog.close();
        return;
      }
      if (parseChallengeCompletion(event.data)?.paymentIntent === paymentIntentId) end({ kind: 'ended' });
    };
    // One read at a time; a read that finds the challenge over ends it, unless the dialog already closed.
    let reading = false;
    const checkStatus = () => {
      if (reading) return;
      reading = true;
      void readIntentStatus()
        .then((result) => {
          if (dialog.open && challengeIsOver(result)) end({ kind: 'ended', result });
        })
        .finally(() => (reading = false));
    };
    const watch = watchChallengeFrame(iframe, challengeOrigin, paymentIntentId, {
      offerWayOut: () => (notShowing.hidden = false),
      shown: () => (notShowing.hidden = true),
      checkStatus,
    });
    // Every ending goes through `close`: one place settles.
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
    notShowing.addEventListener('click', () => end({ kind: 'not-showing' }));
    window.addEventListener('message', onMessage);
    adoptChallengeStyles(container);
    container.append(dialog);
    dialog.showModal();
  });
}
