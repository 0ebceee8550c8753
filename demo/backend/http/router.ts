// A small router for the backend's node:http server: method + path pattern -> handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../observability/logger.ts';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: string[];
  log: Logger;
  requestId: string;
}

export interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  /** A label for metrics, with no ids in it. */
  name: string;
  handle(context: RequestContext): Promise<void> | void;
}

export function findRoute(routes: readonly Route[], method: string, pathname: string): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.path.exec(pathname);
    if (match) return { route, params: match.slice(1) };
  }
  return undefined;
}

/** The methods a path answers to (for a 405's Allow header); empty when no route has the path. */
export function allowedMethods(routes: readonly Route[], pathname: string): string[] {
  return [...new Set(routes.filter((route) => route.path.test(pathname)).map((route) => route.method))];
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
