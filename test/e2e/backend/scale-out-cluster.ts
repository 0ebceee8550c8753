// Several reference backends as real processes (demo/backend/main.ts) on one PostgreSQL, one
// sandbox gateway process (`payframe sandbox`), and a small round-robin proxy in front of the
// backends that also plays a hostile network for webhooks: it delays deliveries (so they overtake
// each other), sends copies of them to another instance, and moves on to the next instance when
// one is down. Used by the scale-out spec and its throughput report.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY } from '../../../src/node/sandbox/keys.ts';
import { newWebhookSecret } from '../../../src/node/sandbox/webhook-signature.ts';
import { freePort } from '../harness/free-port.ts';

const ROOT = join(import.meta.dirname, '../../..');

export interface ProgramOptions {
  script: string;
  args?: string[];
  env?: Record<string, string>;
  /** Where its stdout and stderr go (a test's log file). */
  logFile: string;
}

/** A child process of ours, with what it printed so far. */
export class Program {
  readonly child: ChildProcess;
  output = '';
  private exited: Promise<void>;

  constructor(options: ProgramOptions) {
    this.child = spawn(process.execPath, ['--import', 'tsx', options.script, ...(options.args ?? [])], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', PGLITE_DATA_DIR: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      // Only the start of the output is kept in memory (for the URL line and start-up errors).
      if (this.output.length < 20_000) this.output += chunk.toString();
      writeFileSync(options.logFile, chunk, { flag: 'a' });
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  async waitFor(pattern: RegExp, deadlineMs = 20_000): Promise<RegExpExecArray> {
    const until = Date.now() + deadlineMs;
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (this.child.exitCode !== null) throw new Error(`${this.child.spawnargs.join(' ')} exited (${this.child.exitCode}): ${this.output.slice(-2000)}`);
      if (Date.now() > until) throw new Error(`Timed out waiting for ${pattern}: ${this.output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** SIGKILL: no clean-up at all, as a crashed or OOM-killed machine. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}

/** Polls `check` until it returns true or the deadline passes (then throws with `what`). */
export async function waitUntil(what: string, check: () => Promise<boolean>, deadlineMs = 30_000, everyMs = 50): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export interface ChaosOptions {
  /** Share of webhook deliveries also sent, later, to another instance. */
  duplicateShare: number;
  /** Share of webhook deliveries held back a little before they are forwarded (so later ones overtake them). */
  delayShare: number;
  maxDelayMs: number;
}

export const NO_CHAOS: ChaosOptions = { duplicateShare: 0, delayShare: 0, maxDelayMs: 0 };

interface Forwarded {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Round-robin over the instances' ports; an instance that refuses connections is skipped. */
export class RoundRobinProxy {
  readonly server: http.Server;
  port = 0;
  private next = 0;
  private readonly pending = new Set<Promise<unknown>>();
  readonly stats = { requests: 0, webhookDeliveries: 0, webhookCopies: 0, webhookDelayed: 0, skippedDown: 0, failedUpstream: 0 };
  /** Every event id the gateway delivered through us. */
  readonly eventIds = new Set<string>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    readonly upstreamPorts: number[],
    private readonly chaos: ChaosOptions = NO_CHAOS,
  ) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => void this.handle(req, Buffer.concat(chunks), res));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resolves once every copy and delayed delivery we started has been answered. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    await this.idle();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
    this.agent.destroy();
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise)).catch(() => {});
    return promise;
  }

  private pick(): number {
    const index = this.next % this.upstreamPorts.length;
    this.next += 1;
    return index;
  }

  private forward(index: number, req: http.IncomingMessage, body: Buffer): Promise<Forwarded> {
    const port = this.upstreamPorts[index]!;
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: `127.0.0.1:${port}`, 'content-length': String(body.length) };
      delete headers.connection;
      const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers, agent: this.agent }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(parts) }));
        answer.on('error', reject);
      });
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  /** Tries the instances in turn from `first`: a refused connection (a down instance) was never received, so the next one gets it. */
  private async forwardToLive(first: number, req: http.IncomingMessage, body: Buffer, retryAnyFailure: boolean): Promise<Forwarded> {
    let lastError: unknown;
    for (let tried = 0; tried < this.upstreamPorts.length * 3; tried++) {
      const index = (first + tried) % this.upstreamPorts.length;
      try {
        const answer = await this.forward(index, req, body);
        // A webhook is safe to send again anywhere (each event is applied once): a 5xx moves on too.
        if (retryAnyFailure && answer.status >= 500) {
          lastError = new Error(`HTTP ${answer.status}`);
          continue;
        }
        return answer;
      } catch (error) {
        lastError = error;
        const refused = (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
        if (refused) this.stats.skippedDown += 1;
        if (!refused && !retryAnyFailure) throw error;
      }
    }
    throw lastError;
  }

  private async handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
    this.stats.requests += 1;
    const webhook = req.url === '/webhooks/stripe';
    const first = this.pick();
    try {
      if (webhook) {
        this.stats.webhookDeliveries += 1;
        const eventId = (JSON.parse(body.toString()) as { id?: string }).id;
        if (eventId) this.eventIds.add(eventId);
        if (Math.random() < this.chaos.duplicateShare) {
          // The same signed delivery again, a little later, at the next instance.
          this.stats.webhookCopies += 1;
          const wait = Math.random() * this.chaos.maxDelayMs;
          this.track(new Promise((resolve) => setTimeout(resolve, wait)).then(() => this.forwardToLive(first + 1, req, body, true)));
        }
        if (Math.random() < this.chaos.delayShare) {
          this.stats.webhookDelayed += 1;
          const wait = Math.random() * this.chaos.maxDelayMs;
          await this.track(new Promise((resolve) => setTimeout(resolve, wait)));
        }
      }
      const answer = await this.track(this.forwardToLive(first, req, body, webhook));
      const headers = { ...answer.headers };
      delete headers['transfer-encoding'];
      delete headers.connection;
      res.writeHead(answer.status, headers);
      res.end(answer.body);
    } catch {
      this.stats.failedUpstream += 1;
      res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'bad_gateway', message: 'No backend instance answered.' } }));
    }
  }
}

export interface ClusterOptions {
  instances: number;
  databaseUrl: string;
  chaos?: ChaosOptions;
  logPrefix: string;
  opsPassword: string;
}

/** The gateway, the proxy and N backends, each backend on a port of its own (kept across restarts). */
export class ScaleOutCluster {
  gatewayUrl = '';
  proxyUrl = '';
  readonly publishableKey = DEFAULT_PUBLISHABLE_KEY;
  readonly secretKey = DEFAULT_SECRET_KEY;
  readonly webhookSecret = newWebhookSecret();
  gateway: Program | undefined;
  readonly backends: (Program | undefined)[] = [];
  ports: number[] = [];
  proxy!: RoundRobinProxy;

  constructor(private readonly options: ClusterOptions) {}

  backendUrl(index: number): string {
    return `http://127.0.0.1:${this.ports[index]}`;
  }

  async start(): Promise<void> {
    for (let index = 0; index < this.options.instances; index++) this.ports.push(await freePort());
    this.proxy = new RoundRobinProxy(this.ports, this.options.chaos);
    this.proxyUrl = await this.proxy.listen();
    const config = join(`${this.options.logPrefix}-sandbox.json`);
    writeFileSync(
      config,
      JSON.stringify({ accounts: [{ publishableKey: this.publishableKey, secretKey: this.secretKey, webhookEndpoints: [{ url: `${this.proxyUrl}/webhooks/stripe`, secret: this.webhookSecret }] }] }),
    );
    this.gateway = new Program({ script: 'src/node/cli.ts', args: ['sandbox', '--port', '0', '--config', config], logFile: `${this.options.logPrefix}-sandbox.log` });
    this.gateway.child.stdout!.resume();
    this.gatewayUrl = (await this.gateway.waitFor(/Sandbox gateway: (http:\/\/\S+)/))[1]!;
    await Promise.all(this.ports.map((_, index) => this.startBackend(index)));
  }

  async startBackend(index: number): Promise<void> {
    const program = new Program({
      script: 'demo/backend/main.ts',
      env: {
        BACKEND_PORT: String(this.ports[index]),
        GATEWAY_URL: this.gatewayUrl,
        STRIPE_SECRET_KEY: this.secretKey,
        STRIPE_PUBLISHABLE_KEY: this.publishableKey,
        STRIPE_WEBHOOK_SECRET: this.webhookSecret,
        // The shop page is not what these tests drive; any fields origin will do.
        FIELDS_ORIGIN: 'http://127.0.0.1:9',
        OPS_PASSWORD: this.options.opsPassword,
        DATABASE_URL: this.options.databaseUrl,
        LOG_LEVEL: 'warn',
      },
      logFile: `${this.options.logPrefix}-backend-${index}.log`,
    });
    this.backends[index] = program;
    await waitUntil(`backend ${index} is ready`, async () => {
      // An instance that exited stops the wait; the line below says why.
      if (program.child.exitCode !== null) return true;
      return (await fetch(`${this.backendUrl(index)}/readyz`)).status === 200;
    });
    if (program.child.exitCode !== null) throw new Error(`backend ${index} exited: ${program.output.slice(-2000)}`);
  }

  async stop(): Promise<void> {
    await Promise.all(this.backends.map((backend) => backend?.kill('SIGTERM')));
    await this.gateway?.kill('SIGTERM');
    await this.proxy?.close();
  }
}
