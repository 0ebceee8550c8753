// The words of a refused style, for the merchant's warning: what each refusal means, what each
// property takes, and why a forbidden token is forbidden. Apart from the allowlist (style-allowlist.ts), which decides,
// so a frame loads these words only when it has a refusal to explain: the drop-in's card frame
// loads them as a chunk of their own, and most merchants' frames never do.
// Imports nothing at run time: the card frame's chunk must not share a module with the frame's script.
import type { AllowedStylePropertyName } from './style-allowlist.ts';
import type { JudgedStyleRejection, StyleErrorCode, StyleRejection, StyleRejectionHint } from './style-sanitizer.ts';

// The lists and limits are written out, not imported (see above); a unit test checks each against
// FIELD_STYLE_STATES, THEME_VARIABLES and style-limits.ts.
export const STYLE_ERROR_MESSAGES: Readonly<Record<StyleErrorCode, string>> = {
  style_not_an_object: 'The style must be an object of states such as { base: { color: "#333" } }.',
  style_state_unknown: 'Not a style state. Use base, placeholder, focus, complete, invalid or variables.',
  style_property_not_allowed: 'This CSS property is not on the allowlist.',
  style_value_not_allowed: 'This value is not allowed for the property.',
  style_variable_unknown:
    'Not a theme variable. Use colorText, colorBackground, colorPlaceholder, colorDanger, colorCaret, fontFamily, fontSizeBase, fontWeight, letterSpacing, spacingInline, colorLabel, colorBorder, colorPrimary, focusRing, radius, borderWidth, boxShadow, spacing, fieldHeight; in values, var(--payframe-…) without a fallback.',
  style_too_long: 'The value is longer than 200 characters.',
  style_too_many_properties: 'More than 30 properties in one state.',
};

/** What a refusal's hint adds to its code's text. */
export const STYLE_HINTS: Readonly<Record<StyleRejectionHint, string>> = {
  not_text: 'Values are strings or numbers.',
  empty: 'The value is empty.',
  control_character: 'Control characters are not allowed.',
  variable_as_property: 'Set theme variables under "variables".',
  variables_not_object: 'Variables are an object such as { colorText: "#333" }.',
  state_not_object: 'Each state is an object of CSS declarations.',
};

/** What each allowed property takes. */
export const STYLE_EXPECTED: Readonly<Record<AllowedStylePropertyName, string>> = {
  color: 'a colour: #hex, rgb(a), hsl(a) or a name',
  'background-color': 'a colour: #hex, rgb(a), hsl(a) or a name',
  'caret-color': 'auto or a colour',
  opacity: 'a number from 0 to 1 or a percentage',
  'font-family': 'font names (letters, digits, spaces, - and _), comma-separated',
  'font-size': 'a length in px, em, rem or % or a size keyword',
  'font-weight': 'normal, bold, bolder, lighter or 100 to 1000',
  'font-style': 'normal, italic or oblique',
  'font-variant': 'normal, none or keywords such as small-caps',
  'letter-spacing': 'normal or a length',
  'line-height': 'normal, a number or a length',
  padding: 'one to four lengths',
  'padding-top': 'a length',
  'padding-right': 'a length',
  'padding-bottom': 'a length',
  'padding-left': 'a length',
  'text-align': 'left, right, center, start, end or justify',
  'text-transform': 'none, capitalize, uppercase, lowercase or full-width',
  'text-decoration': 'none, or line, style and colour keywords and a thickness',
  'text-shadow': 'none or up to three shadows of lengths and colours',
};

/** Why each forbidden token (FORBIDDEN_VALUE_TOKENS) is refused. */
export const FORBIDDEN_REASONS: Readonly<Record<string, string>> = {
  'url(': 'could load a resource',
  'image-set(': 'could load a resource',
  'image(': 'could load a resource',
  'cross-fade(': 'could load a resource',
  'element(': 'could show other content',
  'paint(': 'could run a worklet',
  'attr(': 'could read the typed value',
  'expression(': 'could run script',
  'javascript:': 'could run script',
  '@': 'could load a resource (@import)',
  '/*': 'could disguise a forbidden value',
  '*/': 'could disguise a forbidden value',
  '<': 'is markup, out of place in a style',
  '>': 'is markup, out of place in a style',
  '{': 'could open a rule of its own',
  '}': 'could close the rule',
  ';': 'could start another declaration',
  '!': 'is not allowed (!important)',
  ':': 'could start another declaration',
  '[': 'is a selector, out of place in a value',
  '&': 'is a selector, out of place in a value',
};

/** The rejection in words: its code's text, its hint, and what to write instead or why its token is forbidden. */
export function explainStyleRejection({ code, property, hint, expected, forbidden }: JudgedStyleRejection): StyleRejection {
  const explanation =
    expected !== undefined
      ? `Expected ${Object.hasOwn(STYLE_EXPECTED, expected) ? STYLE_EXPECTED[expected as AllowedStylePropertyName] : `a ${expected} value`}.`
      : forbidden !== undefined
        ? `It contains "${forbidden}", which ${FORBIDDEN_REASONS[forbidden] ?? 'is not allowed'}.`
        : undefined;
  return { code, property, message: [STYLE_ERROR_MESSAGES[code], hint && STYLE_HINTS[hint], explanation].filter(Boolean).join(' ') };
}
