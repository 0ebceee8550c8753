// For specs that judge `payframe sandbox` as a real process (no browser): starts it from source the
// way src/node/cli.ts dispatches it, reads the URL it prints, and collects the signed webhook
// events it sends to an endpoint of the test's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Stripe from 'stripe';

const ROOT = resolve(import.meta.dirname, '../../..');
const RUNNER = 'test/e2e/sandbox/run-sandbox-command.ts';

export interface SandboxProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit status once the process is gone and its output read to the end. */
  closed: Promise<number | null>;
}

export function startSandboxProcess(args: string[]): SandboxProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<number | null>((resolveClose) => child.once('close', (code) => resolveClose(code)));
  return { child, output: () => output, closed };
}

/** The URL the sandbox printed once listening; fails if it exits first. */
export async function sandboxUrl(sandbox: SandboxProcess): Promise<string> {
  const printed = new Promise<string>((resolveUrl) => {
    const check = () => {
      const match = /^Sandbox gateway: (http:\/\/\S+)$/m.exec(sandbox.output());
      if (match) resolveUrl(match[1]!);
    };
    sandbox.child.stdout!.on('data', check);
    check();
  });
  const exited = sandbox.closed.then((code) => {
    throw new Error(`payframe sandbox exited with ${code} before listening:\n${sandbox.output()}`);
  });
  return Promise.race([printed, exited]);
}

/** A sandbox config file (JSON) in a fresh temporary folder. */
export function sandboxConfigFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'payframe-sandbox-config-')), 'accounts.json');
  writeFileSync(path, JSON.stringify(content, null, 2));
  return path;
}

export interface WebhookReceiver {
  url: string;
  /** Every event whose signature verified, in arrival order. */
  events: Stripe.Event[];
  /** Resolves once `count` verified events have arrived (the test's timeout bounds the wait). */
  received(count: number): Promise<Stripe.Event[]>;
  close(): Promise<void>;
}

/** A webhook endpoint that keeps the events it can verify with `secret` (stripe-node's constructEvent). */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const events: Stripe.Event[] = [];
  const waiters: Array<{ count: number; resolve: (events: Stripe.Event[]) => void }> = [];
  const wake = () => {
    for (const waiter of waiters.filter(({ count }) => events.length >= count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve([...events]);
    }
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        events.push(Stripe.webhooks.constructEvent(Buffer.concat(chunks), String(req.headers['stripe-signature']), secret));
        res.end('ok');
        wake();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`,
    events,
    received: (count) =>
      new Promise((resolveEvents) => {
        waiters.push({ count, resolve: resolveEvents });
        wake();
      }),
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
