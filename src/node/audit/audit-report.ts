// What `payframe audit` reports (Node, ships; pure types): the page's scripts and frames, its
// security headers, the leak probe, the findings and, with --baseline, the differences. The JSON
// output and a baseline file are this shape (README: "payframe audit").

export interface AuditedScript {
  /** How the script is named in findings and baselines: its URL, `inline #n` (n from 1, in document order) or `runtime #n`. */
  name: string;
  /** `loaded` from a URL; `inline` in the HTML; `runtime`: compiled by the page's own code (eval, new Function, an inserted inline script). */
  kind: 'inline' | 'loaded' | 'runtime';
  /** The URL it was loaded from; null for inline and runtime scripts. */
  url: string | null;
  /** sha384 of the script's text as the browser ran it, in SRI form (`sha384-<base64>`). */
  sha384: string;
  /** The integrity attribute of its <script> element, or null without one (module imports and inline scripts have none). */
  integrity: string | null;
  /** Served from the page's own origin. */
  sameOrigin: boolean;
  /** One of Payframe's own files on the fields origin (payframe.js and its chunks). */
  payframe: boolean;
  /** Inline and runtime scripts: the page's CSP lists this script's hash in script-src; null for loaded ones. */
  listedInCsp: boolean | null;
}

export interface AuditedFrame {
  url: string;
  origin: string;
  /** A Payframe frame: a page under /frames/ on the fields origin. */
  payframe: boolean;
}

export interface CspReport {
  /** The Content-Security-Policy header as sent, or null without one. */
  policy: string | null;
  /** The policies of the page's `<meta http-equiv="Content-Security-Policy">` elements (comma-joined), or null without any; enforced alongside the header. */
  metaPolicy: string | null;
  /** Inline scripts may run: no script-src/default-src, or 'unsafe-inline' without a nonce or hash that would cancel it. */
  allowsUnsafeInline: boolean;
  /** The script sources that admit any host (`*`, a bare scheme, a `*` in host or port); empty when none. A missing script-src is `(none)`. */
  scriptWildcards: string[];
  /** frame-src (or child-src, default-src) lets the fields origin's frames load. */
  framesAllowFieldsOrigin: boolean;
  /** `require-trusted-types-for 'script'` is present. */
  requiresTrustedTypes: boolean;
}

export interface HeadersReport {
  csp: CspReport;
  /** The Strict-Transport-Security header, or null without one. */
  strictTransportSecurity: string | null;
  /** The page is served over https, where HSTS applies. */
  https: boolean;
}

export interface PayframeIntegrityReport {
  /** The integrity hash payframe.js should be loaded with, and where that came from. */
  expected: string | null;
  expectedFrom: 'flag' | 'fields-origin' | 'package' | null;
  /** The integrity attribute payframe.js was actually loaded with (null: none, or payframe.js not loaded). */
  actual: string | null;
  matches: boolean;
}

export interface Leak {
  /** Where it was seen, e.g. `a fetch body to https://evil.example/collect`. Never the value. */
  where: string;
  /** In what form: `digits`, `as displayed`, `first 12 digits`, `digits with separators`, `base64`, `CVC`. */
  form: string;
}

export interface LeakProbeReport {
  /** The probe typed a test card where the page shows the card fields, as a shopper would. */
  typed: boolean;
  /** The Payframe fields reported the number complete afterwards (false: something else took the keys). */
  fieldsReceivedCard: boolean;
  leaks: Leak[];
}

export interface Finding {
  /** A stable code (README lists them). */
  code: string;
  /** What it is about: a script's name, a header, a frame. */
  subject: string;
  message: string;
}

export interface BaselineDifference {
  change: 'added' | 'removed' | 'changed';
  kind: 'script' | 'header';
  name: string;
}

export interface AuditReport {
  /** The audited URL as given, the page's final URL after redirects. */
  url: string;
  finalUrl: string;
  fieldsOrigin: string;
  scripts: AuditedScript[];
  frames: AuditedFrame[];
  headers: HeadersReport;
  payframeIntegrity: PayframeIntegrityReport;
  leakProbe: LeakProbeReport;
  /** With --baseline: the baseline file and what differs from it. */
  baseline: { file: string; differences: BaselineDifference[] } | null;
  findings: Finding[];
  /** Advisories that do not fail the audit (no Trusted Types, HSTS not applicable on http). */
  notes: string[];
}
