// Checks a merchant's field style against the allowlist (style-allowlist.ts) and keeps only what
// passes. Shared code: the merchant page runs it to warn early, the field frame runs it again
// before applying anything, because it never trusts the merchant page.
import {
  FIELD_STYLE_STATES,
  FORBIDDEN_VALUE_TOKENS,
  GLOBAL_KEYWORDS,
  MAX_STYLE_NAME_LENGTH,
  MAX_STYLE_PROPERTIES,
  MAX_STYLE_VALUE_LENGTH,
  STYLE_PROPERTIES,
  THEME_VARIABLE_PATTERNS,
  THEME_VARIABLES,
  type AllowedStylePropertyName,
  type FieldStyleState,
  type StyleValueKind,
  type ThemeVariableName,
} from './style-allowlist.ts';

/** CSS declarations for one state: `{ color: '#1a1f36', fontSize: '16px' }` (camelCase or CSS names). */
export type FieldStyleDeclarations = Readonly<Record<string, string | number>>;

/** Values for the theme variables, e.g. `{ colorText: '#1a1f36', fontFamily: 'Inter, sans-serif' }`. */
export type FieldThemeVariables = Readonly<Partial<Record<ThemeVariableName, string | number>>>;

/**
 * How the inputs inside the card frames look. Each state holds CSS declarations from the
 * allowlist; `variables` sets theme variables, which declarations may use as
 * `var(--payframe-color-text)` and so on.
 */
export interface PayframeFieldStyle {
  /** Always applies. */
  base?: FieldStyleDeclarations;
  /** The placeholder text (`::placeholder`). */
  placeholder?: FieldStyleDeclarations;
  /** While the input has keyboard focus. */
  focus?: FieldStyleDeclarations;
  /** Once the field holds a complete, valid value. */
  complete?: FieldStyleDeclarations;
  /** While the field shows an error. */
  invalid?: FieldStyleDeclarations;
  /** Theme variables; the frame's own defaults use them too. */
  variables?: FieldThemeVariables;
}

/** What survives sanitizing: CSS property names (kebab-case) and string values only. */
export type SanitizedFieldStyle = {
  [State in FieldStyleState]?: Partial<Record<AllowedStylePropertyName, string>>;
} & { variables?: Partial<Record<ThemeVariableName, string>> };

/** Why a part of a style was left out (style-explanations.ts words each one). */
export type StyleErrorCode =
  | 'style_not_an_object'
  | 'style_state_unknown'
  | 'style_property_not_allowed'
  | 'style_value_not_allowed'
  | 'style_variable_unknown'
  | 'style_too_long'
  | 'style_too_many_properties';

/** What a refusal adds to its code's text (style-explanations.ts words it). */
export type StyleRejectionHint = 'not_text' | 'empty' | 'control_character' | 'variable_as_property' | 'variables_not_object' | 'state_not_object';

/**
 * One part of a style that was left out, as the allowlist judged it: nothing of it is applied.
 * Codes, not words: the words are style-explanations.ts's, which a frame loads only when it has a
 * refusal to report (explainStyleRejection gives the merchant's StyleRejection).
 */
export interface JudgedStyleRejection {
  code: StyleErrorCode;
  /** Where, as the merchant wrote it: `base.backgroundImage`, `variables.colorText`, `hover`. */
  property: string;
  hint?: StyleRejectionHint;
  /** The value was not one the property (or this kind of variable) takes: style-explanations.ts says what it takes. */
  expected?: string;
  /** The value held this forbidden token: style-explanations.ts says why it is forbidden. */
  forbidden?: string;
}

/** One part of a style that was left out, with what to write instead. */
export interface StyleRejection {
  code: StyleErrorCode;
  /** Where, as the merchant wrote it: `base.backgroundImage`, `variables.colorText`, `hover`. */
  property: string;
  message: string;
}

export interface SanitizedStyleResult {
  style: SanitizedFieldStyle;
  rejections: StyleRejection[];
}

/** What the allowlist keeps of a style, and its refusals, not yet worded. */
export interface JudgedStyleResult {
  style: SanitizedFieldStyle;
  rejections: JudgedStyleRejection[];
}

const compile = (source: string) => new RegExp(`^(?:${source})$`, 'iu');
const GLOBAL_KEYWORD_PATTERN = compile(GLOBAL_KEYWORDS);
// Compiled on first use, not at load: a frame whose merchant sets no style never holds the
// allowlist's patterns in its heap (about 38 KB of the card frame's). Keyed by property, or by
// variable kind (variables of one kind share a pattern). No `g` flag, so reuse keeps no state.
const compiled = new Map<string, RegExp>();
const patternOf = (key: string, source: string) => compiled.get(key) ?? compiled.set(key, compile(source)).get(key)!;
const KNOWN_VARIABLE_CSS_NAMES = new Set<string>(Object.values(THEME_VARIABLES).map((variable) => variable.cssName));
// Anything after `var(` up to the next `)`, to name-check every reference exactly (case-sensitive).
const VARIABLE_REFERENCE = /var\(([^)]*)(\)?)/giu;
// Control characters (newlines included) have no place in a value and could confuse a parser.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** `fontSize` -> `font-size`; CSS names are matched case-insensitively (`Font-Size`, `COLOR`). */
function cssPropertyName(name: string): string {
  return /^[a-z]+(?:[A-Z][a-z]+)+$/.test(name) ? name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`) : name.toLowerCase();
}

/** A merchant-written name, shortened so a warning never echoes something huge. */
function shown(name: string): string {
  return name.length > MAX_STYLE_NAME_LENGTH ? `${name.slice(0, MAX_STYLE_NAME_LENGTH)}…` : name;
}

function rejection(code: StyleErrorCode, property: string, hint?: StyleRejectionHint, explain?: { expected: string } | { forbidden: string }): JudgedStyleRejection {
  return { code, property, ...(hint ? { hint } : {}), ...explain };
}

/**
 * The own enumerable entries of a plain object (an object literal or JSON), or undefined for
 * anything else. A proxy or getter that throws counts as unreadable, never as a crash.
 */
function readEntries(value: unknown): [string, unknown][] | undefined {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return undefined;
    const record = value as Record<string, unknown>;
    return Object.keys(record).map((key) => [key, record[key]]);
  } catch {
    return undefined;
  }
}

/** A property of each variable kind, to ask the browser whether a variable's value makes sense. */
const PROPERTY_OF_VARIABLE_KIND: Record<StyleValueKind, string> = {
  color: 'color',
  length: 'padding-left',
  signedLength: 'letter-spacing',
  fontFamily: 'font-family',
  fontWeight: 'font-weight',
  lengths: 'border-width',
  boxShadow: 'box-shadow',
};

/**
 * Whether the browser understands the declaration. The patterns decide what is safe; this only
 * turns a typo such as `color: bleu` into a warning instead of a silently ignored declaration.
 * Outside a browser (the SDK imported by a server) there is nothing to ask.
 */
function browserUnderstands(cssProperty: string, value: string): boolean {
  return typeof CSS === 'undefined' || CSS.supports(cssProperty, value);
}

/**
 * Checks one value: its type, length, forbidden tokens, `var()` names, the pattern, then
 * whether the browser understands it. Returns the value to apply, or why it was rejected.
 */
/** `expected`: the property, or the variable's kind, whose expected values the warning names (style-explanations.ts). */
function checkValue(raw: unknown, pattern: RegExp, expected: string, property: string, cssProperty: string, allowVariables: boolean): string | JudgedStyleRejection {
  if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
  if (typeof raw !== 'string') return rejection('style_value_not_allowed', property, 'not_text');
  if (raw.length > MAX_STYLE_VALUE_LENGTH) return rejection('style_too_long', property);
  const value = raw.trim();
  if (value === '') return rejection('style_value_not_allowed', property, 'empty');
  if (CONTROL_CHARACTER.test(value)) return rejection('style_value_not_allowed', property, 'control_character');
  const lowerCase = value.toLowerCase();
  const forbidden = FORBIDDEN_VALUE_TOKENS.find((token) => lowerCase.includes(token));
  if (forbidden) return rejection('style_value_not_allowed', property, undefined, { forbidden });
  for (const [, name = '', closed] of value.matchAll(VARIABLE_REFERENCE)) {
    if (!allowVariables || !closed || !KNOWN_VARIABLE_CSS_NAMES.has(name.trim())) return rejection('style_variable_unknown', property);
  }
  if (GLOBAL_KEYWORD_PATTERN.test(value)) return value;
  if (!pattern.test(value) || !browserUnderstands(cssProperty, value)) return rejection('style_value_not_allowed', property, undefined, { expected });
  return value;
}

/**
 * One state's declarations or the variables: an object of at most MAX_STYLE_PROPERTIES entries,
 * each kept under the name `check` gives it, or reported.
 */
function sanitizeEntries(
  group: FieldStyleState | 'variables',
  value: unknown,
  rejections: JudgedStyleRejection[],
  notAnObject: StyleRejectionHint,
  check: (name: string, raw: unknown, property: string) => [string, string] | JudgedStyleRejection,
): Record<string, string> | undefined {
  const entries = readEntries(value);
  if (!entries) {
    rejections.push(rejection('style_not_an_object', group, notAnObject));
    return undefined;
  }
  if (entries.length > MAX_STYLE_PROPERTIES) {
    rejections.push(rejection('style_too_many_properties', group));
    return undefined;
  }
  const sanitized: Record<string, string> = {};
  for (const [name, raw] of entries) {
    const result = check(name, raw, `${group}.${shown(name)}`);
    if (Array.isArray(result)) sanitized[result[0]] = result[1];
    else rejections.push(result);
  }
  return sanitized;
}

/** A declaration: an allowed property, by its CSS name, with a value its pattern accepts. */
function checkDeclaration(name: string, raw: unknown, property: string): [string, string] | JudgedStyleRejection {
  const cssName = cssPropertyName(name);
  if (!Object.hasOwn(STYLE_PROPERTIES, cssName)) {
    return rejection('style_property_not_allowed', property, cssName.startsWith('--') ? 'variable_as_property' : undefined);
  }
  const { pattern } = STYLE_PROPERTIES[cssName as AllowedStylePropertyName];
  const result = checkValue(raw, patternOf(`property ${cssName}`, pattern), cssName, property, cssName, true);
  return typeof result === 'string' ? [cssName, result] : result;
}

/** A theme variable: a known one, holding a literal of its kind (no var() inside, so variables cannot chain or loop). */
function checkVariable(name: string, raw: unknown, property: string): [string, string] | JudgedStyleRejection {
  if (!Object.hasOwn(THEME_VARIABLES, name)) return rejection('style_variable_unknown', property);
  const { kind } = THEME_VARIABLES[name as ThemeVariableName];
  const result = checkValue(raw, patternOf(`variable ${kind}`, THEME_VARIABLE_PATTERNS[kind]), kind, property, PROPERTY_OF_VARIABLE_KIND[kind], false);
  return typeof result === 'string' ? [name, result] : result;
}

/**
 * Keeps every part of `style` the allowlist accepts and reports each part it drops. Never
 * throws and never repairs: a rejected declaration is left out whole, the rest still applies.
 * `undefined` and `null` mean "no style". A rejection's message says what to write instead once
 * explained (explainStyleRejection in style-explanations.ts; style-check.ts does both).
 */
export function judgeFieldStyle(style: unknown): JudgedStyleResult {
  const rejections: JudgedStyleRejection[] = [];
  const sanitized: SanitizedFieldStyle = {};
  if (style === undefined || style === null) return { style: sanitized, rejections };
  const entries = readEntries(style);
  if (!entries) return { style: sanitized, rejections: [rejection('style_not_an_object', 'style')] };
  for (const [key, value] of entries) {
    if (key === 'variables') {
      const variables = sanitizeEntries(key, value, rejections, 'variables_not_object', checkVariable);
      if (variables) sanitized.variables = variables;
    } else if ((FIELD_STYLE_STATES as readonly string[]).includes(key)) {
      const state = key as FieldStyleState;
      const declarations = sanitizeEntries(state, value, rejections, 'state_not_object', checkDeclaration);
      if (declarations) sanitized[state] = declarations;
    } else {
      rejections.push(rejection('style_state_unknown', shown(key)));
    }
  }
  return { style: sanitized, rejections };
}

/**
 * Layers `over` on top of `under`, state by state and property by property: a split field's own
 * style refines its group's. Both must already be sanitized.
 */
export function mergeFieldStyles(under: SanitizedFieldStyle | undefined, over: SanitizedFieldStyle | undefined): SanitizedFieldStyle {
  const merged: SanitizedFieldStyle = {};
  for (const key of [...FIELD_STYLE_STATES, 'variables'] as const) {
    const layers = [under?.[key], over?.[key]].filter((layer) => layer !== undefined);
    if (layers.length) Object.assign(merged, { [key]: Object.assign({}, ...layers) });
  }
  return merged;
}

/** The console line a merchant sees for one rejection: code and property first, for grepping. */
export function describeStyleRejection(source: string, rejection: StyleRejection): string {
  return `[payframe] ${source}: ${rejection.code} at ${rejection.property}; left out. ${rejection.message}`;
}
