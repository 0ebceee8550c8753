// The script-tag bundles take Lit through scripts/vite-lit-trim.ts, which cuts its version
// registries, polyfill and hydration hooks and decorator plumbing out of Lit's minified files. In
// Node, without a browser: each of the installed Lit files is trimmed with every hook gone and the
// rest of the file kept, and a file the cuts do not fit (as after a Lit upgrade) fails loudly
// instead of shipping half-trimmed. The elements built on the trimmed Lit are what every other
// end-to-end test drives.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseAst } from 'vite';
import { trimLitFile } from '../../scripts/vite-lit-trim.ts';

const root = resolve(import.meta.dirname, '../..');
const LIT_FILES = ['lit-html/lit-html.js', '@lit/reactive-element/reactive-element.js', 'lit-element/lit-element.js'];
const HOOKS = /PolyfillSupport|Versions\?\?=|litPropertyMetadata|HydrateSupport|Symbol\.metadata|addInitializer/;

function installed(file: string): string {
  return readFileSync(join(root, 'node_modules', file), 'utf8');
}

test('each installed Lit file loses its hooks and registries and keeps everything else', () => {
  for (const file of LIT_FILES) {
    const code = installed(file);
    expect(HOOKS.test(code), `${file} has hooks before`).toBe(true);
    const trimmed = trimLitFile(file, code);
    expect(HOOKS.test(trimmed), `${file} has hooks after`).toBe(false);
    // Only the hooks go: a few hundred bytes, never a large part of the file.
    expect(code.length - trimmed.length, file).toBeGreaterThan(40);
    expect(code.length - trimmed.length, file).toBeLessThan(600);
    // Still a module that parses.
    expect(() => parseAst(trimmed)).not.toThrow();
  }
});

test('a Lit file the cuts do not fit fails the build, naming what is missing', () => {
  const code = installed('lit-element/lit-element.js');
  const changed = code.replace('litElementVersions', 'litElementReleases');
  expect(() => trimLitFile('lit-element/lit-element.js', changed)).toThrow(/LitElement version registry once, found it 0 times/);
  const registry = /\(\w+\.litElementVersions\?\?=\[\]\)\.push\("[\d.]+"\);/.exec(code)?.[0];
  expect(registry).toBeDefined();
  const doubled = `${code}\n${registry}`;
  expect(() => trimLitFile('lit-element/lit-element.js', doubled)).toThrow(/found it 2 times/);
});

test('files other than the three are left as they are', () => {
  const code = installed('lit-html/directives/class-map.js');
  expect(trimLitFile('lit-html/directives/class-map.js', code)).toBe(code);
});
