// Builds Payframe's three outputs, one per mode (scripts/build.mjs runs them in turn):
//   esm    dist/esm/index.js   the SDK for `import`, lit and zod left to the app's bundler
//   next-action  dist/payframe-next-action.js  for the script tag: the 3-D Secure modal, the
//          full-page fallback and Stripe mode, loaded only when a payment needs them
//   split-fields  dist/payframe-fields.js  for the script tag: <payframe-card-group> and the split
//          fields (Lit elements, Lit bundled), loaded only by pages that hold them; our code both
//          share comes from payframe.js
//   iife   dist/payframe.js    the self-contained script-tag file, no Lit (pins both files above by their hash)
//   field, controller, card   dist/fields/   the fields-origin pages: number, expiry, cvc (one build, one template),
//          the split fields' controller, and the drop-in's card frame
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { inlineFrameScript } from './scripts/vite-inline-frame-script.ts';
import { localeChunks } from './scripts/vite-locale-chunks.ts';
import { lazyFrameChunks } from './scripts/vite-lazy-frame-chunk.ts';
import { minifyCssTemplatesPlugin } from './scripts/vite-minify-css-templates.ts';
import { splitFieldsKit } from './scripts/vite-split-fields-kit.ts';
import { cardLibrariesPlugin } from './scripts/vite-card-libraries.ts';
import { litTrimPlugin } from './scripts/vite-lit-trim.ts';
import { litFree } from './scripts/vite-lit-free.ts';

const root = import.meta.dirname;
/** PAYFRAME_DIST_DIR lets parallel builds (e.g. two checkouts of the repo's tests) use separate folders. */
const dist = resolve(root, process.env.PAYFRAME_DIST_DIR ?? 'dist');

const shared: UserConfig = {
  logLevel: 'warn',
  plugins: [minifyCssTemplatesPlugin(), litTrimPlugin()],
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
  // `crossorigin` too: a same-origin module script and its modulepreload already use the same mode.
  transformIndexHtml: (html) => html.replace(/<!--[\s\S]*?-->/g, '').replace(/>\s+</g, '><').replace(/ crossorigin(?=[ >])/g, '').trim(),
};

/**
 * A frame page's stylesheet goes inline into the page itself: the first layout is the final one
 * without a separate critical style, and each frame makes one request fewer. The fields server
 * allows exactly these <style> blocks by their hash in the CSP.
 */
const inlineFrameCss: Plugin = {
  name: 'payframe-inline-frame-css',
  enforce: 'post',
  generateBundle(_options, bundle) {
    const inlined = new Set<string>();
    for (const output of Object.values(bundle)) {
      if (output.type !== 'asset' || !output.fileName.endsWith('.html')) continue;
      output.source = String(output.source).replace(/<link rel="stylesheet"[^>]*href="\.\/([^"]+\.css)">/g, (link, fileName: string) => {
        const css = bundle[fileName];
        if (css?.type !== 'asset' || String(css.source).includes('<')) return link;
        inlined.add(fileName);
        // Its url()s were relative to the stylesheet's folder (assets/); inline, they are relative to
        // the page, which is served two levels down (/frames/<key>/, src/node/fields/frame-page.ts).
        // Written here as served: the fields server cannot rewrite an inline style, its CSP hash is this text's.
        const folder = fileName.slice(0, fileName.lastIndexOf('/') + 1);
        return `<style>${String(css.source).trim().replaceAll('url(./', `url(../../${folder}`)}</style>`;
      });
    }
    for (const fileName of inlined) delete bundle[fileName];
  },
};

/** The field pages, by kind, with the field's name for the page's title. */
const FIELD_PAGES: Record<string, string> = { number: 'card number', expiry: 'expiration date', cvc: 'security code (CVC)', name: 'cardholder name', country: 'billing country', postal: 'billing postal code' };
/** The split billing fields' pages are made from their own template (the drop-in's billing input fills it). */
const BILLING_FIELD_PAGES = ['name', 'country', 'postal'];

/** A field page's id (`<root>/iframe/<kind>.html`): its kind and name. Made from iframe/field.html, not a file. */
function fieldPage(id: string): { kind: string; name: string } | undefined {
  const [, folder, kind = ''] = /^(.*)\/iframe\/(\w+)\.html$/.exec(id) ?? [];
  const name = Object.hasOwn(FIELD_PAGES, kind) ? FIELD_PAGES[kind] : undefined;
  return folder === root && name ? { kind, name } : undefined;
}

/**
 * The field pages differ only by their field: each is iframe/field.html with the field's name in
 * its title and its own entry (iframe/pages/<kind>-frame.ts), which imports only that kind's
 * rules, so each page still loads only its own.
 */
const fieldPages: Plugin = {
  name: 'payframe-field-pages',
  enforce: 'pre',
  resolveId: (id) => (fieldPage(id) ? id : undefined),
  load(id) {
    const page = fieldPage(id);
    if (!page) return undefined;
    const template = BILLING_FIELD_PAGES.includes(page.kind) ? 'iframe/billing-field.html' : 'iframe/field.html';
    return readFileSync(resolve(root, template), 'utf8').replaceAll('{{FIELD_NAME}}', page.name).replaceAll('{{FIELD_KIND}}', page.kind);
  },
};

/** Our own frame code that every field kind runs (not a kind's rules, its entry, autofill, the billing fields' input, a locale or the number's network choice). */
function isSharedFieldModule(id: string): boolean {
  return /\/(src|iframe)\/.*\.(ts|css)$/.test(id) && !id.includes('/node_modules/') && !/\/iframe\/(pages\/|autofill-catcher|billing-|fields\/(card-number|card-brand|expiry|cvc|countries|postal-code))|billing-messages|billing-fields|\/locales\/|style-explanations|network|card-ranges/.test(id);
}

/** The pages of one fields-origin build: the three field pages share a chunk, the controller is alone. */
/** Loaded by a frame only to explain a refused style to the merchant. */
const LAZY_STYLE_EXPLANATIONS = { 'style-explanations': 'src/shared/style-explanations.ts' };
/** Loaded by a number input only once a co-badged card is typed. */
const LAZY_NETWORK_CHOOSER = { networks: 'iframe/networks/network-chooser.ts' };

function framePages(pages: string[], emptyOutDir: boolean, { inlineScript = false } = {}): UserConfig {
  return {
    ...shared,
    plugins: [fieldPages, minifyFrameHtml, inlineFrameCss, localeChunks(root, { fromDocument: inlineScript }), cardLibrariesPlugin(), ...(inlineScript
        ? [lazyFrameChunks(root, { billing: 'iframe/billing-inputs.ts', bin: 'iframe/bin/bin-reporter.ts', 'saved-card': 'iframe/saved-card.ts', ...LAZY_NETWORK_CHOOSER, ...LAZY_STYLE_EXPLANATIONS }, { fromDocument: true }), inlineFrameScript(pages)]
        : [lazyFrameChunks(root, { ...LAZY_NETWORK_CHOOSER, ...LAZY_STYLE_EXPLANATIONS })]),
    ],
    root: resolve(root, 'iframe'),
    // Relative URLs, so the pages work wherever the fields origin mounts them.
    base: './',
    build: {
      ...shared.build,
      outDir: resolve(dist, 'fields'),
      emptyOutDir,
      minify: true,
      // The brand icons (brand-icons.svg) stay a file of their own, cached and loaded only when shown, not a data: URL in every page.
      assetsInlineLimit: 0,
      // The polyfill would fetch() modules, which the frames' CSP (connect-src) forbids.
      modulePreload: { polyfill: false },
      rollupOptions: {
        input: Object.fromEntries(pages.map((page) => [page, resolve(root, `iframe/${page}.html`)])),
        // One shared chunk for the field pages (not one per pair of kinds): every file costs a request and its own compression.
        output: { manualChunks: (id) => (pages.length > 1 && isSharedFieldModule(id) ? 'field-frame' : undefined) },
      },
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
      // testing: the payframe/testing entry for merchants' Playwright tests (no browser page loads it)
      lib: { entry: { index: resolve(root, 'src/index.ts'), testing: resolve(root, 'src/testing/index.ts') }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rollupOptions: { external: [/^lit(\/|$)/, /^@lit\//, /^zod(\/|$)/, /^@stripe\/stripe-js(\/|$)/, /^@playwright\//] },
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
  'split-fields': {
    ...shared,
    plugins: [...(shared.plugins ?? []), splitFieldsKit(root)],
    build: {
      ...shared.build,
      outDir: dist,
      minify: true,
      lib: { entry: resolve(root, 'src/split-fields-module.ts'), formats: ['es'], fileName: () => 'payframe-fields.js' },
      // A file browsers load, not a library for bundlers: its whitespace goes too (Vite keeps it in ES libraries).
      rollupOptions: { output: { minify: true } },
    },
  },
  iife: {
    ...shared,
    build: {
      ...shared.build,
      outDir: dist,
      minify: true,
      lib: { entry: resolve(root, 'src/script-tag.ts'), formats: ['iife'], name: 'PayframeBundle', fileName: () => 'payframe.js' },
      // V8's compile hint: compile every function as the file streams in, on a background thread,
      // not each on its first call, which was on the merchant's main thread as the checkout mounts
      // (59–84 lazy compiles there, traced; the task that attaches it went from 22 to 16 ms, median).
      rollupOptions: { output: { postBanner: '//# allFunctionsCalledOnLoad' } },
    },
  },
  // The field pages are built together: each kind's page loads its own entry plus the chunk all
  // three share. The controller is built on its own: a chunk shared with the fields would make
  // each carry the other's code (the controller has no use for the style allowlist).
  field: framePages(Object.keys(FIELD_PAGES), true),
  controller: framePages(['controller'], false),
  // The drop-in's card frame, alone too: it carries every input's rules, inline in its page
  // (scripts/vite-inline-frame-script.ts); its payment steps are a build of their own (`payments`).
  card: framePages(['card'], false, { inlineScript: true }),
  // The card frame's bank debits (iframe/bank-panels.ts), loaded only by a checkout that enables one.
  // A build of their own, not a lazy chunk of the card build: they share the caret rules, the field
  // evaluation and the text formatting with the card frame's inline script, which may import nothing,
  // so they carry their own copy (a few hundred bytes) instead. Built before `card`, which names it.
  bank: cardFrameChunkBuild('bank', 'iframe/bank-panels.ts'),
  // The card frame's payment steps (iframe/card-frame-payments.ts), fetched once the frame is ready:
  // its first load carries only what typing needs. A build of its own for the same reason as `bank`
  // (it shares the error texts and the gateway's address with the inline script). Built before `card`.
  payments: cardFrameChunkBuild('payments', 'iframe/card-frame-payments.ts'),
};

/** A file of the card frame built on its own (modes `bank`, `payments`) into fields/assets/<name>-<hash>.js. */
function cardFrameChunkBuild(name: string, entry: string): UserConfig {
  return {
    ...shared,
    build: {
      ...shared.build,
      outDir: resolve(dist, 'fields', 'assets'),
      minify: true,
      lib: { entry: resolve(root, entry), formats: ['es'] },
      rollupOptions: { output: { entryFileNames: `${name}-[hash].js`, chunkFileNames: `${name}-[name]-[hash].js`, minify: true } },
    },
  };
}

/**
 * `virtual:payframe-<name>-chunk`: the URL of that file (mode `name`), from the card frame's page at
 * /frames/<key>/, as a module like the lazy chunks' (a literal import() would get Vite's preload helper).
 */
function cardFrameChunkModule(name: string): Plugin {
  const id = `virtual:payframe-${name}-chunk`;
  return {
    name: `payframe-${name}-chunk`,
    resolveId: (wanted) => (wanted === id ? `\0${id}` : undefined),
    load(wanted) {
      if (wanted !== `\0${id}`) return undefined;
      const folder = resolve(dist, 'fields', 'assets');
      const file = existsSync(folder) ? readdirSync(folder).find((fileName) => new RegExp(`^${name}-[A-Za-z0-9_-]{8}\\.js$`).test(fileName)) : undefined;
      if (!file) throw new Error(`Build mode "${name}" before "card": no ${name}-<hash>.js in ${folder}`);
      return `export default ${JSON.stringify(`../../assets/${file}`)};`;
    },
  };
}

/** The script tag loads a module file with this Subresource Integrity hash: build its mode before `iife`. */
function pinnedModuleIntegrity(fileName: string, mode: string): string {
  const file = resolve(dist, fileName);
  if (!existsSync(file)) throw new Error(`Build mode "${mode}" before "iife": ${file} is missing`);
  return `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
}

export default defineConfig(({ mode }) => {
  const config = modes[mode];
  if (!config) throw new Error(`Unknown build mode "${mode}": use one of ${Object.keys(modes).join(', ')}`);
  if (mode === 'iife') {
    return {
      ...config,
      plugins: [...(config.plugins ?? []), litFree()],
      define: {
        __PAYFRAME_NEXT_ACTION_INTEGRITY__: JSON.stringify(pinnedModuleIntegrity('payframe-next-action.js', 'next-action')),
        __PAYFRAME_SPLIT_FIELDS_INTEGRITY__: JSON.stringify(pinnedModuleIntegrity('payframe-fields.js', 'split-fields')),
      },
    };
  }
  if (mode === 'card') return { ...config, plugins: [cardFrameChunkModule('bank'), cardFrameChunkModule('payments'), ...(config.plugins ?? [])] };
  return config;
});
