// What scripts/generate-wire-schemas.ts writes, without its file handling, so the unit tests can run
// it in the browser too: which zod schemas become wire schemas, zod's JSON Schema of each (toJsonSchema),
// and the source of the compact schema (src/shared/wire-schema.ts) that checks exactly the same.
import * as z from 'zod/mini';

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

/** Modules whose exported schemas are named in the generated files where they are used twice or more. */
export const NAMING_MODULES = ['src/shared/protocol.ts', 'iframe/fields-channel-schema.ts', 'iframe/gateway/gateway-schemas.ts'];

/**
 * Constants the bundles carry anyway: an enum of exactly their values is written as the constant,
 * not spelled out a second time. Modules without zod only, so the bundles stay without it.
 */
export const ENUM_CONSTANTS: { module: string; names: string[] }[] = [
  { module: 'src/shared/protocol-constants.ts', names: ['FIELD_KINDS', 'PAYMENT_INTENT_STATUSES', 'PAYMENT_METHOD_TYPES'] },
  { module: 'src/shared/errors.ts', names: ['FIELD_ERROR_CODES'] },
];

export type JsonSchema = { [keyword: string]: unknown };

/** Names each exported zod schema of the modules by its export name without `Schema`, for $ref. */
export function namingRegistry(modules: Record<string, unknown>[]): z.core.$ZodRegistry<{ id: string }> {
  const registry = z.registry<{ id: string }>();
  const named = new Map<string, unknown>();
  for (const module of modules) {
    for (const [exportName, value] of Object.entries(module)) {
      if (!exportName.endsWith('Schema') || typeof value !== 'object' || value === null || !('_zod' in value)) continue;
      const id = exportName.slice(0, -'Schema'.length);
      if (named.get(id) === value) continue;
      if (named.has(id)) throw new Error(`two exported schemas are named ${exportName}`);
      named.set(id, value);
      registry.add(value as z.ZodMiniType, { id });
    }
  }
  return registry;
}

/**
 * zod's JSON Schema of `schema` (its input side: what a sender may put on the wire), with every
 * schema the registry names as a `$ref` into `$defs`, the root one included.
 */
export function toJsonSchema(schema: z.ZodMiniType, name: string, registry?: z.core.$ZodRegistry<{ id: string }>): JsonSchema {
  const jsonSchema = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'throw',
    ...(registry ? { metadata: registry } : {}),
    override: ({ zodSchema }) => {
      // JSON Schema has no regex flags: a flagged pattern would change meaning on the way.
      // (The patterns are read from the checks: zod fills `_zod.bag` only when it parses.)
      const def = zodSchema._zod.def as { pattern?: unknown; checks?: { _zod: { def: { check: string; pattern?: unknown } } }[] };
      // A refinement is code JSON Schema leaves out: the checker would accept what zod refuses.
      if (def.checks?.some((check) => check._zod.def.check === 'custom')) throw new Error(`${name}: a refinement cannot be generated`);
      for (const pattern of [def.pattern, ...(def.checks ?? []).map((check) => check._zod.def.pattern)]) {
        if (pattern instanceof RegExp && pattern.flags !== '') throw new Error(`${name}: regex ${pattern} has flags`);
      }
    },
  }) as JsonSchema;
  delete jsonSchema.$schema;
  return jsonSchema;
}

export function parserName(schemaName: string): string {
  const base = schemaName.replace(/Schema$/, '');
  return `parse${base[0]!.toUpperCase()}${base.slice(1)}`;
}

/** Marks a call the bundler may drop when its result is unused, so a parser no bundle imports drops out. */
const PURE = '/* @__PURE__ */ ';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const LINE_WIDTH = 120;

/** A JSON Schema node turned into compact source: one line, or its parts for several. */
type Node = { line: string; open?: string; parts?: Node[]; close?: string };

/**
 * Writes JSON Schema as the compact form of src/shared/wire-schema.ts, node by node, refusing
 * any keyword or combination the compact form would not check exactly as zod does. `name(ref)`
 * says how a `$ref` is written: the name of a hoisted const, or undefined to inline its schema.
 */
export class CompactWriter {
  /** The helpers the written sources use: wire-schema.ts's (to import) and the file's own `boolean` and `anything`. */
  readonly helpers = new Set<string>();
  /** The ENUM_CONSTANTS the written sources use, by module. */
  readonly constants = new Map<string, Set<string>>();

  constructor(
    private readonly defs: Record<string, JsonSchema>,
    private readonly name: (ref: string) => string | undefined,
    /** ENUM_CONSTANTS with their values. */
    private readonly enumConstants: { module: string; name: string; values: readonly unknown[] }[] = [],
  ) {}

  source(schema: JsonSchema, indent = ''): string {
    return render(this.node(schema, '#'), indent);
  }

  private node(schema: JsonSchema, path: string): Node {
    const { $ref, anyOf, oneOf, type, const: constValue, enum: enumValues, properties, required, propertyNames, additionalProperties, items, maxItems, pattern, maxLength, minimum, maximum, ...rest } = schema;
    const refuse = (why: string): never => {
      throw new Error(`${path}: ${why} (${JSON.stringify(schema).slice(0, 200)})`);
    };
    const only = (...keywords: string[]) => {
      const extra = Object.keys(schema).filter((keyword) => !keywords.includes(keyword));
      if (extra.length) refuse(`the compact form has no place for ${extra.join(', ')} here`);
    };
    if (Object.keys(rest).length) refuse(`keyword ${Object.keys(rest).join(', ')} is not supported by wire-schema.ts`);
    if ($ref !== undefined) {
      only('$ref');
      const ref = String($ref).replace(/^#\/\$defs\//, '');
      const def = this.defs[ref] ?? refuse(`no $defs entry for ${String($ref)}`);
      return leaf(this.name(ref)) ?? this.node(def, `#${ref}`);
    }
    if (anyOf !== undefined || oneOf !== undefined) {
      only(anyOf === undefined ? 'oneOf' : 'anyOf');
      return list('[', ((anyOf ?? oneOf) as JsonSchema[]).map((alternative, index) => this.node(alternative, `${path}|${index}`)), ']');
    }
    if (Array.isArray(type)) {
      // zod's nullable: `{"type": ["string", "null"], ...}`, the other keywords being the string's.
      const { type: _, ...common } = schema;
      return list('[', (type as string[]).map((single) => this.node(single === 'null' ? { type: single } : { ...common, type: single }, `${path}:${single}`)), ']');
    }
    if (constValue !== undefined) {
      only('const', 'type');
      if (type !== undefined && !hasType(constValue, type)) refuse('a const of another type');
      return literal(constValue, refuse);
    }
    if (enumValues !== undefined) {
      only('enum', 'type');
      if (type !== undefined && !(enumValues as unknown[]).every((value) => hasType(value, type))) refuse('an enum value of another type');
      const constant = this.enumConstants.find(({ values }) => JSON.stringify(values) === JSON.stringify(enumValues));
      if (constant) {
        this.constants.set(constant.module, (this.constants.get(constant.module) ?? new Set()).add(constant.name));
        return { line: constant.name };
      }
      return list('[', (enumValues as unknown[]).map((value) => literal(value, refuse)), ']');
    }
    switch (type) {
      case undefined:
        only();
        this.helpers.add('anything');
        return { line: 'anything' };
      case 'string': {
        only('type', 'pattern', 'maxLength');
        const regex = pattern === undefined ? undefined : regexLiteral(pattern, refuse);
        if (regex && maxLength === undefined) return { line: regex };
        this.helpers.add('text');
        if (maxLength === undefined) return { line: `${PURE}text()` };
        return { line: `${PURE}text(${number(maxLength, refuse)}${regex ? `, ${regex}` : ''})` };
      }
      case 'number':
      case 'integer': {
        only('type', 'minimum', 'maximum');
        this.helpers.add('number');
        const bounds = [minimum === undefined ? '-Infinity' : number(minimum, refuse), maximum === undefined ? 'Infinity' : number(maximum, refuse)];
        if (type === 'integer') return { line: `${PURE}number(${bounds.join(', ')}, true)` };
        return { line: `${PURE}${maximum !== undefined ? `number(${bounds.join(', ')})` : minimum !== undefined ? `number(${bounds[0]})` : 'number()'}` };
      }
      case 'boolean':
        only('type');
        this.helpers.add('boolean');
        return { line: 'boolean' };
      case 'null':
        only('type');
        return { line: 'null' };
      case 'array': {
        only('type', 'items', 'maxItems');
        this.helpers.add('list');
        const itemNode = this.node((items as JsonSchema | undefined) ?? {}, `${path}[]`);
        return maxItems === undefined ? list(`${PURE}list(`, [itemNode], ')') : list(`${PURE}list(`, [itemNode, { line: number(maxItems, refuse) }], ')');
      }
      case 'object': {
        if (properties === undefined && additionalProperties !== undefined) {
          // zod's record: every own key and value checked, none dropped.
          only('type', 'propertyNames', 'additionalProperties');
          if (typeof additionalProperties !== 'object' || additionalProperties === null) refuse('additionalProperties must be a schema');
          this.helpers.add('record');
          const keys = this.node((propertyNames as JsonSchema | undefined) ?? {}, `${path}{key}`);
          return list(`${PURE}record(`, [keys, this.node(additionalProperties as JsonSchema, `${path}{value}`)], ')');
        }
        only('type', 'properties', 'required');
        const names = Object.keys((properties as JsonSchema | undefined) ?? {});
        const requiredNames = (required as string[] | undefined) ?? [];
        if (requiredNames.some((requiredName) => !names.includes(requiredName))) refuse('a required property that is not declared');
        return list(
          '{',
          Object.entries((properties as Record<string, JsonSchema>) ?? {}).map(([property, propertySchema]) => {
            if (property === '__proto__') refuse('a property named __proto__ would set the literal\'s prototype');
            const value = this.node(propertySchema, `${path}.${property}`);
            const name = IDENTIFIER.test(property) ? property : JSON.stringify(property);
            let checked = value;
            if (!requiredNames.includes(property)) {
              // Optional: undefined (what a missing property reads as) or the schema, flat when a union.
              checked = value.line === 'anything' ? value : value.open === '[' ? list('[', [{ line: 'undefined' }, ...value.parts!], ']') : list('[', [{ line: 'undefined' }, value], ']');
            } else if (value.line === 'anything') refuse(`required property ${property} may be anything: a missing one would pass`);
            return { ...checked, line: `${name}: ${checked.line}`, open: checked.open && `${name}: ${checked.open}` };
          }),
          '}',
        );
      }
      default:
        return refuse(`type ${String(type)}`);
    }
  }
}

/** Whether `value` is of the JSON Schema type: a const's or enum's type says nothing more then. */
function hasType(value: unknown, type: unknown): boolean {
  if (value === null) return type === 'null';
  if (type === 'integer') return Number.isInteger(value);
  return typeof value === type;
}

function literal(value: unknown, refuse: (why: string) => never): Node {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return { line: JSON.stringify(value) };
  return refuse(`const ${JSON.stringify(value)} is not a primitive`);
}

function number(value: unknown, refuse: (why: string) => never): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : refuse(`${String(value)} is not a finite number`);
}

/** The regex literal that means `new RegExp(pattern)`, what JSON Schema's pattern means. */
function regexLiteral(pattern: unknown, refuse: (why: string) => never): string {
  if (typeof pattern !== 'string') return refuse('pattern is not a string');
  const source = String(new RegExp(pattern));
  if (new RegExp(pattern).source !== source.slice(1, -1)) refuse(`pattern ${pattern} has no literal form`);
  return source;
}

function leaf(line: string | undefined): Node | undefined {
  return line === undefined ? undefined : { line };
}

function list(open: string, parts: Node[], close: string): Node {
  const inner = parts.map((part) => part.line).join(', ');
  const line = open === '{' ? (inner ? `{ ${inner} }` : '{}') : `${open}${inner}${close}`;
  return { line, open, parts, close };
}

function render(node: Node, indent: string): string {
  if (!node.parts || indent.length + node.line.length <= LINE_WIDTH) return node.line;
  const inner = `${indent}  `;
  return `${node.open}\n${node.parts.map((part) => `${inner}${render(part, inner)}`).join(',\n')},\n${indent}${node.close}`;
}

/** What wire-schema.ts exports for the generated files: a hoisted schema may not take one of these names. */
const HELPERS = ['text', 'number', 'list', 'record'];
/** Names the generated files define themselves. */
const LOCAL_NAMES = ['boolean', 'anything', 'wireParser', 'z'];

/**
 * The generated file of a target: each parser's schema in compact form; a schema of the naming
 * modules used twice or more in the file is a const of its own, written before its first use.
 * `modules` holds every module of NAMING_MODULES and ENUM_CONSTANTS, loaded; `specifierOf` gives an
 * import specifier from the generated file to a module path.
 */
export function renderTarget(
  target: (typeof TARGETS)[number],
  modules: Record<string, Record<string, unknown>>,
  specifierOf: (module: string) => string,
): string {
  const registry = namingRegistry(NAMING_MODULES.map((module) => modules[module] ?? {}));
  const defs: Record<string, JsonSchema> = {};
  const parsers: { schemaName: string; module: string; root: JsonSchema }[] = [];
  for (const source of target.sources) {
    for (const schemaName of source.schemas) {
      const schema = modules[source.module]?.[schemaName] as z.ZodMiniType | undefined;
      if (!schema) throw new Error(`${source.module} does not export ${schemaName}`);
      const { $defs = {}, ...root } = toJsonSchema(schema, schemaName, registry) as JsonSchema & { $defs?: Record<string, JsonSchema> };
      for (const [id, def] of Object.entries($defs)) {
        if (id in defs && JSON.stringify(defs[id]) !== JSON.stringify(def)) throw new Error(`$defs ${id} differs between two schemas`);
        defs[id] = def;
      }
      parsers.push({ schemaName, module: source.module, root });
    }
  }
  // Each def is written once, inline or as a const: hoist those referred to more than once.
  const uses = new Map<string, number>();
  for (const schema of [...Object.values(defs), ...parsers.map((parser) => parser.root)]) {
    for (const ref of refsOf(schema)) uses.set(ref, (uses.get(ref) ?? 0) + 1);
  }
  const hoisted = new Set([...uses].filter(([, count]) => count > 1).map(([id]) => id));
  for (const id of hoisted) if (HELPERS.includes(id) || LOCAL_NAMES.includes(id)) throw new Error(`a schema named ${id}Schema would shadow a helper`);
  const enumConstants = ENUM_CONSTANTS.flatMap(({ module, names }) =>
    names.map((name) => {
      const values = modules[module]?.[name];
      if (!Array.isArray(values)) throw new Error(`${module} does not export the array ${name}`);
      return { module, name, values };
    }),
  );
  const writer = new CompactWriter(defs, (id) => (hoisted.has(id) ? id : undefined), enumConstants);

  const consts: string[] = [];
  const written = new Set<string>();
  const writeConst = (id: string): void => {
    if (written.has(id)) return;
    written.add(id);
    // Dependencies first: a const may only use consts above it.
    writeConstsIn(defs[id]!);
    consts.push(`\n/** ${id}Schema */\nconst ${id}: WireSchema = ${writer.source(defs[id]!)};`);
  };
  /** Writes the consts `schema` uses, through the defs written inline in it. */
  const writeConstsIn = (schema: JsonSchema): void => {
    for (const ref of refsOf(schema)) {
      if (hoisted.has(ref)) writeConst(ref);
      else writeConstsIn(defs[ref]!);
    }
  };
  const exports = parsers.map(({ schemaName, module, root }) => {
    writeConstsIn(root);
    const schemaSource = writer.source(root);
    return `\n/** ${schemaName} (${module}) */\nexport const ${parserName(schemaName)} = ${PURE}wireParser<z.output<typeof ${schemaName}>>(${schemaSource});`;
  });
  // zod's boolean and unknown, written once per file.
  if (writer.helpers.has('boolean')) consts.unshift('\n/** zod\'s boolean */\nconst boolean: WireSchema = [true, false];');
  if (writer.helpers.has('anything')) consts.unshift('\n/** zod\'s unknown: any value, undefined too, passed on as it came */\nconst anything: WireSchema = (value: unknown) => value;');
  const body = [...consts, ...exports].join('\n');
  const helpers = HELPERS.filter((helper) => writer.helpers.has(helper));

  const lines = [
    '// Generated by scripts/generate-wire-schemas.ts from the zod schemas it names; do not edit.',
    '// `npm run build` writes it again; `npm test` fails when it is stale. The compact form is',
    '// explained in src/shared/wire-schema.ts.',
    "import type * as z from 'zod/mini';",
  ];
  for (const source of target.sources) lines.push(`import type { ${source.schemas.join(', ')} } from '${specifierOf(source.module)}';`);
  for (const [module, names] of writer.constants) lines.push(`import { ${[...names].sort().join(', ')} } from '${specifierOf(module)}';`);
  lines.push(`import { ${[...helpers, 'wireParser', 'type WireSchema'].join(', ')} } from '${specifierOf('src/shared/wire-schema.ts')}';`);
  return `${[...lines, body].join('\n')}\n`;
}

function refName(ref: unknown): string {
  return String(ref).replace(/^#\/\$defs\//, '');
}

/** The $defs a schema refers to directly (not through other defs), once per reference, in order. */
function refsOf(schema: JsonSchema): string[] {
  const { $ref, anyOf, oneOf, properties, items, additionalProperties, propertyNames } = schema;
  const subschemas = [
    ...((anyOf ?? oneOf ?? []) as JsonSchema[]),
    ...Object.values((properties ?? {}) as Record<string, JsonSchema>),
    ...([items, additionalProperties, propertyNames].filter((subschema) => typeof subschema === 'object' && subschema !== null) as JsonSchema[]),
  ];
  return [...($ref === undefined ? [] : [refName($ref)]), ...subschemas.flatMap(refsOf)];
}
