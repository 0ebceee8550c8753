// `payframe audit --baseline` and the audit's verdicts (src/node/audit/baseline.ts, verdicts.ts).
import { expect } from '@esm-bundle/chai';
import type { AuditedScript } from '../../src/node/audit/audit-report.ts';
import { diffBaseline, parseBaseline, type BaselineContent } from '../../src/node/audit/baseline.ts';
import { judge, type Observations } from '../../src/node/audit/verdicts.ts';

const FIELDS = 'https://fields.example';
const script = (name: string, sha384: string, extra: Partial<AuditedScript> = {}): AuditedScript => ({
  name,
  kind: 'loaded',
  url: name,
  sha384,
  integrity: null,
  sameOrigin: true,
  payframe: false,
  listedInCsp: null,
  ...extra,
});
const content = (scripts: AuditedScript[], csp: string | null = "script-src 'self'", hsts: string | null = null): BaselineContent => ({
  scripts,
  headers: { csp: { policy: csp }, strictTransportSecurity: hsts },
});

describe('audit: the baseline', () => {
  it('names every script added, removed or changed, and every pinned header that changed', () => {
    const before = content([script('https://shop.example/a.js', 'sha384-A'), script('https://shop.example/b.js', 'sha384-B')]);
    const after = content([script('https://shop.example/a.js', 'sha384-A2'), script('https://shop.example/c.js', 'sha384-C')], "script-src 'self' 'unsafe-inline'", 'max-age=1');
    expect(diffBaseline(before, after)).to.deep.equal([
      { change: 'changed', kind: 'script', name: 'https://shop.example/a.js' },
      { change: 'added', kind: 'script', name: 'https://shop.example/c.js' },
      { change: 'removed', kind: 'script', name: 'https://shop.example/b.js' },
      { change: 'changed', kind: 'header', name: 'Content-Security-Policy' },
      { change: 'added', kind: 'header', name: 'Strict-Transport-Security' },
    ]);
    expect(diffBaseline(before, before)).to.deep.equal([]);
  });

  it('refuses a file that is not an audit run', () => {
    expect(parseBaseline('{')).to.equal('it is not JSON');
    expect(parseBaseline('{"scripts": 3}')).to.be.a('string');
    expect(parseBaseline(JSON.stringify(content([])))).to.deep.equal(content([]));
  });
});

function observations(overrides: Partial<Observations> = {}): Observations {
  return {
    url: 'https://shop.example/pay',
    finalUrl: 'https://shop.example/pay',
    fieldsOrigin: FIELDS,
    scripts: [script(`${FIELDS}/payframe.js`, 'sha384-P', { sameOrigin: false, payframe: true, integrity: 'sha384-P' })],
    frames: [],
    headers: {
      csp: { policy: "script-src 'self'", metaPolicy: null, allowsUnsafeInline: false, scriptWildcards: [], framesAllowFieldsOrigin: true, requiresTrustedTypes: true },
      strictTransportSecurity: 'max-age=31536000',
      https: true,
    },
    payframeIntegrity: { expected: 'sha384-P', expectedFrom: 'flag', actual: 'sha384-P', matches: true },
    leakProbe: { typed: true, fieldsReceivedCard: true, leaks: [] },
    baseline: null,
    ...overrides,
  };
}

describe('audit: verdicts', () => {
  it('finds nothing on a page that does everything right', () => {
    expect(judge(observations())).to.deep.equal({ findings: [], notes: [] });
  });

  it('reports an unlisted inline script, code compiled at run time and a cross-origin script without SRI by name', () => {
    const { findings } = judge(
      observations({
        scripts: [
          ...observations().scripts,
          script('inline #1', 'sha384-I', { kind: 'inline', url: null, listedInCsp: false }),
          script('inline #2', 'sha384-J', { kind: 'inline', url: null, listedInCsp: true }),
          script('runtime #1', 'sha384-R', { kind: 'runtime', url: null, listedInCsp: false }),
          script('https://cdn.example/x.js', 'sha384-X', { sameOrigin: false }),
          script('https://shop.example/own.js', 'sha384-O'),
        ],
      }),
    );
    expect(findings.map((finding) => [finding.code, finding.subject])).to.deep.equal([
      ['inline-script-unlisted', 'inline #1'],
      ['runtime-script', 'runtime #1'],
      ['script-without-sri', 'https://cdn.example/x.js'],
    ]);
  });

  it('reports the headers a payment page needs, and notes what does not fail it', () => {
    const base = observations();
    const lax = judge(
      observations({
        headers: { ...base.headers, strictTransportSecurity: null, csp: { ...base.headers.csp, allowsUnsafeInline: true, scriptWildcards: ['*'], framesAllowFieldsOrigin: false, requiresTrustedTypes: false } },
      }),
    );
    expect(lax.findings.map((finding) => finding.code)).to.deep.equal(['csp-unsafe-inline', 'csp-script-wildcard', 'csp-blocks-fields', 'hsts-missing']);
    expect(lax.notes).to.have.length(1);
    expect(judge(observations({ headers: { ...base.headers, csp: { ...base.headers.csp, policy: null } } })).findings.map((f) => f.code)).to.deep.equal(['csp-missing']);
    // A policy in a meta element is a policy.
    expect(judge(observations({ headers: { ...base.headers, csp: { ...base.headers.csp, policy: null, metaPolicy: "script-src 'self'" } } })).findings).to.deep.equal([]);
    expect(judge(observations({ headers: { ...base.headers, https: false, strictTransportSecurity: null } })).findings).to.deep.equal([]);
  });

  it("reports payframe.js loaded without the published hash, or with another one", () => {
    const missing = judge(observations({ payframeIntegrity: { expected: 'sha384-P', expectedFrom: 'package', actual: null, matches: false } }));
    expect(missing.findings.map((finding) => finding.code)).to.deep.equal(['payframe-integrity-missing']);
    const other = judge(observations({ payframeIntegrity: { expected: 'sha384-P', expectedFrom: 'fields-origin', actual: 'sha384-Q', matches: false } }));
    expect(other.findings.map((finding) => finding.code)).to.deep.equal(['payframe-integrity-mismatch']);
  });

  it('reports each leak by place and form, and fields that never got the keys, without the number', () => {
    const { findings } = judge(observations({ leakProbe: { typed: true, fieldsReceivedCard: false, leaks: [{ where: 'a fetch to https://evil.example/c', form: 'digits' }] } }));
    expect(findings.map((finding) => finding.code)).to.deep.equal(['card-leak', 'fields-bypassed']);
    expect(findings[0]!.message).to.equal("the test card reached the page's realm: the number (digits) in a fetch to https://evil.example/c");
  });

  it('fails on every baseline difference, naming it', () => {
    const { findings } = judge(observations({ baseline: { file: 'audit.json', differences: [{ change: 'changed', kind: 'script', name: 'https://shop.example/a.js' }] } }));
    expect(findings).to.deep.equal([{ code: 'baseline-script-changed', subject: 'https://shop.example/a.js', message: 'script https://shop.example/a.js was changed since the baseline' }]);
  });
});
