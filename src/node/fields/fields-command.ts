// `payframe fields` (serve the fields origin) and `payframe fields export` (write it as static
// files): Node, ships. Reads the configuration file, then runs fields-server.ts or fields-export.ts.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { withAccessLog } from '../http/access-log.ts';
import { stopOnSignals } from '../http/graceful-shutdown.ts';
import { readFieldsConfigFile, type FieldsDeployment } from './fields-config-file.ts';
import { exportFieldsSite } from './fields-export.ts';
import { createFieldsRequestHandler } from './fields-server.ts';

/** A mistake in how the command was called (exit status 2, with the usage). */
export class UsageError extends Error {
  readonly code = 'usage';
}

export const FIELDS_USAGE = `Usage:
  payframe fields --config payframe.fields.json
      Serve the fields origin: the card frames per publishable key, payframe.js and its assets.
  payframe fields export --config payframe.fields.json --out site/
      Write the same site as static files, with _headers (Netlify, Cloudflare Pages) and
      nginx-payframe.conf (an nginx server block) carrying the same headers.`;

function parseFieldsArgs(args: string[], withOut: boolean): { config: string; out?: string } {
  let values: { config?: string | undefined; out?: string | undefined };
  try {
    const options: Record<string, { type: 'string' }> = withOut ? { config: { type: 'string' }, out: { type: 'string' } } : { config: { type: 'string' } };
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }) as { values: typeof values });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.config) throw new UsageError('--config <file> is required');
  if (withOut && !values.out) throw new UsageError('--out <folder> is required');
  return { config: values.config, ...(values.out ? { out: values.out } : {}) };
}

export async function runFieldsCommand(args: string[], distDir: string): Promise<void> {
  if (args[0] === 'export') {
    const { config, out } = parseFieldsArgs(args.slice(1), true);
    const deployment = readFieldsConfigFile(config);
    const summary = exportFieldsSite(distDir, deployment, out!);
    console.log(`Exported the fields origin to ${summary.outDir}: ${summary.pages} frame pages, ${summary.files} files, _headers and nginx-payframe.conf`);
    return;
  }
  const { config } = parseFieldsArgs(args, false);
  await serveFields(distDir, readFieldsConfigFile(config));
}

function listeningOrigin(deployment: FieldsDeployment, port: number): string {
  const host = deployment.host === '0.0.0.0' || deployment.host === '::' ? '127.0.0.1' : deployment.host;
  return `${deployment.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function serveFields(distDir: string, deployment: FieldsDeployment): Promise<void> {
  const handler = withAccessLog(createFieldsRequestHandler(distDir, deployment.server));
  const server = deployment.tls
    ? https.createServer({ cert: readFileSync(deployment.tls.certFile), key: readFileSync(deployment.tls.keyFile) }, handler)
    : http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deployment.port, deployment.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  stopOnSignals(server, { onStop: (signal) => console.error(`payframe fields: ${signal}, finishing requests in flight and stopping`) });
  const port = (server.address() as AddressInfo).port;
  const listening = listeningOrigin(deployment, port);
  if (deployment.publicOrigin && deployment.publicOrigin !== listening) console.log(`Listening on ${listening}`);
  console.log(`Fields origin: ${deployment.publicOrigin ?? listening}`);
}
