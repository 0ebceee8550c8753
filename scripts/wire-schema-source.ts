// What scripts/generate-wire-schemas.ts writes, without its file handling, so the unit tests can run
// it in the browser too: which zod schemas become wire schemas, their JSON Schema (toWireSchema), and
// the source text that builds it (wireSchemaSource), each standard object through objectSchema().
import * as z from 'zod/mini';
import type { WireSchema } from '../src/shared/wire-schema.ts';

export interface SchemaSource {
  /** Path from the repository root. */
  module: string;
  /** Exported zod schemas, each becoming `parse<Name>` (without the `Schema` suffix). */
  schemas: string[];
}

export const TARGETS: { out: string; sources: SchemaSource[] }[] = [
  {
    out: 'src/shared/wire-schemas.generated.ts',
    sources: [
      {
        module: 'src/shared/protocol.ts',
        schemas: [
          'frameParamsSchema',
          'helloMessageSchema',
          'connectMessageSchema',
          'fieldEventSchema',
          'fieldCommandSchema',
          'controllerCommandSchema',
          'controllerEventSchema',
          'cardFrameCommandSchema',
          'cardFrameEventSchema',
          'paymentMethodSchema',
          'clientSecretSchema',
          'publishableKeySchema',
          'challengeCompletionSchema',
        ],
      },
    ],
  },
  {
    out: 'iframe/wire-schemas.generated.ts',
    sources: [
      { module: 'iframe/fields-channel-schema.ts', schemas: ['fieldsChannelMessageSchema'] },
      { module: 'iframe/gateway/gateway-schemas.ts', schemas: ['stripeErrorAnswerSchema', 'gatewayIntentSchema'] },
    ],
  },
];

/** The keywords wire-schema.ts understands; anything else would be silently ignored there. */
const KNOWN_KEYWORDS = new Set([
  'type', 'properties', 'required', 'items', 'minItems', 'maxItems', 'const', 'enum',
  'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'anyOf', 'oneOf',
  'propertyNames', 'additionalProperties',
]);
const SUBSCHEMA_KEYWORDS = new Set(['items', 'propertyNames', 'additionalProperties']);
const SUBSCHEMA_LIST_KEYWORDS = new Set(['anyOf', 'oneOf']);

export function toWireSchema(schema: z.ZodMiniType, name: string): WireSchema {
  const jsonSchema = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'throw',
    override: ({ zodSchema }) => {
      // JSON Schema has no regex flags: a flagged pattern would change meaning on the way.
      for (const pattern of (zodSchema._zod.bag.patterns as Iterable<unknown> | undefined) ?? []) {
        if (pattern instanceof RegExp && pattern.flags !== '') throw new Error(`${name}: regex ${pattern} has flags`);
      }
    },
  }) as Record<string, unknown>;
  delete jsonSchema.$schema;
  const wireSchema = splitTypeLists(jsonSchema);
  assertKnownKeywords(wireSchema, name);
  return wireSchema as WireSchema;
}

/** `{"type": ["string", "null"], ...}` (zod's nullable) becomes an anyOf of single types, all the checker reads. */
function splitTypeLists(schema: unknown): Record<string, unknown> {
  if (Array.isArray(schema)) return schema.map(splitTypeLists) as never;
  if (typeof schema !== 'object' || schema === null) return schema as never;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'const' || key === 'enum' ? value : splitTypeLists(value)]));
  // A const or enum already fixes the type: the checker compares with ===, so `type` is dead weight.
  if (('const' in copy || 'enum' in copy) && typeof copy.type === 'string') delete copy.type;
  if (!Array.isArray(copy.type)) return copy;
  const { type: types, ...rest } = copy;
  return { anyOf: (types as string[]).map((type) => (type === 'null' ? { type } : { ...rest, type })) };
}

function assertKnownKeywords(schema: Record<string, unknown>, path: string): void {
  for (const [keyword, value] of Object.entries(schema)) {
    if (!KNOWN_KEYWORDS.has(keyword)) throw new Error(`${path}: JSON Schema keyword "${keyword}" is not supported by wire-schema.ts`);
    if (keyword === 'properties') {
      for (const [property, subschema] of Object.entries(value as Record<string, Record<string, unknown>>)) assertKnownKeywords(subschema, `${path}.${property}`);
    } else if (SUBSCHEMA_KEYWORDS.has(keyword)) {
      assertKnownKeywords(value as Record<string, unknown>, `${path}[]`);
    } else if (SUBSCHEMA_LIST_KEYWORDS.has(keyword)) {
      (value as Record<string, unknown>[]).forEach((subschema, index) => assertKnownKeywords(subschema, `${path}|${index}`));
    }
  }
}

export function parserName(schemaName: string): string {
  const base = schemaName.replace(/Schema$/, '');
  return `parse${base[0]!.toUpperCase()}${base.slice(1)}`;
}

/**
 * An object as objectSchema() builds it: exactly `type: 'object'`, `properties`, and `required`
 * holding the properties in their order minus the optional ones (no `required` when none is).
 */
function standardObject(schema: WireSchema): { properties: Readonly<Record<string, WireSchema>>; optional: string[] } | undefined {
  const { type, properties, required, ...rest } = schema;
  const keys = Object.keys(schema).join();
  if (type !== 'object' || !properties || Object.keys(rest).length || (keys !== 'type,properties' && keys !== 'type,properties,required')) return undefined;
  const names = Object.keys(properties);
  if (required && (required.length === 0 || required.join() !== names.filter((name) => required.includes(name)).join())) return undefined;
  return { properties, optional: names.filter((name) => !required?.includes(name)) };
}

/**
 * The source of an expression that builds `schema`: every standard object is a pure call of
 * objectSchema() (src/shared/wire-schema.ts), so the schema is not spelled out key by key, and one
 * no parser uses drops out of the bundle; everything else stays as JSON.
 */
export function wireSchemaSource(schema: WireSchema, indent = ''): string {
  const inner = `${indent}  `;
  const object = standardObject(schema);
  if (object) {
    const optional = object.optional.length ? `, ${JSON.stringify(object.optional)}` : '';
    return `/* @__PURE__ */ objectSchema(${propertiesSource(object.properties, indent)}${optional})`;
  }
  const entries = Object.entries(schema).map(([keyword, value]) => {
    let source: string;
    if (keyword === 'properties') source = propertiesSource(value as Record<string, WireSchema>, inner);
    else if (SUBSCHEMA_KEYWORDS.has(keyword)) source = wireSchemaSource(value as WireSchema, inner);
    else if (SUBSCHEMA_LIST_KEYWORDS.has(keyword)) source = `[\n${(value as WireSchema[]).map((item) => `${inner}  ${wireSchemaSource(item, `${inner}  `)}`).join(',\n')}\n${inner}]`;
    else source = JSON.stringify(value, null, 2).replaceAll('\n', `\n${inner}`);
    return `${inner}${JSON.stringify(keyword)}: ${source}`;
  });
  return entries.length ? `{\n${entries.join(',\n')}\n${indent}}` : '{}';
}

function propertiesSource(properties: Readonly<Record<string, WireSchema>>, indent: string): string {
  const inner = `${indent}  `;
  const entries = Object.entries(properties).map(([name, schema]) => `${inner}${JSON.stringify(name)}: ${wireSchemaSource(schema, inner)}`);
  return entries.length ? `{\n${entries.join(',\n')}\n${indent}}` : '{}';
}
