// The merchant side of `fieldStyle`: a plain copy of the merchant's object for the wire, and the
// console warnings for what the field frame refused. The allowlist itself is enforced only in the
// frame (the trust boundary), so it does not weigh on the merchant page's bundle. Merchant realm.
import type { StyleRejectionReport } from '../shared/protocol.ts';

/** JSON can hold any style worth sending; more than this is not a style. */
const MAX_STYLE_JSON_LENGTH = 32_000;

/**
 * A structured-clone-safe copy of whatever the merchant assigned (functions and cycles cannot
 * cross to a frame). Anything that is not plain data becomes `null`, which the frame refuses with
 * `style_not_an_object`.
 */
export function styleForFrame(style: unknown): unknown {
  if (style === undefined) return undefined;
  try {
    const json = JSON.stringify(style);
    return json === undefined || json.length > MAX_STYLE_JSON_LENGTH ? null : JSON.parse(json);
  } catch {
    return null;
  }
}

/** Warns once per element about each part of its style that a frame refused. */
export function warnStyleRejections(source: string, rejections: StyleRejectionReport[], alreadyWarned: Set<string>): void {
  for (const rejection of rejections) {
    const key = `${rejection.code} ${rejection.property}`;
    if (alreadyWarned.has(key)) continue;
    alreadyWarned.add(key);
    console.warn(`[payframe] ${source}: ${rejection.code} at ${rejection.property}; left out. ${rejection.message}`);
  }
}
