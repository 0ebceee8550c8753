// Reads and checks a fields-origin configuration file (Node, ships): the file's problems become
// one typed error whose message names the bad setting and what was expected, never a stack.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FieldsServerConfig } from './fields-server.ts';
import { describeConfigIssues, fieldsConfigSchema, type FieldsConfigFile } from './fields-config.ts';

export type ConfigFileErrorCode = 'config_unreadable' | 'config_not_json' | 'config_invalid';

export class ConfigFileError extends Error {
  constructor(
    readonly code: ConfigFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

/** What `payframe fields` runs with: the checked file, with TLS paths made absolute and the defaults filled in. */
export interface FieldsDeployment {
  configPath: string;
  port: number;
  host: string;
  tls?: { certFile: string; keyFile: string };
  /** The origin browsers use; without publicOrigin, where the server listens. */
  publicOrigin: string | undefined;
  server: FieldsServerConfig;
}

export function readFieldsConfigFile(path: string): FieldsDeployment {
  const configPath = resolve(path);
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
    throw new ConfigFileError('config_unreadable', `${configPath}: cannot read the configuration file (${reason})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError('config_not_json', `${configPath}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = fieldsConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigFileError('config_invalid', `${configPath}: invalid configuration\n${describeConfigIssues(parsed.error).map((line) => `  ${line}`).join('\n')}`);
  }
  return toDeployment(configPath, parsed.data);
}

function toDeployment(configPath: string, file: FieldsConfigFile): FieldsDeployment {
  const folder = dirname(configPath);
  const tls = file.tls && { certFile: resolve(folder, file.tls.certFile), keyFile: resolve(folder, file.tls.keyFile) };
  if (tls) {
    for (const [setting, filePath] of [['tls.certFile', tls.certFile], ['tls.keyFile', tls.keyFile]] as const) {
      try {
        readFileSync(filePath);
      } catch {
        throw new ConfigFileError('config_invalid', `${configPath}: invalid configuration\n  ${setting}: cannot read ${filePath}: expected a readable PEM file`);
      }
    }
  }
  const publicOrigin = file.publicOrigin;
  return {
    configPath,
    port: file.port,
    host: file.host,
    ...(tls ? { tls } : {}),
    publicOrigin,
    server: {
      gatewayUrl: file.gateway.url,
      challengeOrigins: file.gateway.challengeOrigins ?? [new URL(file.gateway.url).origin],
      accounts: file.accounts,
      strictTransportSecurity: Boolean(tls) || Boolean(publicOrigin?.startsWith('https:')),
    },
  };
}
