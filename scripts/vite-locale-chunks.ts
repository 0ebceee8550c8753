// Vite plugin for the frame pages: each locale of src/i18n/locales/ becomes a small chunk of its
// own (assets/locale-<code>-<hash>.js), and `virtual:payframe-locale-files` tells the page their
// names. The frames import a locale only when a checkout asks for it; English is built in.
// Plain import() of known files, not import.meta.glob: that would pull Vite's preload helper
// (about 0.8 KB gzip) into both pages.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:payframe-locale-files';

/**
 * `fromDocument`: the page's script is inline (the card frame), so import() resolves against the page
 * at <fields origin>/frames/<key>/, not against assets/: the names reach up to assets/ themselves.
 */
export function localeChunks(root: string, { fromDocument = false } = {}): Plugin {
  const dir = resolve(root, 'src/i18n/locales');
  const codes = readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => name.slice(0, -3))
    .sort();
  // One version for all locales, named by their content (the fields server caches assets as
  // immutable): the page then needs one hash, not one per locale, to name them.
  const version = createHash('sha256');
  for (const code of codes) version.update(code).update(readFileSync(resolve(dir, `${code}.ts`)));
  const hash = version.digest('hex').slice(0, 10);
  const locales = codes.map((code) => ({ code, source: resolve(dir, `${code}.ts`), fileName: `assets/locale-${code}-${hash}.js` }));
  return {
    name: 'payframe-locale-chunks',
    buildStart() {
      for (const { source, fileName } of locales) this.emitFile({ type: 'chunk', id: source, fileName, preserveSignature: 'strict' });
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : undefined;
    },
    load(id) {
      if (id !== `\0${VIRTUAL_ID}`) return undefined;
      // Relative to the page's script, which sits in assets/ beside them (or to the page, for an inline script).
      const folder = fromDocument ? '../../assets/' : './';
      return `export default Object.fromEntries(${JSON.stringify(codes)}.map((code) => [code, \`${folder}locale-\${code}-${hash}.js\`]));`;
    },
  };
}
