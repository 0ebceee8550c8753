// Turns the protocol's zod schemas into the compact schemas the bundles check messages with
// (src/shared/wire-schema.ts), so the zod definitions stay the one source of truth while zod's
// runtime stays out of the merchant script and the frames. A schema the protocol exports and uses
// twice or more is written once, as a const named after it (scripts/wire-schema-source.ts).
//   node --import tsx scripts/generate-wire-schemas.ts           writes the generated files
//   node --import tsx scripts/generate-wire-schemas.ts --check   exits 1 if they are stale
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENUM_CONSTANTS, NAMING_MODULES, renderTarget, TARGETS } from './wire-schema-source.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function loadModules(paths: string[]): Promise<Record<string, Record<string, unknown>>> {
  const modules: Record<string, Record<string, unknown>> = {};
  for (const path of paths) modules[path] = (await import(join(root, path))) as Record<string, unknown>;
  return modules;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const modules = await loadModules([...new Set([...NAMING_MODULES, ...ENUM_CONSTANTS.map((constants) => constants.module)])]);
  let stale = false;
  for (const target of TARGETS) {
    const path = join(root, target.out);
    const specifierOf = (module: string) => `./${relative(dirname(path), join(root, module))}`;
    const wanted = renderTarget(target, modules, specifierOf);
    const current = await readFile(path, 'utf8').catch(() => '');
    if (current === wanted) continue;
    if (check) {
      console.error(`${target.out} is stale: run \`npm run schemas\` and commit it.`);
      stale = true;
    } else {
      await writeFile(path, wanted);
      console.log(`wrote ${target.out}`);
    }
  }
  if (stale) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
