// Vite plugin for the fields-origin pages: how card-validator and credit-card-type (the brand
// detection card-validator uses) are bundled. Both ship only CommonJS, as TypeScript compiled it,
// which the bundler must wrap module by module and cannot leave anything out of. So each file the
// frames load is read back as the ES module it was compiled from (same code, same order, imports and
// exports instead of require and exports), and credit-card-type's methods to customise its brand
// table (addCard, updateCard, removeCard, changeOrder, resetModifications, getTypeInfo, and the
// helper only updateCard uses), which no frame calls, are cut; so are the brand table's display
// names (`niceType`, and `code.name` such as "CVV"), which no frame reads: a brand's name is ours
// (src/shared/card-brands.ts). Detection itself (the function, the table's patterns, gaps, lengths
// and code sizes, test order and `types`) is untouched. A file that no longer reads as expected
// fails the build, so an upgrade is looked at rather than shipped half-converted.
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const FILE = /\/node_modules\/credit-card-type\/dist\/index\.js$/;
const METHODS = ['getTypeInfo', 'removeCard', 'addCard', 'updateCard', 'changeOrder', 'resetModifications'];
const METHOD = /^creditCardType\.(\w+) = function \([^)]*\) \{\n[\s\S]*?\n\};\n/gm;
const ASSIGN_HELPER = /^var __assign = \(this && this\.__assign\) \|\| function \(\) \{\n[\s\S]*?\n\};\n/m;

/** Pure: the file without the customisation methods; throws when it does not hold exactly them. */
export function trimCardTypes(code: string): string {
  const removed: string[] = [];
  let trimmed = code.replace(METHOD, (_whole, name: string) => {
    removed.push(name);
    return '';
  });
  if (removed.join() !== METHODS.join()) throw new Error(`credit-card-type: expected the methods ${METHODS.join(', ')}, found ${removed.join(', ') || 'none'}`);
  if (!ASSIGN_HELPER.test(trimmed)) throw new Error('credit-card-type: expected its __assign helper');
  trimmed = trimmed.replace(ASSIGN_HELPER, '');
  if (/__assign|creditCardType\.(?!types = )/.test(trimmed)) throw new Error('credit-card-type: the file changed; review scripts/vite-card-libraries.ts');
  return trimmed;
}

const CARD_TYPES_FILE = /\/node_modules\/credit-card-type\/dist\/lib\/card-types\.js$/;
const NICE_TYPE = /^ +niceType: "[^"\n]*",\n/gm;
const CODE_NAME = /^( +code: \{\n) +name: "[^"\n]*",\n/gm;

/** Pure: the brand table without its display names; throws unless every brand had both. */
export function trimCardTypeNames(code: string): string {
  const brands = code.match(/^ +type: "[^"\n]*",$/gm)?.length ?? 0;
  const niceTypes = code.match(NICE_TYPE)?.length ?? 0;
  const codeNames = code.match(CODE_NAME)?.length ?? 0;
  if (!brands || niceTypes !== brands || codeNames !== brands) throw new Error(`credit-card-type: expected a niceType and a code name for each of ${brands} brands, found ${niceTypes} and ${codeNames}; review scripts/vite-card-libraries.ts`);
  return code.replace(NICE_TYPE, '').replace(CODE_NAME, '$1');
}

const CARD_LIBRARY_FILE = /\/node_modules\/(card-validator|credit-card-type)\/dist\/.*\.js$/;

/**
 * Pure: one of the libraries' files, as TypeScript compiled it to CommonJS, written as the ES module
 * it was compiled from: `exports.name = name;` becomes an export, `module.exports = value;` the
 * default export, `var x = require("y");` an import (the default when `defaultExport(y)`, the
 * module's namespace otherwise). Throws on anything else CommonJS, so a changed file fails the build.
 */
export function commonJsToEsm(code: string, defaultExport: (specifier: string) => boolean): string {
  const converted = code
    .replace(/^"use strict";\n/m, '')
    .replace(/^Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);\n/m, '')
    .replace(/^exports\.(\w+) = (\w+);$/gm, 'export { $2 as $1 };')
    .replace(/^module\.exports = (\w+);$/m, 'export default $1;')
    .replace(/^var (\w+) = require\("([^"]+)"\);$/gm, (_whole, name: string, specifier: string) => (defaultExport(specifier) ? `import ${name} from "${specifier}";` : `import * as ${name} from "${specifier}";`));
  if (/\bexports\b|\bmodule\.|\brequire\(|\bthis\b/.test(converted.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))) throw new Error('card library file is not the CommonJS expected; review scripts/vite-card-libraries.ts');
  return converted;
}

export function cardLibrariesPlugin(): Plugin {
  return {
    name: 'payframe-card-libraries',
    async transform(code, id) {
      if (!CARD_LIBRARY_FILE.test(id)) return undefined;
      const defaults = new Set<string>();
      for (const [, specifier = ''] of code.matchAll(/^var \w+ = require\("([^"]+)"\);$/gm)) {
        const resolved = await this.resolve(specifier, id);
        if (!resolved) throw new Error(`${id}: cannot resolve ${specifier}`);
        if (/^module\.exports = /m.test(readFileSync(resolved.id, 'utf8'))) defaults.add(specifier);
      }
      const trimmed = FILE.test(id) ? trimCardTypes(code) : CARD_TYPES_FILE.test(id) ? trimCardTypeNames(code) : code;
      return { code: commonJsToEsm(trimmed, (specifier) => defaults.has(specifier)), map: null };
    },
  };
}
