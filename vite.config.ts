// Builds Payframe's three outputs, one per mode (scripts/build.mjs runs them in turn):
//   esm    dist/esm/index.js   the SDK for `import`, lit and zod left to the app's bundler
//   next-action  dist/payframe-next-action.js  for the script tag: the 3-D Secure modal, the
//          full-page fallback and Stripe mode, loaded only when a payment needs them
//   iife   dist/payframe.js    the self-contained script-tag file (pins payframe-next-action.js by its hash)
//   field, controller   dist/fields/   the fields-origin pages, each built on its own
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { localeChunks } from './scripts/vite-locale-chunks.ts';
import { minifyCssTemplatesPlugin } from './scripts/vite-minify-css-templates.ts';

const root = import.meta.dirname;
/** PAYFRAME_DIST_DIR lets parallel builds (e.g. two checkouts of the repo's tests) use separate folders. */
const dist = resolve(root, process.env.PAYFRAME_DIST_DIR ?? 'dist');

const shared: UserConfig = {
  logLevel: 'warn',
  plugins: [minifyCssTemplatesPlugin()],
  build: { emptyOutDir: false, sourcemap: false, target: 'es2022', reportCompressedSize: false },
};

/**
 * Frame pages ship without their source comments and the whitespace-only gaps between tags: bytes
 * every shopper downloads. Text inside elements (the inline critical <style>, whose hash the
 * fields server puts in the CSP) is left exactly as written.
 */
const minifyFrameHtml: Plugin = {
  name: 'payframe-minify-frame-html',
  enforce: 'post',
  transformIndexHtml: (html) => html.replace(/<!--[\s\S]*?-->/g, '').replace(/>\s+</g, '><').trim(),
};

function framePage(page: 'field' | 'controller', emptyOutDir: boolean): UserConfig {
  return {
    ...shared,
    plugins: [minifyFrameHtml, localeChunks(root)],
    root: resolve(root, 'iframe'),
    // Relative URLs, so the pages work wherever the fields origin mounts them.
    base: './',
    build: {
      ...shared.build,
      outDir: resolve(dist, 'fields'),
      emptyOutDir,
      minify: true,
      // The polyfill would fetch() modules, which the frames' CSP (connect-src) forbids.
      modulePreload: { polyfill: false },
      rollupOptions: { input: { [page]: resolve(root, `iframe/${page}.html`) } },
    },
  };
}

const modes: Record<string, UserConfig> = {
  esm: {
    ...shared,
    build: {
      ...shared.build,
      outDir: resolve(dist, 'esm'),
      minify: false,
      lib: { entry: resolve(root, 'src/index.ts'), formats: ['es'], fileName: () => 'index.js' },
      rollupOptions: { external: [/^lit(\/|$)/, /^@lit\//, /^zod(\/|$)/, /^@stripe\/stripe-js(\/|$)/] },
    },
  },
  'next-action': {
    ...shared,
    build: {
      ...shared.build,
      outDir: dist,
      minify: true,
      lib: { entry: resolve(root, 'src/next-action-module.ts'), formats: ['es'], fileName: () => 'payframe-next-action.js' },
    },
  },
  iife: {
    ...shared,
    build: {
      ...shared.build,
      outDir: dist,
      minify: true,
      lib: { entry: resolve(root, 'src/script-tag.ts'), formats: ['iife'], name: 'PayframeBundle', fileName: () => 'payframe.js' },
    },
  },
  // Each frame page is built on its own: a shared chunk would make each page carry the other's
  // code (the controller has no use for the style allowlist, the field none for the gateway).
  field: framePage('field', true),
  controller: framePage('controller', false),
};

/** The script tag loads payframe-next-action.js with this Subresource Integrity hash: build `next-action` first. */
function nextActionModuleIntegrity(): string {
  const file = resolve(dist, 'payframe-next-action.js');
  if (!existsSync(file)) throw new Error(`Build mode "next-action" before "iife": ${file} is missing`);
  return `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
}

export default defineConfig(({ mode }) => {
  const config = modes[mode];
  if (!config) throw new Error(`Unknown build mode "${mode}": use one of ${Object.keys(modes).join(', ')}`);
  if (mode === 'iife') return { ...config, define: { __PAYFRAME_NEXT_ACTION_INTEGRITY__: JSON.stringify(nextActionModuleIntegrity()) } };
  return config;
});
