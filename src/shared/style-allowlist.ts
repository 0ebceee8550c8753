// The one table of what merchant styling may say inside a field frame (ARCHITECTURE.md,
// invariant 3): states, CSS properties with a strict value pattern each, theme variables, limits.
// Shared data: the merchant page and the field frame both check styles against it. Review as data.

// ---- Limits (in style-limits.ts, so the wire schemas can use them without this table) ----

export { MAX_STYLE_NAME_LENGTH, MAX_STYLE_PROPERTIES, MAX_STYLE_VALUE_LENGTH } from './style-limits.ts';

// ---- States: which element state a group of declarations styles ----

/** In cascade order: a later state wins over an earlier one where both match. */
export const FIELD_STYLE_STATES = ['base', 'placeholder', 'focus', 'complete', 'invalid'] as const;
export type FieldStyleState = (typeof FIELD_STYLE_STATES)[number];

// ---- Value building blocks (regular expression sources, matched whole and case-insensitively) ----

/** A number with at most 3 integer and 4 decimal digits: a sane bound without parsing. */
const NUMBER = String.raw`(?:\d{1,3}(?:\.\d{1,4})?|\.\d{1,4})`;
const SIGNED_NUMBER = String.raw`[+-]?${NUMBER}`;
const LENGTH_UNIT = '(?:px|em|rem|%)';
/** Non-negative lengths (padding, font-size): `0`, `12px`, `1.5em`, `100%`. */
const LENGTH = `(?:0|${NUMBER}${LENGTH_UNIT})`;
/** Lengths that may be negative (letter-spacing, shadow offsets). */
const SIGNED_LENGTH = `(?:[+-]?0|${SIGNED_NUMBER}${LENGTH_UNIT})`;
const PERCENTAGE = `${NUMBER}%`;
const ANGLE = `${SIGNED_NUMBER}(?:deg|turn|rad|grad)?`;
const ALPHA = `(?:${NUMBER}%?)`;

/**
 * A colour keyword (`red`, `rebeccapurple`, `transparent`, `currentcolor`): letters only, which
 * cannot load or break out of anything; the sanitizer then asks the browser whether it names a
 * colour (CSS.supports), so the 148 names need not ship in the frame.
 */
const COLOR_KEYWORD = '[a-z]{3,20}';

/** `#hex`, `rgb()`/`rgba()`/`hsl()`/`hsla()` with numeric arguments (comma or space syntax), or a colour name. */
const COLOR_LITERAL = [
  '#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})',
  String.raw`rgba?\(\s*${ALPHA}(?:\s*,\s*${ALPHA}){2}(?:\s*,\s*${ALPHA})?\s*\)`,
  String.raw`rgba?\(\s*${ALPHA}(?:\s+${ALPHA}){2}(?:\s*/\s*${ALPHA})?\s*\)`,
  String.raw`hsla?\(\s*${ANGLE}\s*,\s*${PERCENTAGE}\s*,\s*${PERCENTAGE}(?:\s*,\s*${ALPHA})?\s*\)`,
  String.raw`hsla?\(\s*${ANGLE}\s+${PERCENTAGE}\s+${PERCENTAGE}(?:\s*/\s*${ALPHA})?\s*\)`,
  COLOR_KEYWORD,
].join('|');

/** A family name of safe characters: quoted (letters of any script) or bare words (ASCII). */
const FONT_FAMILY_NAME = String.raw`(?:"[\p{L}\p{N} _-]{1,64}"|'[\p{L}\p{N} _-]{1,64}'|-?[a-z_][a-z0-9_-]{0,63}(?: [a-z_][a-z0-9_-]{0,63}){0,4})`;
const FONT_FAMILY_LIST = String.raw`${FONT_FAMILY_NAME}(?:\s*,\s*${FONT_FAMILY_NAME}){0,9}`;

const FONT_WEIGHT_LITERAL = '(?:normal|bold|bolder|lighter|[1-9]00|1000)';
const FONT_SIZE_KEYWORD = '(?:xx-small|x-small|small|medium|large|x-large|xx-large|xxx-large|smaller|larger)';

// ---- Theme variables: named values the frame's own stylesheet uses, settable on their own ----

export type StyleValueKind = 'color' | 'length' | 'signedLength' | 'fontFamily' | 'fontWeight' | 'lengths' | 'boxShadow';

export interface ThemeVariable {
  /** The custom property the frame sets; values may reference it as `var(<cssName>)`. */
  readonly cssName: `--payframe-${string}`;
  readonly kind: StyleValueKind;
}

/**
 * The only variables a style may set or reference, each with the kind of value it holds. Its
 * custom property is `--payframe-` and its name in kebab case (`colorText`: `--payframe-color-text`).
 */
const THEME_VARIABLE_KINDS = {
  /** Text typed into the fields. */
  colorText: 'color',
  /** Background of the inputs. */
  colorBackground: 'color',
  /** Placeholder text. */
  colorPlaceholder: 'color',
  /** Text of a field showing an error. */
  colorDanger: 'color',
  /** The text cursor. */
  colorCaret: 'color',
  /** Font of the fields. */
  fontFamily: 'fontFamily',
  /** Font size of the fields. */
  fontSizeBase: 'length',
  /** Font weight of the fields. */
  fontWeight: 'fontWeight',
  /** Letter spacing of the fields. */
  letterSpacing: 'signedLength',
  /** Padding left and right of the text. */
  spacingInline: 'length',
  // The drop-in's card frame draws each input's label, box and error line itself, from these.
  /** The labels above the inputs. */
  colorLabel: 'color',
  /** The boxes' border, and `colorPrimary` the focused box's. */
  colorBorder: 'color',
  colorPrimary: 'color',
  /** The ring around the focused box. */
  focusRing: 'color',
  /** The boxes' corner radius. */
  radius: 'length',
  /** The boxes' border width: one to four lengths, as in CSS (`0 0 1px` for an underline). */
  borderWidth: 'lengths',
  /** The boxes' shadow: `none` or up to three shadows of lengths and colours. */
  boxShadow: 'boxShadow',
  /** The space between inputs, and half of it under the labels. */
  spacing: 'length',
  /** The height of an input's box. */
  fieldHeight: 'length',
} as const satisfies Record<string, StyleValueKind>;

type KebabCase<Name extends string> = Name extends `${infer Head}${infer Tail}` ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${KebabCase<Tail>}` : '';

/** Anything else in `var(` is rejected. */
export const THEME_VARIABLES = /* @__PURE__ */ Object.fromEntries(
  Object.entries(THEME_VARIABLE_KINDS).map(([name, kind]) => [name, { cssName: `--payframe-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`, kind }]),
) as { readonly [Name in keyof typeof THEME_VARIABLE_KINDS]: { readonly cssName: `--payframe-${KebabCase<Name>}`; readonly kind: (typeof THEME_VARIABLE_KINDS)[Name] } };
export type ThemeVariableName = keyof typeof THEME_VARIABLES;

/** `var(--payframe-…)` alternatives for the variables of one kind, so a colour can only name a colour. */
function variableReference(...kinds: StyleValueKind[]): string {
  const names = Object.values(THEME_VARIABLES)
    .filter((variable: ThemeVariable) => kinds.includes(variable.kind))
    .map((variable) => variable.cssName);
  return names.length ? String.raw`var\(\s*(?:${names.join('|')})\s*\)` : '(?!)';
}

const COLOR = `(?:${COLOR_LITERAL}|${variableReference('color')})`;
const LENGTH_OR_VARIABLE = `(?:${LENGTH}|${variableReference('length')})`;
const SIGNED_LENGTH_OR_VARIABLE = `(?:${SIGNED_LENGTH}|${variableReference('length', 'signedLength')})`;

/** What a theme variable's own value may be: literals only, so variables never refer to each other. */
const BOX_SHADOW = String.raw`(?:inset\s+)?${SIGNED_LENGTH}\s+${SIGNED_LENGTH}(?:\s+${LENGTH}(?:\s+${SIGNED_LENGTH})?)?\s+(?:${COLOR_LITERAL})`;

export const THEME_VARIABLE_PATTERNS: Record<StyleValueKind, string> = {
  lengths: `${LENGTH}(?:\\s+${LENGTH}){0,3}`,
  boxShadow: `(?:none|${BOX_SHADOW}(?:\\s*,\\s*${BOX_SHADOW}){0,2})`,
  color: COLOR_LITERAL,
  length: LENGTH,
  signedLength: SIGNED_LENGTH,
  fontFamily: FONT_FAMILY_LIST,
  fontWeight: FONT_WEIGHT_LITERAL,
};

// ---- The allowed CSS properties ----

export interface AllowedStyleProperty {
  /** Regular expression source for the whole value (matched case-insensitively, anchored). What the
   * merchant may write instead is said in style-explanations.ts, for the warning. */
  readonly pattern: string;
}

const TEXT_SHADOW = `(?:${COLOR}\\s+)?${SIGNED_LENGTH_OR_VARIABLE}\\s+${SIGNED_LENGTH_OR_VARIABLE}(?:\\s+${LENGTH_OR_VARIABLE})?(?:\\s+${COLOR})?`;
const TEXT_DECORATION_PART = `(?:none|underline|overline|line-through|solid|double|dotted|dashed|wavy|auto|from-font|${LENGTH}|${COLOR})`;
const FONT_VARIANT_PART =
  '(?:small-caps|all-small-caps|petite-caps|all-petite-caps|unicase|titling-caps|lining-nums|oldstyle-nums|proportional-nums|tabular-nums|slashed-zero|ordinal)';
const PADDING = `${LENGTH_OR_VARIABLE}(?:\\s+${LENGTH_OR_VARIABLE}){0,3}`;

/**
 * Every CSS property a merchant style may set, by its CSS name (camelCase spellings such as
 * `fontSize` are accepted and mean the same). Nothing here can load a resource: no images,
 * no `url()`, no `content`, no custom properties beyond the theme variables above.
 * `inherit`, `initial` and `unset` are accepted for every property.
 */
export const STYLE_PROPERTIES = {
  color: { pattern: COLOR },
  'background-color': { pattern: COLOR },
  'caret-color': { pattern: `(?:auto|${COLOR})` },
  opacity: { pattern: `(?:0|1|0?\\.\\d{1,4}|1\\.0{1,4}|${PERCENTAGE})` },
  'font-family': { pattern: `(?:${FONT_FAMILY_LIST}|${variableReference('fontFamily')})` },
  'font-size': { pattern: `(?:${LENGTH_OR_VARIABLE}|${FONT_SIZE_KEYWORD})` },
  'font-weight': { pattern: `(?:${FONT_WEIGHT_LITERAL}|${variableReference('fontWeight')})` },
  'font-style': { pattern: '(?:normal|italic|oblique)' },
  'font-variant': { pattern: `(?:normal|none|${FONT_VARIANT_PART}(?:\\s+${FONT_VARIANT_PART}){0,3})` },
  'letter-spacing': { pattern: `(?:normal|${SIGNED_LENGTH_OR_VARIABLE})` },
  'line-height': { pattern: `(?:normal|${NUMBER}|${LENGTH_OR_VARIABLE})` },
  padding: { pattern: PADDING },
  'padding-top': { pattern: LENGTH_OR_VARIABLE },
  'padding-right': { pattern: LENGTH_OR_VARIABLE },
  'padding-bottom': { pattern: LENGTH_OR_VARIABLE },
  'padding-left': { pattern: LENGTH_OR_VARIABLE },
  'text-align': { pattern: '(?:left|right|center|start|end|justify)' },
  'text-transform': { pattern: '(?:none|capitalize|uppercase|lowercase|full-width)' },
  'text-decoration': { pattern: `${TEXT_DECORATION_PART}(?:\\s+${TEXT_DECORATION_PART}){0,3}` },
  'text-shadow': { pattern: `(?:none|${TEXT_SHADOW}(?:\\s*,\\s*${TEXT_SHADOW}){0,2})` },
} as const satisfies Record<string, AllowedStyleProperty>;
export type AllowedStylePropertyName = keyof typeof STYLE_PROPERTIES;

/** Accepted as the whole value of any property. */
export const GLOBAL_KEYWORDS = '(?:inherit|initial|unset)';

// ---- Never in a value, whatever the property: named so the warning can say why ----

/**
 * Each of these could load a resource, read the typed value, or break out of the declaration.
 * The value patterns above reject them already; naming them gives a clear warning and a second
 * line of defence. Matched case-insensitively on the raw value.
 */
export const FORBIDDEN_VALUE_TOKENS: readonly string[] = [
  'url(',
  'image-set(',
  'image(',
  'cross-fade(',
  'element(',
  'paint(',
  'attr(',
  'expression(',
  'javascript:',
  '@',
  '/*',
  '*/',
  '<',
  '>',
  '{',
  '}',
  ';',
  '!',
  ':',
  '[',
  '&',
];
