// The style check the SDK exports: the frames' own judgement (style-sanitizer.ts), every rejection
// with its whole message (style-explanations.ts), for a merchant checking a style before use.
import { explainStyleRejection } from './style-explanations.ts';
import { judgeFieldStyle, type SanitizedStyleResult } from './style-sanitizer.ts';

/** Keeps every part of `style` the allowlist accepts and says why each other part is left out. */
export function sanitizeFieldStyle(style: unknown): SanitizedStyleResult {
  const { style: sanitized, rejections } = judgeFieldStyle(style);
  return { style: sanitized, rejections: rejections.map(explainStyleRejection) };
}
