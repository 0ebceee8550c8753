// The path of an HTTP request without its query or fragment (Node, ships): what the fields
// server routes on and what its access log records.
import type { IncomingMessage } from 'node:http';

/** A fragment never reaches a server from a browser, but a hand-made request may carry one. */
export function requestPath(request: IncomingMessage): string {
  return new URL((request.url ?? '/').split(/[?#]/, 1)[0] || '/', 'http://request.invalid').pathname;
}
