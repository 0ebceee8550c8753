// The embedded database is opened by one process at a time (PGlite does not support two instances on
// one folder): real processes on one PGLITE_DATA_DIR. A second backend, or `npm run reconcile`
// without OPS_PASSWORD, is refused with a message saying how to reach the running backend, and the
// first keeps working; a lock left by a process that died is taken over.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY, startSandboxGateway, type RunningSandboxGateway } from '../../src/node/sandbox/sandbox-gateway.ts';
import { freePort } from './harness/free-port.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const OPS_PASSWORD = 'lock-test-ops-password';

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(script: string, args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', OPS_PASSWORD: '', ...env } });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** What a backend does first: listen, or exit (with its status). */
function listensOrExits(backend: Run): Promise<'listening' | number | null> {
  return Promise.race([
    new Promise<'listening'>((resolve) => {
      const check = () => {
        if (backend.output().includes('backend listening')) resolve('listening');
      };
      backend.child.stdout!.on('data', check);
      check();
    }),
    backend.exited,
  ]);
}

/** Resolves once the backend logged that it listens; fails if it exits first. */
async function listening(backend: Run): Promise<void> {
  const outcome = await listensOrExits(backend);
  if (outcome !== 'listening') throw new Error(`the backend exited with ${outcome}:\n${backend.output()}`);
}

test.describe('the embedded database, one process at a time', () => {
  // Backends start from source (tsx, PGlite): tens of seconds on a busy machine.
  test.setTimeout(120_000);
  let gateway: RunningSandboxGateway;
  let dataDir: string;
  let env: Record<string, string>;

  test.beforeAll(async () => {
    gateway = await startSandboxGateway({ port: 0, publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY });
  });
  test.afterAll(async () => {
    await gateway?.close();
  });
  test.beforeEach(async () => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'payframe-lock-')), 'pglite');
    env = { PGLITE_DATA_DIR: dataDir, GATEWAY_URL: gateway.url, STRIPE_WEBHOOK_SECRET: 'whsec_locktest', BACKEND_PORT: String(await freePort()), OPS_PASSWORD };
  });

  test('a second backend and npm run reconcile without OPS_PASSWORD are refused with how to reach the running backend; the first keeps working', async () => {
    const first = run('demo/backend/main.ts', [], env);
    try {
      await listening(first);
      const backendUrl = `http://localhost:${env.BACKEND_PORT}`;

      const second = run('demo/backend/main.ts', [], { ...env, BACKEND_PORT: String(await freePort()) });
      const outcome = await listensOrExits(second);
      if (outcome === 'listening') second.child.kill('SIGKILL');
      expect(outcome, second.output()).toBe(1);
      expect(second.output()).toContain('(data_dir_locked)');
      expect(second.output()).toContain(`is in use by another process (pid ${first.child.pid}`);
      expect(second.output()).not.toMatch(/\n\s+at /);

      const since = new Date(Date.now() - 60_000).toISOString();
      const reconcile = run('demo/backend/reconcile-cli.ts', ['--since', since], { PGLITE_DATA_DIR: dataDir, GATEWAY_URL: gateway.url, BACKEND_URL: backendUrl });
      expect(await reconcile.exited).toBe(2);
      expect(reconcile.output()).toContain('Reconciliation could not run (data_dir_locked)');
      expect(reconcile.output()).toContain('set OPS_PASSWORD to the operations password');
      expect(reconcile.output()).not.toMatch(/\n\s+at /);

      // The first still answers, and what the message says to do works.
      expect((await fetch(`${backendUrl}/readyz`)).status).toBe(200);
      const viaBackend = run('demo/backend/reconcile-cli.ts', ['--since', since], { GATEWAY_URL: gateway.url, BACKEND_URL: backendUrl, OPS_PASSWORD });
      expect(await viaBackend.exited, viaBackend.output()).toBe(0);
      expect(viaBackend.output()).toContain('OK: ledger and gateway agree.');
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    // Stopped with SIGTERM, it released the folder.
    expect(existsSync(join(dataDir, 'payframe.lock'))).toBe(false);
  });

  test('a lock left by a process that no longer runs is taken over', async () => {
    // A real pid that is gone: a process that ran and exited.
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('close', resolve));
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'payframe.lock'), JSON.stringify({ pid: gone.pid, program: 'npm run demo', since: '2026-01-01T00:00:00.000Z' }));

    const backend = run('demo/backend/main.ts', [], env);
    try {
      await listening(backend);
      expect((await fetch(`http://localhost:${env.BACKEND_PORT}/readyz`)).status).toBe(200);
    } finally {
      backend.child.kill('SIGTERM');
      await backend.exited;
    }
  });
});
