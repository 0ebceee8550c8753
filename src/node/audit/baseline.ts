// `payframe audit --baseline`: what changed on a payment page since an approved run (Node, ships;
// pure). A baseline is an earlier run's JSON; scripts are compared by name (URL, or `inline #n`)
// and content hash, headers by their exact text. PCI DSS 6.4.3 asks for exactly this inventory.
import type { AuditReport, BaselineDifference } from './audit-report.ts';

/** What a baseline must hold to be compared; anything else in the file is ignored. */
export type BaselineContent = Pick<AuditReport, 'scripts'> & { headers: { csp: { policy: string | null; metaPolicy?: string | null }; strictTransportSecurity: string | null } };

/** The headers a baseline pins, by name. */
function pinnedHeaders(report: BaselineContent): Map<string, string | null> {
  return new Map([
    ['Content-Security-Policy', report.headers.csp.policy],
    ['Content-Security-Policy (meta)', report.headers.csp.metaPolicy ?? null],
    ['Strict-Transport-Security', report.headers.strictTransportSecurity],
  ]);
}

export function diffBaseline(baseline: BaselineContent, current: BaselineContent): BaselineDifference[] {
  const differences: BaselineDifference[] = [];
  const before = new Map(baseline.scripts.map((script) => [script.name, script]));
  const after = new Map(current.scripts.map((script) => [script.name, script]));
  for (const [name, script] of after) {
    const old = before.get(name);
    if (!old) differences.push({ change: 'added', kind: 'script', name });
    else if (old.sha384 !== script.sha384 || old.integrity !== script.integrity) differences.push({ change: 'changed', kind: 'script', name });
  }
  for (const name of before.keys()) if (!after.has(name)) differences.push({ change: 'removed', kind: 'script', name });
  const oldHeaders = pinnedHeaders(baseline);
  for (const [name, value] of pinnedHeaders(current)) {
    const old = oldHeaders.get(name) ?? null;
    if (old === value) continue;
    differences.push({ change: old === null ? 'added' : value === null ? 'removed' : 'changed', kind: 'header', name });
  }
  return differences;
}

/** A baseline file's content, checked enough to compare with; a message saying what is wrong otherwise. */
export function parseBaseline(text: string): BaselineContent | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  const candidate = json as Partial<BaselineContent> | null;
  if (!candidate || !Array.isArray(candidate.scripts) || typeof candidate.headers !== 'object' || candidate.headers === null) {
    return 'it is not the JSON of a `payframe audit` run (no scripts or headers)';
  }
  const scriptsOk = candidate.scripts.every((script) => typeof script?.name === 'string' && typeof script.sha384 === 'string');
  if (!scriptsOk || typeof candidate.headers.csp !== 'object') return 'its scripts or headers are not in the shape `payframe audit --json` writes';
  return candidate as BaselineContent;
}
