// axe-core inside the card frames in every shopper's engine: each frame is its own cross-origin
// document, so axe runs in each one, loaded through the engine's driver (the frames' CSP refuses
// script tags and eval). WCAG 2.0–2.2 A and AA rules, as the Chromium suite's a11y checks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FieldKind } from '../../src/index.ts';
import { WCAG_AA_TAGS, type AxeViolation } from '../e2e/harness/axe.ts';
import { CardFieldsDriver } from './card-fields-driver.ts';
import { expect, test } from './engine-fixtures.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

test('axe finds no WCAG A/AA violations inside the number, expiry and CVC frames', async ({ engine, demo }) => {
  await engine.goto(demo.merchantUrl);
  const checkout = CardFieldsDriver.dropIn(engine);
  await checkout.waitReady();
  const found: Partial<Record<FieldKind, AxeViolation[]>> = {};
  for (const kind of ['number', 'expiry', 'cvc'] as const) {
    await engine.runScriptInFrame(checkout.frame(kind), AXE_SOURCE);
    const result = await engine.evaluateInFrame(
      checkout.frame(kind),
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
    if (typeof result === 'string') throw new Error(`${result} in the ${kind} frame (${engine.engine})`);
    expect(result.checkedRules, `rules axe checked in the ${kind} frame`).toBeGreaterThan(5);
    found[kind] = result.violations;
  }
  expect(found).toEqual({ number: [], expiry: [], cvc: [] });
});
