// Turns the protocol's zod schemas into the JSON Schema the bundles check messages with
// (src/shared/wire-schema.ts), so the zod definitions stay the one source of truth while zod's
// runtime stays out of the merchant script and the frames.
//   node --import tsx scripts/generate-wire-schemas.ts           writes the generated files
//   node --import tsx scripts/generate-wire-schemas.ts --check   exits 1 if they are stale
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import type { WireSchema } from '../src/shared/wire-schema.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface SchemaSource {
  /** Path from the repository root. */
  module: string;
  /** Exported zod schemas, each becoming `parse<Name>` (without the `Schema` suffix). */
  schemas: string[];
}

const TARGETS: { out: string; sources: SchemaSource[] }[] = [
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
      for (const pattern of zodSchema._zod.bag.patterns ?? []) {
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

async function render(target: (typeof TARGETS)[number]): Promise<string> {
  const outDir = dirname(join(root, target.out));
  const lines = [
    '// Generated by scripts/generate-wire-schemas.ts from the zod schemas it names; do not edit.',
    '// `npm run build` writes it again; `npm test` fails when it is stale.',
    "import type * as z from 'zod/mini';",
  ];
  const parsers: string[] = [];
  for (const source of target.sources) {
    const specifier = `./${relative(outDir, join(root, source.module))}`;
    lines.push(`import type { ${source.schemas.join(', ')} } from '${specifier}';`);
    const module = (await import(join(root, source.module))) as Record<string, z.ZodMiniType>;
    for (const schemaName of source.schemas) {
      const schema = module[schemaName];
      if (!schema) throw new Error(`${source.module} does not export ${schemaName}`);
      const json = JSON.stringify(toWireSchema(schema, schemaName), null, 2);
      parsers.push(
        `\n/** ${schemaName} (${source.module}) */\nexport const ${parserName(schemaName)} = /* @__PURE__ */ wireParser<z.output<typeof ${schemaName}>>(${json});`,
      );
    }
  }
  const wireSchemaModule = `./${relative(outDir, join(root, 'src/shared/wire-schema.ts'))}`;
  lines.push(`import { wireParser } from '${wireSchemaModule}';`, ...parsers, '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const target of TARGETS) {
    const path = join(root, target.out);
    const wanted = await render(target);
    const current = await readFile(path, 'utf8').catch(() => '');
    if (current === wanted) continue;
    if (check) {
      console.error(`${target.out} is stale: run \`npm run schemas\` and commit it.`);
      stale = true;
    } else {
      await writeFile(path, wanted);
      console.log(`wrote ${target.out}`);
    }
  }
  if (stale) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
