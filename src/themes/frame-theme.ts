// The theme variables that also style the frames: read from the element's computed style (built-in
// theme, or the merchant's own `--payframe-*` properties), and sent as the lowest style layer, which
// the frame's allowlist judges like any other. Merchant realm.

/**
 * The frames' theme variables (THEME_VARIABLES in src/shared/style-allowlist.ts, where each custom
 * property is `--payframe-` and the name in kebab case; a unit test holds the two lists together).
 */
export const FRAME_VARIABLE_NAMES = [
  'colorText',
  'colorBackground',
  'colorPlaceholder',
  'colorDanger',
  'colorCaret',
  'fontFamily',
  'fontSizeBase',
  'fontWeight',
  'letterSpacing',
  'spacingInline',
  'colorLabel',
  'colorBorder',
  'colorPrimary',
  'focusRing',
  'radius',
  'borderWidth',
  'boxShadow',
  'spacing',
  'fieldHeight',
] as const;

export const cssNameOf = (name: string): string => `--payframe-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** `{ variables }` with the frame variables set on `element`, or undefined when none is. */
export function frameThemeOf(element: Element): { variables: Record<string, string> } | undefined {
  const computed = getComputedStyle(element);
  const variables: Record<string, string> = {};
  for (const name of FRAME_VARIABLE_NAMES) {
    const value = computed.getPropertyValue(cssNameOf(name)).trim();
    if (value) variables[name] = value;
  }
  return Object.keys(variables).length ? { variables } : undefined;
}
