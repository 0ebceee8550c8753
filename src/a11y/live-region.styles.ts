// The live region is for screen readers only: present in the accessibility tree, invisible.
// Compact: CSS inside JS ships unminified in payframe.js.
import { css } from 'lit';

export const liveRegionStyles = css`.payframe-live{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip-path:inset(50%);white-space:nowrap;border:0}`;
