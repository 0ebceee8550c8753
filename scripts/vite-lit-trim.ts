// Vite plugin for the script-tag bundles: Lit without what only other setups use. Lit's production
// files register their version on globalThis (for Lit's dev-mode "multiple versions" warning),
// call the ShadyDOM polyfill and SSR hydration hooks when a page installs them, and carry the
// plumbing for standard decorators (Symbol.metadata, addInitializer). Payframe's elements declare
// `static properties`, render client side only, and run in browsers with native shadow DOM, so
// none of it ever does anything on a merchant's page, yet every shopper downloads it.
// Lit ships these files minified, so each cut is a pattern over that text (names are Lit's own
// minified ones, matched loosely). Every cut must match exactly once: a Lit upgrade that changes a
// file fails the build, to be looked at, rather than shipping half-trimmed.
import type { Plugin } from 'vite';

interface Cut {
  /** What it removes, for the build error. */
  what: string;
  pattern: RegExp;
  replacement: string;
}

const CUTS: Record<string, Cut[]> = {
  'lit-html/lit-html.js': [
    {
      what: 'lit-html polyfill hook and version registry',
      pattern: /,(\w+)=(\w+)\.litHtmlPolyfillSupport;\1\?\.\(\w+,\w+\),\(\2\.litHtmlVersions\?\?=\[\]\)\.push\("[\d.]+"\);/g,
      replacement: ';',
    },
  ],
  '@lit/reactive-element/reactive-element.js': [
    { what: 'ReactiveElement polyfill hook', pattern: /,(\w+)=\w+\.reactiveElementPolyfillSupport,/g, replacement: ',' },
    {
      what: 'ReactiveElement polyfill call and version registry',
      pattern: /,\w+\?\.\(\{ReactiveElement:\w+\}\),\(\w+\.reactiveElementVersions\?\?=\[\]\)\.push\("[\d.]+"\);/g,
      replacement: ';',
    },
    { what: 'decorator metadata globals', pattern: /Symbol\.metadata\?\?=Symbol\("metadata"\),\w+\.litPropertyMetadata\?\?=new WeakMap;/g, replacement: '' },
    {
      what: 'decorator metadata read in finalize()',
      pattern: /const (\w+)=this\[Symbol\.metadata\];if\(null!==\1\)\{const (\w+)=litPropertyMetadata\.get\(\1\);if\(void 0!==\2\)for\(const\[\w+,\w+\]of \2\)this\.elementProperties\.set\(\w+,\w+\)\}/g,
      replacement: '',
    },
    { what: 'addInitializer()', pattern: /static addInitializer\((\w+)\)\{this\._\$Ei\(\),\(this\.l\?\?=\[\]\)\.push\(\1\)\}/g, replacement: '' },
    { what: 'inherited initializers', pattern: /void 0!==(\w+)\.l&&\(this\.l=\[\.\.\.\1\.l\]\),/g, replacement: '' },
    { what: 'initializers run per instance', pattern: /,this\.constructor\.l\?\.forEach\(\w+=>\w+\(this\)\)/g, replacement: '' },
  ],
  'lit-element/lit-element.js': [
    {
      what: 'LitElement hydration and polyfill hooks',
      pattern: /,\w+\.litElementHydrateSupport\?\.\(\{LitElement:\w+\}\);const (\w+)=\w+\.litElementPolyfillSupport;\1\?\.\(\{LitElement:\w+\}\);/g,
      replacement: ';',
    },
    { what: 'LitElement version registry', pattern: /\(\w+\.litElementVersions\?\?=\[\]\)\.push\("[\d.]+"\);/g, replacement: '' },
  ],
};

/** Pure: a Lit file with its cuts made; throws unless each cut matches exactly once. */
export function trimLitFile(file: string, code: string): string {
  const cuts = CUTS[file];
  if (!cuts) return code;
  let trimmed = code;
  for (const cut of cuts) {
    const matches = trimmed.match(cut.pattern)?.length ?? 0;
    if (matches !== 1) throw new Error(`${file}: expected the ${cut.what} once, found it ${matches} times; review scripts/vite-lit-trim.ts`);
    trimmed = trimmed.replace(cut.pattern, cut.replacement);
  }
  if (/PolyfillSupport|Versions\?\?=|litPropertyMetadata|HydrateSupport/.test(trimmed)) throw new Error(`${file}: a hook is left after trimming; review scripts/vite-lit-trim.ts`);
  return trimmed;
}

/** The Lit files the trims apply to, by their path under node_modules. */
const LIT_FILE = /\/node_modules\/((?:lit-html\/lit-html|@lit\/reactive-element\/reactive-element|lit-element\/lit-element)\.js)$/;

export function litTrimPlugin(): Plugin {
  return {
    name: 'payframe-lit-trim',
    transform(code, id) {
      const file = LIT_FILE.exec(id.split('?')[0] ?? id)?.[1];
      return file ? { code: trimLitFile(file, code), map: null } : null;
    },
  };
}
