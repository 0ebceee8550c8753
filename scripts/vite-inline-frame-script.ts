// Vite plugin for the drop-in's card frame: its one script goes inline into card.html. A frame
// that waits for a second request after its HTML is ready a round trip later, and on a phone
// (150 ms round trips) that is most of what separates it from a bare iframe. The fields server
// allows the inline script by its hash in the CSP (script-src 'self' 'sha256-…'), exactly as it
// allows the inline <style>. Only a page whose script imports nothing at startup is inlined: a
// chunk shared by several pages (the split fields') is better cached once.
//
// It goes in as a classic script at the end of <body>, in a strict function of its own: it runs
// as the parser reaches it, with the inputs above it parsed, in a task of its own. A module script
// runs in the task that ends parsing, where Chromium then fires DOMContentLoaded and scans the
// form for autofill (20–30 ms measured): the frame's hello, posted in that task, left only after it.
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
        // What only a module may hold (import() is allowed in a classic script, and resolves against the page as in an inline module).
        if (chunk.exports.length || /\bimport\.meta\b/.test(code)) throw new Error(`inline-frame-script: ${chunk.fileName} needs module features; a classic inline script cannot run it`);
        if (!source.includes('</body>')) throw new Error(`inline-frame-script: ${page}.html has no </body> to put its script before`);
        // Function replacements: `$` sequences in the code stay as written. Strict, as the module was.
        html.source = source.replace(tag[0], '').replace('</body>', () => `<script>(function(){"use strict";${code}})()</script></body>`);
        delete bundle[chunk.fileName];
      }
    },
  };
}
