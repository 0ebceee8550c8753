// Vite plugin for dist/payframe.js: the file carries no Lit. Its drop-in is a plain custom element
// (src/elements/payframe-element.ts says why), and Lit would cost 4.7 KB of its 14 KB goal. A value
// imported from Lit on the drop-in's side (types are fine: they are erased) fails the build rather
// than ship it. The split fields' file, payframe-fields.js, bundles its own Lit.
import type { Plugin } from 'vite';

const LIT_MODULE = /\/node_modules\/(lit|lit-html|lit-element|@lit\/[^/]+)\//;

export function litFree(): Plugin {
  return {
    name: 'payframe-lit-free',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        const lit = output.type === 'chunk' ? Object.keys(output.modules).filter((id) => LIT_MODULE.test(id)) : [];
        if (lit.length) throw new Error(`${output.fileName} would carry Lit (${lit.join(', ')}): the drop-in imports only types from it`);
      }
    },
  };
}
