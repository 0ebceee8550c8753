// Vite plugin: runs minifyCssTemplates (minify-css-template.ts) over our merchant-side sources,
// so the CSS of the Lit elements ships minified like the code around it.
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
