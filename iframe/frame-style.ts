// A merchant style as it reaches a frame (the theme's, the group's or checkout's, a split field's
// own), judged here by the allowlist, layer by layer, so the merchant is told which of its
// properties was refused, then applied. The allowlist is enforced here and only here.
import type { FieldStyleLayers, StyleRejectionReport } from '../src/shared/protocol.ts';
import { judgeFieldStyle, mergeFieldStyles, type JudgedStyleRejection, type StyleRejection } from '../src/shared/style-sanitizer.ts';
import type { FieldStyleSheet } from './field-style-sheet.ts';

export type StyleLayer = 'theme' | 'group' | 'own';

/** Applies what the allowlist accepts; `rejected` hears each layer's refusals, not yet explained. */
export function applyFrameStyle(sheet: FieldStyleSheet, layers: FieldStyleLayers, rejected: (layer: StyleLayer, rejections: JudgedStyleRejection[]) => void): void {
  const theme = judgeFieldStyle(layers.theme);
  const group = judgeFieldStyle(layers.group);
  const own = judgeFieldStyle(layers.own);
  sheet.apply(mergeFieldStyles(mergeFieldStyles(theme.style, group.style), own.style));
  for (const [layer, { rejections }] of [['theme', theme], ['group', group], ['own', own]] as const) {
    if (rejections.length) rejected(layer, rejections);
  }
}

/** What the page is told of a layer's refusals: explained (style-explanations.ts), at most 100, each within the protocol's lengths. */
export function styleRejectionReports(rejections: JudgedStyleRejection[], explain: (rejection: JudgedStyleRejection) => StyleRejection): StyleRejectionReport[] {
  return rejections.slice(0, 100).map((rejection) => {
    const { code, property, message } = explain(rejection);
    return { code, property: property.slice(0, 200), message: message.slice(0, 300) };
  });
}
