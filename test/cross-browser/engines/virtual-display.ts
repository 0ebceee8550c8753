// An X display for browsers that cannot run headless here (WebKitGTK's MiniBrowser): an Xvfb
// process the test starts and stops itself, never a system service. Runs in Node.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';

const XVFB = '/usr/bin/Xvfb';

export interface VirtualDisplay {
  /** For the DISPLAY variable, e.g. ":3". */
  readonly display: string;
  stop(): Promise<void>;
}

export async function startVirtualDisplay(timeoutMs = 10_000): Promise<VirtualDisplay> {
  if (!existsSync(XVFB)) throw new Error(`No ${XVFB}: install Debian's xvfb (.ci/run does)`);
  // -displayfd: Xvfb picks a free display itself and writes its number to fd 3 once it accepts
  // clients, so parallel runs never fight over ":99" and we wait for readiness, not for time.
  const xvfb = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  xvfb.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const number = await new Promise<string>((resolve, reject) => {
    let written = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    (xvfb.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      written += chunk.toString();
      if (written.includes('\n')) {
        clearTimeout(timer);
        resolve(written.trim());
      }
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code}) before it was ready: ${stderr}`));
    });
  });
  return { display: `:${number}`, stop: () => stopProcess(xvfb) };
}

/** SIGTERM, then resolves once the process is gone. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
