// The security headers of the fields-origin pages (ARCHITECTURE.md, invariant 4): a strict
// CSP whose connect-src is the configured gateway only (the pages that pay: the split fields'
// controller and the drop-in's card frame) or nothing at all (the split field frames), frame-ancestors from this server's configuration, nosniff, no referrer.
export interface FrameHeaderOptions {
  page: 'field' | 'controller' | 'card';
  gatewayOrigin: string;
  frameAncestors: string[];
  /** CSP hashes ('sha256-…') of the page's own inline <style> blocks, and nothing else. */
  inlineStyleHashes?: string[];
  /** CSP hashes of the page's own inline script (the card frame's), and nothing else. */
  inlineScriptHashes?: string[];
}

export function frameContentSecurityPolicy({ page, gatewayOrigin, frameAncestors, inlineStyleHashes = [], inlineScriptHashes = [] }: FrameHeaderOptions): string {
  return [
    "default-src 'none'",
    ['script-src', "'self'", ...inlineScriptHashes.map((hash) => `'${hash}'`)].join(' '),
    ['style-src', "'self'", ...inlineStyleHashes.map((hash) => `'${hash}'`)].join(' '),
    `connect-src ${page === 'field' ? "'none'" : gatewayOrigin}`,
    // The number input's brand icons (assets/brand-icons-<hash>.svg, from the stylesheet); the controller shows nothing.
    `img-src ${page === 'controller' ? "'none'" : "'self'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

export function frameHeaders(options: FrameHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': frameContentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}
