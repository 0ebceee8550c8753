// The fields origin's compressed-body cache (src/node/http/response-compression.ts), in Node: a body
// is compressed once while it is kept, and the cache never holds more bytes than its cap.
import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { createBodyCompressor } from '../../../src/node/http/response-compression.ts';

/** A page-like body that compresses: text with some randomness, about 20 KB. */
const page = (seed: string) => Buffer.from(`<p>${seed}</p>`.repeat(400) + randomBytes(2000).toString('hex'));

test('a kept body is compressed once; the least recently used goes first once the cap is reached', () => {
  const bodies = ['a', 'b', 'c'].map(page);
  const oneCompressed = createBodyCompressor(Infinity)(bodies[0]!, 'br', 'probe').length;
  // Room for two compressed bodies, not three.
  const compress = createBodyCompressor(oneCompressed * 2 + oneCompressed / 2);
  const first = compress(bodies[0]!, 'br', 'a');
  expect(brotliDecompressSync(first).equals(bodies[0]!)).toBe(true);
  expect(compress(bodies[0]!, 'br', 'a')).toBe(first);
  const second = compress(bodies[1]!, 'br', 'b');
  // Used again, `a` is now the more recent: `b` is the one the third body pushes out.
  expect(compress(bodies[0]!, 'br', 'a')).toBe(first);
  compress(bodies[2]!, 'br', 'c');
  expect(compress(bodies[0]!, 'br', 'a')).toBe(first);
  const secondAgain = compress(bodies[1]!, 'br', 'b');
  expect(secondAgain).not.toBe(second);
  expect(secondAgain.equals(second)).toBe(true);
});

test('each encoding of a body is kept apart, and identity is the body itself', () => {
  const compress = createBodyCompressor(1024 * 1024);
  const body = page('x');
  expect(compress(body, 'identity', 'x')).toBe(body);
  const gzip = compress(body, 'gzip', 'x');
  const brotli = compress(body, 'br', 'x');
  expect(gunzipSync(gzip).equals(body)).toBe(true);
  expect(brotliDecompressSync(brotli).equals(body)).toBe(true);
  expect(brotli.length).toBeLessThan(body.length / 2);
});
