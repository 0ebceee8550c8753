// Byte budgets for what browsers download (gzip -9, source maps never counted): prints each output
// against its budget and exits 1 when one is over. `node scripts/check-budgets.mjs` (honours PAYFRAME_DIST_DIR).
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** 1 KB = 1,000 bytes: the stricter reading, and how DevTools and size-limit print kB. */
const KB = 1000;

/**
 * Raise these only with a reason in the commit message; `npm run size:breakdown` shows where bytes
 * go. `goal` is the budget where the enforced one differs, with why when it is not met: CI
 * enforces `maxGzip` so any growth still fails, and the report prints how far the output is from a goal it misses.
 */
export const BUDGETS = [
  {
    id: 'script-tag',
    label: 'payframe.js, the script-tag file (no Lit)',
    // Lowered from 16,180 B (16,165 B measured) to the measured size and a small margin, under the
    // issue's 14 KB goal: <payframe-checkout> is a plain custom element on a small base of our own
    // (src/elements/payframe-element.ts), no longer a Lit element. Lit's runtime was 4.7 KB of the
    // file (even trimmed); the drop-in renders a form, the card frame's box and skeleton, an error line,
    // the button and the live region, updated in place. 11,872 B measured. What is left is mostly the
    // drop-in with its card-frame surface and styles, the message checks (generated in a compact form),
    // the payment flow, and the English decline texts with the table from the gateway's codes to them
    // (a locale's texts come from the card frame); npm run size:breakdown shows the rest. 11,950 B since a
    // return page resumes for a client-secret given after the checkout is ready (11,910 B measured);
    // 12,000 B since a checkout follows the page's <html lang> as it changes (11,974 B measured).
    maxGzip: 12_000,
    // Met: kept for the bench's table, which shows the goal.
    goal: 14 * KB,
  },
  {
    id: 'split-fields',
    label: 'payframe-fields.js, the split fields (loaded on demand)',
    // Raised from 4,800 B (4,785 B measured) by the split billing fields, <payframe-card-name> and
    // <payframe-card-postal> (5,220 B measured): their elements, the group's cardholder-name and
    // billing-country, and their labels and three errors in English (the other locales come from the
    // controller), which only pages with split fields download; payframe.js grew 5 B (the frame kinds).
    // <payframe-card-country> fits in it (5,271 B measured, +51 B: its element, its label and error
    // in English); payframe.js +3 B (its tag in the script tag's loader, the frame kind).
    // Raised from 5,300 B (5,297 B measured) by a saved card in split fields (5,490 B measured, +193 B):
    // the group's client-secret and payment-method, its pay() (which only the drop-in had), the
    // payment-method as the controller's frame parameter, the saved-card request and the check of its
    // answer (brand, last4, expiry and the line, or an error) dispatched as payframe-saved-card. The gateway
    // steps, the check that the intent pays with that card and the line's words in every locale are in
    // the controller frame (fields origin, 9,911 -> 11,359 B of its 12 KB). Then +10 B by the drop-in's
    // bank debits: the shared message checks know the bank inputs' names and the payment method types (5,503 B measured).
    // Raised to 10,750 B (10,723 B measured) by bundling Lit (trimmed, 5.2 KB), which payframe.js handed
    // over until the drop-in stopped being a Lit element: only pages with split fields download it, and
    // every page with the drop-in alone saves 4.3 KB. Our code both files use still comes from payframe.js.
    maxGzip: 10_750,
  },
  { id: 'field-frame', label: 'field frame page (card number, the heaviest), all-in', maxGzip: 12 * KB },
  { id: 'field-frame-expiry', label: 'field frame page (expiry), all-in', maxGzip: 12 * KB },
  { id: 'field-frame-cvc', label: 'field frame page (CVC), all-in', maxGzip: 12 * KB },
  { id: 'field-frame-postal', label: 'split billing field frame page (postal code), all-in', maxGzip: 12 * KB },
  { id: 'field-frame-country', label: 'split billing field frame page (country), all-in', maxGzip: 12 * KB },
  { id: 'controller-frame', label: 'controller frame page, all-in', maxGzip: 12 * KB },
  {
    id: 'card-frame',
    label: "the drop-in's card frame page (three labelled inputs, their rules, the style checks, the handshake), all-in",
    // Measured 13,050 B once the payment steps became a file of their own (lazy-payments below, fetched
    // right after ready): the inline stylesheet and the three labelled inputs with the brand icon, the
    // style allowlist and sanitizer (its refusals in words are a chunk of their own), card-validator with
    // credit-card-type and every brand it knows, and the message schemas with their checker; the billing
    // inputs, the BIN report, a saved card, the bank debits and a co-badged card's network chooser are
    // chunks a checkout loads only when it needs them (budgeted below). It was 16,010 B with the payment
    // steps inline.
    maxGzip: 13_300,
    goal: 14 * KB,
  },
  // Fetched by every card frame once it has said ready: no shopper pays in the first milliseconds, and a
  // request that comes first waits for it. Measured 4,325 B: collect -> validate -> gateway (card-payments.ts),
  // the gateway client with its retries, idempotency keys and the intent answer's check, the challenge
  // origins, and their own copy of the error texts (a build of its own: the inline script can share nothing).
  { id: 'lazy-payments', label: 'card frame file: the payment steps (fetched after ready)', maxGzip: 4_500 },
  // Loaded by the card frame only for a checkout that asks for them, or by a frame with a refused style to explain.
  { id: 'lazy-billing', label: 'card frame chunk: billing inputs (name, every country, postal formats, English texts)', maxGzip: 2_900 },
  {
    id: 'lazy-bank',
    label: 'card frame chunk: bank debits (choice of method, SEPA and US bank account panels, their confirm, English texts)',
    // Measured 10,951 B: the IBAN country and bank tables, the US account checks, the mandate texts and
    // labels in English, the inputs' markup and styles, and a copy of the gateway client (retries,
    // idempotency keys, the intent answer's check) that the card frame's inline script cannot share.
    maxGzip: 11_000,
  },
  { id: 'lazy-bin', label: 'card frame chunk: BIN report and its table', maxGzip: 700 },
  // The saved card's line and errors in English, its gateway steps (the intent with its card, the CVC token, the confirm) and the check that the intent pays with the card the page named.
  { id: 'lazy-saved-card', label: 'card frame chunk: a saved card and its CVC (payment-method)', maxGzip: 1_800 },
  { id: 'lazy-networks', label: "number input chunk: a co-badged card's network chooser (English text and styles)", maxGzip: 900 },
  {
    id: 'lazy-style-explanations',
    label: "frame chunk: a refused style in words (for the merchant's warning)",
    // Measured 1,495 B: every refusal's text, what each property takes and why each forbidden token is; no frame holds these words until it has a refusal to report.
    maxGzip: 1_600,
  },
  {
    id: 'brand-icons',
    label: "the number input's brand icons (one SVG sprite, loaded once a brand is shown)",
    // Measured 658 B for 14 cells (the neutral card for no brand is drawn by the stylesheet); the rest is room for one more brand's cell (about 50 B), not for logos.
    maxGzip: 800,
  },
];

/**
 * Pure: compares measured outputs with their budgets. A budget whose output was not measured
 * fails too, so a renamed or missing output cannot pass silently.
 * @param {{ id: string, gzip: number }[]} measurements
 * @param {{ id: string, label: string, maxGzip: number }[]} budgets
 */
export function checkBudgets(measurements, budgets) {
  const results = budgets.map((budget) => {
    const measured = measurements.find((measurement) => measurement.id === budget.id);
    if (!measured) return { ...budget, gzip: undefined, overBy: undefined, passed: false };
    const overBy = measured.gzip - budget.maxGzip;
    return { ...budget, gzip: measured.gzip, overBy: Math.max(0, overBy), passed: overBy <= 0 };
  });
  return { passed: results.every((result) => result.passed), results };
}

/** Pure: the report lines for one `checkBudgets` result. */
export function formatBudgetReport({ passed, results }) {
  const width = Math.max(...results.map((result) => result.label.length));
  const lines = results.map((result) => {
    const mark = result.passed ? 'ok  ' : 'OVER';
    const measured = result.gzip === undefined ? 'not built'.padStart(9) : `${result.gzip.toLocaleString('en')} B`.padStart(9);
    const note = result.gzip === undefined ? '  (output missing: build first)' : result.passed ? '' : `  (${result.overBy.toLocaleString('en')} B over)`;
    const goal = result.goal === undefined || !(result.gzip > result.goal) ? '' : `  (goal ${result.goal.toLocaleString('en')} B, not met: ${result.why})`;
    return `${mark}  ${result.label.padEnd(width)}  ${measured} gzip / budget ${result.maxGzip.toLocaleString('en')} B${note}${goal}`;
  });
  const failed = results.filter((result) => !result.passed);
  lines.push(
    passed
      ? 'All outputs are within their byte budgets.'
      : `${failed.length} output(s) over budget: ${failed.map((result) => result.id).join(', ')}. Make them smaller (npm run size:breakdown shows where the bytes go); do not raise the budget.`,
  );
  return lines;
}

async function main() {
  const dist = process.env.PAYFRAME_DIST_DIR ?? 'dist';
  if (!existsSync(dist)) {
    console.error(`No build in ${dist}/: run \`node scripts/build.mjs\` first.`);
    process.exit(1);
  }
  // Imported here so the pure functions above load without touching the filesystem.
  const { measureOutputs } = await import('./output-sizes.mjs');
  const result = checkBudgets(measureOutputs(dist), BUDGETS);
  for (const line of formatBudgetReport(result)) console.log(line);
  process.exit(result.passed ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
