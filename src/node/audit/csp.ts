// Reads a Content-Security-Policy header the way a payment page's auditor needs it (Node, ships;
// pure): may inline scripts run, which script sources admit any host, may the fields origin's
// frames load, is Trusted Types required, and does script-src list a given script hash.
import type { CspReport } from './audit-report.ts';

/** One policy: directive name (lower case) to its source tokens. */
export type CspPolicy = ReadonlyMap<string, readonly string[]>;

/** A header may hold several policies (comma-separated); every one of them is enforced. */
export function parseCsp(header: string): CspPolicy[] {
  return header
    .split(',')
    .map((policy) => {
      const directives = new Map<string, string[]>();
      for (const part of policy.split(';')) {
        const [name, ...tokens] = part.trim().split(/\s+/).filter(Boolean);
        // The first occurrence of a directive wins, as browsers apply it.
        if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), tokens);
      }
      return directives;
    })
    .filter((policy) => policy.size > 0);
}

/** The sources that govern classic and module <script> elements: script-src-elem, script-src, then default-src. */
function scriptSources(policy: CspPolicy): readonly string[] | undefined {
  return policy.get('script-src-elem') ?? policy.get('script-src') ?? policy.get('default-src');
}

function frameSources(policy: CspPolicy): readonly string[] | undefined {
  return policy.get('frame-src') ?? policy.get('child-src') ?? policy.get('default-src');
}

const isNonceOrHash = (token: string) => /^'(nonce|sha256|sha384|sha512)-/i.test(token);

/** Inline scripts run under this policy: nothing governs scripts, or 'unsafe-inline' with no nonce, hash or 'strict-dynamic' (which make browsers ignore it). */
function policyAllowsInline(policy: CspPolicy): boolean {
  const sources = scriptSources(policy);
  if (!sources) return true;
  const lower = sources.map((token) => token.toLowerCase());
  return lower.includes("'unsafe-inline'") && !lower.some(isNonceOrHash) && !lower.includes("'strict-dynamic'");
}

/** A source that admits any host: `*`, a bare scheme (`https:`), or a `*` in its host or port. */
export function isWildcardSource(token: string): boolean {
  if (token.startsWith("'")) return false;
  if (token === '*' || /^[a-z][a-z0-9+.-]*:$/i.test(token)) return true;
  return token.includes('*');
}

/** Does a source expression admit `origin` (scheme://host[:port])? Keywords other than 'self' admit no origin. */
export function sourceAllowsOrigin(token: string, origin: string, pageOrigin: string): boolean {
  const target = new URL(origin);
  if (token.toLowerCase() === "'self'") return origin === pageOrigin;
  if (token.startsWith("'")) return false;
  if (token === '*') return target.protocol === 'http:' || target.protocol === 'https:';
  if (/^[a-z][a-z0-9+.-]*:$/i.test(token)) return target.protocol === token.toLowerCase();
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^:/]*|\*)(?::(\d+|\*))?(?:\/.*)?$/i.exec(token);
  if (!match) return false;
  const [, scheme, subdomains, host = '', port] = match;
  if (scheme && `${scheme.toLowerCase()}:` !== target.protocol) return false;
  const targetHost = target.hostname.toLowerCase();
  const hostMatches = host === '*' || (subdomains ? targetHost.endsWith(`.${host.toLowerCase()}`) : targetHost === host.toLowerCase());
  if (!hostMatches) return false;
  const defaultPort = target.protocol === 'https:' ? '443' : '80';
  const targetPort = target.port || defaultPort;
  return port === '*' || (port ?? defaultPort) === targetPort;
}

/** Every enforced policy lets a frame from `fieldsOrigin` load (no policy governing frames counts as allowing). */
function framesAllowed(policies: readonly CspPolicy[], fieldsOrigin: string, pageOrigin: string): boolean {
  return policies.every((policy) => {
    const sources = frameSources(policy);
    return !sources || sources.some((token) => sourceAllowsOrigin(token, fieldsOrigin, pageOrigin));
  });
}

/** Does script-src list one of these hashes (`sha256-…`, `sha384-…`, `sha512-…`)? Every policy that governs scripts must. */
export function cspListsScriptHash(header: string | null, hashes: readonly string[]): boolean {
  if (!header) return false;
  const quoted = new Set(hashes.map((hash) => `'${hash}'`));
  const governing = parseCsp(header).map(scriptSources).filter((sources) => sources !== undefined);
  return governing.length > 0 && governing.every((sources) => sources.some((token) => quoted.has(token)));
}

/** The header's and the meta elements' policies as one list: the browser enforces every one. */
export function combinedPolicies(header: string | null, meta: string | null): string | null {
  const parts = [header, meta].filter((part): part is string => part !== null && part.trim() !== '');
  return parts.length > 0 ? parts.join(', ') : null;
}

export function readCsp(header: string | null, meta: string | null, fieldsOrigin: string, pageOrigin: string): CspReport {
  const combined = combinedPolicies(header, meta);
  const policies = combined ? parseCsp(combined) : [];
  const governing = policies.map(scriptSources).filter((sources) => sources !== undefined);
  // Scripts are restricted only as far as the strictest policy: a wildcard counts when every governing policy has one.
  const wildcardsPerPolicy = governing.map((sources) => sources.filter(isWildcardSource));
  const scriptWildcards = governing.length === 0 ? ['(none)'] : wildcardsPerPolicy.every((wildcards) => wildcards.length > 0) ? [...new Set(wildcardsPerPolicy.flat())] : [];
  return {
    policy: header,
    metaPolicy: meta,
    allowsUnsafeInline: policies.every(policyAllowsInline),
    scriptWildcards,
    framesAllowFieldsOrigin: framesAllowed(policies, fieldsOrigin, pageOrigin),
    requiresTrustedTypes: policies.some((policy) => (policy.get('require-trusted-types-for') ?? []).includes("'script'")),
  };
}
