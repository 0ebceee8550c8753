// The theme variables that also style the inputs inside the frames: read from the element's
// computed style (built-in theme, or the merchant's own `--payframe-*` properties), and sent as
// the lowest style layer, which the frame's allowlist judges like any other. Merchant realm.

/** The frames' theme variables (THEME_VARIABLES in src/shared/style-allowlist.ts) by custom property. */
const FRAME_VARIABLES = {
  colorText: '--payframe-color-text',
  colorBackground: '--payframe-color-background',
  colorPlaceholder: '--payframe-color-placeholder',
  colorDanger: '--payframe-color-danger',
  colorCaret: '--payframe-color-caret',
  fontFamily: '--payframe-font-family',
  fontSizeBase: '--payframe-font-size-base',
  fontWeight: '--payframe-font-weight',
  letterSpacing: '--payframe-letter-spacing',
  spacingInline: '--payframe-spacing-inline',
  colorLabel: '--payframe-color-label',
  colorBorder: '--payframe-color-border',
  colorPrimary: '--payframe-color-primary',
  focusRing: '--payframe-focus-ring',
  radius: '--payframe-radius',
  borderWidth: '--payframe-border-width',
  boxShadow: '--payframe-box-shadow',
  spacing: '--payframe-spacing',
  fieldHeight: '--payframe-field-height',
} as const;

/** `{ variables }` with the frame variables set on `element`, or undefined when none is. */
export function frameThemeOf(element: Element): { variables: Record<string, string> } | undefined {
  const computed = getComputedStyle(element);
  const variables: Record<string, string> = {};
  for (const [name, property] of Object.entries(FRAME_VARIABLES)) {
    const value = computed.getPropertyValue(property).trim();
    if (value) variables[name] = value;
  }
  return Object.keys(variables).length ? { variables } : undefined;
}
