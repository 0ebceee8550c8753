// The fields origin as an HTTP server (Node, ships; `payframe fields` and `npm run demo`): answers
// the frame pages per publishable key, payframe.js, payframe-next-action.js, payframe-fields.js and
// the hashed assets from fields-site.ts, plus /healthz. Serves nothing else. Text goes compressed
// to a browser that accepts it (response-compression.ts).
import { createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { requestPath } from '../http/request-path.ts';
import { createBodyCompressor, isCompressible, negotiateEncoding, type ContentEncoding } from '../http/response-compression.ts';
import { fieldsSiteResponse, loadFieldsBuild, notFoundHeaders, type FieldsServerConfig } from './fields-site.ts';

export { accountForKey, type FieldsAccount, type FieldsServerConfig } from './fields-site.ts';

export type FieldsRequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** The compressed pages and files kept: a few hundred keys' pages; a page not kept is compressed again (about 2 ms). */
const MAX_COMPRESSED_CACHE_BYTES = 32 * 1024 * 1024;

function contentHashOf(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 27);
}

/** Each encoding of a body is a representation of its own, with an ETag of its own (RFC 9110, 8.8.3). */
function etagOf(contentHash: string, encoding: ContentEncoding): string {
  return `"${contentHash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
}

/** Headers go through setHeader so that the access log (and any other listener) can read them back. */
function send(request: IncomingMessage, response: ServerResponse, status: number, headers: Record<string, string>, body: Buffer | string): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  const withBody = status !== 304;
  if (withBody) response.setHeader('Content-Length', Buffer.byteLength(body));
  response.writeHead(status);
  response.end(request.method === 'HEAD' || !withBody ? undefined : body);
}

/** `config` is read on every request, so it may be completed after the server starts listening. */
export function createFieldsRequestHandler(distDir: string, config: FieldsServerConfig): FieldsRequestHandler {
  const build = loadFieldsBuild(distDir);
  const compressed = createBodyCompressor(MAX_COMPRESSED_CACHE_BYTES);
  return (request, response) => {
    const path = requestPath(request);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(request, response, 405, { ...notFoundHeaders(config), Allow: 'GET, HEAD' }, 'Method not allowed');
      return;
    }
    if (path === '/healthz') {
      send(request, response, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }, '{"status":"ok"}');
      return;
    }
    const answer = fieldsSiteResponse(build, config, path);
    if (!answer) {
      send(request, response, 404, notFoundHeaders(config), 'Not found');
      return;
    }
    const compressible = isCompressible(answer.headers['Content-Type'] ?? '', answer.body.length);
    const encoding = compressible ? negotiateEncoding(request) : 'identity';
    const contentHash = contentHashOf(answer.body);
    const etag = etagOf(contentHash, encoding);
    const representation = { ...answer.headers, ETag: etag, ...(compressible ? { Vary: 'Accept-Encoding' } : {}) };
    // Pages and payframe.js are `no-cache`: a revalidation costs a 304, not the whole file.
    if (request.headers['if-none-match'] === etag) {
      send(request, response, 304, representation, '');
      return;
    }
    const body = compressed(answer.body, encoding, contentHash);
    send(request, response, 200, encoding === 'identity' ? representation : { ...representation, 'Content-Encoding': encoding }, body);
  };
}

export function createFieldsServer(distDir: string, config: FieldsServerConfig): http.Server {
  return http.createServer(createFieldsRequestHandler(distDir, config));
}
