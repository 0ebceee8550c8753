// Compresses the fields origin's answers for the browser that asked (Node, ships; `payframe fields`
// and the demo): brotli, else gzip, else none, as the request's Accept-Encoding allows. The card
// frame page is 35 KB as built and 12.6 KB in brotli: on a phone's 1.6 Mbps that is a tenth of a
// second before the shopper can type. Each compressed body is kept (by its content hash) in a cache
// bounded in bytes, so a page is compressed once, not per request.
import type { IncomingMessage } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import Negotiator from 'negotiator';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** In our order of preference when the client likes several as much: brotli is the smaller. */
const OFFERED: readonly ContentEncoding[] = ['br', 'gzip', 'identity'];

/** Text compresses; what is not text (none today) is sent as it is. */
const COMPRESSIBLE_TYPE = /^(text\/|application\/json|image\/svg\+xml)/;

/** Below this, the compressed body saves less than a packet: not worth the client's work. */
const MIN_COMPRESSED_BYTES = 1024;

/**
 * Brotli's quality 5 compresses the card frame page in about 2 ms, 7 % larger than quality 11,
 * which takes 60 ms: a first request for a key's page must not wait that long.
 */
const BROTLI_QUALITY = 5;

/** Whether a body of this type and size is worth compressing: its response then varies with Accept-Encoding. */
export function isCompressible(contentType: string, size: number): boolean {
  return COMPRESSIBLE_TYPE.test(contentType) && size >= MIN_COMPRESSED_BYTES;
}

/** The encoding to send a compressible body in: the client's most preferred of ours, identity when it accepts neither. */
export function negotiateEncoding(request: IncomingMessage): ContentEncoding {
  // negotiator takes `preferred` since 1.0 (ties broken by our order, not the header's); its types predate it.
  const choose = Negotiator.prototype.encoding as (this: Negotiator, available: readonly string[], options: { preferred: readonly string[] }) => string | undefined;
  return (choose.call(new Negotiator(request), OFFERED, { preferred: OFFERED }) as ContentEncoding | undefined) ?? 'identity';
}

function compress(body: Buffer, encoding: Exclude<ContentEncoding, 'identity'>): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 9 });
}

/**
 * A compressor with a cache of at most `maxCachedBytes` of compressed bodies, the least recently
 * used dropped first. `contentHash` names the body (its ETag): equal bodies are compressed once.
 */
export function createBodyCompressor(maxCachedBytes: number): (body: Buffer, encoding: ContentEncoding, contentHash: string) => Buffer {
  // A Map iterates in insertion order: re-inserting on each use keeps the least recent first.
  const cache = new Map<string, Buffer>();
  let cachedBytes = 0;
  return (body, encoding, contentHash) => {
    if (encoding === 'identity') return body;
    const key = `${encoding} ${contentHash}`;
    const cached = cache.get(key);
    if (cached) {
      cache.delete(key);
      cache.set(key, cached);
      return cached;
    }
    const compressed = compress(body, encoding);
    cache.set(key, compressed);
    cachedBytes += compressed.length;
    for (const [oldestKey, oldest] of cache) {
      if (cachedBytes <= maxCachedBytes) break;
      cache.delete(oldestKey);
      cachedBytes -= oldest.length;
    }
    return compressed;
  };
}
