// The fields origin as an HTTP server (Node, ships; `payframe fields` and `npm run demo`): answers
// the frame pages per publishable key, payframe.js, payframe-next-action.js, payframe-fields.js and
// the hashed assets from fields-site.ts, plus /healthz. Serves nothing else.
import { createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { requestPath } from '../http/request-path.ts';
import { fieldsSiteResponse, loadFieldsBuild, notFoundHeaders, type FieldsServerConfig } from './fields-site.ts';

export { accountForKey, type FieldsAccount, type FieldsServerConfig } from './fields-site.ts';

export type FieldsRequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
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
    // Pages and payframe.js are `no-cache`: a revalidation costs a 304, not the whole file.
    const etag = etagOf(answer.body);
    const status = request.headers['if-none-match'] === etag ? 304 : 200;
    send(request, response, status, { ...answer.headers, ETag: etag }, answer.body);
  };
}

export function createFieldsServer(distDir: string, config: FieldsServerConfig): http.Server {
  return http.createServer(createFieldsRequestHandler(distDir, config));
}
