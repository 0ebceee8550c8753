// Types into and clears a checkout's fields the way a shopper does (a key at a time, into the
// frames), then waits until the merchant page has the field's new state. Node (Playwright tests).
// What is typed never appears in an error: a failed step names the field only.
import type { Locator } from '@playwright/test';
import { fieldInput, type CardField, type CheckoutLayout } from './field-inputs.ts';
import { waitForFieldState } from './page-events.ts';
import { isTimeout, PayframeTestingError } from './testing-error.ts';

export interface FieldEntryTarget {
  host: Locator;
  layout: CheckoutLayout;
  timeout: number;
}

/** Runs a step on a field's input; Playwright's own error (which may quote the call) is replaced by one naming the field. */
async function onInput(target: FieldEntryTarget, field: CardField, what: string, step: (input: Locator) => Promise<void>): Promise<void> {
  const input = fieldInput(target.host, target.layout, field);
  try {
    await step(input);
  } catch (error) {
    if (error instanceof PayframeTestingError) throw error;
    throw new PayframeTestingError('typing_failed', `Could not ${what} the ${field} field${isTimeout(error) ? ` within ${target.timeout} ms (is its input there?)` : ''}.`);
  }
}

/** Types `text` after what the field holds, one key at a time, then waits for the page to have its state. */
export async function typeIntoField(target: FieldEntryTarget, field: CardField, text: string): Promise<void> {
  await onInput(target, field, 'type into', async (input) => {
    await input.focus({ timeout: target.timeout });
    await input.press('End', { timeout: target.timeout });
    await input.pressSequentially(text, { timeout: target.timeout });
  });
  await settleField(target, field);
}

/** Empties a field as a shopper does (select all, Backspace), then waits for the page to hear it is empty. */
export async function clearField(target: FieldEntryTarget, field: CardField): Promise<void> {
  await onInput(target, field, 'clear', async (input) => {
    await input.focus({ timeout: target.timeout });
    await input.press('ControlOrMeta+A', { timeout: target.timeout });
    await input.press('Backspace', { timeout: target.timeout });
  });
  await settleField(target, field);
}

/**
 * Waits until the merchant page holds the state the field now shows the shopper (empty, complete,
 * an error or none).
 * The frame's change message crosses processes on its own path: a tokenize() sent right after
 * typing could overtake it and find the field still incomplete.
 */
export async function settleField(target: FieldEntryTarget, field: CardField): Promise<void> {
  let shown: { empty: boolean; complete: boolean; invalid: boolean } | undefined;
  await onInput(target, field, 'read', async (input) => {
    // What the shopper sees: the value, the field's complete mark, and an error shown (aria-invalid, set with the error line).
    shown = await input.evaluate(
      (element) => ({ empty: (element as HTMLInputElement).value === '', complete: (element.closest('.field') ?? document.body).classList.contains('complete'), invalid: element.getAttribute('aria-invalid') === 'true' }),
      undefined,
      { timeout: target.timeout },
    );
  });
  await waitForFieldState(target.host, field, shown!, target.timeout);
}
