// A merchant style as it reaches a frame (the theme's, the group's or checkout's, a split field's
// own), judged here by the allowlist, layer by layer, so the merchant is told which of its
// properties was refused, then applied. The allowlist is enforced here and only here.
import type { FieldStyleLayers, StyleRejectionReport } from '../src/shared/protocol.ts';
import { mergeFieldStyles, sanitizeFieldStyle } from '../src/shared/style-sanitizer.ts';
import type { FieldStyleSheet } from './field-style-sheet.ts';

export type StyleLayer = 'theme' | 'group' | 'own';

export function applyFrameStyle(sheet: FieldStyleSheet, layers: FieldStyleLayers, rejected: (layer: StyleLayer, reports: StyleRejectionReport[]) => void): void {
  const theme = sanitizeFieldStyle(layers.theme);
  const group = sanitizeFieldStyle(layers.group);
  const own = sanitizeFieldStyle(layers.own);
  sheet.apply(mergeFieldStyles(mergeFieldStyles(theme.style, group.style), own.style));
  for (const [layer, { rejections }] of [['theme', theme], ['group', group], ['own', own]] as const) {
    if (rejections.length === 0) continue;
    rejected(
      layer,
      rejections.slice(0, 100).map(({ code, property, message }) => ({ code, property: property.slice(0, 200), message: message.slice(0, 300) })),
    );
  }
}
