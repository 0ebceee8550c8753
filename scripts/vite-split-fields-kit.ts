// Vite plugin for dist/payframe-fields.js: every import of a module that src/split-fields-kit.ts
// lists (our modules the drop-in carries anyway) is answered with the values the payframe.js that
// loaded the file handed over (an array on SPLIT_FIELDS_KIT, taken by position), instead of a second
// copy. A name the kit does not list fails the build (missing export); so does a payframe-fields.js
// that would carry a module holding page-wide state of its own. Lit is bundled here: payframe.js
// has none to hand over (its drop-in is a plain custom element).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const KIT_ID = '\0payframe-split-fields-kit';
const PREFIX = `${KIT_ID}:`;

/** Modules that must never be bundled into payframe-fields.js: state the page shares (one copy, payframe.js's). */
const MUST_BE_SHARED = /\/src\/host\/(fields-origin|next-action-loader|dropped-messages)\.ts$/;

export interface KitModule {
  specifier: string;
  /** Each name the kit imports from the module, with its position in the kit's array. */
  names: { name: string; index: number }[];
}

/** The kit's modules: its `import { names } from 'module';` lines, each name placed by the `splitFieldsKit` array. */
export function readKit(file: string): KitModule[] {
  const source = readFileSync(file, 'utf8');
  const order = /^export const splitFieldsKit = \[([\w$,\s]*)\];$/m.exec(source)?.[1]?.split(',').map((name) => name.trim()).filter(Boolean);
  if (!order) throw new Error(`${file}: expected \`export const splitFieldsKit = [names];\``);
  const modules: KitModule[] = [];
  const listed = new Set<string>();
  for (const line of source.slice(0, source.indexOf('export const splitFieldsKit')).split('\n')) {
    if (!line.trim() || line.startsWith('//')) continue;
    const match = /^import \{ ([\w$, ]+) \} from '([^']+)';$/.exec(line);
    if (!match) throw new Error(`${file}: expected only \`import { names } from 'module';\` lines before the array, got: ${line}`);
    const [, names = '', specifier = ''] = match;
    modules.push({
      specifier,
      names: names.split(',').map((raw) => {
        const name = raw.trim();
        const index = order.indexOf(name);
        if (index < 0 || listed.has(name)) throw new Error(`${file}: ${name} must be in the splitFieldsKit array, once`);
        listed.add(name);
        return { name, index };
      }),
    });
  }
  const unimported = order.filter((name) => !listed.has(name));
  if (unimported.length || order.length !== listed.size) throw new Error(`${file}: the splitFieldsKit array must hold each imported name once (${unimported.join(', ')})`);
  return modules;
}

export function splitFieldsKit(root: string): Plugin {
  const kitFile = resolve(root, 'src/split-fields-kit.ts');
  const globalFile = resolve(root, 'src/host/split-fields-global.ts');
  /** Resolved module id -> its kit entry; virtual ids name the module by its specifier, never a path of this machine. */
  const byId = new Map<string, KitModule>();
  const bySpecifier = new Map<string, KitModule>();
  return {
    name: 'payframe-split-fields-kit',
    enforce: 'pre',
    async buildStart() {
      byId.clear();
      bySpecifier.clear();
      for (const kitModule of readKit(kitFile)) {
        const resolved = await this.resolve(kitModule.specifier, kitFile);
        if (!resolved) throw new Error(`${kitFile}: cannot resolve ${kitModule.specifier}`);
        byId.set(resolved.id, kitModule);
        bySpecifier.set(kitModule.specifier, kitModule);
      }
    },
    async resolveId(source, importer, options) {
      if (source === KIT_ID || source.startsWith(PREFIX)) return source;
      if (!importer || importer.startsWith('\0')) return undefined;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const kitModule = resolved && byId.get(resolved.id);
      return kitModule ? `${PREFIX}${kitModule.specifier}` : resolved;
    },
    load(id) {
      if (id === KIT_ID) {
        return [
          `import { SPLIT_FIELDS_KIT } from ${JSON.stringify(globalFile)};`,
          'const kit = window[SPLIT_FIELDS_KIT];',
          "if (!kit) throw new Error('payframe-fields.js runs only when payframe.js loads it');",
          'export default kit;',
        ].join('\n');
      }
      const kitModule = id.startsWith(PREFIX) ? bySpecifier.get(id.slice(PREFIX.length)) : undefined;
      if (!kitModule) return undefined;
      return `import kit from ${JSON.stringify(KIT_ID)};\nexport const ${kitModule.names.map(({ name, index }) => `${name} = kit[${index}]`).join(', ')};`;
    },
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const own = Object.keys(output.modules).filter((id) => !id.startsWith('\0') && MUST_BE_SHARED.test(id));
        if (own.length) throw new Error(`payframe-fields.js would carry its own copy of ${own.join(', ')}: take it from src/split-fields-kit.ts`);
      }
    },
  };
}
