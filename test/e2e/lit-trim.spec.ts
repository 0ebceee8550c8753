// Lit in the script-tag bundles: payframe.js carries none (its drop-in is a plain custom element),
// and payframe-fields.js (the split fields, Lit elements) bundles its own through
// scripts/vite-lit-trim.ts, which cuts its version registries, polyfill and hydration hooks and
// decorator plumbing out of Lit's minified files. In Node, without a browser: each of the installed
// Lit files is trimmed with every hook gone and the rest of the file kept, a file the cuts do not fit
// (as after a Lit upgrade) fails loudly instead of shipping half-trimmed, and the build refuses a
// payframe.js with Lit in it. The elements built on the trimmed Lit are what the split fields'
// end-to-end tests drive.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseAst, type Plugin } from 'vite';
import { litFree } from '../../scripts/vite-lit-free.ts';
import { trimLitFile } from '../../scripts/vite-lit-trim.ts';
import { splitFieldsKit } from '../../scripts/vite-split-fields-kit.ts';

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

test('the built payframe.js carries no Lit; payframe-fields.js carries its own, trimmed', () => {
  const dist = process.env.PAYFRAME_DIST_DIR ?? 'dist';
  const scriptTag = readFileSync(join(dist, 'payframe.js'), 'utf8');
  const splitFields = readFileSync(join(dist, 'payframe-fields.js'), 'utf8');
  // lit-html's marker for bound attributes: in every copy of Lit, in nothing of ours.
  expect(scriptTag).not.toContain('$lit$');
  expect(splitFields).toContain('$lit$');
  expect(HOOKS.test(splitFields)).toBe(false);
});

/** Runs a plugin's generateBundle over a bundle of one chunk made of these module ids. */
function generate(plugin: Plugin, fileName: string, moduleIds: string[]): void {
  const bundle = { [fileName]: { type: 'chunk', fileName, modules: Object.fromEntries(moduleIds.map((id) => [id, {}])) } };
  (plugin.generateBundle as (this: unknown, options: unknown, bundle: unknown, isWrite: boolean) => void).call({}, {}, bundle, false);
}

test('the build refuses a payframe.js with Lit in it, and a payframe-fields.js with its own copy of state the page shares', () => {
  expect(() => generate(litFree(), 'payframe.js', ['/r/src/elements/checkout.ts', '/r/node_modules/lit-html/lit-html.js'])).toThrow(/payframe\.js would carry Lit \(\/r\/node_modules\/lit-html\/lit-html\.js\)/);
  expect(() => generate(litFree(), 'payframe.js', ['/r/node_modules/@lit/reactive-element/css-tag.js'])).toThrow(/would carry Lit/);
  expect(() => generate(litFree(), 'payframe.js', ['/r/src/elements/checkout.ts', '/r/src/elements/payframe-element.ts'])).not.toThrow();
  const kit = splitFieldsKit(root);
  // Lit is the split fields' own now; the default fields origin, the next-action loader and the dropped-message count are not.
  expect(() => generate(kit, 'payframe-fields.js', ['/r/src/elements/card-group.ts', '/r/node_modules/lit-html/lit-html.js'])).not.toThrow();
  for (const shared of ['fields-origin', 'next-action-loader', 'dropped-messages']) {
    expect(() => generate(kit, 'payframe-fields.js', [`/r/src/host/${shared}.ts`])).toThrow(new RegExp(`its own copy of /r/src/host/${shared}\\.ts`));
  }
});
