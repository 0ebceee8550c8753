// Reads this frame's parameters from the URL fragment and checks that the page embedding us is
// the origin the parameters name. Runs only on the fields origin.
import { frameParamsSchema, type FrameKind, type FrameParams } from '../src/shared/protocol.ts';

export function readFrameParams(expected: FrameKind[]): FrameParams | undefined {
  const raw = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
  const parsed = frameParamsSchema.safeParse(raw);
  if (!parsed.success || !expected.includes(parsed.data.frame)) return undefined;
  // A page may not claim to be another origin: the browser tells us who embeds us.
  const embedder = location.ancestorOrigins?.[0];
  if (window.parent === window || (embedder !== undefined && embedder !== parsed.data.host)) return undefined;
  return parsed.data;
}
