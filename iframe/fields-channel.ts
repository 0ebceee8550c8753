// The channel between the field frames and the controller frame of one checkout: a
// BroadcastChannel on the fields origin, named after the checkout's random id. Only documents
// of the fields origin (our own pages) can open it; the merchant page can neither join nor
// post to it. Card values cross this channel and nothing else. Runs only on the fields origin.
import { countDroppedMessage } from './dropped-messages.ts';
import type { FieldsChannelMessage } from './fields-channel-schema.ts';
import { parseFieldsChannelMessage } from './wire-schemas.generated.ts';

export type { FieldsChannelMessage };

export interface FieldsChannel {
  post(message: FieldsChannelMessage): void;
}

export function openFieldsChannel(checkoutId: string, onMessage: (message: FieldsChannelMessage) => void): FieldsChannel {
  const channel = new BroadcastChannel(`payframe:${checkoutId}`);
  channel.onmessage = (event) => {
    const message = parseFieldsChannelMessage(event.data);
    if (message) onMessage(message);
    else countDroppedMessage();
  };
  return { post: (message) => channel.postMessage(message) };
}
