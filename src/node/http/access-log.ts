// One JSON line per request on stdout (Node, ships; `payframe fields`): method, path, status,
// bytes and duration. Never the query or fragment, the only parts of a URL that could carry
// something a merchant or a shopper did not mean to publish, and no client address.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestPath } from './request-path.ts';

export interface AccessLogEntry {
  time: string;
  method: string;
  path: string;
  status: number;
  bytes: number;
  durationMs: number;
}

/** Longer paths are cut: a log line must not grow with what a client sends. */
const MAX_LOGGED_PATH = 512;

export function withAccessLog(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  write: (line: string) => void = (line) => process.stdout.write(line),
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const started = performance.now();
    response.once('finish', () => {
      // What the body carried: a HEAD or 304 answer announces a length it does not send.
      const hasBody = request.method !== 'HEAD' && response.statusCode !== 304;
      const entry: AccessLogEntry = {
        time: new Date().toISOString(),
        method: String(request.method).slice(0, 16),
        path: requestPath(request).slice(0, MAX_LOGGED_PATH),
        status: response.statusCode,
        bytes: hasBody ? Number(response.getHeader('content-length') ?? 0) : 0,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      };
      write(`${JSON.stringify(entry)}\n`);
    });
    handler(request, response);
  };
}
