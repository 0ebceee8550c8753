// The frame's side of the merchant-page channel: say hello to the parent at its exact origin,
// accept exactly one MessagePort from it, then talk over that port only. Every incoming
// message is parsed; anything else is dropped and counted. Runs only on the fields origin.
import { PROTOCOL_VERSION } from '../src/shared/protocol-constants.ts';
import type { FrameParams, HelloMessage } from '../src/shared/protocol.ts';
import { parseConnectMessage } from '../src/shared/wire-schemas.generated.ts';
import type { WireParser } from '../src/shared/wire-schema.ts';
import { countDroppedMessage } from './dropped-messages.ts';

/** What a refused connect's port hears (protocol.ts, `claimed`). */
const CLAIMED = { type: 'claimed' } as const;

export interface HostLink<Outgoing> {
  send(message: Outgoing): void;
}

/** Says hello now: the link of a frame that is ready only once its page has configured it. */
export function connectToHost<Incoming, Outgoing>(params: FrameParams, parseCommand: WireParser<Incoming>, onCommand: (command: Incoming) => void): HostLink<Outgoing> {
  const link = openHostLink<Incoming, Outgoing>(params, parseCommand, onCommand);
  link.sayHello();
  return link;
}

/**
 * Takes the page's port when it comes; says hello when the frame calls `sayHello`, `ready` when it is
 * laid out and takes keys already (the page needs no round trip then). Messages sent before the port
 * came wait for it, in order.
 */
export function openHostLink<Incoming, Outgoing>(
  params: FrameParams,
  parseCommand: WireParser<Incoming>,
  onCommand: (command: Incoming) => void,
): HostLink<Outgoing> & { sayHello(ready?: true): void } {
  let port: MessagePort | undefined;
  const queued: Outgoing[] = [];

  window.addEventListener('message', (event) => {
    const connect = parseConnectMessage(event.data);
    // Only our parent, at the origin it was embedded from, and only once per page load:
    // a replayed or second handshake cannot swap the port.
    const wellFormed = event.source === window.parent && event.origin === params.host && connect?.checkout === params.checkout && event.ports.length === 1;
    if (port || !wellFormed) {
      countDroppedMessage();
      // A second connect that would have been taken: its sender (the SDK, when a page script answered
      // the hello first) hears on its own port that another holds this frame's. Nothing else is said.
      if (port && wellFormed) event.ports[0]!.postMessage(CLAIMED);
      return;
    }
    port = event.ports[0]!;
    port.onmessage = (portEvent) => {
      const command = parseCommand(portEvent.data);
      if (command) onCommand(command);
      else countDroppedMessage();
    };
    for (const message of queued.splice(0)) port.postMessage(message);
  });

  return {
    send(message) {
      if (port) port.postMessage(message);
      else queued.push(message);
    },
    sayHello(ready) {
      const hello: HelloMessage = { payframe: PROTOCOL_VERSION, type: 'hello', frame: params.frame, checkout: params.checkout, ...(ready && { ready }) };
      window.parent.postMessage(hello, params.host);
    },
  };
}
