// Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) in the merchant page and inside each frame of a
// checkout, each realm on its own: the frames are cross-origin, so axe cannot walk into them
// from the page. The script is evaluated through the DevTools protocol, so the frames' CSP stays on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from '@playwright/test';
import type { CardFieldsHarness } from './card-fields-harness.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** The WCAG A/AA violations axe finds in one document (page or frame), as short readable records. */
export async function axeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  const loaded = await target.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await target.evaluate(AXE_SOURCE);
  return target.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, iframes: false, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
  }, WCAG_AA_TAGS);
}

/** axe's findings in the merchant page and in each field frame, by where they were found. */
export async function checkoutViolations(page: Page, checkout: CardFieldsHarness): Promise<Record<string, AxeViolation[]>> {
  const found: Record<string, AxeViolation[]> = { page: await axeViolations(page) };
  // The drop-in's one card frame, or each split field's frame.
  if (checkout.cardFrame) found['card frame'] = await axeViolations(await checkout.frame('number'));
  else for (const kind of ['number', 'expiry', 'cvc'] as const) found[`${kind} frame`] = await axeViolations(await checkout.frame(kind));
  return found;
}

/** What `checkoutViolations` finds on a drop-in checkout with nothing wrong. */
export const NO_VIOLATIONS = { page: [], 'card frame': [] };
