// One reconciliation at a time across backend instances on one database, on PGlite and on
// PostgreSQL: while instance A's run is held mid-way (its gateway list call parked by a proxy the
// test releases), a run at instance B, or `npm run reconcile`, is refused with a typed 409
// reconciliation_in_progress; once A's report is back, B runs. A lease left by a crashed run is
// taken over once it has expired.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { startBackend, type RunningBackend } from '../../demo/backend/backend-server.ts';
import type { DatabaseConfig } from '../../demo/backend/db/database.ts';
import { close, listen } from '../../src/node/http/listen.ts';
import { BackendStack, DATABASE_TARGETS, databaseFor, expect, OPS_PASSWORD, skipWithoutPostgres, startStack, test } from './backend/backend-stack.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * A pass-through proxy in front of the gateway that, when armed, parks the next payment-intent
 * list call (the first thing a reconciliation asks the gateway) until the test releases it.
 */
class HoldingGatewayProxy {
  url = '';
  private server: http.Server;
  private hold: { parked: () => void; released: Promise<void> } | undefined;

  constructor(private readonly gatewayUrl: string) {
    this.server = http.createServer((req, res) => {
      const hold = req.method === 'GET' && new URL(req.url ?? '/', 'http://proxy.invalid').pathname === '/v1/payment_intents' ? this.hold : undefined;
      if (hold) this.hold = undefined;
      const forward = () => {
        const target = new URL(req.url ?? '/', this.gatewayUrl);
        const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      };
      if (!hold) return forward();
      hold.parked();
      void hold.released.then(forward);
    });
  }

  async start(): Promise<void> {
    this.url = `http://127.0.0.1:${await listen(this.server, 0, '127.0.0.1')}`;
  }

  /** Arms the hold; `parked` resolves when the list call has arrived, `release` lets it through. */
  holdNextList(): { parked: Promise<void>; release: () => void } {
    let parked!: () => void;
    let release!: () => void;
    const parkedPromise = new Promise<void>((resolve) => (parked = resolve));
    this.hold = { parked, released: new Promise<void>((resolve) => (release = resolve)) };
    return { parked: parkedPromise, release };
  }

  stop(): Promise<void> {
    return close(this.server);
  }
}

async function login(url: string): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${url}/api/ops/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'ops', password: OPS_PASSWORD }) });
  expect(response.status).toBe(200);
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';', 1)[0]!, csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken };
}

function postReconciliation(url: string, session: { cookie: string; csrfToken: string }, since: Date): Promise<Response> {
  return fetch(`${url}/api/ops/reconciliation`, {
    method: 'POST',
    headers: { Cookie: session.cookie, 'X-CSRF-Token': session.csrfToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ since: since.toISOString() }),
  });
}

/** Runs `npm run reconcile` as a user would (node + tsx, no npm wrapper), with `env`. */
function runReconcileCommand(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/backend/reconcile-cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', OPS_PASSWORD: '', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

for (const target of DATABASE_TARGETS) {
  test.describe(`one reconciliation at a time on ${target}`, () => {
    let stack: BackendStack;
    let database: DatabaseConfig;
    let proxy: HoldingGatewayProxy;
    let instanceA: RunningBackend;
    const since = new Date(Date.now() - 60_000);

    test.beforeAll(async ({ postgres }) => {
      skipWithoutPostgres(target, postgres);
      database = await databaseFor(target, postgres);
      // Instance B: the stack's backend, straight to the gateway.
      stack = await startStack(target, postgres, { name: 'reconciliation-exclusive', database });
      proxy = new HoldingGatewayProxy(stack.demo.gatewayUrl);
      await proxy.start();
      // Instance A: the same database (PGlite in memory can only be shared as the open handle), the gateway through the proxy.
      instanceA = await startBackend({
        port: 0,
        gatewayUrl: proxy.url,
        secretKey: stack.demo.secretKey,
        publishableKey: stack.demo.publishableKey,
        webhookSecret: stack.demo.webhooks.listEndpoints()[0]!.secret,
        fieldsOrigin: stack.demo.fieldsOrigin,
        opsUser: 'ops',
        opsPassword: OPS_PASSWORD,
        logger: stack.backend.logger,
        database: database.kind === 'postgres' ? database : stack.backend.db,
      });
    });
    test.afterAll(async () => {
      await instanceA?.close();
      await proxy?.stop();
      await stack?.close();
    });

    test('while instance A reconciles, instance B and `npm run reconcile` get 409 reconciliation_in_progress; after it, B runs', async () => {
      const session = await login(instanceA.url);
      const hold = proxy.holdNextList();
      const runAtA = postReconciliation(instanceA.url, session, since);
      await hold.parked;
      try {
        const refused = await postReconciliation(stack.url, session, since);
        expect(refused.status).toBe(409);
        const body = (await refused.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('reconciliation_in_progress');
        expect(body.error.message).toMatch(/already running \(started \d{4}-\d\d-\d\dT[\d:.]+Z\)\. Retry in a moment/);

        // The command line, through instance B and (on PostgreSQL) on the database itself: the message, exit 2, no stack trace.
        const runs = [runReconcileCommand(['--since', since.toISOString()], { BACKEND_URL: stack.url, OPS_PASSWORD, GATEWAY_URL: stack.demo.gatewayUrl })];
        if (database.kind === 'postgres') runs.push(runReconcileCommand(['--since', since.toISOString()], { DATABASE_URL: database.url, GATEWAY_URL: stack.demo.gatewayUrl, STRIPE_SECRET_KEY: stack.demo.secretKey }));
        for (const command of await Promise.all(runs)) {
          expect(command.code, command.output).toBe(2);
          expect(command.output).toMatch(/^Reconciliation could not run \(reconciliation_in_progress\): A reconciliation is already running \(started .+\)\. Retry in a moment/);
          expect(command.output).not.toMatch(/\n\s+at /);
        }
      } finally {
        // Also when an expectation failed: a parked request would outlive the test.
        hold.release();
      }
      const answerAtA = await runAtA;
      expect(answerAtA.status).toBe(200);
      expect(((await answerAtA.json()) as { mismatches: number }).mismatches).toBe(0);

      const again = await postReconciliation(stack.url, session, since);
      expect(again.status).toBe(200);
      expect(((await again.json()) as { mismatches: number }).mismatches).toBe(0);
    });

    test('a lease left by a crashed run blocks only until it expires, then the next run takes it over', async () => {
      const session = await login(stack.url);
      await stack.backend.db.query("INSERT INTO operation_leases (name, holder, started_at, expires_at) VALUES ('reconciliation', 'crashed-run', now(), now() + interval '1 hour')");
      expect((await postReconciliation(stack.url, session, since)).status).toBe(409);
      await stack.backend.db.query("UPDATE operation_leases SET expires_at = now() - interval '1 second' WHERE name = 'reconciliation'");
      expect((await postReconciliation(stack.url, session, since)).status).toBe(200);
      // The run that took it over let it go when it ended.
      expect((await stack.backend.db.query("SELECT 1 FROM operation_leases WHERE name = 'reconciliation'")).rowCount).toBe(0);
    });
  });
}
