// Reads this frame's parameters from the URL fragment and its binding from its own page: the
// publishable key and the merchant origins the fields origin served this page for (meta tags the
// fields server fills in, never the merchant page). Checks that the page embedding us is an
// allowed origin of that key and the origin the parameters name. Runs only on the fields origin.
import type { FrameKind, FrameParams } from '../src/shared/protocol.ts';
import { parseFrameParams } from '../src/shared/wire-schemas.generated.ts';

export interface BoundFrameParams extends FrameParams {
  /** The key this page was served for: the only key the frame ever uses or accepts. */
  key: string;
}

const metaContent = (name: string): string => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';

export function readFrameParams(expected: FrameKind[]): BoundFrameParams | undefined {
  const raw = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
  const params = parseFrameParams(raw);
  // Written by our own fields server; a page served without it (the raw template) stays inert.
  const key = metaContent('payframe-key');
  if (!params || !key.startsWith('pk_') || !expected.includes(params.frame)) return undefined;
  // Only a merchant site of this key (the browser enforces the same list as frame-ancestors).
  if (!metaContent('payframe-embedders').split(' ').includes(params.host)) return undefined;
  // A page may not claim to be another origin: where the browser tells us who embeds us, it must
  // match. Firefox reports "null" for an embedder that set referrerpolicy="no-referrer"; there
  // frame-ancestors and the handshake's event.origin (host-link.ts) are the checks.
  const embedder = location.ancestorOrigins?.[0];
  if (window.parent === window || (embedder !== undefined && embedder !== 'null' && embedder !== params.host)) return undefined;
  return { ...params, key };
}
