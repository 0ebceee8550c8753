// The merchant page's side of one frame: creates the sandboxed iframe on the fields origin,
// answers its hello (exact origin, exact source) with a private MessagePort, then exchanges
// schema-checked messages over that port only. A hello may say the frame is ready already. Merchant realm: never sees card data.
import { PROTOCOL_VERSION } from '../shared/protocol-constants.ts';
import type { ConnectMessage, FrameKind } from '../shared/protocol.ts';
import type { WireParser } from '../shared/wire-schema.ts';
import { parseHelloMessage } from '../shared/wire-schemas.generated.ts';
import { countDroppedMessage } from './dropped-messages.ts';


export interface FrameLinkOptions<Event> {
  kind: FrameKind;
  checkoutId: string;
  /** The key the frame is bound to: its page is served for that key only, inside that key's merchant sites. */
  publishableKey: string;
  fieldsOrigin: string;
  title: string;
  /** More frame parameters for the fragment (the card frame's `billing`). */
  params?: Record<string, string>;
  parseEvent: WireParser<Event>;
  onEvent(event: Event): void;
}

export class FrameLink<Event, Command> {
  readonly iframe: HTMLIFrameElement;
  private port: MessagePort | undefined;
  private readonly queued: Command[] = [];

  constructor(private readonly options: FrameLinkOptions<Event>) {
    const iframe = document.createElement('iframe');
    // allow-same-origin keeps the frame on the fields origin (exact-origin messaging, its own
    // BroadcastChannel); no allow-top-navigation or allow-popups.
    iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
    iframe.setAttribute('title', options.title);
    iframe.setAttribute('referrerpolicy', 'no-referrer');
    iframe.setAttribute('scrolling', 'no');
    const params = new URLSearchParams({ frame: options.kind, checkout: options.checkoutId, host: location.origin, ...options.params });
    iframe.src = `${options.fieldsOrigin}/frames/${options.publishableKey}/${options.kind}.html#${params}`;
    this.iframe = iframe;
    window.addEventListener('message', this.onWindowMessage);
  }

  send(command: Command): void {
    if (this.port) this.port.postMessage(command);
    else this.queued.push(command);
  }

  dispose(): void {
    window.removeEventListener('message', this.onWindowMessage);
    this.port?.close();
    this.port = undefined;
  }

  private readonly onWindowMessage = (event: MessageEvent): void => {
    const frameWindow = this.iframe.contentWindow;
    // Messages from anyone but our own frame at the fields origin are none of our business.
    if (frameWindow === null || event.source !== frameWindow || event.origin !== this.options.fieldsOrigin) return;
    const hello = parseHelloMessage(event.data);
    if (hello?.frame !== this.options.kind || hello.checkout !== this.options.checkoutId) {
      countDroppedMessage();
      return;
    }
    // A new hello means the frame (re)loaded: it gets a fresh port, the old one is closed.
    this.port?.close();
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.onmessage = (portEvent) => {
      const parsed = this.options.parseEvent(portEvent.data);
      if (parsed) this.options.onEvent(parsed);
      else countDroppedMessage();
    };
    const connect: ConnectMessage = { payframe: PROTOCOL_VERSION, type: 'connect', checkout: this.options.checkoutId };
    frameWindow.postMessage(connect, this.options.fieldsOrigin, [channel.port2]);
    for (const command of this.queued.splice(0)) this.port.postMessage(command);
    // Laid out from its URL, the frame said it is ready in its hello: the same as a `ready` event, with no round trip first.
    const ready = hello.ready && this.options.parseEvent({ type: 'ready' });
    if (ready) this.options.onEvent(ready);
  };
}
