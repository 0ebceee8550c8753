// The runtime check of every message that crosses a realm boundary, in both realms. The zod
// schemas (protocol.ts and friends) stay the single source of truth; the build turns them into
// JSON Schema (scripts/generate-wire-schemas.ts) and this small checker enforces that subset.
// Why not zod itself at runtime: its core weighs ~7 KB gzip, more than half of a frame's byte
// budget. test/unit/wire-schema.test.ts proves checker and zod accept and reject the same input.

/** The JSON Schema keywords the generator may emit; it refuses a schema that needs any other. */
export interface WireSchema {
  type?: 'object' | 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'null';
  properties?: Readonly<Record<string, WireSchema>>;
  required?: readonly string[];
  /** A record's keys (z.record): every own key not in `properties` must match. */
  propertyNames?: WireSchema;
  /** A record's values: without it, keys not in `properties` are dropped, as zod's objects do. */
  additionalProperties?: WireSchema;
  items?: WireSchema;
  minItems?: number;
  maxItems?: number;
  const?: unknown;
  enum?: readonly unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  anyOf?: readonly WireSchema[];
  oneOf?: readonly WireSchema[];
}

/**
 * The JSON Schema of an object, as zod writes it: `properties`, then `required` listing every
 * property but the optional ones, in order (left out when none is required). The generated schemas
 * are spelled with it; test/unit/wire-schema.test.ts proves they equal zod's key for key.
 */
export function objectSchema(properties: Readonly<Record<string, WireSchema>>, optional?: readonly string[]): WireSchema {
  const required = Object.keys(properties).filter((key) => !optional?.includes(key));
  return required.length ? { type: 'object', properties, required } : { type: 'object', properties };
}

/** Reads untrusted data as `T`, or `undefined` when it does not match. */
export type WireParser<T> = (data: unknown) => T | undefined;

const INVALID: unique symbol = Symbol('invalid');

/**
 * Like zod's parse: the result is a fresh copy holding only the declared properties, so nothing
 * the sender added (extra keys, getters on a prototype) reaches the code that reads it.
 */
export function wireParser<T>(schema: WireSchema): WireParser<T> {
  return (data) => {
    const parsed = checkValue(schema, data);
    return parsed === INVALID ? undefined : (parsed as T);
  };
}

function checkValue(schema: WireSchema, value: unknown): unknown {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    // Unions are tried in order and the first match wins, as zod does.
    for (const alternative of alternatives) {
      const parsed = checkValue(alternative, value);
      if (parsed !== INVALID) return parsed;
    }
    return INVALID;
  }
  if ('const' in schema && value !== schema.const) return INVALID;
  if (schema.enum && !schema.enum.includes(value)) return INVALID;
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' &&
        inRange(value.length, schema.minLength, schema.maxLength) &&
        (schema.pattern === undefined || new RegExp(schema.pattern).test(value))
        ? value
        : INVALID;
    case 'number':
    case 'integer':
      return typeof value === 'number' &&
        Number.isFinite(value) &&
        (schema.type === 'number' || Number.isInteger(value)) &&
        inRange(value, schema.minimum, schema.maximum)
        ? value
        : INVALID;
    case 'boolean':
      return typeof value === 'boolean' ? value : INVALID;
    case 'null':
      return value === null ? value : INVALID;
    case 'array':
      return Array.isArray(value) && inRange(value.length, schema.minItems, schema.maxItems)
        ? checkItems(schema.items ?? {}, value)
        : INVALID;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? checkProperties(schema, value as Record<string, unknown>)
        : INVALID;
    default:
      // `{}`: any value (z.unknown()), passed on as it came.
      return value;
  }
}

function inRange(size: number, min = -Infinity, max = Infinity): boolean {
  return size >= min && size <= max;
}

function checkItems(schema: WireSchema, items: unknown[]): unknown {
  const parsed: unknown[] = [];
  for (const item of items) {
    const parsedItem = checkValue(schema, item);
    if (parsedItem === INVALID) return INVALID;
    parsed.push(parsedItem);
  }
  return parsed;
}

function checkProperties(schema: WireSchema, object: Record<string, unknown>): unknown {
  const parsed: [string, unknown][] = [];
  for (const [key, propertySchema] of Object.entries(schema.properties ?? {})) {
    const value = Object.hasOwn(object, key) ? object[key] : undefined;
    if (value === undefined) {
      if (schema.required?.includes(key)) return INVALID;
      continue;
    }
    const parsedValue = checkValue(propertySchema, value);
    if (parsedValue === INVALID) return INVALID;
    parsed.push([key, parsedValue]);
  }
  const { additionalProperties, propertyNames = {} } = schema;
  if (additionalProperties) {
    for (const key of Object.keys(object)) {
      if (schema.properties && Object.hasOwn(schema.properties, key)) continue;
      const parsedValue = checkValue(additionalProperties, object[key]);
      if (checkValue(propertyNames, key) === INVALID || parsedValue === INVALID) return INVALID;
      parsed.push([key, parsedValue]);
    }
  }
  // Defined, not assigned: a key such as `__proto__` becomes a plain own property.
  return Object.fromEntries(parsed);
}
