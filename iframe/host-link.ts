// The frame's side of the merchant-page channel: say hello to the parent at its exact origin,
// accept exactly one MessagePort from it, then talk over that port only. Every incoming
// message is parsed; anything else is dropped and counted. Runs only on the fields origin.
import type * as z from 'zod/mini';
import { connectMessageSchema, PROTOCOL_VERSION, type FrameParams, type HelloMessage } from '../src/shared/protocol.ts';
import { countDroppedMessage } from './dropped-messages.ts';

export interface HostLink<Outgoing> {
  send(message: Outgoing): void;
}

export function connectToHost<Incoming, Outgoing>(
  params: FrameParams,
  commandSchema: z.ZodMiniType<Incoming>,
  onCommand: (command: Incoming) => void,
): HostLink<Outgoing> {
  let port: MessagePort | undefined;
  const queued: Outgoing[] = [];

  window.addEventListener('message', (event) => {
    const parsed = connectMessageSchema.safeParse(event.data);
    // Only our parent, at the origin it was embedded from, and only once per page load:
    // a replayed or second handshake cannot swap the port.
    if (port || event.source !== window.parent || event.origin !== params.host || !parsed.success || parsed.data.checkout !== params.checkout || event.ports.length !== 1) {
      countDroppedMessage();
      return;
    }
    port = event.ports[0]!;
    port.onmessage = (portEvent) => {
      const command = commandSchema.safeParse(portEvent.data);
      if (command.success) onCommand(command.data);
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
