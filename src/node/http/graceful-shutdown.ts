// Stops a server on SIGTERM or SIGINT the way an orchestrator expects (Node, ships): stop
// accepting connections, let requests in flight finish, then exit 0. Connections still busy
// after the grace period are cut so a stuck client cannot hold a deploy.
import type { Server } from 'node:net';
import type { Server as HttpServer } from 'node:http';

export function stopOnSignals(server: HttpServer | (Server & { closeIdleConnections?: () => void; closeAllConnections?: () => void }), options: { graceMs?: number; onStop?: (signal: string) => void } = {}): void {
  const { graceMs = 10_000, onStop } = options;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    onStop?.(signal);
    server.close(() => process.exit(0));
    // Keep-alive connections with no request in flight would otherwise hold close() open.
    server.closeIdleConnections?.();
    setTimeout(() => {
      server.closeAllConnections?.();
      process.exit(0);
    }, graceMs).unref();
  };
  // A response finished while stopping closes its connection instead of keeping it alive.
  server.prependListener('request', (_request: unknown, response: { setHeader(name: string, value: string): void }) => {
    if (stopping) response.setHeader('Connection', 'close');
  });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
