// Vite plugin for the drop-in's card frame: its one script goes inline into card.html. A frame
// that waits for a second request after its HTML is ready a round trip later, and on a phone
// (150 ms round trips) that is most of what separates it from a bare iframe. The fields server
// allows the inline script by its hash in the CSP (script-src 'self' 'sha256-…'), exactly as it
// allows the inline <style>. Only a page whose script imports nothing at startup is inlined: a
// chunk shared by several pages (the split fields') is better cached once.
import type { Plugin } from 'vite';

export function inlineFrameScript(pages: readonly string[]): Plugin {
  return {
    name: 'payframe-inline-frame-script',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const page of pages) {
        const html = bundle[`${page}.html`];
        if (html?.type !== 'asset') throw new Error(`inline-frame-script: ${page}.html is not in the build`);
        const source = String(html.source);
        const tag = /<script type="module" src="\.\/(assets\/[^"]+\.js)"><\/script>/.exec(source);
        const chunk = tag && bundle[tag[1]!];
        if (!tag || chunk?.type !== 'chunk') throw new Error(`inline-frame-script: ${page}.html has no module script of its own`);
        if (chunk.imports.length) throw new Error(`inline-frame-script: ${chunk.fileName} imports ${chunk.imports.join(', ')} at startup; an inline page script must stand alone`);
        // Vite wraps an import() of a bundled chunk in its preload helper, whose placeholders it fills
        // in files, not in this inlined code: a lazy chunk goes through scripts/vite-lazy-frame-chunk.ts.
        if (chunk.dynamicImports.length) throw new Error(`inline-frame-script: ${chunk.fileName} imports ${chunk.dynamicImports.join(', ')} with import(); load it as a lazy frame chunk`);
        const code = chunk.code.trim();
        // The HTML parser would end or re-enter the script at these; the per-key page rendering rewrites "./assets/.
        if (/<\/script|<!--|<script|"\.\/assets\//i.test(code)) throw new Error(`inline-frame-script: ${chunk.fileName} holds text that cannot stand inside an inline <script>`);
        // A function replacement: `$` sequences in the code stay as written.
        html.source = source.replace(tag[0], () => `<script type="module">${code}</script>`);
        delete bundle[chunk.fileName];
      }
    },
  };
}
