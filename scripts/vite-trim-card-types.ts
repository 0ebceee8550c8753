// Vite plugin for the fields-origin pages: credit-card-type (what card-validator detects brands
// with) is CommonJS, so the bundler cannot leave out the parts no frame calls. It exports one
// function with methods to customise the brand table (addCard, updateCard, removeCard, changeOrder,
// resetModifications, getTypeInfo); the frames never customise it, so those methods, and the helper
// only updateCard uses, are cut from the bundled file. Detection itself (the function, its brand
// table, test order and `types`) is untouched. A credit-card-type whose file no longer reads as
// expected fails the build, so an upgrade is looked at rather than shipped half-trimmed.
// Their files' `__esModule` markers go too: the frames import them by name only, which never
// reads the marker (only a default import's interop would).
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
  if (/__assign|creditCardType\.(?!types = )/.test(trimmed)) throw new Error('credit-card-type: the file changed; review scripts/vite-trim-card-types.ts');
  return trimmed;
}

const ES_MODULE_MARKER = 'Object.defineProperty(exports, "__esModule", { value: true });\n';

export function trimCardTypesPlugin(): Plugin {
  return {
    name: 'payframe-trim-card-types',
    transform(code, id) {
      if (FILE.test(id)) return { code: trimCardTypes(code), map: null };
      if (/\/node_modules\/(card-validator|credit-card-type)\/dist\/.*\.js$/.test(id) && code.includes(ES_MODULE_MARKER)) return { code: code.replace(ES_MODULE_MARKER, ''), map: null };
      return undefined;
    },
  };
}
