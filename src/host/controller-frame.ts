// The split fields' hidden controller frame, one per mount: the frame their card goes to, which
// tokenizes and confirms; put into the page in a task of its own. Runs on the merchant page.
import type { ControllerCommand, ControllerEvent } from '../shared/protocol.ts';
import { parseControllerEvent } from '../shared/wire-schemas.generated.ts';
import { ControllerClient, type ControllerAnswer } from './controller-client.ts';
import { FrameLink } from './frame-link.ts';

/** What a mount's frames are bound to at load. */
export interface FrameMount {
  checkoutId: string;
  publishableKey: string;
  fieldsOrigin: string;
  /** The frame's parameters besides these (`pm`: a card group's saved card). */
  params?: Record<string, string>;
}

export class ControllerFrame {
  readonly client: ControllerClient;
  readonly #link: FrameLink<ControllerEvent, ControllerCommand>;
  #inserted = false;

  /** `onEvent` gets what is not an answer (answers go to the client); `inserted` runs when the iframe is due in the page. */
  constructor(mount: FrameMount, onEvent: (event: Exclude<ControllerEvent, ControllerAnswer>) => void, inserted: () => void) {
    const link = new FrameLink<ControllerEvent, ControllerCommand>({
      kind: 'controller',
      ...mount,
      title: 'Payframe secure payment controller',
      parseEvent: parseControllerEvent,
      onEvent: (event) => {
        if (event.type === 'ready') this.client.ready = true;
        if ('requestId' in event) this.client.answer(event);
        else onEvent(event);
      },
    });
    this.#link = link;
    this.client = new ControllerClient(link);
    const { iframe } = link;
    iframe.hidden = true;
    iframe.tabIndex = -1;
    iframe.setAttribute('aria-hidden', 'true');
    // Like the field frames, inserted in a task of its own, not in the one rendering the owner.
    setTimeout(() => {
      this.#inserted = true;
      inserted();
    }, 0);
  }

  /** The iframe, once it is due in the page (a task after it was made). */
  get iframe(): HTMLIFrameElement | undefined {
    return this.#inserted ? this.#link.iframe : undefined;
  }

  send(command: ControllerCommand): void {
    this.#link.send(command);
  }

  dispose(): void {
    this.#link.dispose();
    this.client.close();
  }
}
