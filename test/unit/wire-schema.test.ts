// The bundles check messages with compact schemas generated from the zod schemas (wire-schema.ts):
// here both judge the same messages and must agree on every one, down to the parsed output: the
// hand-written samples and thousands of mutations of them, then messages generated from zod's JSON
// Schema of each parser (every union branch, enum value, optional and nullable part, the edges of
// every bound) and their mutations. Shared logic, in Chromium.
import { expect } from '@esm-bundle/chai';
import * as gatewaySchemas from '../../iframe/gateway/gateway-schemas.ts';
import * as fieldsChannelSchemas from '../../iframe/fields-channel-schema.ts';
import * as z from 'zod/mini';
import { TARGETS, renderTarget, toJsonSchema, type JsonSchema } from '../../scripts/wire-schema-source.ts';
import { parseFieldsChannelMessage, parseGatewayIntent, parseStripeErrorAnswer } from '../../iframe/wire-schemas.generated.ts';
import * as protocol from '../../src/shared/protocol.ts';
import {
  cardFrameCommandSchema,
  cardFrameEventSchema,
  challengeCompletionSchema,
  clientSecretSchema,
  connectMessageSchema,
  controllerCommandSchema,
  controllerEventSchema,
  fieldCommandSchema,
  fieldEventSchema,
  frameParamsSchema,
  helloMessageSchema,
  paymentMethodSchema,
  publishableKeySchema,
} from '../../src/shared/protocol.ts';
import * as cardBrands from '../../src/shared/card-brands.ts';
import * as errors from '../../src/shared/errors.ts';
import * as protocolConstants from '../../src/shared/protocol-constants.ts';
import * as messages from '../../src/i18n/messages.ts';
import { list, number, record, text, wireParser, type WireParser } from '../../src/shared/wire-schema.ts';
import {
  parseCardFrameCommand,
  parseCardFrameEvent,
  parseChallengeCompletion,
  parseClientSecret,
  parseConnectMessage,
  parseControllerCommand,
  parseControllerEvent,
  parseFieldCommand,
  parseFieldEvent,
  parseFrameParams,
  parseHelloMessage,
  parsePaymentMethod,
  parsePublishableKey,
} from '../../src/shared/wire-schemas.generated.ts';

const { gatewayIntentSchema, stripeErrorAnswerSchema } = gatewaySchemas;
const { fieldsChannelMessageSchema } = fieldsChannelSchemas;

const checkout = 'Ab3_-Ab3_-Ab3_-Ab3_';
const requestId = 'req_12345678';
const clientSecret = 'pi_3Abc123_secret_Xyz789';
const publishableKey = 'pk_test_payframe_sandbox';
const paymentMethod = {
  id: 'pm_1Abc',
  object: 'payment_method',
  type: 'card',
  card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034, funding: 'credit', country: null },
  created: 1_700_000_000,
  livemode: false,
};
const checkoutError = { code: 'card_declined', message: 'Your card was declined.', field: 'number', declineCode: 'insufficient_funds' };
const fieldState = { empty: false, complete: true, valid: true, brand: 'amex', error: { code: 'invalid_number', message: 'Your card number is invalid.' } };

/** Each schema with valid messages covering every branch; mutations are derived from them. */
const CASES: { name: string; schema: z.ZodMiniType; parse: WireParser<unknown>; valid: unknown[] }[] = [
  { name: 'frameParams', schema: frameParamsSchema, parse: parseFrameParams, valid: [{ frame: 'cvc', checkout, host: 'http://localhost:4242' }] },
  { name: 'helloMessage', schema: helloMessageSchema, parse: parseHelloMessage, valid: [{ payframe: 1, type: 'hello', frame: 'controller', checkout }] },
  { name: 'connectMessage', schema: connectMessageSchema, parse: parseConnectMessage, valid: [{ payframe: 1, type: 'connect', checkout }] },
  {
    name: 'fieldEvent',
    schema: fieldEventSchema,
    parse: parseFieldEvent,
    valid: [
      { type: 'ready' },
      { type: 'change', state: fieldState },
      { type: 'change', state: { empty: true, complete: false, valid: false } },
      { type: 'submit' },
      { type: 'style-rejected', layer: 'own', rejections: [{ code: 'style_forbidden_token', property: 'color', message: 'url() could load a resource' }] },
      { type: 'style-rejected', layer: 'theme', rejections: [] },
    ],
  },
  {
    name: 'fieldCommand',
    schema: fieldCommandSchema,
    parse: parseFieldCommand,
    valid: [
      { type: 'configure', options: { placeholder: 'Card number', label: 'Card', disabled: false, style: { group: { base: { color: 'red' } }, own: {} } } },
      { type: 'configure', options: { locale: 'ar', style: { theme: { variables: { colorText: '#fff' } } } } },
      { type: 'focus' },
      { type: 'clear' },
    ],
  },
  {
    name: 'controllerCommand',
    schema: controllerCommandSchema,
    parse: parseControllerCommand,
    valid: [
      { type: 'tokenize', requestId, publishableKey, fields: ['number', 'expiry', 'cvc'] },
      { type: 'confirm', requestId, publishableKey, clientSecret, fields: ['number'] },
      { type: 'confirm', requestId, publishableKey, clientSecret, fields: ['number'], returnUrl: 'https://shop.example/checkout/done' },
      { type: 'intent-status', requestId, publishableKey, clientSecret },
      { type: 'localize', locale: 'ja' },
    ],
  },
  {
    name: 'controllerEvent',
    schema: controllerEventSchema,
    parse: parseControllerEvent,
    valid: [
      { type: 'ready' },
      { type: 'tokenize-result', requestId, result: { paymentMethod } },
      { type: 'tokenize-result', requestId, result: { error: checkoutError } },
      { type: 'confirm-result', requestId, result: { paymentIntent: { id: 'pi_3Abc123', status: 'requires_capture' } } },
      { type: 'confirm-result', requestId, result: { action: { url: 'http://127.0.0.1:4244/3ds/challenge/pi_3Abc123' } } },
      { type: 'confirm-result', requestId, result: { action: { useStripeSdk: true } } },
      { type: 'intent-status-result', requestId, result: { error: { code: 'payment_intent_authentication_failure', message: 'Failed.' } } },
      { type: 'messages', locale: 'de', messages: { pay: 'Zahlen {amount}', numberLabel: 'Kartennummer', payment_in_progress: 'Bitte warten.' } },
    ],
  },
  {
    name: 'cardFrameCommand',
    schema: cardFrameCommandSchema,
    parse: parseCardFrameCommand,
    valid: [
      { type: 'tokenize', requestId, publishableKey, fields: ['number', 'expiry', 'cvc'] },
      { type: 'confirm', requestId, publishableKey, clientSecret, fields: ['number'], returnUrl: 'https://shop.example/checkout/done' },
      { type: 'intent-status', requestId, publishableKey, clientSecret },
      { type: 'configure', options: { locale: 'de', style: { group: { base: { color: 'red' } }, own: {} } } },
      { type: 'configure', options: {} },
      { type: 'focus', field: 'expiry' },
      { type: 'focus' },
      { type: 'reveal-errors' },
      { type: 'clear' },
    ],
  },
  {
    name: 'cardFrameEvent',
    schema: cardFrameEventSchema,
    parse: parseCardFrameEvent,
    valid: [
      { type: 'ready' },
      { type: 'tokenize-result', requestId, result: { paymentMethod } },
      { type: 'confirm-result', requestId, result: { paymentIntent: { id: 'pi_3Abc123', status: 'succeeded' } } },
      { type: 'change', field: 'number', state: fieldState },
      { type: 'focus', field: 'cvc' },
      { type: 'blur', field: 'expiry' },
      { type: 'submit' },
      { type: 'height', height: 180 },
      { type: 'style-rejected', layer: 'group', rejections: [{ code: 'style_forbidden_token', property: 'color', message: 'url() could load a resource' }] },
    ],
  },
  { name: 'paymentMethod', schema: paymentMethodSchema, parse: parsePaymentMethod, valid: [paymentMethod] },
  { name: 'clientSecret', schema: clientSecretSchema, parse: parseClientSecret, valid: [clientSecret] },
  { name: 'publishableKey', schema: publishableKeySchema, parse: parsePublishableKey, valid: [publishableKey, 'pk_live_Abc_9'] },
  { name: 'challengeCompletion', schema: challengeCompletionSchema, parse: parseChallengeCompletion, valid: [{ type: 'payframe-3ds-complete', paymentIntent: 'pi_3Abc123', outcome: 'failed' }] },
  {
    name: 'fieldsChannelMessage',
    schema: fieldsChannelMessageSchema,
    parse: parseFieldsChannelMessage,
    valid: [
      { type: 'collect', collectId: 'c0llect_c0llect_x' },
      { type: 'value', collectId: 'c0llect_c0llect_x', field: 'expiry', value: '12/34' },
      { type: 'brand', brand: 'unionpay' },
      { type: 'brand-query' },
      { type: 'autofill', field: 'cvc', value: '123' },
    ],
  },
  { name: 'stripeErrorAnswer', schema: stripeErrorAnswerSchema, parse: parseStripeErrorAnswer, valid: [{ error: { code: 'card_declined', message: 'Declined', param: null, decline_code: 'lost_card' } }, { error: {} }] },
  {
    name: 'gatewayIntent',
    schema: gatewayIntentSchema,
    parse: parseGatewayIntent,
    valid: [
      { id: 'pi_3Abc123', object: 'payment_intent', status: 'requires_action', next_action: { type: 'redirect_to_url', redirect_to_url: { url: 'http://x/3ds' } }, last_payment_error: null },
      { id: 'pi_3Abc123', object: 'payment_intent', status: 'requires_payment_method', next_action: null, last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' } },
    ],
  },
];

/** Values a hostile or broken sender might put anywhere. */
const REPLACEMENTS: unknown[] = [
  null, undefined, 0, -1, 1.5, 13, 2201, Number.NaN, Number.POSITIVE_INFINITY, '', 'x', 'x'.repeat(5000), true, false,
  {}, [], ['number'], { type: 'ready' }, '12345', 'Card number', 'visa', 'ready', 'focus', 1,
];

type Path = (string | number)[];

function leafPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [path];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [path, ...entries.flatMap(([key, item]) => leafPaths(item, [...path, key]))];
}

function withValueAt(root: unknown, path: Path, replace: (old: unknown) => unknown, remove = false): unknown {
  if (path.length === 0) return replace(root);
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [key, ...rest] = path;
  if (remove && rest.length === 0) {
    if (Array.isArray(copy)) copy.splice(key as number, 1);
    else delete copy[key!];
    return copy;
  }
  copy[key!] = withValueAt(copy[key!], rest, replace, remove);
  return copy;
}

function mutationsOf(valid: unknown, replacements: readonly unknown[] = REPLACEMENTS): unknown[] {
  const mutations: unknown[] = [valid];
  for (const path of leafPaths(valid)) {
    if (path.length > 0) mutations.push(withValueAt(valid, path, () => undefined, true));
    for (const replacement of replacements) mutations.push(withValueAt(valid, path, () => replacement));
    mutations.push(withValueAt(valid, path, (old) => (typeof old === 'string' ? `${old}x` : old)));
    mutations.push(withValueAt(valid, path, (old) => (typeof old === 'string' ? old.slice(1) : old)));
    mutations.push(withValueAt(valid, path, (old) => (typeof old === 'string' ? old.toUpperCase() : old)));
    mutations.push(withValueAt(valid, path, (old) => (typeof old === 'object' && old !== null && !Array.isArray(old) ? { ...old, extra: 'extra' } : old)));
  }
  return mutations;
}

/** A string each pattern of the protocol accepts; a new pattern needs one here (the test says which). */
const PATTERN_SAMPLES: Record<string, string> = {
  '^[A-Za-z0-9_-]{16,64}$': 'Ab3_-Ab3_-Ab3_-Ab3_',
  '^https?:\\/\\/[^/\\s]+$': 'https://shop.example:8443',
  '^[A-Za-z0-9_-]{8,64}$': 'req_12345678',
  '^pi_[A-Za-z0-9]+_secret_[A-Za-z0-9]+$': 'pi_3Abc123_secret_Xyz789',
  '^https?:\\/\\/[^\\s]+$': 'https://shop.example/checkout/done',
  '^pm_[A-Za-z0-9]{1,64}$': 'pm_1Abc',
  '^\\d{4}$': '4242',
  '^[a-z0-9_]{1,64}$': 'card_declined',
  '^pi_[A-Za-z0-9]{1,64}$': 'pi_3Abc123',
  '^(pi|seti)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+$': 'seti_3Abc123_secret_Xyz789',
  '^seti_[A-Za-z0-9]{1,64}$': 'seti_3Abc123',
  '^(pi|seti)_[A-Za-z0-9]{1,64}$': 'seti_3Abc123',
  '^[a-z][A-Za-z_]{0,39}$': 'numberLabel',
  '^style_[a-z_]{1,40}$': 'style_forbidden_token',
  '^pk_(test|live)_[A-Za-z0-9_]{1,200}$': 'pk_live_Abc_9',
  '^\\d{6}(\\d\\d)?$': '42424242',
  '^[A-Z]{2}$': 'FR',
  '^([A-Z]{2})?$': 'GB',
};

/** At most this many samples per schema node, so objects with many parts stay a few hundred messages. */
const MAX_SAMPLES = 24;

/**
 * Valid values of a JSON Schema (zod's, inline), covering each union branch, enum value and
 * const, an optional property present and missing, null where nullable, and each bound reached.
 */
function samplesOf(schema: JsonSchema): unknown[] {
  const { anyOf, oneOf, type, const: constValue, enum: enumValues, properties, required, additionalProperties, propertyNames, items, maxItems, pattern, maxLength, minimum, maximum } = schema;
  const cap = (values: unknown[]) => values.slice(0, MAX_SAMPLES);
  if (anyOf || oneOf) return cap(((anyOf ?? oneOf) as JsonSchema[]).flatMap(samplesOf));
  if (Array.isArray(type)) return cap(type.flatMap((single: string) => samplesOf(single === 'null' ? { type: single } : { ...schema, type: single })));
  if (constValue !== undefined) return [constValue];
  if (enumValues) return enumValues as unknown[];
  switch (type) {
    case undefined:
      return [{ any: ['thing'] }, 'x', 0];
    case 'string': {
      if (pattern !== undefined) {
        const sample = PATTERN_SAMPLES[pattern as string];
        if (sample === undefined) throw new Error(`PATTERN_SAMPLES has no sample for ${String(pattern)}`);
        return [sample];
      }
      return maxLength === undefined ? ['', 'any text'] : ['', 'a'.repeat(maxLength as number)];
    }
    case 'number':
    case 'integer':
      return [minimum ?? -7, maximum ?? 7, ...(type === 'number' ? [0.5] : [])];
    case 'boolean':
      return [true, false];
    case 'null':
      return [null];
    case 'array': {
      const itemSamples = samplesOf((items as JsonSchema | undefined) ?? {});
      const full = Array.from({ length: (maxItems as number | undefined) ?? 2 }, (_, index) => itemSamples[index % itemSamples.length]);
      return [[], ...itemSamples.map((item) => [item]), full];
    }
    case 'object': {
      if (additionalProperties) {
        const keys = samplesOf((propertyNames as JsonSchema | undefined) ?? {}) as string[];
        return [{}, ...samplesOf(additionalProperties as JsonSchema).map((value, index) => ({ [keys[index % keys.length]!]: value }))];
      }
      const propertySamples = Object.entries((properties as Record<string, JsonSchema>) ?? {}).map(([name, propertySchema]) => [name, samplesOf(propertySchema)] as const);
      const base = Object.fromEntries(propertySamples.map(([name, values]) => [name, values[0]]));
      const variants: unknown[] = [base];
      for (const [name, values] of propertySamples) {
        for (const value of values.slice(1)) variants.push({ ...base, [name]: value });
        if (!(required as string[] | undefined)?.includes(name)) {
          const { [name]: _, ...without } = base;
          variants.push(without);
        }
      }
      return cap(variants);
    }
    default:
      throw new Error(`no samples for type ${String(type)}`);
  }
}

/** Values just past each bound of the schema (and on it), to try where any value may go. */
function edgesOf(schema: unknown): unknown[] {
  if (typeof schema !== 'object' || schema === null) return [];
  if (Array.isArray(schema)) return schema.flatMap(edgesOf);
  const { maxLength, minimum, maximum, maxItems, const: _, enum: __, ...rest } = schema as JsonSchema;
  const edges: unknown[] = [];
  if (typeof maxLength === 'number') edges.push('a'.repeat(maxLength), 'a'.repeat(maxLength + 1));
  for (const bound of [minimum, maximum]) if (typeof bound === 'number') edges.push(bound - 1, bound + 1, bound + 0.5);
  if (typeof maxItems === 'number') edges.push(Array.from({ length: maxItems + 1 }, () => 'number'));
  return [...edges, ...Object.values(rest).flatMap(edgesOf)];
}

/** The zod schema and the generated parser behind each case, with their verdicts on `messages` compared. */
function expectSameVerdicts(name: string, schema: z.ZodMiniType, parse: WireParser<unknown>, messages: unknown[]): { accepted: number; rejected: number } {
  let accepted = 0;
  let rejected = 0;
  for (const message of messages) {
    const expected = schema.safeParse(message);
    const actual = parse(message);
    const label = `${name}: ${JSON.stringify(message)?.slice(0, 300)}`;
    expect(actual !== undefined, label).to.equal(expected.success);
    if (expected.success) {
      // As JSON, as it crosses: zod keeps an optional key sent as undefined, the checker leaves it out.
      expect(JSON.stringify(actual), label).to.equal(JSON.stringify(expected.data));
      accepted += 1;
    } else {
      rejected += 1;
    }
  }
  return { accepted, rejected };
}

/** What the generator loads: the schemas' modules and the constants' (ENUM_CONSTANTS). */
const MODULES: Record<string, Record<string, unknown>> = {
  'src/shared/protocol.ts': protocol,
  'iframe/fields-channel-schema.ts': fieldsChannelSchemas,
  'iframe/gateway/gateway-schemas.ts': gatewaySchemas,
  'src/shared/protocol-constants.ts': protocolConstants,
  'src/shared/card-brands.ts': cardBrands,
  'src/shared/errors.ts': errors,
  'src/i18n/messages.ts': messages,
};

describe('wire schemas (generated compact schemas) and the zod schemas', () => {
  for (const { name, schema, parse, valid } of CASES) {
    it(`${name}: accept and reject the same messages, with the same result`, () => {
      const { accepted, rejected } = expectSameVerdicts(name, schema, parse, valid.flatMap((message) => mutationsOf(message)));
      // Every valid sample is accepted, and the mutations reach the rejecting branches too.
      expect(accepted).to.be.at.least(valid.length);
      expect(rejected).to.be.above(valid.length * 5);
    });

    it(`${name}: agree on messages generated from zod's JSON Schema, every branch and bound, and their mutations`, function () {
      // Up to 35,000 messages for the larger schemas: 6 s on a busy 2-core machine, 20 s was once too few.
      this.timeout(90_000);
      const jsonSchema = toJsonSchema(schema, name);
      const samples = samplesOf(jsonSchema);
      // Every generated sample is valid to zod: the generator reads the schema right.
      for (const sample of samples) expect(schema.safeParse(sample).success, `${name}: ${JSON.stringify(sample)}`).to.equal(true);
      const replacements = [...REPLACEMENTS, ...edgesOf(jsonSchema)];
      const { accepted, rejected } = expectSameVerdicts(name, schema, parse, samples.flatMap((sample) => mutationsOf(sample, replacements)));
      expect(accepted).to.be.at.least(samples.length);
      expect(rejected).to.be.above(samples.length * 5);
    });
  }

  it('a parser for every schema the generator writes, and the generated schemas name what the protocol shares', () => {
    const generated = Object.fromEntries(TARGETS.map((target) => [target.out, renderTarget(target, MODULES, (module) => `./${module}`)]));
    const written = TARGETS.flatMap(({ sources }) => sources.flatMap((source) => source.schemas));
    expect(written.map((schemaName) => CASES.find((testCase) => `${testCase.name}Schema` === schemaName)?.name)).to.not.include(undefined);
    const protocolFile = generated['src/shared/wire-schemas.generated.ts']!;
    // A schema used in several messages is written once and named after the protocol's export.
    for (const shared of ['paymentMethod', 'checkoutError', 'fieldState', 'requestId', 'checkoutId']) {
      expect(protocolFile.match(new RegExp(`^const ${shared}: WireSchema = `, 'gm')), shared).to.have.length(1);
    }
    expect(protocolFile).to.contain('export const parsePaymentMethod = /* @__PURE__ */ wireParser<z.output<typeof paymentMethodSchema>>(paymentMethod);');
    // An enum of exactly a shared constant's values is that constant; one of no constant's values is written out.
    expect(protocolFile).to.contain('const splitFieldKind: WireSchema = ["number", "expiry", "cvc", "name", "country", "postal"];');
    expect(protocolFile).to.contain('status: PAYMENT_INTENT_STATUSES');
  });

  it('the generator refuses what the compact form cannot check exactly as zod does', () => {
    const render = (schema: z.ZodMiniType) =>
      renderTarget({ out: 'x.ts', sources: [{ module: 'm.ts', schemas: ['testSchema'] }] }, { ...MODULES, 'm.ts': { testSchema: schema } }, (module) => `./${module}`);
    expect(render(z.object({ a: z.string().check(z.maxLength(3)), b: z.optional(z.boolean()) }))).to.contain('wireParser<z.output<typeof testSchema>>({ a: /* @__PURE__ */ text(3), b: [undefined, boolean] })');
    for (const unsupported of [
      z.string().check(z.minLength(2)),
      z.number().check(z.gt(0)),
      z.array(z.string()).check(z.minLength(1)),
      z.string().check(z.regex(/^a$/i)),
      // In an object literal, `__proto__` would set the prototype, not a property.
      z.object({ ['__proto__']: z.string() }),
      z.object({ a: z.string() }).check(z.refine(() => true)),
    ]) {
      expect(() => render(unsupported), JSON.stringify(z.toJSONSchema(unsupported, { unrepresentable: 'any' }))).to.throw();
    }
  });

  it('keeps only declared properties, like zod, so nothing extra reaches the reader', () => {
    const parsed = parseFieldEvent({ type: 'change', value: '4242424242424242', state: { empty: false, complete: true, valid: true, cvc: '123' } });
    expect(parsed).to.deep.equal({ type: 'change', state: { empty: false, complete: true, valid: true } });
  });

  it('treats an optional property set to undefined as missing, and a required one as missing too', () => {
    expect(parseFieldEvent({ type: 'change', state: { empty: true, complete: false, valid: false, brand: undefined } })).to.deep.equal({
      type: 'change',
      state: { empty: true, complete: false, valid: false },
    });
    expect(parseFieldEvent({ type: 'change', state: { empty: undefined, complete: false, valid: false } })).to.equal(undefined);
  });

  it('keeps record keys as own properties, even one named __proto__', () => {
    const parse = wireParser<Record<string, string>>(record(/^[a-z_]+$/, text()));
    const parsed = parse(JSON.parse('{"__proto__": "x", "pay": "y"}'));
    expect(Object.getPrototypeOf(parsed)).to.equal(Object.prototype);
    expect(Object.keys(parsed!)).to.deep.equal(['__proto__', 'pay']);
    expect(parse({ 'Pay!': 'y' })).to.equal(undefined);
    expect(parse({ pay: 1 })).to.equal(undefined);
    expect(parse(['y'])).to.equal(undefined);
  });

  it('ignores inherited properties: only own ones count', () => {
    const inherited = Object.create({ type: 'ready' }) as object;
    expect(parseFieldEvent(inherited)).to.equal(undefined);
  });

  it('rejects non-finite numbers and non-integers where an integer is required', () => {
    const parse = wireParser<number>(number(1, 12, true));
    expect(parse(12)).to.equal(12);
    for (const bad of [0, 13, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1']) expect(parse(bad), String(bad)).to.equal(undefined);
    const any = wireParser<number>(number());
    expect(any(-1.5)).to.equal(-1.5);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '1']) expect(any(bad), String(bad)).to.equal(undefined);
  });

  it('checks every item of an array and its length, a hole as undefined', () => {
    const parse = wireParser<string[]>(list(/^a+$/, 2));
    expect(parse(['a', 'aa'])).to.deep.equal(['a', 'aa']);
    expect(parse(['a', 'b'])).to.equal(undefined);
    expect(parse(['a', 'a', 'a'])).to.equal(undefined);
    expect(parse('a')).to.equal(undefined);
    // eslint-disable-next-line no-sparse-arrays
    expect(parse([, 'a'])).to.equal(undefined);
  });

  it('refuses, never throws, when reading the value throws', () => {
    const hostile = { type: 'change', get state(): never { throw new Error('boom'); } };
    expect(parseFieldEvent(hostile)).to.equal(undefined);
  });
});
