// The frame's side of the merchant-page channel: say hello to the parent at its exact origin,
// accept exactly one MessagePort from it, then talk over that port only. Every incoming
// message is parsed; anything else is dropped and counted. Runs only on the fields origin.
import { PROTOCOL_VERSION } from '../src/shared/protocol-constants.ts';
import type { FrameParams, HelloMessage } from '../src/shared/protocol.ts';
import { parseConnectMessage } from '../src/shared/wire-schemas.generated.ts';
import type { WireParser } from '../src/shared/wire-schema.ts';
import { countDroppedMessage } from './dropped-messages.ts';

export interface HostLink<Outgoing> {
  send(message: Outgoing): void;
}

export function connectToHost<Incoming, Outgoing>(
  params: FrameParams,
  parseCommand: WireParser<Incoming>,
  onCommand: (command: Incoming) => void,
): HostLink<Outgoing> {
  let port: MessagePort | undefined;
  const queued: Outgoing[] = [];

  window.addEventListener('message', (event) => {
    const connect = parseConnectMessage(event.data);
    // Only our parent, at the origin it was embedded from, and only once per page load:
    // a replayed or second handshake cannot swap the port.
    if (port || event.source !== window.parent || event.origin !== params.host || connect?.checkout !== params.checkout || event.ports.length !== 1) {
      countDroppedMessage();
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

  const hello: HelloMessage = { payframe: PROTOCOL_VERSION, type: 'hello', frame: params.frame, checkout: params.checkout };
  window.parent.postMessage(hello, params.host);

  return {
    send(message) {
      if (port) port.postMessage(message);
      else queued.push(message);
    },
  };
}

/**
 * Says hello now and runs `wire` in a task of its own, handing it the link; `wire` answers with the
 * frame's command handler. A frame's postMessage to its page leaves only when the task that posted it
 * ends: this way the page's answer (the port, then its first commands) travels while the frame wires
 * its inputs, instead of after. Commands that arrive first wait for the handler, in order.
 */
export function connectBeforeWiring<Incoming, Outgoing>(
  params: FrameParams,
  parseCommand: WireParser<Incoming>,
  wire: (host: HostLink<Outgoing>) => (command: Incoming) => void,
): void {
  let onCommand: ((command: Incoming) => void) | undefined;
  const early: Incoming[] = [];
  const host = connectToHost<Incoming, Outgoing>(params, parseCommand, (command) => (onCommand ? onCommand(command) : early.push(command)));
  // A posted message, not a timer: it runs before the next rendering and timers' clamping.
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = () => {
    port1.close();
    onCommand = wire(host);
    for (const command of early.splice(0)) onCommand(command);
  };
  port2.postMessage(undefined);
}
