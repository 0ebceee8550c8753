// The runtime check of every message that crosses a realm boundary, in both realms. The zod
// schemas (protocol.ts and friends) stay the single source of truth; the build turns them into the
// compact schemas below (scripts/generate-wire-schemas.ts) and this small checker enforces them.
// Why not zod itself at runtime: its core weighs ~7 KB gzip, more than half of a frame's byte
// budget. test/unit/wire-schema.test.ts proves checker and zod accept and reject the same input.

/**
 * A wire schema, written as the shape it accepts, so the generated files stay short and readable:
 * - `'ready'`, `1`, `true`, `null`, `undefined`: exactly that value (zod's literal);
 * - `[a, b, c]`: the first of these schemas that matches (zod's enum and union; zod's boolean is
 *   `[true, false]`, its nullable `[schema, null]`, its optional `[undefined, schema]`);
 * - `/^re$/`: a string matching it;
 * - `{ name: schema }`: an object with these properties, in this order, each checked as undefined
 *   when missing (so only an optional one may be). Any other key is dropped, as zod's objects do;
 * - a function: the value it returns, or it throws (the helpers below: `text`, `number`, `list`, `record`).
 */
export type WireSchema = string | number | boolean | null | undefined | RegExp | WireCheck | readonly WireSchema[] | { readonly [property: string]: WireSchema };

/** Returns the parsed value, or throws (INVALID, from the helpers) when the value does not match. */
type WireCheck = (value: unknown) => unknown;

/** Reads untrusted data as `T`, or `undefined` when it does not match. */
export type WireParser<T> = (data: unknown) => T | undefined;

/** Thrown by a check that fails, so every level of a schema need not test and pass it up. */
const INVALID: unique symbol = Symbol('invalid');

function invalid(): never {
  throw INVALID;
}

/**
 * Runs `check`, INVALID when it throws. Anything thrown refuses the value, not only INVALID: a
 * hostile getter or proxy (none survives postMessage's cloning) is dropped, never thrown.
 */
function attempt(check: () => unknown): unknown {
  try {
    return check();
  } catch {
    return INVALID;
  }
}

/**
 * Like zod's parse: the result is a fresh copy holding only the declared properties, so nothing
 * the sender added (extra keys, getters on a prototype) reaches the code that reads it.
 */
export function wireParser<T>(schema: WireSchema): WireParser<T> {
  return (data) => {
    const parsed = attempt(() => checkValue(schema, data));
    return parsed === INVALID ? undefined : (parsed as T);
  };
}

function checkValue(schema: WireSchema, value: unknown): unknown {
  if (typeof schema === 'function') return schema(value);
  if (Array.isArray(schema)) {
    // Unions are tried in order and the first match wins, as zod does.
    for (const alternative of schema as readonly WireSchema[]) {
      const parsed = attempt(() => checkValue(alternative, value));
      if (parsed !== INVALID) return parsed;
    }
    return invalid();
  }
  if (schema instanceof RegExp) return text(Infinity, schema)(value);
  if (schema === null || typeof schema !== 'object') return value === schema ? value : invalid();
  const object = isObject(value) ? value : invalid();
  const parsed: [string, unknown][] = [];
  for (const [key, propertySchema] of Object.entries(schema as Record<string, WireSchema>)) {
    // A missing property reads as undefined, which only an optional one's schema accepts.
    const propertyValue = checkValue(propertySchema, Object.hasOwn(object, key) ? object[key] : undefined);
    if (propertyValue !== undefined) parsed.push([key, propertyValue]);
  }
  // Defined, not assigned: a key such as `__proto__` becomes a plain own property.
  return Object.fromEntries(parsed);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string of at most `maxLength` UTF-16 units (zod's maxLength), matching `pattern` when given. */
export function text(maxLength = Infinity, pattern?: RegExp): WireCheck {
  return (value) => (typeof value === 'string' && value.length <= maxLength && (!pattern || pattern.test(value)) ? value : invalid());
}

/** A finite number within the bounds, a whole one when `integer` (zod's number, int, gte, lte). */
export function number(minimum = -Infinity, maximum = Infinity, integer?: boolean): WireCheck {
  return (value) =>
    // A whole number is a finite one too.
    typeof value === 'number' && (integer ? Number.isInteger : Number.isFinite)(value) && value >= minimum && value <= maximum ? value : invalid();
}

/** An array of at most `maxItems` items, each one `items`: a fresh array of the parsed items (holes read as undefined). */
export function list(items: WireSchema, maxItems = Infinity): WireCheck {
  return (value) => (Array.isArray(value) && value.length <= maxItems ? Array.from(value, (item) => checkValue(items, item)) : invalid());
}

/** An object whose every own key matches `keys` and every value `values` (zod's record). */
export function record(keys: WireSchema, values: WireSchema): WireCheck {
  return (value) =>
    isObject(value) ? Object.fromEntries(Object.keys(value).map((key) => [checkValue(keys, key), checkValue(values, value[key])])) : invalid();
}
