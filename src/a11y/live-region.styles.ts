// The live region is for screen readers only: present in the accessibility tree, invisible.
// Compact: CSS inside JS ships unminified in payframe.js. Plain CSS text (Lit elements wrap it in unsafeCSS).

export const liveRegionStyles = '.payframe-live{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip-path:inset(50%);white-space:nowrap;border:0}';
