// A hostile merchant page's own payment frame: it embeds our controller page (split fields) or our
// card frame page (the drop-in) itself, for any key, on any checkout id it read from a frame URL,
// answers the frame's hello with a port of its own, and sends commands as the SDK would. Installed
// on the page as an init script; merchant realm.

/** A frame page's URL on the fields origin: pages are served per publishable key. */
export function framePageUrl(fieldsOrigin: string, publishableKey: string, page: 'number' | 'expiry' | 'cvc' | 'controller' | 'card'): string {
  return `${fieldsOrigin}/frames/${publishableKey}/${page}.html`;
}

export type RogueEvent = { type: string; [key: string]: unknown };

export interface RogueController {
  events: RogueEvent[];
  /** Sends a command with a requestId and resolves with the answer that carries it. */
  ask(command: { requestId: string; [key: string]: unknown }): Promise<RogueEvent>;
}

declare global {
  interface Window {
    rogueController?: { embed(pageUrl: string, checkoutId: string, frame?: 'controller' | 'card'): Promise<RogueController> };
  }
}

/** Self-contained (it runs as an init script): embeds a controller (or a card frame) and resolves once it is ready. */
export function installRogueControllerTools(): void {
  window.rogueController = {
    embed(pageUrl, checkoutId, frame = 'controller') {
      return new Promise((resolve) => {
        const iframe = document.createElement('iframe');
        iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
        iframe.hidden = true;
        iframe.src = `${pageUrl}#${new URLSearchParams({ frame, checkout: checkoutId, host: location.origin })}`;
        const fieldsOrigin = new URL(pageUrl).origin;
        const channel = new MessageChannel();
        const events: RogueEvent[] = [];
        const waiting = new Map<string, (event: RogueEvent) => void>();
        const rogue: RogueController = {
          events,
          ask(command) {
            return new Promise((answer) => {
              waiting.set(command.requestId, answer);
              channel.port1.postMessage(command);
            });
          },
        };
        window.addEventListener('message', (event) => {
          if (event.source !== iframe.contentWindow || (event.data as { type?: unknown })?.type !== 'hello') return;
          iframe.contentWindow!.postMessage({ payframe: 1, type: 'connect', checkout: checkoutId }, fieldsOrigin, [channel.port2]);
          // The card frame says ready once it is configured, as the drop-in's SDK does first thing (with no options: the defaults).
          if (frame === 'card') channel.port1.postMessage({ type: 'configure', options: {} });
        });
        channel.port1.onmessage = (event: MessageEvent<RogueEvent>) => {
          events.push(event.data);
          if (event.data.type === 'ready') resolve(rogue);
          const requestId = event.data.requestId;
          if (typeof requestId === 'string') waiting.get(requestId)?.(event.data);
        };
        document.body.append(iframe);
      });
    },
  };
}
