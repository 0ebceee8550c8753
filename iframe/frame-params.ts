// Reads this frame's parameters from the URL fragment and checks that the page embedding us is
// the origin the parameters name. Runs only on the fields origin.
import type { FrameKind, FrameParams } from '../src/shared/protocol.ts';
import { parseFrameParams } from '../src/shared/wire-schemas.generated.ts';

export function readFrameParams(expected: FrameKind[]): FrameParams | undefined {
  const raw = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
  const params = parseFrameParams(raw);
  if (!params || !expected.includes(params.frame)) return undefined;
  // A page may not claim to be another origin: the browser tells us who embeds us.
  const embedder = location.ancestorOrigins?.[0];
  if (window.parent === window || (embedder !== undefined && embedder !== params.host)) return undefined;
  return params;
}
