// The bundles check messages with JSON Schema generated from the zod schemas (wire-schema.ts):
// here both judge the same messages, valid ones and thousands of mutations of them, and must
// agree on every one, down to the parsed output. The generated files build each object with
// objectSchema(): that source must build zod's JSON Schema key for key, for every message.
// Shared logic, in Chromium.
import { expect } from '@esm-bundle/chai';
import type * as z from 'zod/mini';
import * as gatewaySchemas from '../../iframe/gateway/gateway-schemas.ts';
import * as fieldsChannelSchemas from '../../iframe/fields-channel-schema.ts';
import { TARGETS, toWireSchema, wireSchemaSource } from '../../scripts/wire-schema-source.ts';
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
import { objectSchema, wireParser, type WireParser } from '../../src/shared/wire-schema.ts';
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

function mutationsOf(valid: unknown): unknown[] {
  const mutations: unknown[] = [valid];
  for (const path of leafPaths(valid)) {
    if (path.length > 0) mutations.push(withValueAt(valid, path, () => undefined, true));
    for (const replacement of REPLACEMENTS) mutations.push(withValueAt(valid, path, () => replacement));
    mutations.push(withValueAt(valid, path, (old) => (typeof old === 'string' ? `${old}x` : old)));
    mutations.push(withValueAt(valid, path, (old) => (typeof old === 'string' ? old.slice(1) : old)));
    mutations.push(withValueAt(valid, path, (old) => (typeof old === 'string' ? old.toUpperCase() : old)));
    mutations.push(withValueAt(valid, path, (old) => (typeof old === 'object' && old !== null && !Array.isArray(old) ? { ...old, extra: 'extra' } : old)));
  }
  return mutations;
}

describe('wire schemas (generated JSON Schema) and the zod schemas', () => {
  for (const { name, schema, parse, valid } of CASES) {
    it(`${name}: accept and reject the same messages, with the same result`, () => {
      let accepted = 0;
      let rejected = 0;
      for (const message of valid.flatMap(mutationsOf)) {
        const expected = schema.safeParse(message);
        const actual = parse(message);
        const label = `${name}: ${JSON.stringify(message)?.slice(0, 300)}`;
        expect(actual !== undefined, label).to.equal(expected.success);
        if (expected.success) {
          expect(JSON.stringify(actual), label).to.equal(JSON.stringify(expected.data));
          accepted += 1;
        } else {
          rejected += 1;
        }
      }
      // Every valid sample is accepted, and the mutations reach the rejecting branches too.
      expect(accepted).to.be.at.least(valid.length);
      expect(rejected).to.be.above(valid.length * 5);
    });
  }

  it('are built by objectSchema() exactly as zod writes them, key for key, for every generated parser', () => {
    const modules: Record<string, Record<string, unknown>> = {
      'src/shared/protocol.ts': protocol,
      'iframe/fields-channel-schema.ts': fieldsChannelSchemas,
      'iframe/gateway/gateway-schemas.ts': gatewaySchemas,
    };
    const checked: string[] = [];
    let objectSchemaCalls = 0;
    for (const { sources } of TARGETS) {
      for (const { module, schemas } of sources) {
        for (const name of schemas) {
          const zodSchema = modules[module]?.[name] as z.ZodMiniType | undefined;
          expect(zodSchema, `${module} ${name}`).to.not.equal(undefined);
          const expected = toWireSchema(zodSchema!, name);
          // The very source the generator writes into the parser (`npm test` fails when the files are stale).
          const source = wireSchemaSource(expected);
          objectSchemaCalls += source.split('objectSchema(').length - 1;
          const built = new Function('objectSchema', `return ${source};`)(objectSchema) as unknown;
          expect(JSON.stringify(built), name).to.equal(JSON.stringify(expected));
          expect(built, name).to.deep.equal(expected);
          checked.push(name);
        }
      }
    }
    expect(checked).to.include.members(['cardFrameCommandSchema', 'cardFrameEventSchema', 'controllerCommandSchema', 'controllerEventSchema', 'fieldsChannelMessageSchema']);
    expect(checked).to.have.length(16);
    // Nearly every object of the protocol is a standard one: the helper must be doing the building.
    expect(objectSchemaCalls).to.be.above(90);
  });

  it('objectSchema() requires every property but the optional ones, in order, and omits an empty `required`', () => {
    const string = { type: 'string' } as const;
    expect(JSON.stringify(objectSchema({ a: string, b: string, c: string }, ['b']))).to.equal('{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"},"c":{"type":"string"}},"required":["a","c"]}');
    expect(objectSchema({ a: string })).to.deep.equal({ type: 'object', properties: { a: string }, required: ['a'] });
    expect(Object.keys(objectSchema({ a: string }, ['a']))).to.deep.equal(['type', 'properties']);
    expect(Object.keys(objectSchema({}))).to.deep.equal(['type', 'properties']);
  });

  it('keeps only declared properties, like zod, so nothing extra reaches the reader', () => {
    const parsed = parseFieldEvent({ type: 'change', value: '4242424242424242', state: { empty: false, complete: true, valid: true, cvc: '123' } });
    expect(parsed).to.deep.equal({ type: 'change', state: { empty: false, complete: true, valid: true } });
  });

  it('keeps record keys as own properties, even one named __proto__', () => {
    const parse = wireParser<Record<string, string>>({ type: 'object', propertyNames: { type: 'string', pattern: '^[a-z_]+$' }, additionalProperties: { type: 'string' } });
    const parsed = parse(JSON.parse('{"__proto__": "x", "pay": "y"}'));
    expect(Object.getPrototypeOf(parsed)).to.equal(Object.prototype);
    expect(Object.keys(parsed!)).to.deep.equal(['__proto__', 'pay']);
    expect(parse({ 'Pay!': 'y' })).to.equal(undefined);
    expect(parse({ pay: 1 })).to.equal(undefined);
  });

  it('ignores inherited properties: only own ones count', () => {
    const inherited = Object.create({ type: 'ready' }) as object;
    expect(parseFieldEvent(inherited)).to.equal(undefined);
  });

  it('rejects non-finite numbers and non-integers where an integer is required', () => {
    const parse = wireParser<number>({ type: 'integer', minimum: 1, maximum: 12 });
    expect(parse(12)).to.equal(12);
    for (const bad of [0, 13, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1']) expect(parse(bad), String(bad)).to.equal(undefined);
  });

  it('checks every item of an array and its length', () => {
    const parse = wireParser<string[]>({ type: 'array', maxItems: 2, items: { type: 'string', pattern: '^a+$' } });
    expect(parse(['a', 'aa'])).to.deep.equal(['a', 'aa']);
    expect(parse(['a', 'b'])).to.equal(undefined);
    expect(parse(['a', 'a', 'a'])).to.equal(undefined);
    expect(parse('a')).to.equal(undefined);
  });
});
