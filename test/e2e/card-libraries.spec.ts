// The frames bundle card-validator and credit-card-type through scripts/vite-card-libraries.ts,
// which reads their CommonJS files back as ES modules and cuts credit-card-type's unused
// customisation methods and its brand table's display names. In Node, without a browser: the
// bundled functions answer exactly as the packages' own CommonJS does, but for those names, for numbers of every brand the table knows (each pattern, each
// length, each prefix of them), and for CVCs, months and years; and no CommonJS loader is left.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { build, type Rolldown } from 'vite';
import { cardLibrariesPlugin } from '../../scripts/vite-card-libraries.ts';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(join(root, 'package.json'));

interface CardLibraries {
  cardNumber(value: string): unknown;
  cvv(value: string, size?: number | number[]): unknown;
  expirationMonth(value: string): unknown;
  expirationYear(value: string, maxElapsedYear?: number): unknown;
}

const original: CardLibraries = {
  cardNumber: require('card-validator/dist/card-number.js').cardNumber,
  cvv: require('card-validator/dist/cvv.js').cvv,
  expirationMonth: require('card-validator/dist/expiration-month.js').expirationMonth,
  expirationYear: require('card-validator/dist/expiration-year.js').expirationYear,
};

async function bundled(): Promise<{ code: string; libraries: CardLibraries }> {
  const folder = join(root, '.tmp', `card-libraries-${process.pid}`);
  mkdirSync(folder, { recursive: true });
  const entry = join(folder, 'entry.js');
  writeFileSync(
    entry,
    [
      "export { cardNumber } from 'card-validator/dist/card-number.js';",
      "export { cvv } from 'card-validator/dist/cvv.js';",
      "export { expirationMonth } from 'card-validator/dist/expiration-month.js';",
      "export { expirationYear } from 'card-validator/dist/expiration-year.js';",
    ].join('\n'),
  );
  try {
    const output = (await build({
      configFile: false,
      logLevel: 'silent',
      root,
      plugins: [cardLibrariesPlugin()],
      build: { write: false, minify: false, lib: { entry, formats: ['es'], fileName: () => 'card-libraries.js' } },
    })) as Rolldown.RolldownOutput[];
    const chunk = output[0]!.output.find((file) => file.type === 'chunk')!;
    const file = join(folder, 'card-libraries.mjs');
    writeFileSync(file, chunk.code);
    return { code: chunk.code, libraries: (await import(pathToFileURL(file).href)) as CardLibraries };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Digits for every pattern of every brand (both ends of a range), at each of the brand's lengths, and every prefix of those. */
function numbersOfEveryBrand(): string[] {
  const brands = require('credit-card-type/dist/lib/card-types.js') as Record<string, { patterns: (number | [number, number])[]; lengths: number[] }>;
  const numbers = new Set<string>(['', '0', '1', '9', '00000000', '4111111111111112']);
  for (const { patterns, lengths } of Object.values(brands)) {
    for (const pattern of patterns) {
      for (const prefix of (Array.isArray(pattern) ? pattern : [pattern]).map(String)) {
        for (const length of lengths) {
          const filled = (prefix + '4242424242424242424242').slice(0, length);
          for (let end = 1; end <= filled.length; end++) numbers.add(filled.slice(0, end));
          // The same number with a check digit that makes it Luhn-valid, so isValid is exercised too.
          for (let digit = 0; digit <= 9; digit++) numbers.add(filled.slice(0, -1) + digit);
        }
      }
    }
  }
  return [...numbers];
}

test('the bundled card-validator and credit-card-type answer as the packages do, and carry no CommonJS loader', async () => {
  test.setTimeout(60_000);
  const { code, libraries } = await bundled();
  expect(code).not.toMatch(/\brequire\(|__commonJS|module\.exports|\bexports\./);
  expect(code).not.toMatch(/addCard|updateCard|removeCard|changeOrder|resetModifications|getTypeInfo/);
  expect(code).not.toMatch(/niceType|name: "(CVV|CVC|CID|CVN|CVE|CVP2)"/);

  const numbers = numbersOfEveryBrand();
  expect(numbers.length).toBeGreaterThan(5_000);
  // Compared as one text: a mismatch shows where, without a deep comparison per number.
  // The package's answers without the display names the build cuts (a brand's `niceType`, its code's
  // `name`); everything else, the code's size included, must be the same.
  const withoutNames = (key: string, value: unknown) => (key === 'niceType' ? undefined : key === 'code' ? { size: (value as { size: number }).size } : value);
  const answers = (cardNumber: CardLibraries['cardNumber'], replacer?: typeof withoutNames) => numbers.map((number) => JSON.stringify(cardNumber(number), replacer)).join('\n');
  expect(answers(libraries.cardNumber)).toBe(answers(original.cardNumber, withoutNames));

  for (const value of ['', '1', '12', '123', '1234', '12345', 'abc', '12a']) {
    for (const size of [undefined, 3, 4, [3, 4]]) expect(libraries.cvv(value, size)).toEqual(original.cvv(value, size));
  }
  for (const value of ['', '0', '1', '01', '09', '10', '12', '13', '00', 'a', ' 1']) expect(libraries.expirationMonth(value)).toEqual(original.expirationMonth(value));
  const year = new Date().getFullYear();
  for (const value of ['', '2', '20', '202', String(year), String(year % 100), String((year + 19) % 100), String((year + 20) % 100), String(year - 1), '99', 'ab']) {
    expect(libraries.expirationYear(value, 19)).toEqual(original.expirationYear(value, 19));
  }
});
