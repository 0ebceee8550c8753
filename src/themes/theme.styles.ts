// The built-in themes, as theme variables on the element (`theme="light" | "dark" | "minimal" |
// "auto"`). Declared on :host, so the merchant's own CSS on the element wins over them. The frame
// variables among them reach the inputs in the frames too (frame-theme.ts). Written compact: CSS
// inside JS is not minified, and this ships in payframe.js. Plain CSS text: the drop-in adopts it
// as it is, the split fields (Lit elements) through unsafeCSS.

/** Dark: text and boundaries keep WCAG AA contrast on the box and on a dark page. */
const DARK =
  '--payframe-color-text:#e6e9ef;--payframe-color-label:#c9ced8;--payframe-color-background:#1c1f26;' +
    '--payframe-color-border:#7a8396;--payframe-color-placeholder:#8f98aa;--payframe-color-danger:#ff7a8a;' +
    '--payframe-color-caret:#e6e9ef;--payframe-color-primary:#1f6fd6;--payframe-color-primary-hover:#2b7de6;' +
    '--payframe-focus-ring:rgba(94,160,255,.6);--payframe-box-shadow:none;--payframe-skeleton:#2a2f3a;color-scheme:dark';

/** Minimal: an underline per field, square corners, no shadows, a dark button. */
export const themeStyles =
  `:host([theme='dark']){${DARK}}` +
  `@media (prefers-color-scheme:dark){:host([theme='auto']){${DARK}}}` +
  ":host([theme='minimal']){--payframe-radius:0;--payframe-border-width:0 0 1px;--payframe-box-shadow:none;--payframe-color-background:transparent;--payframe-color-primary:#1a1f36;--payframe-color-primary-hover:#30313d;--payframe-focus-ring:rgba(26,31,54,.25)}";
