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

export function localeChunks(root: string): Plugin {
  const dir = resolve(root, 'src/i18n/locales');
  const locales = readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => {
      const code = name.slice(0, -3);
      const source = resolve(dir, name);
      // Named by content: the fields server caches assets as immutable.
      const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 10);
      return { code, source, fileName: `assets/locale-${code}-${hash}.js` };
    });
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
      // Relative to the page's script, which sits in assets/ beside them.
      const files = Object.fromEntries(locales.map(({ code, fileName }) => [code, `./${fileName.slice('assets/'.length)}`]));
      return `export default ${JSON.stringify(files)};`;
    },
  };
}
