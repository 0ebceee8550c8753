// Vite plugin: runs minifyCssTemplates (minify-css-template.ts) over our merchant-side sources,
// so the CSS of our elements (Lit `css` templates, and the drop-in's `css` tag from
// src/elements/payframe-element.ts) ships minified like the code around it.
import type { Plugin } from 'vite';
import { minifyCssTemplates } from './minify-css-template.ts';

export function minifyCssTemplatesPlugin(): Plugin {
  return {
    name: 'payframe-minify-css-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return undefined;
      return { code: minifyCssTemplates(code), map: null };
    },
  };
}
