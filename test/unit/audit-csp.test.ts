// `payframe audit` reading a payment page's CSP (src/node/audit/csp.ts): inline scripts, wildcards,
// the fields origin's frames, Trusted Types, and script hashes.
import { expect } from '@esm-bundle/chai';
import { cspListsScriptHash, parseCsp, readCsp, sourceAllowsOrigin } from '../../src/node/audit/csp.ts';

const FIELDS = 'https://fields.example';
const PAGE = 'https://shop.example';

describe('audit: reading a CSP', () => {
  it('splits policies on commas and keeps the first of a repeated directive', () => {
    const [first, second] = parseCsp("script-src 'self'; script-src *; FRAME-SRC https://a.example, default-src 'none'");
    expect(first!.get('script-src')).to.deep.equal(["'self'"]);
    expect(first!.get('frame-src')).to.deep.equal(['https://a.example']);
    expect(second!.get('default-src')).to.deep.equal(["'none'"]);
  });

  it("reports 'unsafe-inline' unless a nonce, hash or 'strict-dynamic' makes browsers ignore it", () => {
    expect(readCsp("script-src 'self' 'unsafe-inline'", null, FIELDS, PAGE).allowsUnsafeInline).to.equal(true);
    expect(readCsp("script-src 'self' 'unsafe-inline' 'nonce-abc'", null, FIELDS, PAGE).allowsUnsafeInline).to.equal(false);
    expect(readCsp("script-src 'unsafe-inline' 'strict-dynamic'", null, FIELDS, PAGE).allowsUnsafeInline).to.equal(false);
    expect(readCsp("default-src 'self' 'unsafe-inline'", null, FIELDS, PAGE).allowsUnsafeInline).to.equal(true);
    // A second, stricter policy is enforced too.
    expect(readCsp("script-src 'unsafe-inline', script-src 'self'", null, FIELDS, PAGE).allowsUnsafeInline).to.equal(false);
    expect(readCsp("img-src 'self'", null, FIELDS, PAGE).allowsUnsafeInline).to.equal(true);
  });

  it('names the script sources that admit any host, and a missing script-src', () => {
    expect(readCsp("script-src 'self' https: *.cdn.example https://fields.example", null, FIELDS, PAGE).scriptWildcards).to.deep.equal(['https:', '*.cdn.example']);
    expect(readCsp("script-src 'self' http://127.0.0.1:*", null, FIELDS, PAGE).scriptWildcards).to.deep.equal(['http://127.0.0.1:*']);
    expect(readCsp("script-src 'self' https://fields.example", null, FIELDS, PAGE).scriptWildcards).to.deep.equal([]);
    expect(readCsp("img-src 'self'", null, FIELDS, PAGE).scriptWildcards).to.deep.equal(['(none)']);
  });

  it("checks that frame-src (or child-src, default-src) lets the fields origin's frames load", () => {
    expect(readCsp(`frame-src ${FIELDS}`, null, FIELDS, PAGE).framesAllowFieldsOrigin).to.equal(true);
    expect(readCsp('frame-src https://other.example', null, FIELDS, PAGE).framesAllowFieldsOrigin).to.equal(false);
    expect(readCsp("default-src 'self'", null, FIELDS, PAGE).framesAllowFieldsOrigin).to.equal(false);
    expect(readCsp("default-src 'self'; child-src https://*.example", null, FIELDS, PAGE).framesAllowFieldsOrigin).to.equal(true);
    expect(readCsp("script-src 'self'", null, FIELDS, PAGE).framesAllowFieldsOrigin).to.equal(true);
  });

  it('matches sources to origins by scheme, host and port', () => {
    expect(sourceAllowsOrigin('http://127.0.0.1:*', 'http://127.0.0.1:4000', PAGE)).to.equal(true);
    expect(sourceAllowsOrigin('http://127.0.0.1:5000', 'http://127.0.0.1:4000', PAGE)).to.equal(false);
    expect(sourceAllowsOrigin('fields.example', 'https://fields.example', PAGE)).to.equal(true);
    expect(sourceAllowsOrigin('http://fields.example', 'https://fields.example', PAGE)).to.equal(false);
    expect(sourceAllowsOrigin("'self'", PAGE, PAGE)).to.equal(true);
    expect(sourceAllowsOrigin("'none'", FIELDS, PAGE)).to.equal(false);
  });

  it('enforces a meta policy alongside the header, and reads it alone', () => {
    const both = readCsp("script-src 'self' 'unsafe-inline'", "script-src 'self'", FIELDS, PAGE);
    expect(both).to.include({ policy: "script-src 'self' 'unsafe-inline'", metaPolicy: "script-src 'self'", allowsUnsafeInline: false });
    expect(readCsp(null, "script-src 'self' 'unsafe-inline'; frame-src https://other.example", FIELDS, PAGE)).to.include({ allowsUnsafeInline: true, framesAllowFieldsOrigin: false });
  });

  it("sees require-trusted-types-for 'script'", () => {
    expect(readCsp("script-src 'self'; require-trusted-types-for 'script'", null, FIELDS, PAGE).requiresTrustedTypes).to.equal(true);
    expect(readCsp("script-src 'self'", null, FIELDS, PAGE).requiresTrustedTypes).to.equal(false);
  });

  it('lists an inline script only when every policy governing scripts names its hash', () => {
    expect(cspListsScriptHash("script-src 'self' 'sha256-abc='", ['sha256-abc=', 'sha384-def='])).to.equal(true);
    expect(cspListsScriptHash("script-src 'self' 'nonce-x'", ['sha256-abc='])).to.equal(false);
    expect(cspListsScriptHash("script-src 'sha256-abc=', default-src 'self'", ['sha256-abc='])).to.equal(false);
    expect(cspListsScriptHash(null, ['sha256-abc='])).to.equal(false);
  });
});
