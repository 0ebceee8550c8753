// The channel between the field frames and the controller frame of one checkout: a
// BroadcastChannel on the fields origin, named after the checkout's random id. Only documents
// of the fields origin (our own pages) can open it; the merchant page can neither join nor
// post to it. Card values cross this channel and nothing else. Runs only on the fields origin.
import * as z from 'zod/mini';
import { cardBrandSchema } from '../src/shared/card-brands.ts';
import { fieldKindSchema } from '../src/shared/protocol.ts';
import { countDroppedMessage } from './dropped-messages.ts';

const collectIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/));

export const fieldsChannelMessageSchema = z.discriminatedUnion('type', [
  /** Controller -> fields: send me your values for this tokenization. */
  z.object({ type: z.literal('collect'), collectId: collectIdSchema }),
  /** Field -> controller: the canonical value (digits, or MM/YY). */
  z.object({ type: z.literal('value'), collectId: collectIdSchema, field: fieldKindSchema, value: z.string().check(z.maxLength(32)) }),
  /** Number field -> CVC field: the brand decides the CVC length. */
  z.object({ type: z.literal('brand'), brand: cardBrandSchema }),
  /** CVC field -> number field, when it starts late: what brand is typed so far? */
  z.object({ type: z.literal('brand-query') }),
  /** Number field -> expiry or CVC field: what the browser's autofill put in the number frame for it. */
  z.object({ type: z.literal('autofill'), field: z.enum(['expiry', 'cvc']), value: z.string().check(z.maxLength(32)) }),
]);
export type FieldsChannelMessage = z.infer<typeof fieldsChannelMessageSchema>;

export interface FieldsChannel {
  post(message: FieldsChannelMessage): void;
}

export function openFieldsChannel(checkoutId: string, onMessage: (message: FieldsChannelMessage) => void): FieldsChannel {
  const channel = new BroadcastChannel(`payframe:${checkoutId}`);
  channel.onmessage = (event) => {
    const parsed = fieldsChannelMessageSchema.safeParse(event.data);
    if (parsed.success) onMessage(parsed.data);
    else countDroppedMessage();
  };
  return { post: (message) => channel.postMessage(message) };
}
