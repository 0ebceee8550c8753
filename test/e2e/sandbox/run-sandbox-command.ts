// Runs `payframe sandbox` from source, as src/node/cli.ts dispatches it, for the command's tests:
// `node --import tsx test/e2e/sandbox/run-sandbox-command.ts [flags]`.
import { runSandboxCommand } from '../../../src/node/sandbox/sandbox-command.ts';

await runSandboxCommand(process.argv.slice(2));
