// The messages of the fields-origin channel (fields-channel.ts), as zod schemas: the source of
// the checks the frames run on them (iframe/wire-schemas.generated.ts).
import * as z from 'zod/mini';
import { cardBrandSchema, splitFieldKindSchema } from '../src/shared/protocol.ts';

const collectIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/));
/** A controller frame's own random id, made when it loads (never from its URL). */
const controllerIdSchema = collectIdSchema;
/** A country field's choice: ISO 3166-1 alpha-2 (or XK), '' while none is chosen. */
const countrySchema = z.string().check(z.regex(/^([A-Z]{2})?$/));

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
   * Field -> controller: the canonical value (digits, or MM/YY; a name, country code or postal code as
   * sent), a co-badged number's chosen network, and a billing field's country (the one it follows).
   */
  z.object({
    type: z.literal('value'),
    collectId: collectIdSchema,
    field: splitFieldKindSchema,
    value: z.string().check(z.maxLength(200)),
    network: z.optional(cardBrandSchema),
    country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/))),
  }),
  /** Country field -> controller: the country the shopper chose ('' for none); the controller tells the billing fields. */
  z.object({ type: z.literal('country'), country: countrySchema }),
  /** Controller -> country field, when the controller starts late: what country is chosen? */
  z.object({ type: z.literal('country-query') }),
  /** Controller -> billing fields: the country frame's choice, which the postal code's format follows (heeded from the pinned controller only). */
  z.object({ type: z.literal('billing-country'), controllerId: controllerIdSchema, country: countrySchema }),
  /** Number field -> CVC field: the brand decides the CVC length. */
  z.object({ type: z.literal('brand'), brand: cardBrandSchema }),
  /** CVC field -> number field, when it starts late: what brand is typed so far? */
  z.object({ type: z.literal('brand-query') }),
  /** Number field -> expiry or CVC field: what the browser's autofill put in the number frame for it. */
  z.object({ type: z.literal('autofill'), field: z.enum(['expiry', 'cvc']), value: z.string().check(z.maxLength(32)) }),
]);
export type FieldsChannelMessage = z.infer<typeof fieldsChannelMessageSchema>;

