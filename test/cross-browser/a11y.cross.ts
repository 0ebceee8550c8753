// axe-core inside the card frames in every shopper's engine: the drop-in's card frame and each of
// the split fields' frames are cross-origin documents of their own, so axe runs in each one, loaded
// through the engine's driver (the frames' CSP refuses script tags and eval). WCAG 2.0–2.2 A and
// AA rules, as the Chromium suite's a11y checks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { WCAG_AA_TAGS, type AxeViolation } from '../e2e/harness/axe.ts';
import { CardFieldsDriver } from './card-fields-driver.ts';
import { expect, test } from './engine-fixtures.ts';
import type { EnginePage, ShadowPath } from './engines/engine-page.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Loads axe into the frame and runs it on the frame's document; throws if axe did not run. */
async function axeViolations(engine: EnginePage, frame: ShadowPath, name: string): Promise<AxeViolation[]> {
  await engine.runScriptInFrame(frame, AXE_SOURCE);
  const result = await engine.evaluateInFrame(
    frame,
    async (tags) => {
      const axe = (window as unknown as { axe?: { version: string; run(context: Document, options: object): Promise<{ passes: unknown[]; violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
      if (!axe) return 'axe did not load';
      const run = await axe.run(document, { runOnly: { type: 'tag', values: tags }, iframes: false, resultTypes: ['violations'] });
      return {
        // axe really ran rules against this document (a run that checked nothing would also find nothing).
        checkedRules: run.passes.length + run.violations.length,
        violations: run.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => node.target.join(' ')) })),
      };
    },
    WCAG_AA_TAGS,
  );
  if (typeof result === 'string') throw new Error(`${result} in ${name} (${engine.engine})`);
  expect(result.checkedRules, `rules axe checked in ${name}`).toBeGreaterThan(5);
  return result.violations;
}

test("axe finds no WCAG A/AA violations inside the drop-in's card frame", async ({ engine, demo }) => {
  await engine.goto(demo.merchantUrl);
  const checkout = CardFieldsDriver.dropIn(engine);
  await checkout.waitReady();
  expect(await axeViolations(engine, checkout.frame('number'), 'the card frame')).toEqual([]);
});

test("axe finds no WCAG A/AA violations inside the split fields' number, expiry and CVC frames", async ({ engine, demo }) => {
  await engine.goto(demo.merchantUrl);
  const split = CardFieldsDriver.splitFields(engine);
  await split.waitReady();
  const found: Record<string, AxeViolation[]> = {};
  for (const kind of ['number', 'expiry', 'cvc'] as const) found[kind] = await axeViolations(engine, split.frame(kind), `the split ${kind} frame`);
  expect(found).toEqual({ number: [], expiry: [], cvc: [] });
});
