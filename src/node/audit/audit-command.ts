// `payframe audit <url>` (Node, ships): opens a payment page in Chromium, inventories its scripts,
// frames and security headers, probes for card leaks, compares with a baseline, and prints the
// report. Exit 0 clean, 1 findings, 2 could not run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../fields/fields-command.ts';
import { AuditError } from './audit-errors.ts';
import type { AuditReport, AuditedScript, PayframeIntegrityReport } from './audit-report.ts';
import { diffBaseline, parseBaseline } from './baseline.ts';
import { combinedPolicies, cspListsScriptHash, readCsp } from './csp.ts';
import { redactCard } from './leak-search.ts';
import { observePage, scriptHashes, type PageObservation } from './page-probe.ts';
import { formatReport } from './report-table.ts';
import { isPayframeFile, isPayframeScriptTag, judge } from './verdicts.ts';


interface AuditOptions {
  url: string;
  json: boolean;
  baseline?: string;
  writeBaseline?: string;
  integrity?: string;
  fieldsOrigin?: string;
  timeoutMs: number;
}

function parseArgs(args: string[]): AuditOptions {
  const options: Partial<AuditOptions> = { json: false, timeoutMs: 20_000 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) throw new AuditError('bad-flag', `${arg} needs a value`);
      return next;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--baseline') options.baseline = value();
    else if (arg === '--write-baseline') options.writeBaseline = value();
    else if (arg === '--integrity') {
      options.integrity = value();
      if (!/^sha(256|384|512)-[A-Za-z0-9+/]+=*$/.test(options.integrity)) throw new AuditError('bad-flag', `--integrity takes an SRI hash such as sha384-…, not "${options.integrity}"`);
    } else if (arg === '--fields-origin') options.fieldsOrigin = originOf(value(), '--fields-origin');
    else if (arg === '--timeout') {
      const seconds = Number(value());
      if (!(seconds > 0)) throw new AuditError('bad-flag', '--timeout takes a number of seconds above 0');
      options.timeoutMs = seconds * 1000;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown flag ${arg} for audit`);
    else if (options.url === undefined) options.url = pageUrl(arg);
    else throw new UsageError(`audit takes one URL; "${arg}" is a second`);
  }
  if (options.url === undefined) throw new UsageError('audit needs the URL of a payment page');
  return options as AuditOptions;
}

function pageUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AuditError('bad-url', `"${text}" is not a URL (give the payment page's full address, e.g. https://shop.example/checkout)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AuditError('bad-url', `"${text}" is not an http(s) URL`);
  return url.href;
}

function originOf(text: string, flag: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  } catch {
    // Reported below.
  }
  throw new AuditError('bad-flag', `${flag} takes an http(s) origin, not "${text}"`);
}

function readBaselineFile(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AuditError('bad-baseline', `cannot read the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const baseline = parseBaseline(text);
  if (typeof baseline === 'string') throw new AuditError('bad-baseline', `${file} is not a baseline: ${baseline}`);
  return baseline;
}

/** The hash payframe.js should carry: --integrity, else the fields origin's /integrity.json, else this package's own build. */
async function expectedIntegrity(options: AuditOptions, fieldsOrigin: string, distDir: string): Promise<Pick<PayframeIntegrityReport, 'expected' | 'expectedFrom'>> {
  if (options.integrity) return { expected: options.integrity, expectedFrom: 'flag' };
  try {
    const response = await fetch(`${fieldsOrigin}/integrity.json`, { signal: AbortSignal.timeout(5000) });
    const published = response.ok ? ((await response.json()) as Record<string, unknown>)['payframe.js'] : undefined;
    if (typeof published === 'string') return { expected: published, expectedFrom: 'fields-origin' };
  } catch {
    // Not published there (`payframe fields` does not serve it): fall back to the package's own.
  }
  const own = join(distDir, 'integrity.json');
  if (existsSync(own)) {
    const published = (JSON.parse(readFileSync(own, 'utf8')) as Record<string, unknown>)['payframe.js'];
    if (typeof published === 'string') return { expected: published, expectedFrom: 'package' };
  }
  return { expected: null, expectedFrom: null };
}

function scriptsOf(observation: PageObservation): AuditedScript[] {
  const pageOrigin = new URL(observation.finalUrl).origin;
  const policies = combinedPolicies(observation.csp, observation.metaCsp);
  const inline = observation.inlineScripts.map((script, index): AuditedScript => {
    const hashes = scriptHashes(script.text);
    return {
      name: `inline #${index + 1}`,
      kind: 'inline',
      url: null,
      sha384: hashes.sha384,
      integrity: null,
      sameOrigin: true,
      payframe: false,
      listedInCsp: cspListsScriptHash(policies, Object.values(hashes)),
    };
  });
  const runtime = observation.runtimeScripts.map((script, index): AuditedScript => {
    const hashes = scriptHashes(script.text);
    return { name: `runtime #${index + 1}`, kind: 'runtime', url: null, sha384: hashes.sha384, integrity: null, sameOrigin: true, payframe: false, listedInCsp: cspListsScriptHash(policies, Object.values(hashes)) };
  });
  const loaded = observation.loadedScripts.map(
    (script): AuditedScript => ({
      name: script.url,
      kind: 'loaded',
      url: script.url,
      sha384: scriptHashes(script.body).sha384,
      integrity: script.integrity,
      sameOrigin: new URL(script.url).origin === pageOrigin,
      payframe: isPayframeFile(script.url, observation.fieldsOrigin),
      listedInCsp: null,
    }),
  );
  return [...loaded, ...inline, ...runtime];
}

async function runAudit(options: AuditOptions, distDir: string): Promise<{ report: AuditReport; redact: (text: string) => string }> {
  const baseline = options.baseline ? readBaselineFile(options.baseline) : undefined;
  const observation = await observePage(options.url, { timeoutMs: options.timeoutMs, ...(options.fieldsOrigin ? { fieldsOrigin: options.fieldsOrigin } : {}) });
  const scripts = scriptsOf(observation);
  const payframeScript = scripts.find((script) => isPayframeScriptTag(script.url, observation.fieldsOrigin));
  const expected = await expectedIntegrity(options, observation.fieldsOrigin, distDir);
  const actual = payframeScript?.integrity ?? null;
  const headers = {
    csp: readCsp(observation.csp, observation.metaCsp, observation.fieldsOrigin, new URL(observation.finalUrl).origin),
    strictTransportSecurity: observation.strictTransportSecurity,
    https: observation.https,
  };
  const observed = {
    url: options.url,
    finalUrl: observation.finalUrl,
    fieldsOrigin: observation.fieldsOrigin,
    scripts,
    frames: observation.frames,
    headers,
    payframeIntegrity: { ...expected, actual, matches: actual !== null && expected.expected !== null && actual.split(/\s+/).includes(expected.expected) },
    leakProbe: observation.leakProbe,
    baseline: baseline && options.baseline ? { file: options.baseline, differences: diffBaseline(baseline, { scripts, headers }) } : null,
  };
  return { report: { ...observed, ...judge(observed) }, redact: (text) => redactCard(text, observation.card) };
}

/** Runs the command; resolves to the exit status. */
export async function runAuditCommand(args: string[], distDir: string): Promise<number> {
  const json = args.includes('--json');
  try {
    const options = parseArgs(args);
    const { report, redact } = await runAudit(options, distDir);
    const reportJson = redact(`${JSON.stringify(report, null, 2)}\n`);
    if (options.writeBaseline) {
      try {
        writeFileSync(options.writeBaseline, reportJson);
      } catch (error) {
        throw new AuditError('write-failed', `cannot write ${options.writeBaseline}: ${(error as NodeJS.ErrnoException).code ?? 'unwritable'}`);
      }
    }
    process.stdout.write(json ? reportJson : redact(formatReport(report)));
    return report.findings.length === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof AuditError)) throw error;
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2)}\n`);
    process.stderr.write(`payframe audit: ${error.message} [${error.code}]\n`);
    return 2;
  }
}
