// Vite plugin: a chunk of the card frame loaded only when a checkout needs it (the billing inputs),
// for a page whose script is inline (scripts/vite-inline-frame-script.ts). Vite would wrap a plain
// import() in its preload helper and name the file relative to assets/, both wrong for an inline
// script; so the chunk is emitted on its own and the page imports the URL the virtual module
// `virtual:payframe-lazy/<name>` gives it: assets/<file>, reached from the page at /frames/<key>/.
// The chunk must not import the page's script (it has no file): pass what it needs in.
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const PREFIX = 'virtual:payframe-lazy/';

export function lazyFrameChunks(root: string, chunks: Record<string, string>): Plugin {
  const references = new Map<string, string>();
  const placeholder = (name: string) => `__PAYFRAME_LAZY_CHUNK_${name}__`;
  return {
    name: 'payframe-lazy-frame-chunks',
    buildStart() {
      for (const [name, source] of Object.entries(chunks)) references.set(name, this.emitFile({ type: 'chunk', id: resolve(root, source), name, preserveSignature: 'strict' }));
    },
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return undefined;
      const name = id.slice(PREFIX.length + 1);
      if (!references.has(name)) throw new Error(`lazy-frame-chunks: no chunk named ${name}`);
      return `export default ${JSON.stringify(placeholder(name))};`;
    },
    renderChunk(code) {
      let rendered = code;
      for (const [name, reference] of references) {
        rendered = rendered.replaceAll(placeholder(name), `../../${this.getFileName(reference)}`);
      }
      return rendered === code ? null : { code: rendered, map: null };
    },
  };
}
