// The contract each card field (number, expiry, CVC) fulfils inside its frame: how it formats
// what the shopper types and how it judges it. Runs only on the fields origin.
import type { CardBrand } from '../../src/shared/card-brands.ts';
import type { FieldErrorCode } from '../../src/shared/errors.ts';

export interface FieldContext {
  /** The brand the number field has detected; the CVC length depends on it. */
  brand: CardBrand;
  now: Date;
}

/** `Code`: the card fields' codes by default; the bank fields have their own (BankErrorCode). */
export interface FieldEvaluation<Code extends string = FieldErrorCode> {
  empty: boolean;
  complete: boolean;
  /** An error to show at once: typing more can never make the value valid. */
  invalid?: Code;
  /** The error to show once the shopper leaves the field unfinished. */
  incomplete: Code;
  brand?: CardBrand;
  /** Complete and nothing more can be typed: focus may move to the next field. */
  advance: boolean;
}

export interface FieldBehaviour<Context = FieldContext, Evaluation = FieldEvaluation> {
  /** Turns whatever the input holds (typed, pasted, autofilled) into the display value. */
  format(raw: string, context: Context): string;
  /** What the controller sends to the gateway: digits, or "MM/YY" for the expiry. */
  canonical(display: string): string;
  evaluate(display: string, context: Context): Evaluation;
}

export type FieldState = 'empty' | 'incomplete' | 'invalid' | 'complete';

/** The one word for an evaluation: `invalid` only for an error shown at once, `incomplete` while typing may still fix it. */
export function fieldState(evaluation: FieldEvaluation<string>): FieldState {
  if (evaluation.empty) return 'empty';
  if (evaluation.invalid) return 'invalid';
  return evaluation.complete ? 'complete' : 'incomplete';
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}
