// Caret arithmetic for formatted inputs: keep the caret next to the same digit after
// reformatting, and make Backspace/Delete over a separator remove the digit beyond it.
// Pure functions, unit-tested; runs only on the fields origin.

const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';

/**
 * Where the caret belongs in `formatted`, given where it was in `raw` (the input's value before
 * reformatting). At the end it stays at the end; elsewhere it follows the digits before it.
 */
export function caretAfterFormat(raw: string, rawCaret: number, formatted: string): number {
  if (rawCaret >= raw.length) return formatted.length;
  let digitsBefore = 0;
  for (let i = 0; i < rawCaret; i++) if (isDigit(raw[i])) digitsBefore++;
  if (digitsBefore === 0) return 0;
  let seen = 0;
  for (let i = 0; i < formatted.length; i++) {
    if (isDigit(formatted[i])) seen++;
    if (seen === digitsBefore) return i + 1;
  }
  return formatted.length;
}

export interface Edit {
  value: string;
  caret: number;
}

/**
 * Backspace right after a separator (or Delete right before one) would only remove the
 * separator, which formatting puts back at once: the key would seem dead. Instead remove
 * the nearest digit beyond the separator, and the separator with it. Returns null when the
 * browser's own deletion is right (a selection, or a digit next to the caret).
 */
export function deleteAcrossSeparator(value: string, start: number, end: number, direction: 'backward' | 'forward'): Edit | null {
  if (start !== end) return null;
  if (direction === 'backward') {
    if (start === 0 || isDigit(value[start - 1])) return null;
    let digitAt = start - 1;
    while (digitAt >= 0 && !isDigit(value[digitAt])) digitAt--;
    if (digitAt < 0) return { value: value.slice(start), caret: 0 };
    return { value: value.slice(0, digitAt) + value.slice(start), caret: digitAt };
  }
  if (start >= value.length || isDigit(value[start])) return null;
  let digitAt = start;
  while (digitAt < value.length && !isDigit(value[digitAt])) digitAt++;
  if (digitAt >= value.length) return null;
  return { value: value.slice(0, start) + value.slice(digitAt + 1), caret: start };
}
