// The wire protocol between the merchant page (src/) and the fields-origin frames (iframe/).
// Every message either way is parsed with these schemas; anything that does not parse is
// dropped. Nothing here may ever carry a card number, a CVC, their length or a caret position.
//
// Runtime code imports only types from here: the build turns these schemas into compact checks
// (scripts/generate-wire-schemas.ts) that src/shared/wire-schema.ts runs, so zod stays out
// of the bundles. Constants live in protocol-constants.ts.
import * as z from 'zod/mini';
import { CARD_BRANDS } from './card-brands.ts';
import type { BankErrorCode, BillingErrorCode, FieldErrorCode } from './errors.ts';
import { BANK_FIELDS } from './bank-fields.ts';
import { BILLING_FIELDS } from './billing-fields.ts';
import { FIELD_KINDS, MAX_CARD_FRAME_HEIGHT, MAX_FIRST_OPTIONS_LENGTH, PAYMENT_INTENT_STATUSES, PAYMENT_METHOD_TYPES, PROTOCOL_VERSION } from './protocol-constants.ts';
import { LOCALES } from '../i18n/messages.ts';

export const cardBrandSchema = z.enum(CARD_BRANDS);

/**
 * An input's error code (errors.ts: a card, billing or bank input's). Checked as a code's shape, like a
 * checkout error's, not against the list: an identifier shown as nothing but itself, and the list of
 * ~40 codes would cost every bundle that reads states (payframe.js, payframe-fields.js) its bytes.
 * The type is still the list's.
 */
export const fieldErrorCodeSchema = z.string().check(z.regex(/^[a-z0-9_]{1,64}$/)) as unknown as z.ZodMiniType<FieldErrorCode | BillingErrorCode | BankErrorCode>;

/** The drop-in's `payment-methods`: Stripe's payment method types. */
export const paymentMethodTypeSchema = z.enum(PAYMENT_METHOD_TYPES);

export const fieldKindSchema = z.enum(FIELD_KINDS);
export type FieldKind = z.infer<typeof fieldKindSchema>;

/** An input of the drop-in's card frame: the card's, an opt-in billing input, or a bank debit's (with the choice of method). */
export const cardFrameFieldSchema = z.enum([...FIELD_KINDS, ...BILLING_FIELDS, ...BANK_FIELDS]);
export type CardFrameField = z.infer<typeof cardFrameFieldSchema>;
export type BillingField = (typeof BILLING_FIELDS)[number];

/** The split fields' kinds: the card's, and the billing inputs that are fields of their own (<payframe-card-name>, <payframe-card-country>, <payframe-card-postal>). Here, not in protocol-constants.ts: no bundle needs the list at run time. */
const SPLIT_FIELD_KINDS = [...FIELD_KINDS, 'name', 'country', 'postal'] as const;

/** A split field's frame: a card input, or a billing input split out (name, country, postal code). */
export const splitFieldKindSchema = z.enum(SPLIT_FIELD_KINDS);
export type SplitFieldKind = z.infer<typeof splitFieldKindSchema>;

/** The split fields' frames, their controller, and the drop-in's one card frame. */
export const FRAME_KINDS = [...SPLIT_FIELD_KINDS, 'controller', 'card'] as const;

export const frameKindSchema = z.enum(FRAME_KINDS);
export type FrameKind = z.infer<typeof frameKindSchema>;

/** Random per mount, so frames of two checkouts (or two tabs) never share a channel. */
export const checkoutIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/));

/** Text the merchant may show inside a frame; set as text, never parsed as HTML. */
const shortText = z.string().check(z.maxLength(100));

/** A supported locale (src/i18n): the frames load its messages. */
export const localeSchema = z.enum(LOCALES);

const originSchema = z.string().check(z.regex(/^https?:\/\/[^/\s]+$/), z.maxLength(300));

// ---- Frame URL parameters (in the fragment, so they never reach a server log) ----

export const frameParamsSchema = z.object({
  frame: frameKindSchema,
  checkout: checkoutIdSchema,
  host: originSchema,
  /** The drop-in's `billing-fields`, as the merchant wrote it: the card frame lays them out before it is ready. */
  billing: z.optional(shortText),
  /** `1`: the card frame reports the card's BIN (first 6, then 8 digits) to the page. */
  bin: z.optional(z.literal('1')),
  /**
   * The drop-in's `payment-method`, as the merchant wrote it: the card frame shows that saved card and
   * only a CVC input, and checks the id itself (a bad one is a typed error, not a frame that never loads).
   */
  pm: z.optional(shortText),
  /**
   * The card frame's first options (locale, theme and `fieldStyle`, payment methods), as JSON: what the
   * page would configure first, so the frame lays itself out in them before it says hello. A configure
   * from the page parses them (cardFrameOptionsSchema): the URL grants nothing a configure could not.
   */
  options: z.optional(z.string().check(z.maxLength(MAX_FIRST_OPTIONS_LENGTH))),
});
export type FrameParams = z.infer<typeof frameParamsSchema>;

// ---- Handshake over window.postMessage (exact target origins both ways) ----

export const helloMessageSchema = z.object({
  payframe: z.literal(PROTOCOL_VERSION),
  type: z.literal('hello'),
  frame: frameKindSchema,
  checkout: checkoutIdSchema,
  /** The card frame is laid out and takes keys already: its first options came in its URL (`options`). */
  ready: z.optional(z.literal(true)),
});
export type HelloMessage = z.infer<typeof helloMessageSchema>;

export const connectMessageSchema = z.object({
  payframe: z.literal(PROTOCOL_VERSION),
  type: z.literal('connect'),
  checkout: checkoutIdSchema,
});
export type ConnectMessage = z.infer<typeof connectMessageSchema>;

// ---- Field frame -> merchant page (over the MessagePort) ----

export const fieldErrorSchema = z.object({ code: fieldErrorCodeSchema, message: shortText });

export const fieldStateSchema = z.object({
  empty: z.boolean(),
  complete: z.boolean(),
  valid: z.boolean(),
  brand: z.optional(cardBrandSchema),
  error: z.optional(fieldErrorSchema),
  /** The number of a co-badged card: the networks it can go on and the one chosen (the shopper's, else the merchant's preference, else its brand). */
  networks: z.optional(z.object({ available: z.array(cardBrandSchema).check(z.maxLength(4)), preferred: cardBrandSchema })),
  /** The drop-in's choice of payment method and its bank inputs: the method chosen (never a bank account's digits or length). */
  paymentMethodType: z.optional(paymentMethodTypeSchema),
});
export type FieldState = z.infer<typeof fieldStateSchema>;

export const styleRejectionReportSchema = z.object({
  code: z.string().check(z.regex(/^style_[a-z_]{1,40}$/)),
  property: z.string().check(z.maxLength(200)),
  message: z.string().check(z.maxLength(300)),
});
export type StyleRejectionReport = z.infer<typeof styleRejectionReportSchema>;

export const fieldEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('change'), state: fieldStateSchema }),
  z.object({ type: z.literal('focus') }),
  z.object({ type: z.literal('blur') }),
  /** The field is complete: move focus to the next field. */
  z.object({ type: z.literal('advance') }),
  /** Enter was pressed inside the field. */
  z.object({ type: z.literal('submit') }),
  /** Escape was pressed inside the field (merchants close their modals with it); nothing else. */
  z.object({ type: z.literal('escape') }),
  /** Parts of the merchant's style the frame left out, for the merchant's console. */
  z.object({
    type: z.literal('style-rejected'),
    layer: z.enum(['theme', 'group', 'own']),
    rejections: z.array(styleRejectionReportSchema).check(z.maxLength(100)),
  }),
]);
export type FieldEvent = z.infer<typeof fieldEventSchema>;

// ---- Merchant page -> field frame ----

/**
 * A merchant style as it crosses to the frame, in two layers: the group's and the field's own.
 * Each is whatever the merchant assigned, as plain data: the frame's allowlist sanitizer
 * (style-sanitizer.ts), stricter than any schema, is what parses it, and it is the only place
 * a style is judged.
 */
export const fieldStyleLayersSchema = z.object({
  /** The element's theme variables (built-in theme or the merchant's `--payframe-*` properties), lowest. */
  theme: z.optional(z.unknown()),
  group: z.optional(z.unknown()),
  own: z.optional(z.unknown()),
});
export type FieldStyleLayers = z.infer<typeof fieldStyleLayersSchema>;

export const fieldOptionsSchema = z.object({
  placeholder: z.optional(shortText),
  label: z.optional(shortText),
  disabled: z.optional(z.boolean()),
  /** Labels, placeholders and error messages in this locale; right to left for Arabic. */
  locale: z.optional(localeSchema),
  /** Replaces the whole merchant style; `{}` removes it. */
  style: z.optional(fieldStyleLayersSchema),
  /** The number field's `preferred-network`: for a co-badged card, the networks preferred, most preferred first. */
  network: z.optional(shortText),
  /** A billing field's prefill: the group's `cardholder-name` and `billing-country` (the country also sets the postal code's format). */
  billing: z.optional(z.object({ name: z.optional(z.string().check(z.maxLength(200))), country: z.optional(shortText) })),
});
export type FieldOptions = z.infer<typeof fieldOptionsSchema>;

export const fieldCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('configure'), options: fieldOptionsSchema }),
  z.object({ type: z.literal('focus') }),
  /** Show "incomplete" errors as if the shopper had left the field (on a submit attempt). */
  z.object({ type: z.literal('reveal-errors') }),
  z.object({ type: z.literal('clear') }),
]);
export type FieldCommand = z.infer<typeof fieldCommandSchema>;

// ---- Merchant page <-> controller frame ----

export const publishableKeySchema = z.string().check(z.regex(/^pk_(test|live)_[A-Za-z0-9_]{1,200}$/));

export const requestIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/));

/**
 * A PaymentIntent's or (the drop-in's `mode="setup"`) a SetupIntent's client_secret, as the
 * merchant's server hands it to the page: `pi_<id>_secret_<secret>`, `seti_<id>_secret_<secret>`.
 * The card frame confirms the kind of intent its prefix names.
 */
export const clientSecretSchema = z.string().check(z.regex(/^(pi|seti)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+$/), z.maxLength(300));

/** The inputs a request reads: the card's, and a split checkout's billing fields (the drop-in's card frame reads its own billing inputs). */
const cardFieldsSchema = z.array(splitFieldKindSchema).check(z.maxLength(SPLIT_FIELD_KINDS.length));

/** Where the bank's page sends the shopper back after a full-page 3-D Secure redirect (the checkout's `return-url`). */
export const returnUrlSchema = z.string().check(z.regex(/^https?:\/\/[^\s]+$/), z.maxLength(2000));

// No command carries a publishable key: the controller uses only the key its page was served for.
/** What the page asks of a frame that tokenizes and confirms: the split fields' controller and the drop-in's card frame alike. */
const paymentFrameCommandSchemas = [
  z.object({
    type: z.literal('tokenize'),
    requestId: requestIdSchema,
    fields: cardFieldsSchema,
  }),
  /** Confirm the merchant's PaymentIntent with the card typed into the fields. */
  z.object({
    type: z.literal('confirm'),
    requestId: requestIdSchema,
    clientSecret: clientSecretSchema,
    fields: cardFieldsSchema,
    returnUrl: z.optional(returnUrlSchema),
  }),
  /** Read the intent's status again, after a 3-D Secure challenge. */
  z.object({
    type: z.literal('intent-status'),
    requestId: requestIdSchema,
    clientSecret: clientSecretSchema,
  }),
  /** Send the page's own texts (pay button, frame titles, errors) in this locale. */
  z.object({ type: z.literal('localize'), locale: localeSchema }),
] as const;

export const controllerCommandSchema = z.discriminatedUnion('type', [
  ...paymentFrameCommandSchemas,
  /**
   * With `pm` (the group's `payment-method`): ask the gateway which card this PaymentIntent pays with,
   * check it is that one, and tell the page the card's line (a `saved-card` event).
   */
  z.object({ type: z.literal('saved-card'), clientSecret: clientSecretSchema }),
]);
export type ControllerCommand = z.infer<typeof controllerCommandSchema>;

/** The payment method as the merchant sees it: Stripe's shape, only non-sensitive fields. */
export const paymentMethodSchema = z.object({
  id: z.string().check(z.regex(/^pm_[A-Za-z0-9]{1,64}$/)),
  object: z.literal('payment_method'),
  type: z.literal('card'),
  card: z.object({
    brand: z.string().check(z.maxLength(32)),
    last4: z.string().check(z.regex(/^\d{4}$/)),
    exp_month: z.number().check(z.int(), z.gte(1), z.lte(12)),
    exp_year: z.number().check(z.int(), z.gte(2000), z.lte(2200)),
    funding: z.optional(z.string().check(z.maxLength(32))),
    country: z.optional(z.nullable(z.string().check(z.maxLength(8)))),
    /** Stripe's `card.networks`: the networks the card can go on and the one chosen (null: the card's brand). */
    networks: z.optional(z.object({ available: z.array(z.string().check(z.maxLength(32))).check(z.maxLength(8)), preferred: z.nullable(z.string().check(z.maxLength(32))) })),
  }),
  created: z.number(),
  livemode: z.boolean(),
});
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const checkoutErrorSchema = z.object({
  /** A Payframe code (see errors.ts) or the gateway's own code, such as Stripe's `incorrect_number`. */
  code: z.string().check(z.regex(/^[a-z0-9_]{1,64}$/)),
  message: z.string().check(z.maxLength(500)),
  /** The field the error belongs to, when it belongs to one. */
  field: z.optional(cardFrameFieldSchema),
  /** Stripe's `decline_code`, when the gateway gave one. */
  declineCode: z.optional(z.string().check(z.maxLength(64))),
});
export type CheckoutError = z.infer<typeof checkoutErrorSchema>;

export const tokenizeResultSchema = z.union([
  z.object({ paymentMethod: paymentMethodSchema }),
  z.object({ error: checkoutErrorSchema }),
]);
export type TokenizeResult = z.infer<typeof tokenizeResultSchema>;

/** What the merchant page learns about its intent: its id and status, nothing more. */
export const paymentIntentSummarySchema = z.object({
  id: z.string().check(z.regex(/^pi_[A-Za-z0-9]{1,64}$/)),
  status: z.enum(PAYMENT_INTENT_STATUSES),
});
export type PaymentIntentSummary = z.infer<typeof paymentIntentSummarySchema>;

/**
 * What the bank asks before the payment goes on: a 3-D Secure page on the gateway's origin to show
 * (the controller checked it), or Stripe's `use_stripe_sdk`, which Stripe.js runs on the merchant page.
 */
export const nextActionSchema = z.union([
  z.object({ url: z.string().check(z.regex(/^https?:\/\/[^\s]+$/), z.maxLength(2000)) }),
  z.object({ useStripeSdk: z.literal(true) }),
]);
export type NextAction = z.infer<typeof nextActionSchema>;

/**
 * What the merchant page learns about its SetupIntent (the drop-in's `mode="setup"`): its id and
 * status, and the id of the payment method it saved (the card itself stays on the gateway).
 */
export const setupResultSchema = z.object({
  // A SetupIntent's statuses are a PaymentIntent's without `requires_capture`: checking against
  // the one list keeps every bundle's message checks a list smaller (the frame never sends it).
  setupIntent: z.object({ id: z.string().check(z.regex(/^seti_[A-Za-z0-9]{1,64}$/)), status: z.enum(PAYMENT_INTENT_STATUSES) }),
  paymentMethod: z.optional(z.string().check(z.regex(/^pm_[A-Za-z0-9]{1,64}$/))),
});
export type SetupResult = z.infer<typeof setupResultSchema>;
export type SetupIntentSummary = SetupResult['setupIntent'];

/** The intent's final answer, or why it failed. */
export const paymentResultSchema = z.union([
  z.object({ paymentIntent: paymentIntentSummarySchema }),
  setupResultSchema,
  z.object({ error: checkoutErrorSchema }),
]);
export type PaymentResult = z.infer<typeof paymentResultSchema>;

export const confirmResultSchema = z.union([
  z.object({ paymentIntent: paymentIntentSummarySchema }),
  setupResultSchema,
  z.object({ action: nextActionSchema }),
  z.object({ error: checkoutErrorSchema }),
]);
export type ConfirmResult = z.infer<typeof confirmResultSchema>;

/** The texts the page shows, by key; only known keys pass, each plain text (rendered as text, never HTML). */
/**
 * A locale's texts by key. A record, not an object of every key: the page keeps only the keys it
 * knows (src/i18n/page-messages.ts), and the schema stays small in the script tag.
 */
const pageMessagesSchema = z.record(z.string().check(z.regex(/^[a-z][A-Za-z_]{0,39}$/)), z.string().check(z.maxLength(300)));

/** What a frame that tokenizes and confirms sends the page: the split fields' controller and the drop-in's card frame alike. */
const paymentFrameEventSchemas = [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('tokenize-result'), requestId: requestIdSchema, result: tokenizeResultSchema }),
  z.object({ type: z.literal('confirm-result'), requestId: requestIdSchema, result: confirmResultSchema }),
  z.object({ type: z.literal('intent-status-result'), requestId: requestIdSchema, result: paymentResultSchema }),
  /** A locale's texts for the page, keyed as in src/i18n/messages.ts; the page takes the keys it knows, as text. */
  z.object({
    type: z.literal('messages'),
    locale: localeSchema,
    messages: pageMessagesSchema,
  }),
] as const;

/**
 * A saved card as the gateway describes it to a publishable key (Stripe's names, nothing a shopper
 * types), with its line in the checkout's locale ("Visa •••• 4242, expires 12/34"); or why it
 * cannot pay this intent (`payment_method_mismatch`, `invalid_payment_method`).
 */
export const savedCardResultSchema = z.union([
  z.object({
    card: z.object({
      brand: z.string().check(z.maxLength(32)),
      last4: z.string().check(z.regex(/^\d{4}$/)),
      exp_month: z.number().check(z.int(), z.gte(1), z.lte(12)),
      exp_year: z.number().check(z.int(), z.gte(2000), z.lte(2200)),
    }),
    description: z.string().check(z.maxLength(200)),
  }),
  z.object({ error: checkoutErrorSchema }),
]);
export type SavedCardResult = z.infer<typeof savedCardResultSchema>;

export const controllerEventSchema = z.discriminatedUnion('type', [
  ...paymentFrameEventSchemas,
  /** The answer to `saved-card`: the card the intent pays with, or why it cannot be used. */
  z.object({ type: z.literal('saved-card'), result: savedCardResultSchema }),
  /**
   * Another controller frame claimed this checkout's fields (a script on the page embedded one):
   * `refused` when this controller is the one the fields refuse, so it can never collect the card.
   */
  z.object({ type: z.literal('fields-claimed'), refused: z.boolean() }),
]);
export type ControllerEvent = z.infer<typeof controllerEventSchema>;

// ---- Merchant page <-> the drop-in's card frame (number, expiry and CVC in one document) ----

/** What the drop-in's page sets on its card frame: its locale, and its theme and `fieldStyle` layers. */
export const cardFrameOptionsSchema = z.object({
  locale: z.optional(localeSchema),
  style: z.optional(fieldStyleLayersSchema),
  /**
   * What the merchant knows or prefers (never card data): the shopper's name and country for the
   * billing inputs, and the networks it prefers for a co-badged card, most preferred first.
   */
  defaults: z.optional(
    z.object({
      name: z.optional(z.string().check(z.maxLength(200))),
      country: z.optional(shortText),
      network: z.optional(shortText),
      /** The merchant's `business-name`, which a bank debit's mandate names. */
      business: z.optional(z.string().check(z.maxLength(200))),
      /** The merchant's `bank-account-entry`: `masked` shows a US account number masked instead of asking for it twice. */
      accountEntry: z.optional(shortText),
    }),
  ),
  /** With `payment-method`: the PaymentIntent whose saved card the frame shows (the gateway says which card it is). */
  clientSecret: z.optional(clientSecretSchema),
  /** The drop-in's `payment-methods` (checked on the page against the same list): the card frame lays out a choice when it names a bank debit. */
  paymentMethods: z.optional(z.array(paymentMethodTypeSchema).check(z.maxLength(PAYMENT_METHOD_TYPES.length))),
});

export type CardFrameOptions = z.infer<typeof cardFrameOptionsSchema>;

/**
 * The card frame takes the controller's requests (it tokenizes and confirms itself) and what the
 * page asks of its inputs; `focus` names the input (the number when none is named).
 */
export const cardFrameCommandSchema = z.discriminatedUnion('type', [
  ...paymentFrameCommandSchemas,
  z.object({ type: z.literal('configure'), options: cardFrameOptionsSchema }),
  // The card's and billing inputs only: the frame's startup script need not carry the bank inputs' names.
  z.object({ type: z.literal('focus'), field: z.optional(z.enum([...FIELD_KINDS, ...BILLING_FIELDS])) }),
  z.object({ type: z.literal('reveal-errors') }),
  z.object({ type: z.literal('clear') }),
]);
export type CardFrameCommand = z.infer<typeof cardFrameCommandSchema>;

export const cardFrameEventSchema = z.discriminatedUnion('type', [
  ...paymentFrameEventSchemas,
  z.object({ type: z.literal('change'), field: cardFrameFieldSchema, state: fieldStateSchema }),
  /** On the port of a connect the frame refused, and nothing else on it: another script answered its hello first and holds its port. */
  z.object({ type: z.literal('claimed') }),
  z.object({ type: z.literal('focus'), field: cardFrameFieldSchema }),
  z.object({ type: z.literal('blur'), field: cardFrameFieldSchema }),
  /** Enter was pressed in one of the inputs. */
  z.object({ type: z.literal('submit') }),
  /** With `bin`: the card's first 6 digits, then 8 for a number of 16 digits or more, and what the fields origin knows of them. */
  z.object({
    type: z.literal('bin'),
    bin: z.string().check(z.regex(/^\d{6}(\d\d)?$/)),
    funding: z.optional(z.enum(['credit', 'debit', 'prepaid'])),
    country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/))),
    networks: z.optional(z.array(cardBrandSchema).check(z.maxLength(4))),
  }),
  /** Escape was pressed in one of the inputs: which one, nothing else. */
  z.object({ type: z.literal('escape'), field: cardFrameFieldSchema }),
  /** The frame's content height, so the element grows when an error line shows; a number and nothing else. */
  z.object({ type: z.literal('height'), height: z.number().check(z.int(), z.gte(0), z.lte(MAX_CARD_FRAME_HEIGHT)) }),
  z.object({
    type: z.literal('style-rejected'),
    layer: z.enum(['theme', 'group', 'own']),
    rejections: z.array(styleRejectionReportSchema).check(z.maxLength(100)),
  }),
]);
export type CardFrameEvent = z.infer<typeof cardFrameEventSchema>;

// ---- The 3-D Secure challenge page -> merchant page (window.postMessage) ----

/** What the challenge page posts to its parent when the shopper is done (see the sandbox's 3DS page). */
export const challengeCompletionSchema = z.object({
  type: z.literal('payframe-3ds-complete'),
  paymentIntent: z.string().check(z.maxLength(100)),
  outcome: z.enum(['authenticated', 'failed']),
});
export type ChallengeCompletion = z.infer<typeof challengeCompletionSchema>;
