// Which of an audit's observations are findings (Node, ships; pure). A finding fails the audit
// (exit 1); a note does not. Each rule says why a payment page needs it.
import type { AuditReport, Finding } from './audit-report.ts';

export type Observations = Omit<AuditReport, 'findings' | 'notes'>;

export function judge(report: Observations): { findings: Finding[]; notes: string[] } {
  const findings: Finding[] = [];
  const notes: string[] = [];
  const add = (code: string, subject: string, message: string) => findings.push({ code, subject, message });

  for (const script of report.scripts) {
    // Inline code runs with the page's full power; only a hash in the CSP pins exactly which.
    if (script.kind === 'inline' && !script.listedInCsp) add('inline-script-unlisted', script.name, `${script.name} (${script.sha384}) runs but its hash is not listed in the CSP's script-src`);
    // Code built from strings at run time is outside any inventory: only a hash in the CSP pins it.
    if (script.kind === 'runtime' && !script.listedInCsp) add('runtime-script', script.name, `${script.name} (${script.sha384}) is code the page's scripts compiled as they ran (eval, new Function or an inserted inline script)`);
    // Another origin can change a script under the page unless its hash is pinned (SRI). payframe.js has its own check below.
    if (script.kind === 'loaded' && !script.sameOrigin && !script.integrity && !isPayframeScriptTag(script.url, report.fieldsOrigin)) {
      add('script-without-sri', script.name, `${script.name} is loaded from another origin without a Subresource Integrity hash`);
    }
  }

  const { csp } = report.headers;
  if (csp.policy === null && csp.metaPolicy === null) add('csp-missing', 'Content-Security-Policy', 'the page has no Content-Security-Policy (header or meta): any injected script may run');
  else {
    if (csp.allowsUnsafeInline) add('csp-unsafe-inline', 'Content-Security-Policy', "script-src allows 'unsafe-inline': an injected inline script runs");
    if (csp.scriptWildcards.length > 0) add('csp-script-wildcard', 'Content-Security-Policy', `script-src admits any host: ${csp.scriptWildcards.join(' ')}`);
    if (!csp.framesAllowFieldsOrigin) add('csp-blocks-fields', 'Content-Security-Policy', `frame-src does not allow the fields origin ${report.fieldsOrigin}: the card fields cannot load`);
  }
  if (!csp.requiresTrustedTypes) notes.push("the CSP does not require Trusted Types (require-trusted-types-for 'script'): DOM XSS sinks stay open");

  if (report.headers.https && !report.headers.strictTransportSecurity) add('hsts-missing', 'Strict-Transport-Security', 'the page is served over https without Strict-Transport-Security');
  if (!report.headers.https) notes.push('the page is served over http: HSTS does not apply (a production payment page must use https)');

  const integrity = report.payframeIntegrity;
  if (!report.scripts.some((script) => isPayframeScriptTag(script.url, report.fieldsOrigin))) notes.push('payframe.js is not loaded by a script tag (an SPA bundle): its integrity is not checked');
  else if (integrity.actual === null) add('payframe-integrity-missing', 'payframe.js', `payframe.js is loaded without an integrity attribute${integrity.expected ? ` (expected ${integrity.expected})` : ''}`);
  else if (integrity.expected === null) notes.push('no integrity hash published for payframe.js was found: pass --integrity to check it');
  else if (!integrity.matches) add('payframe-integrity-mismatch', 'payframe.js', `payframe.js is loaded with integrity ${integrity.actual}, not the published ${integrity.expected}`);

  const probe = report.leakProbe;
  for (const leak of probe.leaks) add('card-leak', leak.where, `the test card reached the page's realm: ${leak.form === 'CVC' ? 'the CVC' : `the number (${leak.form})`} in ${leak.where}`);
  if (probe.typed && !probe.fieldsReceivedCard) add('fields-bypassed', 'card fields', 'the number typed where the card number field shows never reached the Payframe field (something on the page took the keys)');

  for (const difference of report.baseline?.differences ?? []) {
    add(`baseline-${difference.kind}-${difference.change}`, difference.name, `${difference.kind} ${difference.name} was ${difference.change} since the baseline`);
  }
  return { findings, notes };
}

/** payframe.js itself, from the fields origin. */
export function isPayframeScriptTag(url: string | null, fieldsOrigin: string): boolean {
  return url !== null && url.startsWith(`${fieldsOrigin}/payframe.js`);
}

/** Payframe's own files: payframe.js, its chunks (payframe-*.js) and hashed assets on the fields origin. */
export function isPayframeFile(url: string, fieldsOrigin: string): boolean {
  if (!url.startsWith(`${fieldsOrigin}/`)) return false;
  const path = new URL(url).pathname;
  return /^\/payframe(-[a-z-]+)?\.js$/.test(path) || path.startsWith('/assets/');
}
