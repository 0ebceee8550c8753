// The messages of the fields-origin channel (fields-channel.ts), as zod schemas: the source of
// the checks the frames run on them (iframe/wire-schemas.generated.ts).
import * as z from 'zod/mini';
import { cardBrandSchema, splitFieldKindSchema } from '../src/shared/protocol.ts';

const collectIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/));
/** A controller frame's own random id, made when it loads (never from its URL). */
const controllerIdSchema = collectIdSchema;

export const fieldsChannelMessageSchema = z.discriminatedUnion('type', [
  /** Controller -> fields: I am this checkout's controller, loaded for this publishable key. */
  z.object({ type: z.literal('claim'), controllerId: controllerIdSchema, key: z.string().check(z.maxLength(220)) }),
  /** Field -> controllers, when a field starts after its controller: claim again. */
  z.object({ type: z.literal('claim-query') }),
  /** Field -> controllers: a second claimer (or one with another key) was refused; the first keeps the fields. */
  z.object({ type: z.literal('claim-conflict'), refused: controllerIdSchema, pinned: z.optional(controllerIdSchema) }),
  /** Controller -> fields: send me your values for this tokenization (answered only to the pinned controller). */
  z.object({ type: z.literal('collect'), collectId: collectIdSchema, controllerId: controllerIdSchema }),
  /**
   * Field -> controller: the canonical value (digits, or MM/YY; a name or postal code as sent), a
   * co-badged number's chosen network, and a billing field's country (the group's `billing-country`).
   */
  z.object({
    type: z.literal('value'),
    collectId: collectIdSchema,
    field: splitFieldKindSchema,
    value: z.string().check(z.maxLength(200)),
    network: z.optional(cardBrandSchema),
    country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/))),
  }),
  /** Number field -> CVC field: the brand decides the CVC length. */
  z.object({ type: z.literal('brand'), brand: cardBrandSchema }),
  /** CVC field -> number field, when it starts late: what brand is typed so far? */
  z.object({ type: z.literal('brand-query') }),
  /** Number field -> expiry or CVC field: what the browser's autofill put in the number frame for it. */
  z.object({ type: z.literal('autofill'), field: z.enum(['expiry', 'cvc']), value: z.string().check(z.maxLength(32)) }),
]);
export type FieldsChannelMessage = z.infer<typeof fieldsChannelMessageSchema>;

