// `payframe fields export`: writes the fields origin as static files (Node, ships), every page
// rendered by the same code the server answers with, plus `_headers` and an nginx server block
// carrying the same headers, so the fields origin can sit on a CDN or a plain nginx.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FieldsDeployment } from './fields-config-file.ts';
import { fieldsSitePaths, fieldsSiteResponse, loadFieldsBuild, notFoundHeaders } from './fields-site.ts';
import { netlifyHeadersFile, nginxServerBlock, type SitePathHeaders } from './static-host-headers.ts';

export const HEADERS_FILE = '_headers';
export const NGINX_FILE = 'nginx-payframe.conf';

export class ExportFolderError extends Error {
  readonly code = 'export_folder_not_empty';
}

/** What an earlier export wrote: replaced whole, so a key removed from the configuration loses its pages. */
const EXPORT_ENTRIES = ['frames', 'assets', 'payframe.js', 'payframe-next-action.js', 'payframe-fields.js', HEADERS_FILE, NGINX_FILE];

function prepareFolder(outDir: string): void {
  if (!existsSync(outDir)) {
    mkdirSync(outDir, { recursive: true });
    return;
  }
  const entries = readdirSync(outDir);
  if (entries.length > 0 && !entries.includes(HEADERS_FILE)) {
    throw new ExportFolderError(`${outDir} is not empty and holds no earlier export: expected an empty or new folder`);
  }
  for (const entry of EXPORT_ENTRIES) rmSync(join(outDir, entry), { recursive: true, force: true });
}

export interface ExportSummary {
  outDir: string;
  files: number;
  pages: number;
}

export function exportFieldsSite(distDir: string, deployment: FieldsDeployment, out: string): ExportSummary {
  const outDir = resolve(out);
  const build = loadFieldsBuild(distDir);
  const config = deployment.server;
  prepareFolder(outDir);
  const listed: SitePathHeaders[] = [];
  let pages = 0;
  for (const path of fieldsSitePaths(build, config)) {
    const answer = fieldsSiteResponse(build, config, path);
    if (!answer) throw new Error(`No content for ${path}`);
    const file = join(outDir, ...path.split('/').filter(Boolean));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, answer.body);
    listed.push({ path, headers: answer.headers });
    if (path.startsWith('/frames/')) pages += 1;
  }
  writeFileSync(join(outDir, HEADERS_FILE), netlifyHeadersFile(listed));
  const serverName = deployment.publicOrigin ? new URL(deployment.publicOrigin).hostname : undefined;
  writeFileSync(
    join(outDir, NGINX_FILE),
    nginxServerBlock(listed, notFoundHeaders(config), {
      root: outDir,
      host: deployment.host,
      port: deployment.port,
      ...(deployment.tls ? { tls: deployment.tls } : {}),
      ...(serverName ? { serverName } : {}),
    }),
  );
  return { outDir, files: listed.length, pages };
}
