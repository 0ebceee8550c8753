// Vite plugin: a chunk of a frame loaded only when it is needed (the card frame's billing inputs
// and BIN table, the words that explain a refused style). Vite would wrap a plain import() in its
// preload helper, and for an inline page script (scripts/vite-inline-frame-script.ts) name the
// file relative to assets/, which is wrong there; so the chunk is emitted on its own and the frame
// imports the URL the virtual module `virtual:payframe-lazy/<name>` gives it. `fromDocument`: the
// script is inline, so the URL reaches assets/ from the page at /frames/<key>/; else it is beside
// the script in assets/. The chunk must not share a module with the page's script: pass what it
// needs in.
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const PREFIX = 'virtual:payframe-lazy/';

export function lazyFrameChunks(root: string, chunks: Record<string, string>, { fromDocument = false } = {}): Plugin {
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
        const fileName = this.getFileName(reference);
        rendered = rendered.replaceAll(placeholder(name), fromDocument ? `../../${fileName}` : `./${fileName.replace(/^assets\//, '')}`);
      }
      return rendered === code ? null : { code: rendered, map: null };
    },
  };
}
