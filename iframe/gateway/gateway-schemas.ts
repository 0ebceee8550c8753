// What the controller frame reads from the gateway's answers, as zod schemas: the source of the
// checks it runs on them (iframe/wire-schemas.generated.ts). Only the fields it uses.
import * as z from 'zod/mini';
import { PAYMENT_INTENT_STATUSES } from '../../src/shared/protocol-constants.ts';

export const stripeErrorObjectSchema = z.object({
  code: z.optional(z.nullable(z.string())),
  message: z.optional(z.nullable(z.string())),
  param: z.optional(z.nullable(z.string())),
  decline_code: z.optional(z.nullable(z.string())),
});
export type StripeErrorObject = z.infer<typeof stripeErrorObjectSchema>;

/** A 4xx answer's body: `{ error: {...} }`. */
export const stripeErrorAnswerSchema = z.object({ error: stripeErrorObjectSchema });

/**
 * A PaymentIntent, or a SetupIntent (the drop-in's `mode="setup"`: its statuses are a
 * PaymentIntent's without `requires_capture`, and its error is `last_setup_error`).
 */
export const gatewayIntentSchema = z.object({
  id: z.string().check(z.regex(/^(pi|seti)_[A-Za-z0-9]{1,64}$/)),
  object: z.enum(['payment_intent', 'setup_intent']),
  status: z.enum(PAYMENT_INTENT_STATUSES),
  /** A SetupIntent's saved card, by id (read only there, and only when it is an id). */
  payment_method: z.optional(z.unknown()),
  next_action: z.optional(
    z.nullable(
      z.object({
        type: z.string(),
        redirect_to_url: z.optional(z.nullable(z.object({ url: z.string() }))),
      }),
    ),
  ),
  last_payment_error: z.optional(z.nullable(stripeErrorObjectSchema)),
  last_setup_error: z.optional(z.nullable(stripeErrorObjectSchema)),
});
export type GatewayIntent = z.infer<typeof gatewayIntentSchema>;
