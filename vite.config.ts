// Builds Payframe's three outputs, one per mode (scripts/build.mjs runs them in turn):
//   esm    dist/esm/index.js   the SDK for `import`, lit and zod left to the app's bundler
//   iife   dist/payframe.js    the self-contained script-tag file
//   field, controller   dist/fields/   the fields-origin pages, each built on its own
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import { localeChunks } from './scripts/vite-locale-chunks.ts';

const root = import.meta.dirname;
/** PAYFRAME_DIST_DIR lets parallel builds (e.g. two checkouts of the repo's tests) use separate folders. */
const dist = resolve(root, process.env.PAYFRAME_DIST_DIR ?? 'dist');

const shared: UserConfig = {
  logLevel: 'warn',
  build: { emptyOutDir: false, sourcemap: false, target: 'es2022', reportCompressedSize: false },
};

function framePage(page: 'field' | 'controller', emptyOutDir: boolean): UserConfig {
  return {
    ...shared,
    root: resolve(root, 'iframe'),
    plugins: [localeChunks(root)],
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
      rollupOptions: { external: [/^lit(\/|$)/, /^@lit\//, /^zod(\/|$)/] },
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

export default defineConfig(({ mode }) => {
  const config = modes[mode];
  if (!config) throw new Error(`Unknown build mode "${mode}": use one of ${Object.keys(modes).join(', ')}`);
  return config;
});
