// The `payframe` command (Node, ships as dist/node/cli.js): `payframe fields` serves the fields
// origin, `payframe fields export` writes it as static files, `payframe sandbox` runs the sandbox gateway,
// `payframe audit` checks a payment page in Chromium.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigFileError } from './fields/fields-config-file.ts';
import { ExportFolderError } from './fields/fields-export.ts';
import { FIELDS_USAGE, UsageError, runFieldsCommand } from './fields/fields-command.ts';
import { AUDIT_USAGE } from './audit/audit-usage.ts';

declare const __PAYFRAME_BUILT__: boolean | undefined;

const USAGE = `payframe: the Payframe fields origin, sandbox gateway and payment page audit.

${FIELDS_USAGE}
  payframe sandbox [--port N] [--config accounts.json]
      Run the sandbox gateway (a Stripe-compatible test API) alone, printing its URL and keys.
${AUDIT_USAGE}`;

/**
 * The build this command serves: the package's own dist/ (the folder above dist/node/cli.js).
 * Run from source (tsx, in this repository), $PAYFRAME_DIST_DIR or ./dist.
 */
function distDir(): string {
  if (typeof __PAYFRAME_BUILT__ !== 'undefined') return fileURLToPath(new URL('..', import.meta.url));
  return resolve(process.env.PAYFRAME_DIST_DIR ?? 'dist');
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === 'fields') return runFieldsCommand(rest, distDir());
  if (command === 'sandbox') {
    const { runSandboxCommand } = await import('./sandbox/sandbox-command.ts');
    return runSandboxCommand(rest);
  }
  if (command === 'audit') {
    // Loaded only here: it brings the Chromium driver (playwright-core, an optional peer dependency).
    const { runAuditCommand } = await import('./audit/audit-command.ts');
    const status = await runAuditCommand(rest, distDir()).catch((error: unknown) => {
      // Could not run: exit 2 with the reason, never a stack.
      console.error(`payframe audit: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      return 2;
    });
    process.exit(status);
  }
  throw new UsageError(command === undefined || command === '--help' || command === '-h' || command === 'help' ? '' : `unknown command "${command}"`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    if (error.message) console.error(`payframe: ${error.message}\n`);
    console.error(USAGE);
    process.exit(2);
  }
  if (error instanceof ConfigFileError || error instanceof ExportFolderError) {
    console.error(`payframe: ${error.message}`);
    process.exit(2);
  }
  // Anything else (a port in use, a missing build): its message, not a stack.
  console.error(`payframe: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
